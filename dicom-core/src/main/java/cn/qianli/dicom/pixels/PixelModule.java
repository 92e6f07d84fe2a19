package cn.qianli.dicom.pixels;

import cn.qianli.dicom.DataSet;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.Tag;

/**
 * The Image Pixel module attributes (PS3.3 C.7.6.3) a frame's bytes need to be decoded: from a
 * data set, or from an index that kept them, so a single frame can be decoded without reading
 * the rest of its object.
 */
public record PixelModule(
        int rows,
        int columns,
        int samplesPerPixel,
        int bitsAllocated,
        int bitsStored,
        boolean signed,
        int planarConfiguration,
        String photometricInterpretation) {

    /**
     * Checks the attributes: rows, columns and samples positive, at most {@link
     * FrameDecoder#MAX_SAMPLES} samples a frame, Bits Allocated 1, 8, 16 or 32, Bits Stored
     * within it.
     */
    public static PixelModule of(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
            boolean signed, int planarConfiguration, String photometricInterpretation) throws DicomFormatException {
        if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0) {
            throw new DicomFormatException("image without Rows, Columns or Samples per Pixel");
        }
        if ((long) rows * columns * samplesPerPixel > FrameDecoder.MAX_SAMPLES) {
            throw new DicomFormatException("frame of " + rows + " x " + columns + " x " + samplesPerPixel
                    + " samples is too large to decode");
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new DicomFormatException("Bits Allocated " + bitsAllocated + " is not 1, 8, 16 or 32");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new DicomFormatException("Bits Stored " + bitsStored + " with Bits Allocated " + bitsAllocated);
        }
        return new PixelModule(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed,
                planarConfiguration, photometricInterpretation == null ? "MONOCHROME2" : photometricInterpretation);
    }

    /** The module of a data set's top level; absent Bits Stored is Bits Allocated. */
    public static PixelModule of(DataSet ds) throws DicomFormatException {
        int bitsAllocated = ds.getInt(Tag.BitsAllocated, 0);
        return of(ds.getInt(Tag.Rows, 0), ds.getInt(Tag.Columns, 0), ds.getInt(Tag.SamplesPerPixel, 1),
                bitsAllocated, ds.getInt(Tag.BitsStored, bitsAllocated), ds.getInt(Tag.PixelRepresentation, 0) == 1,
                ds.getInt(Tag.PlanarConfiguration, 0), ds.getString(Tag.PhotometricInterpretation, "MONOCHROME2"));
    }

    /** Bytes of one native frame: {@code rows * columns * samples} samples of Bits Allocated. */
    public long nativeFrameLength() {
        long samples = (long) rows * columns * samplesPerPixel;
        return bitsAllocated == 1 ? (samples + 7) / 8 : samples * (bitsAllocated / 8);
    }
}
