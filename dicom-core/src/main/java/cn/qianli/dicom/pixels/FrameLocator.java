package cn.qianli.dicom.pixels;

import cn.qianli.dicom.ByteRange;
import cn.qianli.dicom.DataSet;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Element;
import cn.qianli.dicom.Tag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds each frame's bytes in the Pixel Data (7FE0,0010) of an instance, for WADO-RS frames
 * served as byte ranges of the stored file and for the decoder.
 *
 * <p>Native pixel data: frame i is {@code frameLength} bytes at {@code i * frameLength} from
 * the start of the value. Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table, or else
 * the Extended Offset Table, says where each frame's first fragment starts; without either, a
 * single frame takes all fragments, N frames in N fragments take one each, and otherwise a
 * fragment that opens with a JPEG SOI or JPEG 2000 SOC marker starts a frame.
 */
public final class FrameLocator {

    private static final long ITEM_HEADER = 8;

    private FrameLocator() {
    }

    /** Where each frame lies in the file the instance was read from. */
    public static List<FrameLocation> locate(DicomInstance instance) throws DicomFormatException {
        Element pixels = pixelData(instance);
        int frames = instance.identity().frames();
        List<FrameLocation> out = new ArrayList<>(frames);
        if (pixels.isEncapsulated()) {
            List<ByteRange> ranges = pixels.fragmentRanges();
            if (ranges == null) {
                throw notAddressable(instance);
            }
            List<List<Integer>> groups = fragmentsPerFrame(instance.dataSet(), pixels, frames);
            for (int f = 0; f < frames; f++) {
                List<ByteRange> frameRanges = new ArrayList<>();
                for (int index : groups.get(f)) {
                    frameRanges.add(ranges.get(index));
                }
                out.add(new FrameLocation(f, true, frameRanges));
            }
            return out;
        }
        if (pixels.valueOffset() < 0) {
            throw notAddressable(instance);
        }
        long frameLength = nativeFrameLength(instance.dataSet(), pixels, frames);
        for (int f = 0; f < frames; f++) {
            out.add(new FrameLocation(f, false,
                    List.of(new ByteRange(pixels.valueOffset() + f * frameLength, frameLength))));
        }
        return out;
    }

    /**
     * The bytes of one frame (from 0) of an instance read with its Pixel Data: the compressed
     * bitstream, or the native samples in the data set's byte order. For a deflated instance,
     * whose stored bytes hold no frame at any offset, these are the native little endian samples
     * after inflation.
     */
    public static byte[] frameBytes(DicomInstance instance, int frame) throws DicomFormatException {
        Element pixels = pixelData(instance);
        int frames = instance.identity().frames();
        if (frame < 0 || frame >= frames) {
            throw new IllegalArgumentException("frame " + frame + " of " + frames);
        }
        if (pixels.isEncapsulated()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int index : fragmentsPerFrame(instance.dataSet(), pixels, frames).get(frame)) {
                ByteBuffer fragment = pixels.fragmentBuffer(index);
                byte[] bytes = new byte[fragment.remaining()];
                fragment.get(bytes);
                out.writeBytes(bytes);
            }
            return out.toByteArray();
        }
        long frameLength = nativeFrameLength(instance.dataSet(), pixels, frames);
        ByteBuffer b = pixels.buffer();
        byte[] out = new byte[(int) frameLength];
        b.get((int) (frame * frameLength), out);
        return out;
    }

    private static Element pixelData(DicomInstance instance) throws DicomFormatException {
        Element pixels = instance.dataSet().get(Tag.PixelData);
        if (pixels == null) {
            throw new DicomFormatException(instance.isComplete()
                    ? "instance has no Pixel Data (7FE0,0010)"
                    : "instance was read without its Pixel Data (readHeader)");
        }
        return pixels;
    }

    static long nativeFrameLength(DataSet ds, Element pixels, int frames) throws DicomFormatException {
        long rows = ds.getInt(Tag.Rows, 0);
        long columns = ds.getInt(Tag.Columns, 0);
        long samples = ds.getInt(Tag.SamplesPerPixel, 1);
        int bitsAllocated = ds.getInt(Tag.BitsAllocated, 0);
        if (rows <= 0 || columns <= 0 || samples <= 0 || bitsAllocated <= 0) {
            throw new DicomFormatException("Rows, Columns, Samples per Pixel and Bits Allocated must be"
                    + " positive: " + rows + ", " + columns + ", " + samples + ", " + bitsAllocated);
        }
        long bits = rows * columns * samples * bitsAllocated;
        if ("YBR_FULL_422".equals(ds.getString(Tag.PhotometricInterpretation))) {
            bits = bits * 2 / 3;
        }
        if (bits % 8 != 0 && frames > 1) {
            throw new DicomFormatException("frames of " + bitsAllocated + "-bit Pixel Data do not start"
                    + " on byte boundaries");
        }
        long frameLength = (bits + 7) / 8;
        if (frameLength * frames > pixels.length()) {
            throw new DicomFormatException("Pixel Data has " + pixels.length() + " bytes, " + frames
                    + " frames of " + frameLength + " bytes need " + frameLength * frames);
        }
        return frameLength;
    }

    /** For each frame, the indexes of its fragments (1 is the first fragment after the table). */
    static List<List<Integer>> fragmentsPerFrame(DataSet ds, Element pixels, int frames)
            throws DicomFormatException {
        int count = pixels.fragmentCount() - 1;
        if (count < frames) {
            throw new DicomFormatException("encapsulated Pixel Data has " + count + " fragments for "
                    + frames + " frames");
        }
        // position of each fragment's item tag, relative to the first fragment's item tag
        long[] itemStart = new long[count + 1];
        long position = 0;
        for (int i = 1; i <= count; i++) {
            itemStart[i] = position;
            position += ITEM_HEADER + pixels.fragmentLength(i);
        }
        long[] offsets = offsetTable(ds, pixels, frames);
        List<List<Integer>> groups = new ArrayList<>(frames);
        if (offsets != null) {
            for (int f = 0; f < frames; f++) {
                long start = offsets[f];
                long end = f + 1 < frames ? offsets[f + 1] : Long.MAX_VALUE;
                List<Integer> group = new ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    if (itemStart[i] >= start && itemStart[i] < end) {
                        group.add(i);
                    }
                }
                if (group.isEmpty() || itemStart[group.get(0)] != start) {
                    throw new DicomFormatException("offset table entry " + f + " (" + start
                            + ") does not point at a fragment");
                }
                groups.add(group);
            }
            return groups;
        }
        if (frames == 1) {
            List<Integer> all = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                all.add(i);
            }
            groups.add(all);
            return groups;
        }
        if (count == frames) {
            for (int i = 1; i <= count; i++) {
                groups.add(List.of(i));
            }
            return groups;
        }
        for (int i = 1; i <= count; i++) {
            ByteBuffer head = pixels.fragmentBuffer(i);
            boolean startsFrame = head.remaining() >= 2 && (head.get(0) & 0xFF) == 0xFF
                    && ((head.get(1) & 0xFF) == 0xD8 || (head.get(1) & 0xFF) == 0x4F);
            if (startsFrame || groups.isEmpty()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(i);
        }
        if (groups.size() != frames) {
            throw new DicomFormatException("cannot tell which of " + count + " fragments belong to each of "
                    + frames + " frames: no offset table and " + groups.size() + " frame start markers");
        }
        return groups;
    }

    private static long[] offsetTable(DataSet ds, Element pixels, int frames) throws DicomFormatException {
        byte[] bot = pixels.fragment(0);
        if (bot.length > 0) {
            if (bot.length != 4 * frames) {
                throw new DicomFormatException("Basic Offset Table has " + bot.length / 4 + " entries for "
                        + frames + " frames");
            }
            ByteBuffer b = ByteBuffer.wrap(bot).order(ByteOrder.LITTLE_ENDIAN);
            long[] offsets = new long[frames];
            for (int f = 0; f < frames; f++) {
                offsets[f] = b.getInt() & 0xFFFFFFFFL;
            }
            return offsets;
        }
        Element extended = ds.get(Tag.ExtendedOffsetTable);
        if (extended != null && !extended.isEmpty()) {
            ByteBuffer b = extended.buffer().order(ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() != 8 * frames) {
                throw new DicomFormatException("Extended Offset Table has " + b.remaining() / 8
                        + " entries for " + frames + " frames");
            }
            long[] offsets = new long[frames];
            for (int f = 0; f < frames; f++) {
                offsets[f] = b.getLong();
            }
            return offsets;
        }
        return null;
    }

    private static DicomFormatException notAddressable(DicomInstance instance) {
        return new DicomFormatException("frames of a " + TransferSyntaxName.of(instance.transferSyntaxUid())
                + " data set have no byte ranges in the stored file");
    }
}
