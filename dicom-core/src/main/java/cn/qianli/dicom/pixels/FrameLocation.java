package cn.qianli.dicom.pixels;

import cn.qianli.dicom.ByteRange;
import java.util.List;

/**
 * Where the bytes of one frame lie in a stored Part 10 file: one range for native pixel data,
 * one range per fragment for encapsulated (compressed) pixel data, in order.
 *
 * @param frame the frame index, from 0
 */
public record FrameLocation(int frame, boolean encapsulated, List<ByteRange> ranges) {

    public FrameLocation {
        ranges = List.copyOf(ranges);
    }

    /** Total number of bytes of the frame. */
    public long length() {
        return ranges.stream().mapToLong(ByteRange::length).sum();
    }
}
