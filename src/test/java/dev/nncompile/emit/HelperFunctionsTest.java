package dev.nncompile.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.check.CheckResult;
import dev.nncompile.check.Frontend;
import dev.nncompile.derive.Deriver;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Precision;
import dev.nncompile.source.SourceFile;
import dev.nncompile.sym.FloatFunctions;
import dev.nncompile.sym.NumericFunctions;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The helper methods a generated class carries compute what {@link FloatFunctions} (a float class's σ, tanh and
 * softplus) or {@link NumericFunctions} (a double class's, and erf) computes, bit for bit, so the algorithms the
 * compiler tests and the shipped class cannot drift apart.
 */
class HelperFunctionsTest {
    /** A network whose activation calls every helper; %s is its precision. */
    private static final String SPEC = """
            activation every(z) = tanh(z) + sigmoid(z) + softplus(z) + erf(z)
            model Helpers {
                input 2
                dense 3 every
                dense 1 identity
                loss mse
                optimizer sgd(lr = 0.1)
                precision %s
            }
            """;

    @Test
    void aFloatClassCarriesFloatFunctionsBitForBit() throws ReflectiveOperationException {
        Map<String, DoubleUnaryOperator> reference = new LinkedHashMap<>();
        reference.put("tanh", FloatFunctions::tanh);
        reference.put("sigmoid", FloatFunctions::sigmoid);
        reference.put("softplus", FloatFunctions::softplus);
        reference.put("log1p", FloatFunctions::log1p);
        reference.put("expNonPositive", FloatFunctions::expNonPositive);
        reference.put("erf", NumericFunctions::erf);
        assertHelpersAre(reference, "float");
    }

    @Test
    void aDoubleClassCarriesNumericFunctionsBitForBit() throws ReflectiveOperationException {
        Map<String, DoubleUnaryOperator> reference = new LinkedHashMap<>();
        reference.put("tanh", NumericFunctions::tanh);
        reference.put("sigmoid", NumericFunctions::sigmoid);
        reference.put("softplus", NumericFunctions::softplus);
        reference.put("log1p", NumericFunctions::log1p);
        reference.put("erf", NumericFunctions::erf);
        Class<?> type = assertHelpersAre(reference, "double");
        assertThrows(NoSuchMethodException.class, () -> type.getDeclaredMethod("expNonPositive", double.class));
    }

    @Test
    void theJavadocNamesWhatAFloatClassComputesByPolynomials() {
        TrainingPlan helpers = plan(SPEC.formatted("float"));
        assertEquals(Optional.of("Computed to float precision from short polynomials, within 1 ulp of the exactly"
                + " rounded float, instead of by the Math.exp and Math.log stubs: σ, tanh and softplus."),
                HelperFunctions.numericsNote(helpers, new Real(Precision.FLOAT)));
        assertEquals(Optional.empty(), HelperFunctions.numericsNote(plan(SPEC.formatted("double")),
                new Real(Precision.DOUBLE)));
        TrainingPlan softmax = plan("""
                model Soft {
                    input 2
                    dense 3 relu
                    dense 2 softmax
                    loss cross_entropy
                    optimizer sgd(lr = 0.1)
                }
                """);
        assertTrue(HelperFunctions.numericsNote(softmax, new Real(Precision.FLOAT)).orElseThrow()
                .endsWith("stubs: softmax's e^(z − max)."));
        TrainingPlan relu = plan("""
                model Plain {
                    input 2
                    dense 3 relu
                    dense 1 identity
                    loss mse
                    optimizer sgd(lr = 0.1)
                }
                """);
        assertEquals(Optional.empty(), HelperFunctions.numericsNote(relu, new Real(Precision.FLOAT)));
    }

    private static TrainingPlan plan(String spec) {
        CheckResult checked = Frontend.check(new SourceFile("helpers.nn", spec));
        assertFalse(checked.hasErrors(), () -> checked.diagnostics().toString());
        return Deriver.derive(checked.networks().get(0));
    }

    /** Checks each helper of a class of that precision against its reference; returns the class. */
    private static Class<?> assertHelpersAre(Map<String, DoubleUnaryOperator> reference, String precision)
            throws ReflectiveOperationException {
        Compiled c = new Compiled(plan(SPEC.formatted(precision)));
        for (Map.Entry<String, DoubleUnaryOperator> f : reference.entrySet()) {
            Method helper = c.type.getDeclaredMethod(f.getKey(), double.class);
            helper.setAccessible(true);
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < 20_000; i++) {
                double x = i % 2 == 0 ? random.nextDouble(-30, 30)
                        : Math.scalb(random.nextDouble(-1, 1), -random.nextInt(1080));
                if (f.getKey().equals("log1p")) {
                    x = Math.abs(x) % 1.0;   // its domain in softplus: e^−|x|
                } else if (f.getKey().equals("expNonPositive")) {
                    x = -Math.abs(x);
                }
                double expected = f.getValue().applyAsDouble(x);
                double actual = (double) helper.invoke(null, x);
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                        f.getKey() + "(" + x + "): " + actual + ", the reference gives " + expected);
            }
        }
        return c.type;
    }
}
