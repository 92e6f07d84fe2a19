package cn.qianli.dicom.pixels;

/** A VOI window (PS3.3 C.11.2.1.2): center and width in rescaled (modality) values. */
public record Window(double center, double width) {

    public Window {
        if (!(width >= 1)) {
            throw new IllegalArgumentException("window width must be at least 1: " + width);
        }
    }
}
