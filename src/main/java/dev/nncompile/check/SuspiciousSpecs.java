package dev.nncompile.check;

import dev.nncompile.ast.Statement;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Optimizer;
import dev.nncompile.model.StopRule;
import dev.nncompile.model.Training;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import java.util.List;

/**
 * Warnings for specs that are legal but probably not what was meant: a loss that does not fit the output
 * activation, a learning rate that will diverge, a patience rule with nothing to watch, layers that add nothing.
 */
final class SuspiciousSpecs {
    static final double LARGE_LR = 10.0;

    private final Diagnostics diagnostics;

    SuspiciousSpecs(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Every argument may be null when its statement is missing or had an error; checks needing it are skipped. */
    void check(List<Statement.Dense> dense, List<Layer> layers, Statement.Loss lossStatement, Loss loss,
               Statement.Optimizer optimizerStatement, Optimizer optimizer, Statement.Train trainStatement,
               Training training) {
        if (!dense.isEmpty()) {
            Statement.Dense output = dense.get(dense.size() - 1);
            String activation = output.activation().name().text();
            if (lossStatement != null) {
                lossFit(output, activation, lossStatement);
            }
            if (activation.equals(BuiltIns.SOFTMAX) && output.size().text().equals("1") && !output.size().negative()) {
                diagnostics.report(DiagnosticCode.NN907, output.activation().span(),
                        "softmax over a single output is always 1, so nothing can be learnt",
                        "use 'dense 1 sigmoid' with bce for a yes/no output");
            }
            for (int i = 0; i + 1 < dense.size(); i++) {
                if (dense.get(i).activation().name().text().equals("identity")) {
                    diagnostics.report(DiagnosticCode.NN908, dense.get(i).activation().span(),
                            "a hidden layer with the identity activation is linear: it adds no expressive power",
                            "use relu, tanh or another nonlinearity");
                }
            }
        }
        if (optimizer != null && optimizer.lr() > LARGE_LR) {
            diagnostics.report(DiagnosticCode.NN904, optimizerStatement.optimizer().span(),
                    "learning rate " + ParamSpec.format(optimizer.lr()) + " is very large; training will likely diverge",
                    "typical rates are 1e-4 to 1");
        }
        if (training != null && training.validation() == 0.0) {
            for (StopRule rule : training.stops()) {
                if (rule instanceof StopRule.Patience) {
                    diagnostics.report(DiagnosticCode.NN905, trainStatement.span(),
                            "'stop when val_loss stalls' needs validation data, but validation is 0",
                            "add e.g. validation = 0.1");
                }
            }
        }
    }

    private void lossFit(Statement.Dense output, String activation, Statement.Loss lossStatement) {
        String loss = lossStatement.loss().name().text();
        String shown = Quoted.of(activation);
        if (loss.equals("bce") && activation.equals(BuiltIns.SOFTMAX)) {
            diagnostics.report(DiagnosticCode.NN901, lossStatement.loss().span(),
                    "bce with a softmax output: the outputs compete, but bce treats each as its own yes/no",
                    "use cross_entropy with softmax, or sigmoid outputs with bce");
        } else if (loss.equals("bce") && !activation.equals("sigmoid") && BuiltIns.ACTIVATIONS.containsKey(activation)) {
            // a user activation may well map into (0, 1): only built-ins are known not to
            diagnostics.report(DiagnosticCode.NN903, lossStatement.loss().span(),
                    "bce needs outputs in (0, 1), but the output layer uses " + shown,
                    "use 'sigmoid' on the output layer");
        } else if (loss.equals("cross_entropy") && !activation.equals(BuiltIns.SOFTMAX)) {
            diagnostics.report(DiagnosticCode.NN902, lossStatement.loss().span(),
                    "cross_entropy needs probabilities that sum to 1, but the output layer uses " + shown,
                    "use 'softmax' on the output layer");
        }
    }
}
