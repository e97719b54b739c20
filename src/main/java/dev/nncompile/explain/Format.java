package dev.nncompile.explain;

/** The output formats of {@link Explainer}. */
public enum Format {
    /** Unicode plain text: σ(z), a¹ ⊙ (1 − a¹), W² ∈ ℝ¹⁰ˣ³⁰. */
    TEXT,
    /** A standalone LaTeX document (amsmath, amssymb); Unicode in prose wants LuaLaTeX or XeLaTeX. */
    LATEX,
    /** GitHub-flavoured Markdown with {@code $…$} and {@code $$…$$} math, rendered by GitHub's MathJax. */
    MARKDOWN,
    /** One self-contained XHTML-compatible file with MathML Core (no script, no CDN); LaTeX kept as annotation. */
    HTML
}
