package dev.nncompile.check;

import java.util.List;

/**
 * One parameter a named thing accepts (an optimizer's {@code lr}, huber's {@code delta}): its type, default
 * (null when required) and valid range, described in words for the error message.
 */
record ParamSpec(String name, Type type, Double defaultValue, double min, boolean minInclusive, double max,
                 boolean maxInclusive, String range) {

    enum Type { NUMBER, WHOLE, TRUTH }

    static ParamSpec number(String name, Double defaultValue) {
        return new ParamSpec(name, Type.NUMBER, defaultValue, Double.NEGATIVE_INFINITY, true,
                Double.POSITIVE_INFINITY, true, null);
    }

    static ParamSpec positive(String name, Double defaultValue) {
        return new ParamSpec(name, Type.NUMBER, defaultValue, 0, false, Double.POSITIVE_INFINITY, true, "> 0");
    }

    static ParamSpec nonNegative(String name, Double defaultValue) {
        return new ParamSpec(name, Type.NUMBER, defaultValue, 0, true, Double.POSITIVE_INFINITY, true, ">= 0");
    }

    /** 0 ≤ x < 1: momentum, RMSprop's α */
    static ParamSpec fraction(String name, Double defaultValue) {
        return new ParamSpec(name, Type.NUMBER, defaultValue, 0, true, 1, false, "in [0, 1)");
    }

    /** 0 < x < 1: Adam's β */
    static ParamSpec openFraction(String name, Double defaultValue) {
        return new ParamSpec(name, Type.NUMBER, defaultValue, 0, false, 1, false, "in (0, 1)");
    }

    static ParamSpec truth(String name, boolean defaultValue) {
        return new ParamSpec(name, Type.TRUTH, defaultValue ? 1.0 : 0.0, 0, true, 1, true, null);
    }

    static ParamSpec whole(String name, Double defaultValue, double min, double max) {
        return new ParamSpec(name, Type.WHOLE, defaultValue, min, true, max, true,
                "from " + format(min) + " to " + format(max));
    }

    boolean required() {
        return defaultValue == null;
    }

    boolean inRange(double x) {
        boolean aboveMin = minInclusive ? x >= min : x > min;
        boolean belowMax = maxInclusive ? x <= max : x < max;
        return aboveMin && belowMax;
    }

    static List<String> names(List<ParamSpec> specs) {
        return specs.stream().map(ParamSpec::name).toList();
    }

    /** 1000000 → 1,000,000; 0.5 → 0.5 */
    static String format(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%,d", (long) x);
        }
        return Double.toString(x);
    }
}
