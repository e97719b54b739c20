package dev.nncompile.explain;

import dev.nncompile.derive.TrainingPlan;

/**
 * Prints the derivation of a network — its shapes and settings, every forward statement, the loss, every δ and
 * gradient, the optimizer's update and the numerics choices — from its {@link TrainingPlan}, the same statements
 * the code generator renders, so the explanation and the generated code cannot disagree.
 *
 * <pre>{@code
 * TrainingPlan plan = Deriver.derive(network);
 * String markdown = Explainer.explain(plan, Format.MARKDOWN);   // δ¹ = (W²ᵀ δ²) ⊙ a¹ ⊙ (1 − a¹) as $$…$$
 * }</pre>
 *
 * <p>Deterministic: the same plan gives the same bytes in every format.
 */
public final class Explainer {
    private Explainer() {}

    public static String explain(TrainingPlan plan, Format format) {
        Report report = new ReportBuilder(plan).build();
        return switch (format) {
            case TEXT -> new TextReport().write(report);
            case LATEX -> new LatexReport().write(report);
            case MARKDOWN -> new MarkdownReport().write(report);
            case HTML -> new HtmlReport().write(report);
        };
    }
}
