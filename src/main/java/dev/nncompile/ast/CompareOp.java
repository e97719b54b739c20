package dev.nncompile.ast;

/** Comparison operators as spelled in specs. */
public enum CompareOp {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    private final String spelling;

    CompareOp(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
