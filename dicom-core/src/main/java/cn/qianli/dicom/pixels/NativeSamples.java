package cn.qianli.dicom.pixels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Samples of native (uncompressed) frames, PS3.5 section 8.1: unpacks 1, 8, 16 and 32-bit
 * values in the transfer syntax's byte order, planar configuration 1 to pixel by pixel, and
 * YBR_FULL_422's shared chroma to one Y, Cb, Cr triple per pixel.
 */
final class NativeSamples {

    private NativeSamples() {
    }

    static int[] unpack(byte[] frame, ByteOrder order, int rows, int columns, int samplesPerPixel,
            int bitsAllocated, int planarConfiguration, boolean ybr422) {
        int pixels = rows * columns;
        if (ybr422) {
            return expandYbr422(frame, pixels);
        }
        int count = pixels * samplesPerPixel;
        int[] raw = new int[count];
        ByteBuffer b = ByteBuffer.wrap(frame).order(order);
        switch (bitsAllocated) {
            case 1 -> {
                for (int i = 0; i < count; i++) {
                    raw[i] = (frame[i >>> 3] >>> (i & 7)) & 1;
                }
            }
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    raw[i] = frame[i] & 0xFF;
                }
            }
            case 16 -> {
                for (int i = 0; i < count; i++) {
                    raw[i] = b.getShort(i * 2) & 0xFFFF;
                }
            }
            case 32 -> {
                for (int i = 0; i < count; i++) {
                    raw[i] = b.getInt(i * 4);
                }
            }
            default -> throw new IllegalArgumentException("Bits Allocated " + bitsAllocated);
        }
        return planarConfiguration == 1 && samplesPerPixel > 1
                ? interleave(raw, pixels, samplesPerPixel) : raw;
    }

    /** Plane by plane (R..., G..., B...) to pixel by pixel (R, G, B, ...). */
    static int[] interleave(int[] planes, int pixels, int samplesPerPixel) {
        int[] out = new int[planes.length];
        for (int s = 0; s < samplesPerPixel; s++) {
            for (int p = 0; p < pixels; p++) {
                out[p * samplesPerPixel + s] = planes[s * pixels + p];
            }
        }
        return out;
    }

    private static int[] expandYbr422(byte[] frame, int pixels) {
        int[] out = new int[pixels * 3];
        for (int p = 0; p < pixels; p += 2) {
            int at = p * 2;
            int y1 = frame[at] & 0xFF;
            int y2 = frame[at + 1] & 0xFF;
            int cb = frame[at + 2] & 0xFF;
            int cr = frame[at + 3] & 0xFF;
            out[p * 3] = y1;
            out[p * 3 + 1] = cb;
            out[p * 3 + 2] = cr;
            if (p + 1 < pixels) {
                out[p * 3 + 3] = y2;
                out[p * 3 + 4] = cb;
                out[p * 3 + 5] = cr;
            }
        }
        return out;
    }

    /** Keeps the low {@code bitsStored} bits and sign-extends them when the samples are signed. */
    static void mask(int[] samples, int bitsStored, boolean signed) {
        if (bitsStored >= 32) {
            return;
        }
        int m = (1 << bitsStored) - 1;
        int sign = 1 << (bitsStored - 1);
        for (int i = 0; i < samples.length; i++) {
            int v = samples[i] & m;
            samples[i] = signed && (v & sign) != 0 ? v - (1 << bitsStored) : v;
        }
    }
}
