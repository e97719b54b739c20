package dev.nncompile.train;

import java.util.List;

/**
 * Every number of one batch through a model: the forward pass, the loss, every δ and gradient, and the parameters
 * after each of K optimizer steps on that same batch — a worked example on paper, for any network.
 *
 * @param x       the inputs, one row per sample
 * @param y       the targets, one row per sample
 * @param initial the parameters before any step, per layer
 * @param loss    the total loss (data term and regularisation)
 * @param layers  per layer 1..L: z, a, ∂L/∂z, ∂L/∂W, ∂L/∂b
 * @param steps   the optimizer steps
 */
public record BatchTrace(String model, boolean floatPrecision, double[][] x, double[][] y, List<Parameters> initial,
                         double loss, List<LayerTrace> layers, List<StepTrace> steps) {
    public BatchTrace {
        initial = List.copyOf(initial);
        layers = List.copyOf(layers);
        steps = List.copyOf(steps);
    }

    /** One layer's parameters: W [units][inputs], b [units]. */
    public record Parameters(double[][] w, double[] b) {}

    /** One layer's numbers, rows per sample for z, a, ∂L/∂z. */
    public record LayerTrace(double[][] z, double[][] a, double[][] dLdz, double[][] dLdW, double[] dLdb) {}

    /** One optimizer step: the loss before and after it and the parameters it left. */
    public record StepTrace(int step, double lossBefore, double lossAfter, List<Parameters> params) {
        public StepTrace {
            params = List.copyOf(params);
        }
    }

    /** The JSON document of {@code trace --json} (issue 3 item 4). */
    public String toJson() {
        JsonWriter json = new JsonWriter().floatPrecision(floatPrecision);
        json.beginObject().name("loss").value(loss).name("layers").beginArray();
        for (LayerTrace l : layers) {
            json.beginObject().name("z").matrix(l.z()).name("a").matrix(l.a()).name("dL_dz").matrix(l.dLdz())
                    .name("dL_dW").matrix(l.dLdW()).name("dL_db").values(l.dLdb()).endObject();
        }
        json.endArray().name("steps").beginArray();
        for (StepTrace s : steps) {
            json.beginObject().name("step").value(s.step()).name("loss_before").value(s.lossBefore())
                    .name("loss_after").value(s.lossAfter()).name("params").beginArray();
            for (Parameters p : s.params()) {
                json.beginObject().name("W").matrix(p.w()).name("b").values(p.b()).endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject().document();
    }
}
