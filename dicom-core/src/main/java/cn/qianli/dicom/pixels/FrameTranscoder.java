package cn.qianli.dicom.pixels;

import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Uid;

/**
 * One frame's bytes from its stored transfer syntax to native Explicit VR Little Endian samples
 * (PS3.5 section 8.1.1), as a WADO-RS frames response sends them when uncompressed samples are
 * asked for: Bits Allocated wide, in the stored Planar Configuration, the stored bit patterns
 * kept. Little endian native frames are already that. A frame that decodes to another
 * Photometric Interpretation than its header says (colour JPEG decoded to RGB, YBR_FULL_422
 * expanded) is refused: its header would no longer describe it.
 */
public final class FrameTranscoder {

    private FrameTranscoder() {
    }

    /** True when frames stored in this transfer syntax can be sent as native little endian samples. */
    public static boolean canTranscode(String transferSyntaxUid) {
        return FrameDecoder.canDecode(transferSyntaxUid);
    }

    /**
     * The native little endian bytes of frame {@code frame} (from 0) of an instance read with its
     * Pixel Data. Unlike the byte-range form below this also serves 8-bit samples held in big
     * endian 16-bit words, whose frames are not their stored bytes in any order.
     *
     * @throws UnsupportedTransferSyntaxException when it cannot be decoded, or would change its
     *     Photometric Interpretation
     * @throws DicomFormatException when the instance has no such frame or it does not decode
     */
    public static byte[] toExplicitLittleEndian(DicomInstance instance, int frame) throws DicomFormatException {
        PixelModule module = PixelModule.of(instance.dataSet());
        byte[] swapped = FrameDecoder.wordSwappedFrame(instance, module, frame);
        return swapped != null ? swapped
                : toExplicitLittleEndian(instance.transferSyntaxUid(), FrameLocator.frameBytes(instance, frame), module);
    }

    /**
     * True when a frame's native little endian samples cannot be made from its stored byte range
     * alone, only from the whole instance: a deflated data set holds no frame at any offset, and
     * 8-bit big endian samples may sit in swapped 16-bit words (the VR, OB or OW, says which).
     */
    public static boolean needsWholeObject(String transferSyntaxUid, PixelModule module) {
        return Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid)
                || (Uid.EXPLICIT_VR_BIG_ENDIAN.equals(transferSyntaxUid) && module.bitsAllocated() == 8);
    }

    /**
     * The native little endian bytes of {@code frame}, stored in {@code transferSyntaxUid}
     * (native bytes in its byte order, else one compressed frame).
     *
     * @throws UnsupportedTransferSyntaxException when it cannot be decoded, or would change its
     *     Photometric Interpretation
     * @throws DicomFormatException when the bytes are not a frame of that module
     */
    public static byte[] toExplicitLittleEndian(String transferSyntaxUid, byte[] frame, PixelModule module)
            throws DicomFormatException {
        if (Uid.IMPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid) || Uid.EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid)
                || Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid)) {
            return frame;
        }
        if (module.bitsAllocated() == 1) {
            throw new UnsupportedTransferSyntaxException(transferSyntaxUid, "1-bit samples");
        }
        FrameDecoder.Samples decoded = FrameDecoder.samples(transferSyntaxUid, frame, module, 0);
        if (!decoded.photometricInterpretation().equals(module.photometricInterpretation())) {
            throw new UnsupportedTransferSyntaxException(transferSyntaxUid, "its frames decode to "
                    + decoded.photometricInterpretation() + " while the header says " + module.photometricInterpretation());
        }
        return pack(decoded.values(), module);
    }

    /** Samples pixel by pixel to little endian bytes of Bits Allocated, planes first when the module says so. */
    private static byte[] pack(int[] samples, PixelModule module) {
        int bytesPerSample = module.bitsAllocated() / 8;
        int spp = module.samplesPerPixel();
        int pixels = samples.length / spp;
        boolean planar = module.planarConfiguration() == 1 && spp > 1;
        byte[] out = new byte[samples.length * bytesPerSample];
        for (int p = 0; p < pixels; p++) {
            for (int s = 0; s < spp; s++) {
                int value = samples[p * spp + s];
                int at = (planar ? s * pixels + p : p * spp + s) * bytesPerSample;
                for (int b = 0; b < bytesPerSample; b++) {
                    out[at + b] = (byte) (value >>> (8 * b));
                }
            }
        }
        return out;
    }
}
