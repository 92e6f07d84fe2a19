package cn.qianli.dicom.synthetic;

/**
 * Pixels of an axial slice through an elliptical head: air, a 7 mm-ish skull ring, brain tissue
 * and two ventricles, in stored values (HU + 1024), with a little deterministic texture so that
 * compression and rendering see something real. The head narrows towards the top slices.
 */
final class HeadPhantom {

    private static final int AIR = -1000;
    private static final int BONE = 1000;
    private static final int BRAIN = 35;
    private static final int CSF = 8;
    private static final int INTERCEPT = -1024;

    private HeadPhantom() {
    }

    static short[] slice(int rows, int columns, int slice, int slices) {
        short[] pixels = new short[rows * columns];
        double level = slices == 1 ? 0.5 : (double) slice / (slices - 1);
        double scale = 0.55 + 0.45 * Math.sin(Math.PI * (0.15 + 0.7 * level));
        double a = 0.40 * columns * scale;
        double b = 0.46 * rows * scale;
        double skull = 0.07 * Math.min(a, b);
        double cx = columns / 2.0;
        double cy = rows / 2.0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double r = Math.sqrt(dx * dx / (a * a) + dy * dy / (b * b));
                int hu;
                if (r > 1.0) {
                    hu = AIR;
                } else if (r > 1.0 - skull / Math.min(a, b)) {
                    hu = BONE;
                } else if (isVentricle(dx, dy, a, b)) {
                    hu = CSF;
                } else {
                    hu = BRAIN + texture(x, y, slice);
                }
                pixels[y * columns + x] = (short) (hu - INTERCEPT);
            }
        }
        return pixels;
    }

    private static boolean isVentricle(double dx, double dy, double a, double b) {
        double vx = Math.abs(dx) - 0.12 * a;
        double vy = dy + 0.05 * b;
        return (vx * vx) / (0.06 * a * 0.06 * a) + (vy * vy) / (0.22 * b * 0.22 * b) < 1.0;
    }

    private static int texture(int x, int y, int slice) {
        int h = x * 73856093 ^ y * 19349663 ^ slice * 83492791;
        return Math.floorMod(h, 7) - 3;
    }
}
