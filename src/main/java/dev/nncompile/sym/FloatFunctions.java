package dev.nncompile.sym;

/**
 * The helper functions of a {@code precision float} class: σ, tanh and softplus to float precision, and the e^(z − max)
 * of its softmax steps, from short polynomials in double instead of the {@code Math.exp} and {@code Math.log}
 * intrinsics. Why: the intrinsics are calls into a stub of some 50 instructions, and they dominate a small network's
 * step (xor 2-4-1: 16 tanh, 4 σ and 4 softplus per step of a few dozen multiply-adds), most of all while the step is
 * still interpreted or compiled by C1. A double result with a relative error of a few 1e-10 rounds to the float nearest
 * the exact value, or to its neighbour when the exact value lies that close to the midpoint of two floats: within 1
 * ulp, almost always the same float as the exactly rounded one (see FloatFunctionsTest). A {@code precision double}
 * class keeps {@link NumericFunctions}' double algorithms; the emitter writes these line for line (HelperFunctions).
 *
 * <p>The polynomials interpolate at Chebyshev nodes with their constant term fixed at 1 (so e^0 = 1, σ(0) = 1/2 and
 * tanh x = x for tiny x come out exactly), the coefficients computed with 40-digit arithmetic; each comment gives the
 * largest relative error on its interval with the coefficients rounded to double. They are evaluated by Estrin's scheme
 * (pairs of terms, then powers of the variable) instead of Horner's: half as long a chain of dependent multiplies and
 * adds, so the many calls of a step overlap in the pipeline (xor trains 17 % faster for it).
 */
public final class FloatFunctions {
    private FloatFunctions() {}

    /** σ(x) = 1/(1 + e^−x) as r = 1/(1 + e^−|x|), and e^−|x|·r for x &lt; 0: never overflowing. */
    public static double sigmoid(double x) {
        double e = expNonPositive(-Math.abs(x));
        double r = 1.0 / (1.0 + e);
        return x >= 0 ? r : e * r;
    }

    /**
     * tanh(x) = x·P(x²) for |x| &lt; 0.55 (degree 6 in x², 1.1e-10), else (1 − e)/(1 + e) with e = e^−2|x| ≤ e^−1.1,
     * where 1 − e has no cancellation; the sign restored last.
     */
    public static double tanh(double x) {
        double ax = Math.abs(x);
        double t;
        if (ax < 0.55) {
            double x2 = ax * ax;
            double x4 = x2 * x2;
            double p = 1.0 + x2 * -0.3333333329502591
                    + x4 * (0.13333324200007313 + x2 * -0.0539647004451583)
                    + x4 * x4 * (0.021818449128639904 + x2 * -0.00852633305780133
                            + x4 * 0.0025263907105745136);
            t = ax * p;
        } else {
            double e = expNonPositive(-2.0 * ax);
            t = (1.0 - e) / (1.0 + e);
        }
        return Math.copySign(t, x);
    }

    /** softplus(x) = log(1 + e^x) exactly, as max(x, 0) + log(1 + e^−|x|). */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + log1p(expNonPositive(-Math.abs(x)));
    }

    /**
     * log(1 + u) for 0 ≤ u ≤ 1 as 2·atanh(s) = 2s·Q(s²) with s = u/(2 + u) ≤ 1/3 (degree 6 in s², 1.0e-11): no
     * cancellation where 1 + u rounds.
     */
    public static double log1p(double u) {
        double s = u / (2.0 + u);
        double s2 = s * s;
        double s4 = s2 * s2;
        double q = 1.0 + s2 * 0.33333333325011805 + s4 * (0.2000000538497483 + s2 * 0.1428515286094183)
                + s4 * s4 * (0.11132355604500663 + s2 * 0.08732351232720387 + s4 * 0.10393808427873376);
        return 2.0 * s * q;
    }

    /**
     * e^x for x ≤ 0 (NaN stays NaN) as 2^t, t = x·log₂e: 2^n with n = round(t) built from its exponent bits, times
     * P(t − n) ≈ 2^(t − n) on [−1/2, 1/2] (degree 7, 1.1e-10). t stops at −160: e^x is 0 in float long before.
     */
    public static double expNonPositive(double x) {
        double t = Math.max(x * 1.4426950408889634, -160.0);
        double n = Math.rint(t);
        double f = t - n;
        double f2 = f * f;
        double p = 1.0 + f * 0.6931471805630286 + f2 * (0.24022650922288757 + f * 0.05550410874042934)
                + f2 * f2 * (0.009618056678524637 + f * 0.0013333510279510377
                        + f2 * (0.0001546144469856913 + f * 1.5295519566962182e-05));
        return p * Double.longBitsToDouble((long) (n + 1023) << 52);
    }
}
