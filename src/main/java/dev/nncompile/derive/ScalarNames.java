package dev.nncompile.derive;

import java.util.Map;
import java.util.TreeMap;

/**
 * The names of the scalars a plan's expressions may read, and how a person writes them. Names are plain ASCII so
 * they are valid Java identifiers; {@link #symbol} gives the textbook symbol for explanations.
 */
public final class ScalarNames {
    public static final String LEARNING_RATE = "lr";
    public static final String MOMENTUM = "momentum";
    public static final String BETA1 = "beta1";
    public static final String BETA2 = "beta2";
    public static final String EPSILON = "eps";
    public static final String ALPHA = "alpha";
    public static final String WEIGHT_DECAY = "weight_decay";
    /** 1 − β₁ᵗ, Adam's first-moment bias correction */
    public static final String BIAS_CORRECTION1 = "bc1";
    /** 1 − β₂ᵗ, Adam's second-moment bias correction */
    public static final String BIAS_CORRECTION2 = "bc2";

    private static final Map<String, String> SYMBOLS = symbols();

    private ScalarNames() {}

    /** The symbol a textbook uses, e.g. {@code lr → η}; the name itself when there is none. */
    public static String symbol(String name) {
        return SYMBOLS.getOrDefault(name, name);
    }

    private static Map<String, String> symbols() {
        Map<String, String> m = new TreeMap<>();
        m.put(LEARNING_RATE, "η");
        m.put(MOMENTUM, "μ");
        m.put(BETA1, "β₁");
        m.put(BETA2, "β₂");
        m.put(EPSILON, "ε");
        m.put(ALPHA, "α");
        m.put(WEIGHT_DECAY, "λ");
        m.put(BIAS_CORRECTION1, "ĉ₁");
        m.put(BIAS_CORRECTION2, "ĉ₂");
        m.put(Step.BATCH_SIZE, "N");
        m.put(Step.STEP_COUNT, "t");
        return Map.copyOf(m);
    }
}
