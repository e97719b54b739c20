package dev.nncompile.check;

import dev.nncompile.source.SourceSpan;

/**
 * A constant argument after evaluation: a number or a truth value, with where it was written (for range errors).
 *
 * @param number  the value, or NaN for a truth value
 * @param truth   null for a number
 */
record Value(double number, Boolean truth, SourceSpan span) {
    static Value of(double number, SourceSpan span) {
        return new Value(number, null, span);
    }

    static Value of(boolean truth, SourceSpan span) {
        return new Value(Double.NaN, truth, span);
    }

    boolean isTruth() {
        return truth != null;
    }
}
