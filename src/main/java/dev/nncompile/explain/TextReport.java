package dev.nncompile.explain;

/**
 * Writes a {@link Report} as Unicode plain text: underlined headings, "- " items, equations indented four spaces.
 *
 * <pre>{@code
 * String text = new TextReport().write(report);
 * }</pre>
 */
final class TextReport {

    String write(Report report) {
        StringBuilder out = new StringBuilder();
        heading(out, report.title(), '=');
        out.append(report.subtitle()).append('\n');
        for (Report.Section section : report.sections()) {
            out.append('\n');
            heading(out, section.title(), '-');
            Class<?> previous = null;
            for (Report.Block block : section.blocks()) {
                if (previous != null && previous != block.getClass()) {
                    out.append('\n');
                }
                previous = block.getClass();
                if (block instanceof Report.Paragraph p) {
                    out.append(inline(p.content())).append('\n');
                } else if (block instanceof Report.Item i) {
                    out.append("- ").append(inline(i.content())).append('\n');
                } else {
                    out.append("    ").append(((Report.Display) block).formula().text()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void heading(StringBuilder out, String title, char rule) {
        out.append(title).append('\n').append(String.valueOf(rule).repeat(title.codePointCount(0, title.length())))
                .append('\n');
    }

    private static String inline(java.util.List<Report.Inline> content) {
        StringBuilder out = new StringBuilder();
        for (Report.Inline part : content) {
            out.append(part instanceof Report.Words w ? w.text() : ((Report.Math) part).formula().text());
        }
        return out.toString();
    }
}
