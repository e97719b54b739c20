package dev.nncompile.sym;

import java.util.Locale;
import java.util.Optional;

/**
 * The built-in scalar functions a formula may call. Each knows its arity and its spelling in specs; its local
 * derivative lives in {@link Derivative}, its numeric value in {@link NumericFunctions}.
 */
public enum Fn {
    EXP(1), LOG(1), SQRT(1), ABS(1), SIGN(1), TANH(1), SIGMOID(1), SOFTPLUS(1), ERF(1), SIN(1), COS(1),
    MIN(2), MAX(2);

    private final int arity;

    Fn(int arity) {
        this.arity = arity;
    }

    public int arity() {
        return arity;
    }

    /** The name a spec uses, e.g. {@code softplus}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Fn> bySpelling(String name) {
        for (Fn fn : values()) {
            if (fn.spelling().equals(name)) {
                return Optional.of(fn);
            }
        }
        return Optional.empty();
    }

    /** The value at the given arguments (double precision, numerically stable forms). */
    public double apply(double... x) {
        return switch (this) {
            case EXP -> Math.exp(x[0]);
            case LOG -> Math.log(x[0]);
            case SQRT -> Math.sqrt(x[0]);
            case ABS -> Math.abs(x[0]);
            case SIGN -> Math.signum(x[0]);
            case TANH -> NumericFunctions.tanh(x[0]);
            case SIGMOID -> NumericFunctions.sigmoid(x[0]);
            case SOFTPLUS -> NumericFunctions.softplus(x[0]);
            case ERF -> NumericFunctions.erf(x[0]);
            case SIN -> Math.sin(x[0]);
            case COS -> Math.cos(x[0]);
            case MIN -> Math.min(x[0], x[1]);
            case MAX -> Math.max(x[0], x[1]);
        };
    }
}
