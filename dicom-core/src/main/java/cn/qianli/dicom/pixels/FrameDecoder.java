package cn.qianli.dicom.pixels;

import cn.qianli.dicom.DataSet;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Element;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import cn.qianli.dicom.Vr;
import cn.qianli.dicom.internal.ToolkitFrameDecoder;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;

/**
 * Decodes a frame of an instance into its sample values, and renders a frame to an 8-bit image.
 *
 * <p>Decoded here: native pixel data (implicit and explicit VR little endian, explicit VR big
 * endian, deflated data sets) of 1, 8, 16 and 32 bits, RLE Lossless of 8, 16 and 32 bits; and
 * through the toolkit JPEG Baseline, 8-bit JPEG Extended, JPEG Lossless (processes 14 and 14 SV1)
 * and JPEG 2000 (lossless and lossy). Everything else (JPEG-LS, 12-bit lossy JPEG,
 * High-Throughput JPEG 2000, deflated image frames ...) is an
 * {@link UnsupportedTransferSyntaxException} naming the transfer syntax, never guessed pixels.
 */
public final class FrameDecoder {

    private static final Set<String> NATIVE = Set.of(Uid.IMPLICIT_VR_LITTLE_ENDIAN,
            Uid.EXPLICIT_VR_LITTLE_ENDIAN, Uid.EXPLICIT_VR_BIG_ENDIAN, Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    private static final Set<String> TOOLKIT = Set.of(Uid.JPEG_BASELINE_8BIT, Uid.JPEG_EXTENDED_12BIT,
            Uid.JPEG_LOSSLESS, Uid.JPEG_LOSSLESS_SV1, Uid.JPEG_2000_LOSSLESS, Uid.JPEG_2000);

    /** Largest frame decoded into memory: 2^28 samples (1 GiB of ints). */
    static final long MAX_SAMPLES = 1L << 28;

    private FrameDecoder() {
    }

    /** True when frames in this transfer syntax can be decoded (8-bit only for JPEG Extended). */
    public static boolean canDecode(String transferSyntaxUid) {
        return NATIVE.contains(transferSyntaxUid) || TOOLKIT.contains(transferSyntaxUid)
                || Uid.RLE_LOSSLESS.equals(transferSyntaxUid);
    }

    /**
     * Decodes frame {@code frame} (from 0) of an instance read with its Pixel Data. Rescale and
     * window come from the frame's functional groups in an enhanced multi-frame image, else from
     * the top level of the data set.
     */
    public static Frame decode(DicomInstance instance, int frame) throws DicomFormatException {
        String ts = instance.transferSyntaxUid();
        if (!canDecode(ts)) {
            throw new UnsupportedTransferSyntaxException(ts, null);
        }
        DataSet ds = instance.dataSet();
        PixelModule module = PixelModule.of(ds);
        byte[] swapped = wordSwappedFrame(instance, module, frame);
        Samples decoded = swapped != null ? samples(Uid.EXPLICIT_VR_LITTLE_ENDIAN, swapped, module, frame)
                : samples(ts, FrameLocator.frameBytes(instance, frame), module, frame);
        int[] samples = decoded.values();
        NativeSamples.mask(samples, module.bitsStored(), module.signed());
        DataSet transformation = FunctionalGroups.item(ds, frame, Tag.PixelValueTransformationSequence);
        DataSet voi = FunctionalGroups.item(ds, frame, Tag.FrameVOILUTSequence);
        double slope = transformation.getDouble(Tag.RescaleSlope, 1.0);
        double intercept = transformation.getDouble(Tag.RescaleIntercept, 0.0);
        String photometric = decoded.photometricInterpretation();
        Palette palette = "PALETTE COLOR".equals(photometric) ? Palette.of(ds) : null;
        return new Frame(module.rows(), module.columns(), module.samplesPerPixel(), module.bitsAllocated(),
                module.bitsStored(), module.signed(), photometric, slope == 0 ? 1.0 : slope, intercept,
                headerWindow(voi), samples, palette);
    }

    /** Sample values of a frame as decoded, pixel by pixel, and the photometric they are in. */
    record Samples(int[] values, String photometricInterpretation) {
    }

    /**
     * The samples of one frame's bytes in transfer syntax {@code ts} (native bytes in its byte
     * order, else one compressed frame), unmasked; {@code frame} only names it in errors.
     */
    static Samples samples(String ts, byte[] bytes, PixelModule module, int frame) throws DicomFormatException {
        if (!canDecode(ts)) {
            throw new UnsupportedTransferSyntaxException(ts, null);
        }
        int rows = module.rows();
        int columns = module.columns();
        int samplesPerPixel = module.samplesPerPixel();
        int bitsAllocated = module.bitsAllocated();
        String photometric = module.photometricInterpretation();
        if (NATIVE.contains(ts)) {
            ByteOrder order = Uid.EXPLICIT_VR_BIG_ENDIAN.equals(ts) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            boolean ybr422 = "YBR_FULL_422".equals(photometric) && samplesPerPixel == 3 && bitsAllocated == 8;
            long expected = ybr422 ? (long) rows * columns * 2 : module.nativeFrameLength();
            if (bytes.length < expected) {
                throw new DicomFormatException("frame " + frame + " has " + bytes.length + " bytes, " + expected
                        + " expected");
            }
            int[] samples = NativeSamples.unpack(bytes, order, rows, columns, samplesPerPixel, bitsAllocated,
                    module.planarConfiguration(), ybr422);
            return new Samples(samples, ybr422 ? "YBR_FULL" : photometric);
        }
        if (Uid.RLE_LOSSLESS.equals(ts)) {
            if (bitsAllocated == 1) {
                throw new UnsupportedTransferSyntaxException(ts, "1-bit samples");
            }
            return new Samples(RleFrames.decode(bytes, rows, columns, samplesPerPixel, bitsAllocated), photometric);
        }
        if (bitsAllocated > 16) {
            throw new UnsupportedTransferSyntaxException(ts, bitsAllocated + "-bit samples");
        }
        if (Uid.JPEG_EXTENDED_12BIT.equals(ts) && module.bitsStored() > 8) {
            throw new UnsupportedTransferSyntaxException(ts, "12-bit lossy JPEG");
        }
        try {
            ToolkitFrameDecoder.Decoded decoded = ToolkitFrameDecoder.decode(ts, bytes, rows, columns,
                    samplesPerPixel, bitsAllocated, photometric.startsWith("YBR"));
            if (decoded.samplesPerPixel() != samplesPerPixel) {
                throw new DicomFormatException("frame " + frame + " decoded to " + decoded.samplesPerPixel()
                        + " samples per pixel, the header says " + samplesPerPixel);
            }
            if (samplesPerPixel == 3 && (decoded.convertedToRgb() || photometric.startsWith("YBR_ICT")
                    || photometric.startsWith("YBR_RCT") || isJpegYbr(ts, photometric))) {
                photometric = "RGB";
            }
            return new Samples(decoded.samples(), photometric);
        } catch (ToolkitFrameDecoder.DecodeFailure e) {
            throw new DicomFormatException("frame " + frame + " in " + TransferSyntaxName.of(ts)
                    + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * Renders a frame to an 8-bit image: monochrome through the modality rescale and a linear
     * VOI window (the given one, else the header's, else the frame's value range), MONOCHROME1
     * inverted; colour (RGB, YBR_FULL, PALETTE COLOR through its lookup tables) as RGB. Scaled down to fit {@code maxSize} pixels on the
     * longer side when that is positive.
     */
    public static BufferedImage render(Frame frame, Window window, int maxSize) throws DicomFormatException {
        return Rendering.render(frame, window, maxSize);
    }

    private static boolean isJpegYbr(String ts, String photometric) {
        return photometric.startsWith("YBR_FULL")
                && (Uid.JPEG_BASELINE_8BIT.equals(ts) || Uid.JPEG_EXTENDED_12BIT.equals(ts));
    }

    private static Window headerWindow(DataSet ds) {
        double center = ds.getDouble(Tag.WindowCenter, Double.NaN);
        double width = ds.getDouble(Tag.WindowWidth, Double.NaN);
        return Double.isFinite(center) && width >= 1 ? new Window(center, width) : null;
    }

    /**
     * For 8-bit samples in an explicit VR big endian OW value, which holds them in byte-swapped
     * 16-bit words, the frame's samples in order (the whole value swapped, then the frame taken,
     * as frames of odd length straddle words); else null.
     */
    static byte[] wordSwappedFrame(DicomInstance instance, PixelModule module, int frame) throws DicomFormatException {
        DataSet ds = instance.dataSet();
        Element pixels = ds.get(Tag.PixelData);
        if (!Uid.EXPLICIT_VR_BIG_ENDIAN.equals(instance.transferSyntaxUid()) || module.bitsAllocated() != 8
                || pixels == null || pixels.vr() != Vr.OW || pixels.isEncapsulated()) {
            return null;
        }
        byte[] all = pixels.bytes();
        swapPairs(all);
        long length = FrameLocator.nativeFrameLength(ds, pixels, instance.identity().frames());
        return Arrays.copyOfRange(all, (int) (frame * length), (int) ((frame + 1) * length));
    }

    private static void swapPairs(byte[] b) {
        for (int i = 0; i + 1 < b.length; i += 2) {
            byte t = b[i];
            b[i] = b[i + 1];
            b[i + 1] = t;
        }
    }
}
