package dev.nncompile.source;

/** A range of a source text: 0-based char offsets, {@code end} exclusive. */
public record SourceSpan(int start, int end) {
    public static final SourceSpan NONE = new SourceSpan(0, 0);

    public SourceSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** The smallest span covering both. */
    public SourceSpan union(SourceSpan other) {
        return new SourceSpan(Math.min(start, other.start), Math.max(end, other.end));
    }
}
