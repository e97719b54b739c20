package dev.nncompile.train;

/**
 * The few drawing operations a {@link ChartPainter} needs, so one painter serves both the SVG and the PNG output.
 * Coordinates are pixels, y growing downwards; colours are {@code 0xRRGGBB}.
 */
interface Canvas {
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed);

    void polyline(double[] xs, double[] ys, int rgb, double width);

    void rect(double x, double y, double w, double h, int fillRgb);

    /** Text whose baseline starts, centres or ends at (x, y); {@code rotated} turns it 90° counter-clockwise. */
    void text(double x, double y, String text, double size, Anchor anchor, boolean bold, boolean rotated);
}
