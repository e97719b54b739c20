package dev.nncompile.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.model.Activation;
import dev.nncompile.model.Init;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Optimizer;
import dev.nncompile.model.Precision;
import dev.nncompile.model.Regularizer;
import dev.nncompile.model.StopRule;
import dev.nncompile.model.Training;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.SourceFile;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.Test.Rel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontendTest {
    private static final Expr Z = Exprs.var("z");
    private static final Expr P = Exprs.var("p");
    private static final Expr Y = Exprs.var("y");

    private static Network only(String text) {
        CheckResult r = Frontend.check(new SourceFile("t.nn", text));
        assertEquals("", DiagnosticRenderer.renderAll(r.diagnostics()));
        assertEquals(1, r.networks().size());
        return r.networks().get(0);
    }

    private static Network spec(String name) throws IOException {
        return only(Files.readString(Path.of("specs", name)));
    }

    @Test
    void xorIsCheckedIntoItsNetwork() throws IOException {
        Network n = spec("xor.nn");
        assertEquals("Xor", n.name());
        assertEquals("", n.packageName());
        assertEquals(2, n.inputs());
        Init xavier = new Init(Init.Kind.XAVIER_UNIFORM, 0, 0);
        Layer hidden = n.layers().get(0);
        assertEquals(List.of(1, 2, 4), List.of(hidden.index(), hidden.inputs(), hidden.units()));
        assertEquals(Activation.ofFormula("tanh", Exprs.tanh(Z)), hidden.activation());
        assertEquals(xavier, hidden.init());
        assertEquals(Activation.ofFormula("sigmoid", Exprs.sigmoid(Z)), n.outputLayer().activation());
        assertEquals(Loss.Kind.BCE, n.loss().kind());
        assertEquals(Loss.Reduction.MEAN_OVER_ALL, n.loss().reduction());
        assertEquals(new Optimizer(Optimizer.Kind.SGD, 0.5, 0, false, 0, 0, 0, 0, 0), n.optimizer());
        assertEquals(1L, n.seed());
        assertEquals(new Training(4, 5000, false, 0.0, List.of()), n.training());
        assertEquals(17, n.parameterCount());
    }

    @Test
    void mnistUsesTheBooksSettings() throws IOException {
        Network n = spec("mnist.nn");
        assertEquals(new Init(Init.Kind.NORMAL, 0, 1), n.layers().get(1).init());
        assertEquals(Loss.Kind.HALF_SSE, n.loss().kind());
        assertEquals(Loss.Reduction.MEAN_OVER_BATCH, n.loss().reduction());
        assertEquals(Exprs.mul(Exprs.HALF, Exprs.pow(Exprs.sub(P, Y), 2)), n.loss().term());
        assertEquals(3.0, n.optimizer().lr());
        assertEquals(new Training(10, 30, true, 0.0, List.of()), n.training());
    }

    @Test
    void defaultsAreFilledIn() {
        Network n = only("package com.acme;\nmodel D { input 3 dense 5 relu dense 2 softmax loss cross_entropy "
                + "optimizer adam }");
        assertEquals("com.acme", n.packageName());
        assertEquals(Precision.FLOAT, n.precision());
        assertEquals(0L, n.seed());
        assertEquals(new Training(32, 10, true, 0.0, List.of()), n.training());
        assertEquals(new Optimizer(Optimizer.Kind.ADAM, 1e-3, 0, false, 0.9, 0.999, 1e-8, 0, 0), n.optimizer());
        assertEquals(Init.Kind.HE_NORMAL, n.layers().get(0).init().kind());
        assertEquals(Init.Kind.XAVIER_UNIFORM, n.layers().get(1).init().kind());
        assertTrue(n.outputLayer().activation().softmax());
        assertEquals(Exprs.cond(Exprs.compare(Rel.GT, Z, Exprs.ZERO), Z, Exprs.ZERO),
                n.layers().get(0).activation().formula());
    }

    @Test
    void optimizersAndTheirDefaults() {
        String base = "model O { input 1 dense 1 identity loss mse optimizer %s }";
        assertEquals(new Optimizer(Optimizer.Kind.SGD, 0.1, 0.9, false, 0, 0, 0, 0, 0),
                only(String.format(base, "momentum(0.1)")).optimizer());
        assertEquals(new Optimizer(Optimizer.Kind.SGD, 0.1, 0.9, true, 0, 0, 0, 0, 0),
                only(String.format(base, "nesterov(lr = 0.1)")).optimizer());
        assertEquals(new Optimizer(Optimizer.Kind.ADAMW, 1e-3, 0, false, 0.9, 0.999, 1e-8, 0, 0.01),
                only(String.format(base, "adamw()")).optimizer());
        assertEquals(new Optimizer(Optimizer.Kind.RMSPROP, 0.01, 0, false, 0, 0, 1e-8, 0.99, 0),
                only(String.format(base, "rmsprop")).optimizer());
    }

    @Test
    void userFormulasAndParametersBecomeSymbolicExpressions() throws IOException {
        Network n = spec("custom.nn");
        assertEquals(Exprs.mul(Z, Exprs.sigmoid(Exprs.mul(Exprs.constant(1.5), Z))),
                n.layers().get(1).activation().formula());
        Expr leaky = Exprs.cond(Exprs.compare(Rel.GT, Z, Exprs.ZERO), Z, Exprs.mul(Exprs.constant(0.1), Z));
        assertEquals(leaky, n.layers().get(3).activation().formula());
        assertEquals(Loss.Kind.CUSTOM, n.loss().kind());
        assertEquals(Loss.Reduction.MEAN_OVER_ALL, n.loss().reduction());
        assertEquals(List.of("p", "y"), List.copyOf(Exprs.freeVariables(n.loss().term())));
        assertEquals(Precision.DOUBLE, n.precision());
        assertEquals(List.of(new StopRule.LossDeltaBelow(1e-7)), n.training().stops());
    }

    @Test
    void regularizersAndEarlyStopping() throws IOException {
        Network n = spec("binary.nn");
        assertEquals(List.of(new Regularizer(Regularizer.Kind.L2, 1e-4)), n.regularizers());
        assertEquals(new Training(32, 500, true, 0.2, List.of(new StopRule.Patience(20),
                new StopRule.GradientNormBelow(1e-6))), n.training());
    }

    @Test
    void everyBuiltInActivationAndLossChecks() {
        StringBuilder s = new StringBuilder("model All {\n input 2\n");
        for (String a : BuiltIns.ACTIVATIONS.keySet()) {
            // identity is linear: a hidden identity layer draws a warning (NN908), tested in the baselines
            s.append(a.equals("identity") ? "" : " dense 2 " + a + "\n");
        }
        s.append(" dense 2 softmax\n loss cross_entropy\n optimizer sgd(lr = 0.1)\n}\n");
        assertEquals(BuiltIns.ACTIVATIONS.size(), only(s.toString()).layers().size());
        for (String l : BuiltIns.LOSSES.keySet()) {
            String out = l.equals("bce") ? "sigmoid" : l.equals("cross_entropy") ? "softmax" : "identity";
            Network n = only("model L { input 1 dense 2 " + out + " loss " + l + " optimizer adam }");
            assertEquals(BuiltIns.LOSS_KINDS.get(l), n.loss().kind());
        }
    }

    @Test
    void neverThrowsAndNeverReturnsANetworkForABrokenModel() {
        CheckResult r = Frontend.check(new SourceFile("b.nn",
                "model Good { input 1 dense 1 sigmoid loss bce optimizer adam }\n"
                        + "model Bad { input 1 dense 1 rleu loss bce optimizer adam }"));
        assertTrue(r.hasErrors());
        assertEquals(List.of("Good"), r.networks().stream().map(Network::name).toList());
    }
}
