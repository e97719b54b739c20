package dev.nncompile.sym;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A constant as the printers show it: the shortest decimal that reads back as the same double, in plain notation
 * for moderate magnitudes ({@code 0.001}, {@code 784}) and as mantissa·10^exponent otherwise ({@code 10⁻⁸}). The
 * digits are computed with {@link BigDecimal}, so they do not depend on the JDK's {@code Double.toString}, whose
 * shortest-digit behaviour changed in JDK 19.
 *
 * @param mantissa the digits of a finite, non-negative value ({@code "2.5"}), or {@code "∞"}/{@code "NaN"}
 * @param exponent the power of ten; 0 in plain notation
 */
record Decimal(String mantissa, int exponent) {
    private static final double SMALLEST_PLAIN = 1e-4;
    private static final double LARGEST_PLAIN = 1e7;

    /** Formats the magnitude of {@code value}; the caller prints the sign. */
    static Decimal of(double value) {
        double v = Math.abs(value);
        if (Double.isNaN(v)) {
            return new Decimal("NaN", 0);
        }
        if (Double.isInfinite(v)) {
            return new Decimal("∞", 0);
        }
        if (v == 0.0) {
            return new Decimal("0", 0);
        }
        BigDecimal shortest = shortest(v);
        if (v >= SMALLEST_PLAIN && v < LARGEST_PLAIN) {
            return new Decimal(shortest.toPlainString(), 0);
        }
        int exponent = shortest.precision() - shortest.scale() - 1;
        BigDecimal mantissa = shortest.movePointLeft(exponent).stripTrailingZeros();
        return new Decimal(mantissa.toPlainString(), exponent);
    }

    /** Whether the value shows as a power of ten with a mantissa other than 1 (a product, for precedence). */
    boolean isProduct() {
        return exponent != 0 && !mantissa.equals("1");
    }

    boolean isScientific() {
        return exponent != 0;
    }

    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == v) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
