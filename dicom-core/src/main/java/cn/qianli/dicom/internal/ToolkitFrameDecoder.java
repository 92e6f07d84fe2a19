package cn.qianli.dicom.internal;

import com.pixelmed.dicom.CompressedFrameDecoder;
import com.pixelmed.dicom.DicomException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;

/**
 * Decompresses one JPEG, JPEG lossless or JPEG 2000 frame with PixelMed's
 * {@code CompressedFrameDecoder} and the Image I/O readers it finds (the JDK's JPEG reader,
 * PixelMed's lossless JPEG reader, jai-imageio's JPEG 2000 reader).
 */
public final class ToolkitFrameDecoder {

    private ToolkitFrameDecoder() {
    }

    /**
     * The decoded samples of one frame, pixel by pixel, and whether the decoder turned YCbCr
     * into RGB on the way.
     */
    public record Decoded(int[] samples, int samplesPerPixel, boolean convertedToRgb) {
    }

    /** Thrown when the toolkit cannot decode the frame; the message says why. */
    public static final class DecodeFailure extends Exception {
        DecodeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Decoded decode(String transferSyntaxUid, byte[] frame, int rows, int columns,
            int samplesPerPixel, int bitsAllocated, boolean ybr) throws DecodeFailure {
        ColorSpace colorSpace = ColorSpace.getInstance(samplesPerPixel == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        try {
            CompressedFrameDecoder decoder = new CompressedFrameDecoder(transferSyntaxUid,
                    new byte[][] {frame}, Math.max(1, bitsAllocated / 8), columns, rows, samplesPerPixel,
                    colorSpace, ybr);
            BufferedImage image = decoder.getDecompressedFrameAsBufferedImage(0);
            if (image == null) {
                throw new DecodeFailure("the decoder returned no image", null);
            }
            Raster raster = image.getRaster();
            if (raster.getWidth() != columns || raster.getHeight() != rows) {
                throw new DecodeFailure("decoded " + raster.getWidth() + "x" + raster.getHeight()
                        + " but the header says " + columns + "x" + rows, null);
            }
            int bands = raster.getNumBands();
            int[] samples = raster.getPixels(0, 0, columns, rows, (int[]) null);
            return new Decoded(samples, bands, decoder.getColorSpaceConvertedToRGBDuringDecompression());
        } catch (DicomException | IOException | RuntimeException e) {
            throw new DecodeFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
