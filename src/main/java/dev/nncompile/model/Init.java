package dev.nncompile.model;

/**
 * How a layer's parameters start. {@code UNIFORM(a, b)} and {@code NORMAL(mean, std)} draw weights and biases alike
 * (the tutorial's N(0, 1) for every weight and bias); the fan-scaled schemes draw weights and set biases to 0.
 *
 * @param a low bound or mean (unused by the fan-scaled schemes)
 * @param b high bound or standard deviation
 */
public record Init(Kind kind, double a, double b) {
    public enum Kind { ZEROS, UNIFORM, NORMAL, XAVIER_UNIFORM, XAVIER_NORMAL, HE_UNIFORM, HE_NORMAL }
}
