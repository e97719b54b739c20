package dev.nncompile.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes one batch through a model and records every number: {@link TrainableModel#computeGradients} for the forward
 * and backward pass, then {@code steps} calls of {@link TrainableModel#trainBatch} on the same batch.
 *
 * <pre>{@code
 * BatchTrace t = Tracer.trace(model, new double[] {2}, new double[] {10}, 1, 1);
 * t.loss();                              // 64 for the worked example
 * t.steps().get(0).lossAfter();          // 37.748736
 * }</pre>
 */
public final class Tracer {
    private Tracer() {}

    public static BatchTrace trace(TrainableModel model, double[] x, double[] y, int n, int steps) {
        int layers = model.layers();
        List<BatchTrace.Parameters> initial = parameters(model);
        double loss = model.loss(x, y, n);
        model.computeGradients(x, y, n);
        List<BatchTrace.LayerTrace> traces = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            traces.add(new BatchTrace.LayerTrace(model.z(l, n), model.a(l, n), model.delta(l, n),
                    model.weightGradient(l), model.biasGradient(l)));
        }
        List<BatchTrace.StepTrace> stepTraces = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            double before = model.loss(x, y, n);
            model.trainBatch(x, y, n);
            double after = model.loss(x, y, n);
            stepTraces.add(new BatchTrace.StepTrace(s, before, after, parameters(model)));
        }
        return new BatchTrace(model.name(), !model.doublePrecision(), rows(x, n, model.inputs()),
                rows(y, n, model.outputs()), initial, loss, traces, stepTraces);
    }

    private static List<BatchTrace.Parameters> parameters(TrainableModel model) {
        List<BatchTrace.Parameters> out = new ArrayList<>();
        for (int l = 1; l <= model.layers(); l++) {
            out.add(new BatchTrace.Parameters(model.weightsOf(l), model.biasOf(l)));
        }
        return out;
    }

    static double[][] rows(double[] flat, int n, int width) {
        double[][] out = new double[n][width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * width, out[r], 0, width);
        }
        return out;
    }
}
