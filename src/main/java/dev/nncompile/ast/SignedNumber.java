package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;

/** A number literal with an optional minus sign, as layer sizes and seeds are written: {@code 784}, {@code -3}. */
public record SignedNumber(boolean negative, String text, SourceSpan span) implements Node {
    public String written() {
        return negative ? "-" + text : text;
    }
}
