package cn.qianli.dicom.pixels;

/**
 * One decoded frame: sample values as stored (before the modality LUT), one int per sample,
 * pixel by pixel and, for colour, sample by sample within a pixel (R, G, B), rows top to
 * bottom. Signed samples are sign-extended from {@code bitsStored}; 32-bit unsigned samples
 * are read with {@link Integer#toUnsignedLong(int)}.
 *
 * @param photometricInterpretation MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, PALETTE COLOR ...
 *     as the samples are (colour JPEG decoded to RGB says RGB)
 * @param window the first VOI window of the header, or null when it has none
 * @param palette the lookup tables of a PALETTE COLOR image, else null
 */
public record Frame(
        int rows,
        int columns,
        int samplesPerPixel,
        int bitsAllocated,
        int bitsStored,
        boolean signed,
        String photometricInterpretation,
        double rescaleSlope,
        double rescaleIntercept,
        Window window,
        int[] samples,
        Palette palette) {

    /** The sample at (row, column), sample index 0 for monochrome. */
    public int sample(int row, int column, int sampleIndex) {
        return samples[(row * columns + column) * samplesPerPixel + sampleIndex];
    }

    public boolean isMonochrome() {
        return photometricInterpretation.startsWith("MONOCHROME");
    }
}
