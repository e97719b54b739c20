package dev.nncompile.explain;

import static dev.nncompile.explain.Report.line;

import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Activation;
import dev.nncompile.model.Init;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Optimizer;
import dev.nncompile.model.Regularizer;
import dev.nncompile.model.StopRule;
import dev.nncompile.model.Training;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.PrintOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link TrainingPlan} into a {@link Report}: the network, then the plan's own statements — forward, loss,
 * backward, update — and its numerics notes. Only the network section describes; every equation after it is a
 * step of the plan, the same the code generator renders.
 */
final class ReportBuilder {
    private final TrainingPlan plan;
    private final Network network;

    ReportBuilder(TrainingPlan plan) {
        this.plan = plan;
        this.network = plan.network();
    }

    Report build() {
        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Section("Network", networkBlocks()));
        sections.add(new Report.Section("Forward", steps(plan.forward(), line(
                "For one sample: x is its input column, zˡ and aˡ its pre-activations and activations."))));
        sections.add(new Report.Section("Loss", lossBlocks()));
        sections.add(new Report.Section("Backward", steps(plan.backward(), line(
                "δˡ = ∂C/∂zˡ per sample; ⊙ is the elementwise product; Σₙ sums over the N samples of the batch."))));
        sections.add(new Report.Section("Update", steps(plan.update(), line(readsStepCount(plan.update())
                ? "Elementwise over each parameter; t counts the optimizer steps, 1 on the first."
                : "Elementwise over each parameter, once per batch."))));
        sections.add(new Report.Section("Numerics", numericsBlocks()));
        return new Report(network.name(), subtitle(), sections);
    }

    private String subtitle() {
        StringBuilder shape = new StringBuilder().append(network.inputs());
        for (Layer l : network.layers()) {
            shape.append(" → ").append(l.units());
        }
        return "Forward and backward pass as nncompile derives them: " + shape + ", "
                + network.parameterCount() + " parameters.";
    }

    // ---- network ---------------------------------------------------------------------------------------------

    private List<Report.Block> networkBlocks() {
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(item("Input ", member(Formula.identifier("x"), Formula.reals(network.inputs())),
                ", target ", member(Formula.identifier("y"), Formula.reals(network.outputs())), "."));
        for (Layer l : network.layers()) {
            blocks.add(item("Layer " + l.index() + ": ",
                    member(Formula.identifier("W").sup(Formula.number(l.index())), Formula.reals(l.units(), l.inputs())),
                    ", ", member(Formula.identifier("b").sup(Formula.number(l.index())), Formula.reals(l.units())),
                    "; activation " + l.activation().name() + ": ", activation(l), "; initialised " + init(l.init())
                    + "."));
        }
        blocks.add(new Report.Item(lossLine()));
        blocks.add(new Report.Item(optimizerLine()));
        blocks.add(new Report.Item(regularizationLine()));
        blocks.add(item("Training: " + training(network.training()) + "; seed " + network.seed() + ", precision "
                + network.precision().javaType() + "."));
        return blocks;
    }

    private static Report.Item item(Object... parts) {
        return new Report.Item(line(parts));
    }

    private static Formula member(Formula symbol, Formula set) {
        return Formula.row(symbol, Formula.operator("∈", "\\in"), set);
    }

    private static Formula activation(Layer l) {
        Formula z = Formula.identifier("z");
        Formula a = Formula.identifier("a");
        Activation act = l.activation();
        if (act.softmax()) {
            Formula zj = z.sub(Formula.identifier("j"));
            Formula value = new Formula("exp(zⱼ)/Σₖ exp(zₖ)", "\\frac{e^{z_{j}}}{\\sum_{k} e^{z_{k}}}",
                    "<mfrac><msup><mi>e</mi><msub><mi>z</mi><mi>j</mi></msub></msup><mrow><munder><mo>∑</mo>"
                            + "<mi>k</mi></munder><msup><mi>e</mi><msub><mi>z</mi><mi>k</mi></msub></msup></mrow>"
                            + "</mfrac>");
            return Formula.row(a.sub(Formula.identifier("j")), Formula.operator("=", "="), value);
        }
        return Formula.row(a, Formula.operator("=", "="),
                Formula.expr(act.formula(), Formula::identifier, PrintOptions.SCALAR));
    }

    private static String init(Init init) {
        return switch (init.kind()) {
            case ZEROS -> "to zeros";
            case UNIFORM -> "uniform in [" + number(init.a()) + ", " + number(init.b()) + "] (weights and biases)";
            case NORMAL -> "normal with mean " + number(init.a()) + " and standard deviation " + number(init.b())
                    + " (weights and biases)";
            case XAVIER_UNIFORM -> "Xavier/Glorot uniform (weights), biases 0";
            case XAVIER_NORMAL -> "Xavier/Glorot normal (weights), biases 0";
            case HE_UNIFORM -> "He/Kaiming uniform (weights), biases 0";
            case HE_NORMAL -> "He/Kaiming normal (weights), biases 0";
        };
    }

    private List<Report.Inline> lossLine() {
        Loss loss = network.loss();
        Formula term = Formula.row(new Formula("ℓ(p, y)", "\\ell(p, y)",
                        "<mrow><mi>ℓ</mi><mo>(</mo><mi>p</mi><mo>,</mo><mi>y</mi><mo>)</mo></mrow>"),
                Formula.operator("=", "="), Formula.expr(loss.term(), Formula::identifier, PrintOptions.SCALAR));
        String reduction = loss.reduction() == Loss.Reduction.MEAN_OVER_BATCH
                ? "summed over the outputs, averaged over the batch"
                : "averaged over the batch and the outputs";
        return line("Loss " + loss.name() + ": per output ", term, ", " + reduction + ".");
    }

    private List<Report.Inline> optimizerLine() {
        Optimizer o = network.optimizer();
        List<Object> parts = new ArrayList<>();
        switch (o.kind()) {
            case SGD -> {
                parts.add(o.momentum() > 0 ? (o.nesterov() ? "Optimizer SGD with Nesterov momentum: "
                        : "Optimizer SGD with momentum: ") : "Optimizer SGD: ");
                parts.add(hyper("η", o.lr()));
                if (o.momentum() > 0) {
                    parts.add(", ");
                    parts.add(hyper("μ", o.momentum()));
                }
            }
            case ADAM, ADAMW -> {
                parts.add(o.kind() == Optimizer.Kind.ADAM ? "Optimizer Adam: " : "Optimizer AdamW: ");
                parts.add(hyper("η", o.lr()));
                parts.add(", ");
                parts.add(hyper("β₁", o.beta1()));
                parts.add(", ");
                parts.add(hyper("β₂", o.beta2()));
                parts.add(", ");
                parts.add(hyper("ε", o.eps()));
                if (o.kind() == Optimizer.Kind.ADAMW) {
                    parts.add(", decoupled weight decay ");
                    parts.add(number(o.weightDecay()));
                    parts.add(" (weights only)");
                }
            }
            case RMSPROP -> {
                parts.add("Optimizer RMSprop: ");
                parts.add(hyper("η", o.lr()));
                parts.add(", ");
                parts.add(hyper("α", o.alpha()));
                parts.add(", ");
                parts.add(hyper("ε", o.eps()));
                if (o.momentum() > 0) {
                    parts.add(", ");
                    parts.add(hyper("μ", o.momentum()));
                }
            }
        }
        parts.add(".");
        return line(parts.toArray());
    }

    private List<Report.Inline> regularizationLine() {
        if (network.regularizers().isEmpty()) {
            return line("Regularisation: none.");
        }
        List<Object> parts = new ArrayList<>();
        parts.add("Regularisation: ");
        for (int i = 0; i < network.regularizers().size(); i++) {
            Regularizer r = network.regularizers().get(i);
            parts.add(i == 0 ? "" : "; ");
            parts.add(r.kind() == Regularizer.Kind.L2 ? "L2 " : "L1 ");
            parts.add(hyper("λ", r.lambda()));
            parts.add(r.kind() == Regularizer.Kind.L2 ? " adds (λ/2)·ΣW²" : " adds λ·Σ|W|");
        }
        parts.add(" (weights, not biases).");
        return line(parts.toArray());
    }

    private static String training(Training t) {
        StringBuilder out = new StringBuilder("batch " + t.batch() + ", at most " + t.epochs() + " epochs");
        out.append(t.shuffle() ? ", shuffled every epoch" : ", in order");
        if (t.validation() > 0) {
            out.append(", ").append(number(t.validation())).append(" of the data held out for validation");
        }
        for (StopRule s : t.stops()) {
            if (s instanceof StopRule.GradientNormBelow g) {
                out.append(", stop when the gradient norm < ").append(number(g.epsilon()));
            } else if (s instanceof StopRule.LossDeltaBelow d) {
                out.append(", stop when |Δloss| < ").append(number(d.epsilon()));
            } else if (s instanceof StopRule.Patience p) {
                out.append(", stop when the validation loss has not improved for ").append(p.epochs())
                        .append(" epochs (best weights kept)");
            }
        }
        return out.toString();
    }

    private static Formula hyper(String symbol, double value) {
        Formula name = symbol.length() == 2
                ? Formula.identifier(symbol.substring(0, 1)).sub(Formula.number(symbol.charAt(1) - '₀'))
                : Formula.identifier(symbol);
        return Formula.row(name, Formula.operator("=", "="),
                Formula.expr(Exprs.constant(value), Notation::scalar, PrintOptions.SCALAR));
    }

    private static String number(double v) {
        return dev.nncompile.sym.TextPrinter.print(Exprs.constant(v));
    }

    // ---- the plan's statements -------------------------------------------------------------------------------

    private static List<Report.Block> steps(List<Step> steps, List<Report.Inline> preface) {
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(new Report.Paragraph(preface));
        for (Step step : steps) {
            for (Formula f : StepFormulas.equations(step)) {
                blocks.add(new Report.Display(f));
            }
        }
        return blocks;
    }

    private static boolean readsStepCount(List<Step> steps) {
        for (Step step : steps) {
            if (step instanceof Step.ScalarDef def && Exprs.freeVariables(def.value()).contains(Step.STEP_COUNT)) {
                return true;
            }
            if (step instanceof Step.Elementwise e) {
                for (Step.Assignment a : e.assignments()) {
                    if (Exprs.freeVariables(a.value()).contains(Step.STEP_COUNT)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private List<Report.Block> lossBlocks() {
        List<Report.Block> blocks = new ArrayList<>();
        List<Formula> terms = new ArrayList<>();
        List<Formula> definitions = new ArrayList<>();
        for (Step step : plan.loss()) {
            if (step instanceof Step.LossTerm t) {
                terms.add(StepFormulas.lossTerm(t));
            } else if (step instanceof Step.SoftmaxCrossEntropy ce) {
                terms.add(StepFormulas.crossEntropy(ce));
                definitions.add(StepFormulas.logSumExp(ce.logits()));
            } else {
                definitions.addAll(StepFormulas.equations(step));
            }
        }
        blocks.add(new Report.Paragraph(line("The batch loss: data loss, then regularisation.")));
        if (!terms.isEmpty()) {
            List<Formula> parts = new ArrayList<>();
            parts.add(StepFormulas.cost());
            parts.add(Formula.operator("=", "="));
            for (int i = 0; i < terms.size(); i++) {
                if (i > 0) {
                    parts.add(Formula.operator("+", "+"));
                }
                parts.add(terms.get(i));
            }
            blocks.add(new Report.Display(Formula.row(parts)));
        }
        for (Formula d : definitions) {
            blocks.add(new Report.Display(d));
        }
        return blocks;
    }

    private List<Report.Block> numericsBlocks() {
        List<Report.Block> blocks = new ArrayList<>();
        if (plan.notes().isEmpty()) {
            blocks.add(new Report.Paragraph(line("No special numerics.")));
        }
        for (String note : plan.notes()) {
            blocks.add(new Report.Item(line(note)));
        }
        return blocks;
    }
}
