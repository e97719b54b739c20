package dev.nncompile.emit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import java.util.List;

/** The generated {@code gradientCheck} over sets of compiled classes, as the emit tests run it for either kernels. */
final class GradientChecks {
    private GradientChecks() {}

    /** Each class's full gradient check on a full batch of its network: relative error below 1e-6. */
    static void assertExactOnFullBatches(List<Compiled> classes) {
        for (Compiled c : classes) {
            Network net = c.plan.network();
            Samples s = Samples.of(net, net.training().batch(), 3);
            double error = c.gradientCheck(c.newModel(5), c.array(s.x()), c.array(s.y()), s.n());
            assertTrue(error < 1e-6, net.name() + ": gradient check error " + error + "\n" + c.source);
        }
    }

    /**
     * The full gradient check of every double-precision class under 30 000 parameters, on at most {@code samples}
     * samples; at least five must be checked.
     */
    static void assertExactInDouble(List<Compiled> classes, int samples) {
        int checked = 0;
        for (Compiled c : classes) {
            Network net = c.plan.network();
            if (net.precision() != Precision.DOUBLE || net.parameterCount() >= 30_000) {
                continue;
            }
            Samples s = Samples.of(net, Math.min(samples, net.training().batch()), 8);
            double error = c.gradientCheck(c.newModel(5), c.array(s.x()), c.array(s.y()), s.n());
            assertTrue(error < 1e-6, net.name() + ": gradient check error " + error);
            checked++;
        }
        assertTrue(checked >= 5, "checked " + checked);
    }
}
