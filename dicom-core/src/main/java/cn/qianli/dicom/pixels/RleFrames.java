package cn.qianli.dicom.pixels;

import cn.qianli.dicom.DicomFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RLE Lossless frames (PS3.5 Annex G): a 64-byte header with the number of segments and their
 * offsets, then one PackBits-encoded segment per byte of each sample, most significant byte
 * first. Any number of samples and 8, 16 or 32 bits.
 */
final class RleFrames {

    private RleFrames() {
    }

    static int[] decode(byte[] frame, int rows, int columns, int samplesPerPixel, int bitsAllocated)
            throws DicomFormatException {
        if (frame.length < 64) {
            throw new DicomFormatException("RLE frame of " + frame.length + " bytes has no 64-byte header");
        }
        int bytesPerSample = bitsAllocated / 8;
        int expected = samplesPerPixel * bytesPerSample;
        ByteBuffer header = ByteBuffer.wrap(frame, 0, 64).order(ByteOrder.LITTLE_ENDIAN);
        int segments = header.getInt();
        if (segments != expected || bitsAllocated % 8 != 0) {
            throw new DicomFormatException("RLE frame has " + segments + " segments, " + samplesPerPixel
                    + " samples of " + bitsAllocated + " bits need " + expected);
        }
        int[] offsets = new int[segments + 1];
        for (int i = 0; i < segments; i++) {
            offsets[i] = header.getInt();
        }
        offsets[segments] = frame.length;
        int pixels = rows * columns;
        int[] out = new int[pixels * samplesPerPixel];
        byte[] segment = new byte[pixels];
        for (int s = 0; s < segments; s++) {
            int end = s + 1 < segments ? offsets[s + 1] : frame.length;
            if (offsets[s] < 64 || end > frame.length || end < offsets[s]) {
                throw new DicomFormatException("RLE segment " + s + " offset " + offsets[s] + " is outside the frame");
            }
            unpackBits(frame, offsets[s], end, segment, s);
            int sample = s / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int p = 0; p < pixels; p++) {
                out[p * samplesPerPixel + sample] |= (segment[p] & 0xFF) << shift;
            }
        }
        return out;
    }

    private static void unpackBits(byte[] in, int from, int end, byte[] out, int segmentIndex)
            throws DicomFormatException {
        int o = 0;
        int i = from;
        while (o < out.length && i < end) {
            int n = in[i++];
            if (n >= 0) {
                int count = n + 1;
                if (i + count > end || o + count > out.length) {
                    throw new DicomFormatException("RLE segment " + segmentIndex + " literal run overruns");
                }
                System.arraycopy(in, i, out, o, count);
                i += count;
                o += count;
            } else if (n != -128) {
                int count = -n + 1;
                if (i >= end || o + count > out.length) {
                    throw new DicomFormatException("RLE segment " + segmentIndex + " replicate run overruns");
                }
                byte v = in[i++];
                for (int k = 0; k < count; k++) {
                    out[o++] = v;
                }
            }
        }
        if (o < out.length) {
            throw new DicomFormatException("RLE segment " + segmentIndex + " decodes to " + o + " of "
                    + out.length + " bytes");
        }
    }
}
