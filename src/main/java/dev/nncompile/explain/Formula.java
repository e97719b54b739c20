package dev.nncompile.explain;

import dev.nncompile.sym.Expr;
import dev.nncompile.sym.LatexPrinter;
import dev.nncompile.sym.MathMlPrinter;
import dev.nncompile.sym.PrintOptions;
import dev.nncompile.sym.TextPrinter;
import dev.nncompile.sym.UnicodeScripts;
import java.util.List;
import java.util.function.Function;

/**
 * A piece of mathematics in the three notations a report needs at once: Unicode text, LaTeX and MathML
 * presentation markup (one element). Reports are assembled from these, so the text, Markdown and HTML of one plan
 * say the same thing.
 *
 * <pre>{@code
 * Formula w1 = Formula.identifier("W").sup(Formula.number(1));            // W¹, W^{1}, <msup>…</msup>
 * Formula line = Formula.row(w1, Formula.operator("∈", "\\in"), Formula.reals(30, 784));
 * }</pre>
 */
record Formula(String text, String latex, String mathml) {
    /** A space in text only: TeX and MathML space operators themselves. */
    static final Formula SPACE = new Formula(" ", "", "");

    static Formula identifier(String name) {
        return new Formula(name, LatexNames.identifier(name), MathMlPrinter.identifier(name));
    }

    static Formula number(long n) {
        return new Formula(Long.toString(n), Long.toString(n), "<mn>" + n + "</mn>");
    }

    /** An operator with spaces around it in text: {@code " = "}, {@code " ← "}. */
    static Formula operator(String symbol, String latex) {
        return new Formula(" " + symbol + " ", latex, "<mo>" + MathMlPrinter.escape(symbol) + "</mo>");
    }

    /** A word inside a formula (upright): softmax, lse. */
    static Formula word(String name) {
        return new Formula(name, "\\operatorname{" + name + "}", "<mi>" + MathMlPrinter.escape(name) + "</mi>");
    }

    /** Parts side by side: text and LaTeX concatenated (LaTeX with spaces), MathML in one {@code <mrow>}. */
    static Formula row(Formula... parts) {
        return row(List.of(parts));
    }

    static Formula row(List<Formula> parts) {
        StringBuilder text = new StringBuilder();
        StringBuilder latex = new StringBuilder();
        StringBuilder mathml = new StringBuilder("<mrow>");
        for (Formula p : parts) {
            text.append(p.text);
            if (latex.length() > 0 && !p.latex.isEmpty()) {
                latex.append(' ');
            }
            latex.append(p.latex);
            mathml.append(p.mathml);
        }
        return new Formula(text.toString(), latex.toString(), mathml.append("</mrow>").toString());
    }

    /** Parts with a thin space between them in text: {@code W²ᵀ δ²}. */
    static Formula juxtaposed(Formula... parts) {
        StringBuilder text = new StringBuilder();
        for (Formula p : parts) {
            text.append(text.length() == 0 ? "" : " ").append(p.text);
        }
        Formula r = row(parts);
        return new Formula(text.toString(), r.latex, r.mathml);
    }

    /** ℝⁿ or ℝ^{rows×cols}. */
    static Formula reals(int... dims) {
        StringBuilder plain = new StringBuilder();
        StringBuilder latex = new StringBuilder();
        StringBuilder mathml = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            plain.append(i == 0 ? "" : "×").append(dims[i]);
            latex.append(i == 0 ? "" : " \\times ").append(dims[i]);
            mathml.append(i == 0 ? "" : "<mo>×</mo>").append("<mn>").append(dims[i]).append("</mn>");
        }
        String raised = UnicodeScripts.superscript(plain.toString());
        return new Formula("ℝ" + (raised != null ? raised : "^(" + plain + ")"), "\\mathbb{R}^{" + latex + "}",
                "<msup><mi mathvariant=\"double-struck\">R</mi><mrow>" + mathml + "</mrow></msup>");
    }

    /** this with a raised script. */
    Formula sup(Formula script) {
        String raised = UnicodeScripts.superscript(script.text);
        String text = raised != null ? this.text + raised : this.text + "^" + script.text;
        return new Formula(text, braced(latex, '^') + "^{" + script.latex + "}",
                "<msup>" + mathml + script.mathml + "</msup>");
    }

    /** this with a lowered script: β₁, m_W¹ (Unicode has no lowered W). */
    Formula sub(Formula script) {
        String lowered = UnicodeScripts.subscript(script.text);
        String text = lowered != null ? this.text + lowered : this.text + "_" + script.text;
        return new Formula(text, braced(latex, '_') + "_{" + script.latex + "}",
                "<msub>" + mathml + script.mathml + "</msub>");
    }

    /** The transpose: W²ᵀ, {W^{2}}^{\top}. */
    Formula transposed() {
        return new Formula(text + "ᵀ", "{" + latex + "}^{\\top}", "<msup>" + mathml + "<mo>⊤</mo></msup>");
    }

    /** The partial derivative ∂C/∂this. */
    static Formula partial(Formula of, Formula by) {
        return new Formula("∂" + of.text + "/∂" + by.text,
                "\\frac{\\partial " + of.latex + "}{\\partial " + by.latex + "}",
                "<mfrac><mrow><mi>∂</mi>" + of.mathml + "</mrow><mrow><mi>∂</mi>" + by.mathml + "</mrow></mfrac>");
    }

    /** A sum over the given indices: Σₙₖ, \sum_{n,k}. */
    static Formula sum(String... indices) {
        String joined = String.join("", indices);
        String lowered = UnicodeScripts.subscript(joined);
        String latexIndices = String.join(",", indices);
        StringBuilder mathmlIndices = new StringBuilder();
        for (int i = 0; i < indices.length; i++) {
            mathmlIndices.append(i == 0 ? "" : "<mo>,</mo>").append(MathMlPrinter.identifier(indices[i]));
        }
        return new Formula("Σ" + (lowered != null ? lowered : "_" + joined) + " ",
                "\\sum_{" + latexIndices + "}",
                "<munder><mo>∑</mo><mrow>" + mathmlIndices + "</mrow></munder>");
    }

    /** An expression of a plan, printed by the sym printers with one naming per notation. */
    static Formula expr(Expr e, Function<String, Formula> naming, PrintOptions options) {
        return new Formula(TextPrinter.print(e, name -> naming.apply(name).text, options),
                LatexPrinter.print(e, name -> naming.apply(name).latex, options),
                MathMlPrinter.print(e, name -> naming.apply(name).mathml, options));
    }

    /** The operand of a big operator: Σₙₖ ½·(a − y)², parenthesised only when it is a sum. */
    static Formula summand(Expr e, Function<String, Formula> naming, PrintOptions options) {
        return new Formula(TextPrinter.printSummand(e, name -> naming.apply(name).text, options),
                LatexPrinter.printSummand(e, name -> naming.apply(name).latex, options),
                MathMlPrinter.printSummand(e, name -> naming.apply(name).mathml, options));
    }

    /** An expression as a factor of a product: parenthesised unless it binds at least as tightly. */
    static Formula factor(Expr e, Function<String, Formula> naming, PrintOptions options) {
        return new Formula(TextPrinter.printFactor(e, name -> naming.apply(name).text, options),
                LatexPrinter.printFactor(e, name -> naming.apply(name).latex, options),
                MathMlPrinter.printFactor(e, name -> naming.apply(name).mathml, options));
    }

    static Formula parenthesised(Formula inner) {
        boolean tall = inner.latex.contains("\\frac") || inner.latex.contains("\\sum");
        return new Formula("(" + inner.text + ")",
                tall ? "\\left(" + inner.latex + "\\right)" : "(" + inner.latex + ")",
                "<mrow><mo>(</mo>" + inner.mathml + "<mo>)</mo></mrow>");
    }

    /** The inner product ⟨a, b⟩ of two per-sample vectors. */
    static Formula inner(Formula a, Formula b) {
        return new Formula("⟨" + a.text + ", " + b.text + "⟩", "\\langle " + a.latex + ", " + b.latex + " \\rangle",
                "<mrow><mo>⟨</mo>" + a.mathml + "<mo>,</mo>" + b.mathml + "<mo>⟩</mo></mrow>");
    }

    /** Braces a base that already carries a script of the same kind: TeX forbids x^{1}^{2}, allows z^{2}_{k}. */
    private static String braced(String latex, char script) {
        return latex.indexOf(script) >= 0 ? "{" + latex + "}" : latex;
    }
}
