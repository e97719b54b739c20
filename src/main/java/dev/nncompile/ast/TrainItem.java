package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;

/** One entry of a {@code train { … }} block. */
public sealed interface TrainItem extends Node {

    /** {@code batch = 10} */
    record Setting(Name key, Expr value, SourceSpan span) implements TrainItem {}

    /** {@code stop when grad_norm < 1e-5} */
    record StopBelow(Name metric, CompareOp op, Expr value, SourceSpan span) implements TrainItem {}

    /** {@code stop when val_loss stalls for 20 epochs}; {@code unit} is null if absent */
    record StopStalls(Name metric, SignedNumber count, Name unit, SourceSpan span) implements TrainItem {}
}
