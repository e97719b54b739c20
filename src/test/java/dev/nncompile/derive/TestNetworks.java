package dev.nncompile.derive;

import static dev.nncompile.sym.Exprs.*;

import dev.nncompile.model.Activation;
import dev.nncompile.model.Init;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Optimizer;
import dev.nncompile.model.Precision;
import dev.nncompile.model.Regularizer;
import dev.nncompile.model.Training;
import dev.nncompile.source.SourceSpan;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Test;
import java.util.ArrayList;
import java.util.List;

/** Networks built by hand, independent of the parser, for derivation tests. */
final class TestNetworks {
    private TestNetworks() {}

    static final Expr Z = var("z");
    static final Expr P = var("p");
    static final Expr Y = var("y");

    static Activation activation(String name) {
        return switch (name) {
            case "identity" -> Activation.ofFormula(name, Z);
            case "sigmoid" -> Activation.ofFormula(name, sigmoid(Z));
            case "tanh" -> Activation.ofFormula(name, tanh(Z));
            case "relu" -> Activation.ofFormula(name, cond(compare(Test.Rel.GT, Z, ZERO), Z, ZERO));
            case "softplus" -> Activation.ofFormula(name, softplus(Z));
            case "swish" -> Activation.ofFormula(name, mul(Z, sigmoid(Z)));
            case "elu" -> Activation.ofFormula(name,
                    cond(compare(Test.Rel.GT, Z, ZERO), Z, sub(exp(Z), ONE)));
            case "gelu" -> Activation.ofFormula(name,
                    mul(HALF, Z, add(ONE, erf(div(Z, sqrt(TWO))))));
            case "softmax" -> Activation.ofSoftmax();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Loss loss(String name) {
        Expr d = sub(P, Y);
        return switch (name) {
            case "mse" -> new Loss(name, Loss.Kind.MSE, pow(d, 2), Loss.Reduction.MEAN_OVER_ALL);
            case "half_sse" -> new Loss(name, Loss.Kind.HALF_SSE, mul(HALF, pow(d, 2)), Loss.Reduction.MEAN_OVER_BATCH);
            case "bce" -> new Loss(name, Loss.Kind.BCE,
                    neg(add(mul(Y, log(P)), mul(sub(ONE, Y), log(sub(ONE, P))))), Loss.Reduction.MEAN_OVER_ALL);
            case "cross_entropy" -> new Loss(name, Loss.Kind.CROSS_ENTROPY, neg(mul(Y, log(P))),
                    Loss.Reduction.MEAN_OVER_BATCH);
            case "huber" -> new Loss(name, Loss.Kind.HUBER,
                    cond(compare(Test.Rel.LE, abs(d), ONE), mul(HALF, pow(d, 2)), sub(abs(d), HALF)),
                    Loss.Reduction.MEAN_OVER_ALL);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Optimizer sgd(double lr) {
        return new Optimizer(Optimizer.Kind.SGD, lr, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
    }

    static Optimizer optimizer(String name) {
        return switch (name) {
            case "sgd" -> sgd(0.1);
            case "momentum" -> new Optimizer(Optimizer.Kind.SGD, 0.05, 0.9, false, 0.9, 0.999, 1e-8, 0.99, 0);
            case "nesterov" -> new Optimizer(Optimizer.Kind.SGD, 0.05, 0.9, true, 0.9, 0.999, 1e-8, 0.99, 0);
            case "adam" -> new Optimizer(Optimizer.Kind.ADAM, 1e-3, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
            case "adamw" -> new Optimizer(Optimizer.Kind.ADAMW, 1e-3, 0, false, 0.9, 0.999, 1e-8, 0.99, 0.01);
            case "rmsprop" -> new Optimizer(Optimizer.Kind.RMSPROP, 1e-2, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** sizes[0] inputs, then one layer per further size, with the given activations. */
    static Network network(int[] sizes, String[] activations, String loss, Optimizer optimizer,
                           List<Regularizer> regularizers, int batch) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 1; i < sizes.length; i++) {
            layers.add(new Layer(i, sizes[i - 1], sizes[i], activation(activations[i - 1]),
                    new Init(Init.Kind.XAVIER_UNIFORM, 0, 0), SourceSpan.NONE));
        }
        return new Network("Net", "", SourceSpan.NONE, sizes[0], layers, loss(loss), optimizer, regularizers, 1,
                Precision.DOUBLE, new Training(batch, 1, false, 0, List.of()));
    }
}
