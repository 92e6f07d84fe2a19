package cn.qianli.dicom.pixels;

import cn.qianli.dicom.DicomFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Frames to 8-bit images: the grey-scale pipeline of PS3.4 N.2 reduced to rescale and VOI. */
final class Rendering {

    private Rendering() {
    }

    static BufferedImage render(Frame f, Window window, int maxSize) throws DicomFormatException {
        BufferedImage image;
        if (f.isMonochrome() && f.samplesPerPixel() == 1) {
            image = grey(f, window);
        } else if (f.samplesPerPixel() == 3
                && (f.photometricInterpretation().equals("RGB") || f.photometricInterpretation().startsWith("YBR_FULL"))) {
            image = colour(f);
        } else if (f.palette() != null && f.samplesPerPixel() == 1) {
            image = palette(f);
        } else {
            throw new DicomFormatException("cannot render " + f.photometricInterpretation() + " with "
                    + f.samplesPerPixel() + " samples per pixel");
        }
        return maxSize > 0 ? fit(image, maxSize) : image;
    }

    private static BufferedImage grey(Frame f, Window window) {
        int[] s = f.samples();
        double slope = f.rescaleSlope();
        double intercept = f.rescaleIntercept();
        Window w = window != null ? window : f.window() != null ? f.window() : range(s, slope, intercept);
        double low = w.center() - 0.5 - (w.width() - 1) / 2;
        double high = w.center() - 0.5 + (w.width() - 1) / 2;
        boolean invert = f.photometricInterpretation().equals("MONOCHROME1");
        byte[] out = new byte[s.length];
        for (int i = 0; i < s.length; i++) {
            double x = (f.bitsStored() == 32 && !f.signed() ? Integer.toUnsignedLong(s[i]) : s[i]) * slope + intercept;
            int y;
            if (x <= low) {
                y = 0;
            } else if (x > high) {
                y = 255;
            } else {
                y = (int) Math.round(((x - (w.center() - 0.5)) / (w.width() - 1) + 0.5) * 255);
                y = Math.max(0, Math.min(255, y));
            }
            out[i] = (byte) (invert ? 255 - y : y);
        }
        BufferedImage image = new BufferedImage(f.columns(), f.rows(), BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, f.columns(), f.rows(), out);
        return image;
    }

    private static Window range(int[] s, double slope, double intercept) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int v : s) {
            double x = v * slope + intercept;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double width = Math.max(1, max - min + 1);
        return new Window(min + width / 2, width);
    }

    private static BufferedImage colour(Frame f) {
        int[] s = f.samples();
        int shift = Math.max(0, f.bitsStored() - 8);
        boolean ybr = f.photometricInterpretation().startsWith("YBR_FULL");
        BufferedImage image = new BufferedImage(f.columns(), f.rows(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[f.rows() * f.columns()];
        for (int p = 0; p < rgb.length; p++) {
            int a = s[p * 3] >>> shift;
            int b = s[p * 3 + 1] >>> shift;
            int c = s[p * 3 + 2] >>> shift;
            if (ybr) {
                // PS3.3 C.7.6.3.1.2, YBR_FULL to RGB
                double r = a + 1.402 * (c - 128);
                double g = a - 0.344136 * (b - 128) - 0.714136 * (c - 128);
                double bl = a + 1.772 * (b - 128);
                a = clamp(r);
                b = clamp(g);
                c = clamp(bl);
            }
            rgb[p] = (a & 0xFF) << 16 | (b & 0xFF) << 8 | (c & 0xFF);
        }
        image.setRGB(0, 0, f.columns(), f.rows(), rgb, 0, f.columns());
        return image;
    }

    private static BufferedImage palette(Frame f) {
        int[] s = f.samples();
        int[] rgb = new int[s.length];
        for (int p = 0; p < s.length; p++) {
            rgb[p] = f.palette().rgb(s[p]);
        }
        BufferedImage image = new BufferedImage(f.columns(), f.rows(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, f.columns(), f.rows(), rgb, 0, f.columns());
        return image;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static BufferedImage fit(BufferedImage image, int maxSize) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w <= maxSize && h <= maxSize) {
            return image;
        }
        double scale = (double) maxSize / Math.max(w, h);
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        BufferedImage out = new BufferedImage(nw, nh, image.getType());
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, nw, nh, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
