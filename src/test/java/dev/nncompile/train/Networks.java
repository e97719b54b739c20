package dev.nncompile.train;

import static dev.nncompile.sym.Exprs.compare;
import static dev.nncompile.sym.Exprs.cond;
import static dev.nncompile.sym.Exprs.log;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sigmoid;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.tanh;
import static dev.nncompile.sym.Exprs.var;
import static dev.nncompile.sym.Exprs.add;

import dev.nncompile.derive.Deriver;
import dev.nncompile.emit.ClassGenerator;
import dev.nncompile.model.Activation;
import dev.nncompile.model.Init;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Optimizer;
import dev.nncompile.model.Precision;
import dev.nncompile.model.Training;
import dev.nncompile.source.SourceSpan;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.Test;
import java.util.ArrayList;
import java.util.List;

/** Checked networks built by hand (no parser needed), and their generated classes loaded as {@link GeneratedModel}. */
final class Networks {
    private static final Expr Z = var("z");
    private static final Expr P = var("p");
    private static final Expr Y = var("y");

    private Networks() {}

    static Activation activation(String name) {
        return switch (name) {
            case "identity" -> Activation.ofFormula(name, Z);
            case "sigmoid" -> Activation.ofFormula(name, sigmoid(Z));
            case "tanh" -> Activation.ofFormula(name, tanh(Z));
            case "relu" -> Activation.ofFormula(name, cond(compare(Test.Rel.GT, Z, Exprs.ZERO), Z, Exprs.ZERO));
            case "softmax" -> Activation.ofSoftmax();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Loss loss(String name) {
        Expr d = sub(P, Y);
        return switch (name) {
            case "mse" -> new Loss(name, Loss.Kind.MSE, pow(d, 2), Loss.Reduction.MEAN_OVER_ALL);
            case "bce" -> new Loss(name, Loss.Kind.BCE,
                    neg(add(mul(Y, log(P)), mul(sub(Exprs.ONE, Y), log(sub(Exprs.ONE, P))))),
                    Loss.Reduction.MEAN_OVER_ALL);
            case "cross_entropy" -> new Loss(name, Loss.Kind.CROSS_ENTROPY, neg(mul(Y, log(P))),
                    Loss.Reduction.MEAN_OVER_BATCH);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Optimizer sgd(double lr) {
        return new Optimizer(Optimizer.Kind.SGD, lr, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
    }

    static Network network(String name, int[] sizes, String[] activations, String loss, Optimizer optimizer,
                           Precision precision, int batch, int epochs) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 1; i < sizes.length; i++) {
            layers.add(new Layer(i, sizes[i - 1], sizes[i], activation(activations[i - 1]),
                    new Init(Init.Kind.XAVIER_UNIFORM, 0, 0), SourceSpan.NONE));
        }
        return new Network(name, "demo", SourceSpan.NONE, sizes[0], layers, loss(loss), optimizer, List.of(), 1,
                precision, new Training(batch, epochs, true, 0, List.of()));
    }

    static GeneratedModel load(Network network, long seed) {
        String source = ClassGenerator.generate(Deriver.derive(network)).toString();
        Class<?> type = new InMemoryCompiler(ModelCompiler.OPTIONS).compileAndLoad(
                network.packageName() + "." + network.name(), source);
        return GeneratedModel.instantiate(type, seed, network.training().epochs());
    }

    /** The tutorial's worked example: 1-1-1, relu, identity, squared error, sgd(0.01). */
    static Network workedExample(Precision precision) {
        return network("WorkedExample", new int[] {1, 1, 1}, new String[] {"relu", "identity"}, "mse", sgd(0.01),
                precision, 1, 1);
    }
}
