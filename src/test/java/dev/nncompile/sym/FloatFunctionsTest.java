package dev.nncompile.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * FloatFunctions' promise: rounded to float, each function is within 1 ulp of the exactly rounded value (StrictMath
 * in double, whose error is far below a float's) on every float of a sweep over the whole float range, and the same
 * float almost everywhere; the polynomials meet the error their comments state; the special values are right.
 */
class FloatFunctionsTest {

    /** Every 251st float pattern, both signs: 17 million arguments, zeros, subnormals and infinities among them. */
    private static final long STRIDE = 251;

    private static double sigmoidReference(double x) {
        return x >= 0 ? 1.0 / (1.0 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1.0 + StrictMath.exp(x));
    }

    private static double softplusReference(double x) {
        return Math.max(x, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
    }

    private static void withinOneUlpOnEveryFloat(String name, DoubleUnaryOperator ours, DoubleUnaryOperator exact) {
        long arguments = 0;
        long same = 0;
        for (long bits = 0; bits <= 0xffff_ffffL; bits += STRIDE) {
            float x = Float.intBitsToFloat((int) bits);
            if (Float.isNaN(x)) {
                continue;
            }
            float value = (float) ours.applyAsDouble(x);
            float reference = (float) exact.applyAsDouble(x);
            arguments++;
            if (Float.floatToRawIntBits(value) == Float.floatToRawIntBits(reference)) {
                same++;
            } else {
                assertTrue(Math.abs(value - reference) <= Math.ulp(reference),
                        () -> name + "(" + x + ") = " + value + ", exactly rounded " + reference);
            }
        }
        double fraction = (double) same / arguments;
        assertTrue(fraction > 0.999, name + ": the same float as StrictMath on only " + fraction + " of the floats");
    }

    @Test
    void tanhIsWithinOneUlpOfTheExactFloat() {
        withinOneUlpOnEveryFloat("tanh", FloatFunctions::tanh, StrictMath::tanh);
        // both sides of the switch between the polynomial and the exponential
        for (double x : new double[] {0.55, Math.nextDown(0.55), -0.55, Math.nextDown(-0.55)}) {
            assertEquals((float) StrictMath.tanh(x), (float) FloatFunctions.tanh(x), "tanh(" + x + ")");
        }
        assertEquals(-0.0, FloatFunctions.tanh(-0.0));
        assertEquals(0.0, FloatFunctions.tanh(0.0));
        assertEquals(1.0, FloatFunctions.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, FloatFunctions.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(FloatFunctions.tanh(Double.NaN)));
    }

    @Test
    void sigmoidIsWithinOneUlpOfTheExactFloat() {
        withinOneUlpOnEveryFloat("sigmoid", FloatFunctions::sigmoid, FloatFunctionsTest::sigmoidReference);
        assertEquals(0.5, FloatFunctions.sigmoid(0.0));
        assertEquals(1.0, FloatFunctions.sigmoid(Double.POSITIVE_INFINITY));
        assertEquals(0.0f, (float) FloatFunctions.sigmoid(Double.NEGATIVE_INFINITY));
        assertEquals(Float.MIN_VALUE, (float) FloatFunctions.sigmoid(-103.5));   // e^−103.5 rounds up to it
        assertTrue(Double.isNaN(FloatFunctions.sigmoid(Double.NaN)));
    }

    @Test
    void softplusIsWithinOneUlpOfTheExactFloat() {
        withinOneUlpOnEveryFloat("softplus", FloatFunctions::softplus, FloatFunctionsTest::softplusReference);
        assertEquals((float) Math.log(2), (float) FloatFunctions.softplus(0.0));
        assertEquals(Double.POSITIVE_INFINITY, FloatFunctions.softplus(Double.POSITIVE_INFINITY));
        assertEquals(0.0f, (float) FloatFunctions.softplus(Double.NEGATIVE_INFINITY));
        assertEquals(1e-20f, (float) FloatFunctions.softplus(Math.log(1e-20)));
        assertTrue(Double.isNaN(FloatFunctions.softplus(Double.NaN)));
    }

    @Test
    void thePolynomialsMeetTheirStatedErrors() {
        SplittableRandom random = new SplittableRandom(5);
        double exp = 0;
        double tanh = 0;
        double log1p = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = -random.nextDouble(110);
            exp = Math.max(exp, relative(FloatFunctions.expNonPositive(x), StrictMath.exp(x)));
            double small = random.nextDouble(-0.55, 0.55);
            tanh = Math.max(tanh, relative(FloatFunctions.tanh(small), StrictMath.tanh(small)));
            double u = random.nextDouble();
            log1p = Math.max(log1p, relative(FloatFunctions.log1p(u), StrictMath.log1p(u)));
        }
        // the comments' figures (interpolation error) plus a few roundings in double
        assertTrue(exp < 1.2e-10, "e^x: " + exp);
        assertTrue(tanh < 1.2e-10, "tanh: " + tanh);
        assertTrue(log1p < 1.1e-11, "log1p: " + log1p);
        assertEquals(1.0, FloatFunctions.expNonPositive(0.0));
        assertEquals(1e-300, FloatFunctions.tanh(1e-300));
        assertEquals(0.0f, (float) FloatFunctions.expNonPositive(-104.0));
        assertEquals(0.0f, (float) FloatFunctions.expNonPositive(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(FloatFunctions.expNonPositive(Double.NaN)));
        assertEquals(0.0, FloatFunctions.log1p(0.0));
        assertEquals(Math.log(2), FloatFunctions.log1p(1.0), 1e-11);
        assertEquals(1e-300, FloatFunctions.log1p(1e-300));
    }

    private static double relative(double value, double exact) {
        return Math.abs(value - exact) / exact;
    }
}
