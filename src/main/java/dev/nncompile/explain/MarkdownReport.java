package dev.nncompile.explain;

import java.util.List;

/**
 * Writes a {@link Report} as GitHub-flavoured Markdown: inline math as {@code $…$}, one {@code $$…$$} display
 * block per equation (GitHub renders both with MathJax; no HTML needed).
 *
 * <pre>{@code
 * Files.writeString(Path.of("gradients.md"), new MarkdownReport().write(report));
 * }</pre>
 */
final class MarkdownReport {
    /** Characters that Markdown would read as markup, or as the start of math, in prose. */
    private static final String MARKUP = "\\`*_[]<>|$#";

    String write(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(report.title())).append("\n\n").append(escape(report.subtitle())).append('\n');
        for (Report.Section section : report.sections()) {
            out.append("\n## ").append(escape(section.title())).append('\n');
            boolean inList = false;
            for (Report.Block block : section.blocks()) {
                boolean item = block instanceof Report.Item;
                if (!(item && inList)) {
                    out.append('\n');
                }
                inList = item;
                if (block instanceof Report.Paragraph p) {
                    out.append(inline(p.content())).append('\n');
                } else if (block instanceof Report.Item i) {
                    out.append("- ").append(inline(i.content())).append('\n');
                } else {
                    out.append("$$\n").append(((Report.Display) block).formula().latex()).append("\n$$\n");
                }
            }
        }
        return out.toString();
    }

    private static String inline(List<Report.Inline> content) {
        StringBuilder out = new StringBuilder();
        for (Report.Inline part : content) {
            if (part instanceof Report.Words w) {
                out.append(escape(w.text()));
            } else {
                out.append('$').append(((Report.Math) part).formula().latex()).append('$');
            }
        }
        return out.toString();
    }

    static String escape(String prose) {
        StringBuilder out = new StringBuilder(prose.length());
        for (int i = 0; i < prose.length(); i++) {
            char c = prose.charAt(i);
            if (MARKUP.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
