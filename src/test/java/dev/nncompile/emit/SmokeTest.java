package dev.nncompile.emit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.model.Init;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import dev.nncompile.model.Regularizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void compiles() {
        List<HandPlans.Act> acts = List.of(HandPlans.sigmoid(), HandPlans.sigmoid());
        Network net = HandPlans.network("Small", 2, List.of(3, 1), acts, HandPlans.loss(Loss.Kind.HALF_SSE),
                HandPlans.adam(0.5), List.of(new Regularizer(Regularizer.Kind.L2, 1e-3)), Precision.DOUBLE, 4,
                new Init(Init.Kind.NORMAL, 0, 1));
        Compiled c = new Compiled(HandPlans.plan(net, acts));
        System.out.println(c.source);
        assertTrue(c.source.length() > 0);
    }
}
