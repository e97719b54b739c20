package dev.nncompile.emit;

import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Network;
import java.util.ArrayList;
import java.util.List;

/** The generated class's Javadoc: what the network is, how to use it, its derivation and numerics notes. */
final class DerivationJavadoc {
    private DerivationJavadoc() {}

    static String of(TrainingPlan plan, Fields fields, Real real) {
        Network net = plan.network();
        StringBuilder out = new StringBuilder();
        StringBuilder shape = new StringBuilder().append(net.inputs());
        for (Layer l : net.layers()) {
            shape.append('-').append(l.units());
        }
        if (fields.kernels().vectorApi()) {
            out.append("The network ").append(net.name()).append(" (").append(shape).append("), trained and run in ")
                    .append(real.keyword()).append(" precision with the Vector API's matrix kernels: compile and run"
                            + " it with\n{@code --add-modules jdk.incubator.vector}. Every array is allocated in the"
                            + " constructor, rows padded to\nwhole vectors; {@code predict}, {@code trainBatch},"
                            + " {@code loss} and {@code computeGradients} are allocation-free once C2\nhas compiled"
                            + " them (the interpreter and C1 box vectors).\n\n");
            if (fields.kernels().threads() > 1) {
                out.append("<p>Each matrix product of at least 2<sup>")
                        .append(Long.numberOfTrailingZeros(ParallelCalls.PARALLEL_WORK))
                        .append("</sup> multiply-adds and each weight update of at least 2<sup>")
                        .append(Integer.numberOfTrailingZeros(ParallelCalls.PARALLEL_ELEMENTS))
                        .append("</sup> elements runs\non THREADS = ").append(fields.kernels().threads())
                        .append(" threads: the caller and the daemon workers the constructor starts (none when"
                                + " nothing is\nthat large) take whole column blocks or rows, so results are"
                                + " bit-identical to one thread. The\nworkers hold the model: call {@link #close()}"
                                + " when done with it.\n\n");
            }
        } else {
            out.append("The network ").append(net.name()).append(" (").append(shape).append("), trained and run in ")
                    .append(real.keyword()).append(" precision by plain Java: java.base only, every array allocated in"
                            + " the constructor,\n{@code predict}, {@code trainBatch}, {@code loss} and {@code"
                            + " computeGradients} allocation-free.\n\n");
        }
        out.append("<pre>{@code\n")
                .append(net.name()).append(" model = new ").append(net.name()).append("(").append(net.name())
                .append(".SEED);\n")
                .append(real.keyword()).append(" batchLoss = model.trainBatch(x, y, n);   // x: n × INPUTS, y: n ×"
                        + " OUTPUTS, row-major\n")
                .append("model.predict(x, 0, out);\n")
                .append("}</pre>\n\n");
        out.append("<p>Layers: ");
        for (Layer l : net.layers()) {
            out.append(l.index() == 1 ? "" : "; ").append(l.index()).append(": dense ").append(l.units())
                    .append(' ').append(l.activation() == null ? "" : l.activation().name());
        }
        out.append(". Loss ").append(net.loss().name()).append(", optimizer ")
                .append(net.optimizer().kind().name().toLowerCase(java.util.Locale.ROOT))
                .append(" (lr ").append(net.optimizer().lr()).append(").\n\n");
        out.append("<p>Derivation (the training plan; every loop below carries its statement):\n<pre>\n");
        section(out, "forward", plan.forward());
        section(out, "loss", plan.loss());
        section(out, "backward", plan.backward());
        section(out, "update", plan.update());
        out.append("</pre>\n");
        List<String> notes = new ArrayList<>(plan.notes());
        HelperFunctions.numericsNote(plan, real).ifPresent(notes::add);
        if (!notes.isEmpty()) {
            out.append("\n<p>Numerics:\n<ul>\n");
            for (String note : notes) {
                out.append("  <li>").append(StepText.javadoc(note)).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("\n<p>Storage: every matrix is one array per row (C2 vectorises those loops, not flat arrays with"
                + " row offsets);\nweights and their gradients and optimizer state are stored input-major, w[k][j] ="
                + " W[j][k], so the forward\nproduct and the weight gradient are unit-stride axpy loops."
                + " {@link #writeWeights}, {@link #parameters()} and the\naccessors use PyTorch's row-major"
                + " [units][inputs].\n");
        return out.toString();
    }

    private static void section(StringBuilder out, String name, List<Step> steps) {
        out.append(name).append(":\n");
        for (Step s : steps) {
            for (String line : StepText.describe(s)) {
                out.append("  ").append(StepText.javadoc(line)).append('\n');
            }
        }
    }
}
