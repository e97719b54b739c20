package dev.nncompile.model;

/** When {@code fit} ends before its epoch budget. */
public sealed interface StopRule permits StopRule.GradientNormBelow, StopRule.LossDeltaBelow, StopRule.Patience {

    /** the global L2 norm of the last epoch's mean gradient fell below {@code epsilon} */
    record GradientNormBelow(double epsilon) implements StopRule {}

    /** |training loss of this epoch − of the last| fell below {@code epsilon} */
    record LossDeltaBelow(double epsilon) implements StopRule {}

    /** validation loss did not improve for {@code epochs} epochs; the best weights are restored */
    record Patience(int epochs) implements StopRule {}
}
