package dev.nncompile.derive;

import dev.nncompile.sym.Evaluator;
import dev.nncompile.sym.Expr;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link TrainingPlan} in double precision by evaluating its statements directly: an oracle that shares no
 * code with the emitter, so the derivation can be checked on its own and the generated classes against it.
 */
final class PlanInterpreter {
    private final TrainingPlan plan;
    final Map<String, double[]> values = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new HashMap<>();
    private int n;
    private int step;

    PlanInterpreter(TrainingPlan plan) {
        this.plan = plan;
        for (Buffer b : plan.buffers()) {
            values.put(b.name(), new double[b.size()]);
        }
    }

    double[] get(String name) {
        return values.get(name);
    }

    /** Forward and loss on n samples; x and y row-major. */
    double loss(double[] x, double[] y, int n) {
        load(x, y, n);
        run(plan.forward());
        return lossOnly();
    }

    /** Forward, loss and backward; returns the loss. */
    double gradients(double[] x, double[] y, int n) {
        double loss = loss(x, y, n);
        run(plan.backward());
        return loss;
    }

    double trainStep(double[] x, double[] y, int n) {
        double loss = gradients(x, y, n);
        step++;
        run(plan.update());
        return loss;
    }

    private void load(double[] x, double[] y, int n) {
        this.n = n;
        scalars.put(Step.BATCH_SIZE, (double) n);
        scalars.put(Step.STEP_COUNT, (double) step);
        System.arraycopy(x, 0, values.get("x"), 0, x.length);
        System.arraycopy(y, 0, values.get("y"), 0, y.length);
    }

    private double lossOnly() {
        double total = 0;
        for (Step s : plan.loss()) {
            if (s instanceof Step.LossTerm t) {
                double sum = 0;
                int size = size(t.operands().values().iterator().next());
                for (int i = 0; i < size; i++) {
                    sum += Evaluator.evaluate(t.term(), env(t.operands(), i));
                }
                total += Evaluator.evaluate(t.scale(), scalars::get) * sum;
            } else if (s instanceof Step.SoftmaxCrossEntropy ce) {
                int k = ce.logits().cols();
                double[] z = get(ce.logits().name());
                double[] y = get(ce.target().name());
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        max = Math.max(max, z[r * k + j]);
                    }
                    double se = 0;
                    for (int j = 0; j < k; j++) {
                        se += Math.exp(z[r * k + j] - max);
                    }
                    double lse = max + Math.log(se);
                    for (int j = 0; j < k; j++) {
                        sum += y[r * k + j] * (lse - z[r * k + j]);
                    }
                }
                total += sum / n;
            } else {
                throw new IllegalStateException("not a loss step: " + s);
            }
        }
        return total;
    }

    private void run(List<Step> steps) {
        scalars.put(Step.STEP_COUNT, (double) step);
        for (Step s : steps) {
            if (s instanceof Step.Affine a) {
                double[] out = get(a.out().name());
                double[] w = get(a.weight().name());
                double[] b = get(a.bias().name());
                double[] in = get(a.in().name());
                int units = a.weight().rows();
                int inputs = a.weight().cols();
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < units; j++) {
                        double sum = b[j];
                        for (int k = 0; k < inputs; k++) {
                            sum += w[j * inputs + k] * in[r * inputs + k];
                        }
                        out[r * units + j] = sum;
                    }
                }
            } else if (s instanceof Step.Elementwise e) {
                Buffer first = e.assignments().get(0).target();
                for (int i = 0; i < size(first); i++) {
                    Map<String, Double> env = env(e.operands(), i);
                    for (Step.Assignment as : e.assignments()) {
                        double v = Evaluator.evaluate(as.value(), env);
                        get(as.target().name())[i] = v;
                        for (Map.Entry<String, Buffer> op : e.operands().entrySet()) {
                            if (op.getValue().name().equals(as.target().name())) {
                                env.put(op.getKey(), v);
                            }
                        }
                    }
                }
            } else if (s instanceof Step.Softmax sm) {
                int k = sm.in().cols();
                double[] in = get(sm.in().name());
                double[] out = get(sm.out().name());
                for (int r = 0; r < n; r++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        max = Math.max(max, in[r * k + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        out[r * k + j] = Math.exp(in[r * k + j] - max);
                        sum += out[r * k + j];
                    }
                    for (int j = 0; j < k; j++) {
                        out[r * k + j] /= sum;
                    }
                }
            } else if (s instanceof Step.BackpropDelta bd) {
                double[] d = get(bd.delta().name());
                double[] w = get(bd.weight().name());
                double[] next = get(bd.next().name());
                int units = bd.weight().rows();
                int inputs = bd.weight().cols();
                for (int r = 0; r < n; r++) {
                    for (int k = 0; k < inputs; k++) {
                        double sum = 0;
                        for (int j = 0; j < units; j++) {
                            sum += next[r * units + j] * w[j * inputs + k];
                        }
                        d[r * inputs + k] = sum * Evaluator.evaluate(bd.factor(), env(bd.operands(), r * inputs + k));
                    }
                }
            } else if (s instanceof Step.SoftmaxJacobian sj) {
                int k = sj.delta().cols();
                double[] d = get(sj.delta().name());
                double[] p = get(sj.probabilities().name());
                double[] g = get(sj.outputGradient().name());
                for (int r = 0; r < n; r++) {
                    double dot = 0;
                    for (int j = 0; j < k; j++) {
                        dot += p[r * k + j] * g[r * k + j];
                    }
                    for (int j = 0; j < k; j++) {
                        d[r * k + j] = p[r * k + j] * (g[r * k + j] - dot);
                    }
                }
            } else if (s instanceof Step.WeightGradient wg) {
                double[] gw = get(wg.gradient().name());
                double[] d = get(wg.delta().name());
                double[] in = get(wg.in().name());
                int units = wg.gradient().rows();
                int inputs = wg.gradient().cols();
                java.util.Arrays.fill(gw, 0);
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < units; j++) {
                        for (int k = 0; k < inputs; k++) {
                            gw[j * inputs + k] += d[r * units + j] * in[r * inputs + k];
                        }
                    }
                }
            } else if (s instanceof Step.BiasGradient bg) {
                double[] gb = get(bg.gradient().name());
                double[] d = get(bg.delta().name());
                int units = bg.gradient().cols();
                java.util.Arrays.fill(gb, 0);
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < units; j++) {
                        gb[j] += d[r * units + j];
                    }
                }
            } else if (s instanceof Step.ScalarDef sd) {
                scalars.put(sd.name(), Evaluator.evaluate(sd.value(), scalars::get));
            } else {
                throw new IllegalStateException("unexpected step " + s);
            }
        }
    }

    private int size(Buffer b) {
        return b.perSample() ? n * b.cols() : b.size();
    }

    private Map<String, Double> env(Map<String, Buffer> operands, int i) {
        Map<String, Double> env = new HashMap<>(scalars);
        for (Map.Entry<String, Buffer> op : operands.entrySet()) {
            env.put(op.getKey(), get(op.getValue().name())[i]);
        }
        return env;
    }
}
