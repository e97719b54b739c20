package dev.nncompile.train;

import java.util.Locale;

/**
 * Draws on an SVG 1.1 document built as text: no dependencies, deterministic bytes (coordinates rounded to 0.1 px),
 * text escaped for XML.
 *
 * <pre>{@code
 * String svg = SvgCanvas.render(chart, 640, 400);   // a complete standalone <svg> document
 * }</pre>
 */
public final class SvgCanvas implements Canvas {
    private final StringBuilder body = new StringBuilder();

    private SvgCanvas() {}

    /** The chart as a standalone SVG document. */
    public static String render(Chart chart, int width, int height) {
        SvgCanvas canvas = new SvgCanvas();
        ChartPainter.paint(chart, canvas, width, height);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\""
                + height + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"DejaVu Sans, Arial, "
                + "sans-serif\">\n<title>" + Html.escape(chart.title()) + "</title>\n" + canvas.body + "</svg>\n";
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(colour(rgb))
                .append("\" stroke-width=\"").append(n(width)).append('"')
                .append(dashed ? " stroke-dasharray=\"4 3\"" : "").append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int rgb, double width) {
        body.append("<polyline fill=\"none\" stroke=\"").append(colour(rgb)).append("\" stroke-width=\"")
                .append(n(width)).append("\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            body.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        body.append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, int fillRgb) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(colour(fillRgb)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, boolean bold, boolean rotated) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"")
                .append(n(size)).append("\" fill=\"#222222\" text-anchor=\"")
                .append(anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end").append('"')
                .append(bold ? " font-weight=\"bold\"" : "")
                .append(rotated ? " transform=\"rotate(-90 " + n(x) + " " + n(y) + ")\"" : "")
                .append('>').append(Html.escape(text)).append("</text>\n");
    }

    private static String colour(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb & 0xFFFFFF);
    }

    private static String n(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
