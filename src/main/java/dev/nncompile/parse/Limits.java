package dev.nncompile.parse;

/**
 * The documented bounds that keep the parser from hanging or exhausting the stack on hostile input. Each is
 * reported as a located error, never as an exception.
 */
public final class Limits {
    /** Largest spec, in chars (1 MiB). Larger input is rejected before lexing ({@code NN003}). */
    public static final int MAX_CHARS = 1 << 20;
    /** Deepest nesting of parentheses and {@code if} in one formula ({@code NN004}), checked before parsing. */
    public static final int MAX_NESTING = 200;
    /** Deepest formula tree, counting every operator of a chain like a + b + c as a level ({@code NN011}). */
    public static final int MAX_DEPTH = 400;
    /** Syntax errors reported before the parser gives up on a file ({@code NN009}). */
    public static final int MAX_SYNTAX_ERRORS = 25;

    private Limits() {}
}
