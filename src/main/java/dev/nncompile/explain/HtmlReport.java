package dev.nncompile.explain;

import dev.nncompile.sym.MathMlPrinter;
import java.util.List;

/**
 * Writes a {@link Report} as one self-contained HTML file: MathML Core for every formula (rendered natively by
 * current browsers, no script, no CDN, works offline), the LaTeX source kept in
 * {@code <annotation encoding="application/x-tex">}, a little inline CSS. The markup is XHTML-compatible (every
 * element closed, only XML's predefined entities), so an XML parser reads it too.
 *
 * <pre>{@code
 * Files.writeString(Path.of("report.html"), new HtmlReport().write(report));
 * }</pre>
 */
final class HtmlReport {
    private static final String MATHML = "http://www.w3.org/1998/Math/MathML";
    private static final String STYLE = String.join("\n",
            "body { font-family: system-ui, sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em;",
            "       line-height: 1.5; color: #222; }",
            "h1 { margin-bottom: 0.2em; }",
            "h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 1.6em; }",
            "math[display=\"block\"] { margin: 0.6em 0; overflow-x: auto; }",
            "p.subtitle { color: #555; }");

    String write(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n")
                .append("<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>").append(escape(report.title())).append(" — derivation</title>\n")
                .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(report.title())).append("</h1>\n")
                .append("<p class=\"subtitle\">").append(escape(report.subtitle())).append("</p>\n");
        for (Report.Section section : report.sections()) {
            out.append("<section>\n<h2>").append(escape(section.title())).append("</h2>\n");
            boolean inList = false;
            for (Report.Block block : section.blocks()) {
                boolean item = block instanceof Report.Item;
                if (inList && !item) {
                    out.append("</ul>\n");
                } else if (!inList && item) {
                    out.append("<ul>\n");
                }
                inList = item;
                if (block instanceof Report.Paragraph p) {
                    out.append("<p>").append(inline(p.content())).append("</p>\n");
                } else if (block instanceof Report.Item i) {
                    out.append("<li>").append(inline(i.content())).append("</li>\n");
                } else {
                    out.append(math(((Report.Display) block).formula(), true)).append('\n');
                }
            }
            if (inList) {
                out.append("</ul>\n");
            }
            out.append("</section>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static String inline(List<Report.Inline> content) {
        StringBuilder out = new StringBuilder();
        for (Report.Inline part : content) {
            out.append(part instanceof Report.Words w ? escape(w.text()) : math(((Report.Math) part).formula(), false));
        }
        return out.toString();
    }

    private static String math(Formula f, boolean display) {
        return "<math xmlns=\"" + MATHML + "\"" + (display ? " display=\"block\"" : "") + "><semantics>"
                + f.mathml() + "<annotation encoding=\"application/x-tex\">" + escape(f.latex())
                + "</annotation></semantics></math>";
    }

    private static String escape(String s) {
        return MathMlPrinter.escape(s);
    }
}
