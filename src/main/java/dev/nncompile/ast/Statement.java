package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;
import java.util.List;

/** One statement of a model block, each starting with its keyword. */
public sealed interface Statement extends Node {

    /** {@code input 784} */
    record Input(SignedNumber size, SourceSpan span) implements Statement {}

    /** {@code dense 30 sigmoid}, {@code dense 8 leaky_relu(alpha = 0.1) init he}; {@code init} is null if absent */
    record Dense(SignedNumber size, FnRef activation, FnRef init, SourceSpan span) implements Statement {}

    /** {@code loss cross_entropy} */
    record Loss(FnRef loss, SourceSpan span) implements Statement {}

    /** {@code optimizer adam(lr = 1e-3)} */
    record Optimizer(FnRef optimizer, SourceSpan span) implements Statement {}

    /** {@code regularize l2(1e-4)} */
    record Regularize(FnRef regularizer, SourceSpan span) implements Statement {}

    /** {@code init normal(0, 1) seed 1}; {@code seed} is null if absent */
    record Init(FnRef scheme, SignedNumber seed, SourceSpan span) implements Statement {}

    /** {@code seed 42} */
    record Seed(SignedNumber seed, SourceSpan span) implements Statement {}

    /** {@code precision double} */
    record Precision(Name precision, SourceSpan span) implements Statement {}

    /** {@code train { batch = 10, epochs = 30, stop when … }} */
    record Train(List<TrainItem> items, SourceSpan span) implements Statement {
        public Train {
            items = List.copyOf(items);
        }
    }
}
