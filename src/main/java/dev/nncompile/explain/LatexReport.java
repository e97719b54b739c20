package dev.nncompile.explain;

import java.util.List;

/**
 * Writes a {@link Report} as a standalone LaTeX document (amsmath, amssymb). Formulas are LaTeX throughout; in
 * prose, TeX's special characters are escaped and the Unicode mathematics a note may use (σ′, ⊙, ≤, ²) is set as
 * math, so pdfLaTeX copes with the usual notes and LuaLaTeX/XeLaTeX with any.
 *
 * <pre>{@code
 * Files.writeString(Path.of("mnist.tex"), new LatexReport().write(report));
 * }</pre>
 */
final class LatexReport {
    private static final String RAISED = "⁰¹²³⁴⁵⁶⁷⁸⁹ˡᴸᵀⁿᵗ⁻";
    private static final String RAISED_AS = "0123456789lLTnt-";
    private static final String LOWERED = "₀₁₂₃₄₅₆₇₈₉ₙₖⱼᵢₜ";
    private static final String LOWERED_AS = "0123456789nkjit";

    String write(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("% ").append(report.title()).append(": derivation written by nncompile explain.\n")
                .append("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n")
                .append("\\begin{document}\n\n")
                .append("\\section*{").append(prose(report.title())).append("}\n")
                .append(prose(report.subtitle())).append('\n');
        for (Report.Section section : report.sections()) {
            out.append("\n\\subsection*{").append(prose(section.title())).append("}\n");
            boolean inList = false;
            for (Report.Block block : section.blocks()) {
                boolean item = block instanceof Report.Item;
                if (inList && !item) {
                    out.append("\\end{itemize}\n");
                } else if (!inList && item) {
                    out.append("\\begin{itemize}\n");
                }
                inList = item;
                if (block instanceof Report.Paragraph p) {
                    out.append(inline(p.content())).append("\n");
                } else if (block instanceof Report.Item i) {
                    out.append("\\item ").append(inline(i.content())).append('\n');
                } else {
                    out.append("\\[ ").append(((Report.Display) block).formula().latex()).append(" \\]\n");
                }
            }
            if (inList) {
                out.append("\\end{itemize}\n");
            }
        }
        return out.append("\n\\end{document}\n").toString();
    }

    private static String inline(List<Report.Inline> content) {
        StringBuilder out = new StringBuilder();
        for (Report.Inline part : content) {
            out.append(part instanceof Report.Words w ? prose(w.text())
                    : "$" + ((Report.Math) part).formula().latex() + "$");
        }
        return out.toString();
    }

    /** Prose for LaTeX: specials escaped, runs of mathematical Unicode set as one inline formula. */
    static String prose(String s) {
        StringBuilder out = new StringBuilder(s.length());
        StringBuilder math = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String symbol = math(c);
            if (symbol != null) {
                math.append(math.length() == 0 || !Character.isLetter(symbol.charAt(symbol.length() - 1))
                        ? "" : " ").append(symbol);
                continue;
            }
            if (math.length() > 0) {
                out.append('$').append(math).append('$');
                math.setLength(0);
            }
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '{', '}', '$', '&', '#', '%', '_' -> out.append('\\').append(c);
                case '^' -> out.append("\\textasciicircum{}");
                case '~' -> out.append("\\textasciitilde{}");
                case '—' -> out.append("---");
                case '–' -> out.append("--");
                default -> out.append(c);
            }
        }
        if (math.length() > 0) {
            out.append('$').append(math).append('$');
        }
        return out.toString();
    }

    private static String math(char c) {
        String greek = LatexNames.command(c);
        if (greek != null) {
            return greek;
        }
        int raised = RAISED.indexOf(c);
        if (raised >= 0) {
            return "^{" + (c == 'ᵀ' ? "\\top" : String.valueOf(RAISED_AS.charAt(raised))) + "}";
        }
        int lowered = LOWERED.indexOf(c);
        if (lowered >= 0) {
            return "_{" + LOWERED_AS.charAt(lowered) + "}";
        }
        return switch (c) {
            case '′' -> "'";
            case '⊙' -> "\\odot";
            case '−' -> "-";
            case '≤' -> "\\le";
            case '≥' -> "\\ge";
            case '≠' -> "\\ne";
            case '×' -> "\\times";
            case '·' -> "\\cdot";
            case '→' -> "\\to";
            case '←' -> "\\leftarrow";
            case '∂' -> "\\partial";
            case 'Σ' -> "\\Sigma";
            case '∑' -> "\\sum";
            case 'ℝ' -> "\\mathbb{R}";
            case '∞' -> "\\infty";
            case '√' -> "\\surd";
            case '‖' -> "\\|";
            case '≈' -> "\\approx";
            case 'ℓ' -> "\\ell";
            case '⟨' -> "\\langle";
            case '⟩' -> "\\rangle";
            case 'Δ' -> "\\Delta";
            default -> null;
        };
    }
}
