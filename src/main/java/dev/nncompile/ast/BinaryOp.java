package dev.nncompile.ast;

/** Arithmetic operators as spelled in specs; {@code ^} is right-associative. */
public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("^");

    private final String spelling;

    BinaryOp(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
