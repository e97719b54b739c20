package dev.nncompile.train;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;

/**
 * A generated model class, compiled in memory and driven through reflection — on the tool's side only; the generated
 * code itself uses none. Values cross in double and are narrowed to float for a {@code precision float} class (every
 * float is a double, so nothing the class computes is altered on the way back).
 *
 * <pre>{@code
 * Class<?> type = new InMemoryCompiler(List.of("--release", "17")).compileAndLoad(model.qualifiedName(), source);
 * TrainableModel m = GeneratedModel.instantiate(type, 42, 200);
 * double loss = m.loss(x, y, n);
 * }</pre>
 *
 * <p>The surface it relies on (issue 4): constants {@code INPUTS}, {@code OUTPUTS}, {@code MAX_BATCH},
 * {@code LAYERS}; static {@code units(int)}; {@code Model(long seed)}; {@code loss}, {@code trainBatch},
 * {@code computeGradients}, {@code predict}, {@code accuracy}, {@code fit} with the nested {@code TrainingListener}
 * and the {@code FitResult} record; {@code parameters()}/{@code setParameters}; {@code writeWeights}; and the
 * per-layer copies {@code preActivations}, {@code activations}, {@code deltas}, {@code weights}, {@code bias},
 * {@code weightGradient}, {@code biasGradient}.
 */
public final class GeneratedModel implements TrainableModel {
    private final Class<?> type;
    private final Object instance;
    private final boolean isDouble;
    private final int[] sizes;
    private final int maxBatch;
    private final int epochs;
    private final Class<?> vector;

    private GeneratedModel(Class<?> type, Object instance, boolean isDouble, int[] sizes, int maxBatch, int epochs) {
        this.type = type;
        this.instance = instance;
        this.isDouble = isDouble;
        this.sizes = sizes;
        this.maxBatch = maxBatch;
        this.epochs = epochs;
        this.vector = isDouble ? double[].class : float[].class;
    }

    /**
     * A fresh instance of a generated class, initialised from {@code seed}.
     *
     * @param epochs the class's epoch budget (its {@code EPOCHS} is private), for progress reports
     */
    public static GeneratedModel instantiate(Class<?> type, long seed, int epochs) {
        try {
            int layers = type.getField("LAYERS").getInt(null);
            int[] sizes = new int[layers + 1];
            Method units = type.getMethod("units", int.class);
            for (int l = 0; l <= layers; l++) {
                sizes[l] = (Integer) units.invoke(null, l);
            }
            int maxBatch = type.getField("MAX_BATCH").getInt(null);
            boolean isDouble = type.getMethod("parameters").getReturnType() == double[].class;
            Constructor<?> constructor = type.getConstructor(long.class);
            return new GeneratedModel(type, constructor.newInstance(seed), isDouble, sizes, maxBatch, epochs);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated class " + type.getName() + " does not have the expected"
                    + " surface: " + e, e);
        }
    }

    @Override
    public String name() {
        return type.getSimpleName();
    }

    @Override
    public int[] layerSizes() {
        return sizes.clone();
    }

    @Override
    public boolean doublePrecision() {
        return isDouble;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public double loss(double[] x, double[] y, int n) {
        return number(call("loss", types(vector, vector, int.class), real(x), real(y), n));
    }

    @Override
    public double trainBatch(double[] x, double[] y, int n) {
        return number(call("trainBatch", types(vector, vector, int.class), real(x), real(y), n));
    }

    @Override
    public void computeGradients(double[] x, double[] y, int n) {
        call("computeGradients", types(vector, vector, int.class), real(x), real(y), n);
    }

    @Override
    public double[] predict(double[] x, int n) {
        int in = inputs();
        int k = outputs();
        Object xs = real(x);
        Object out = newVector(k);
        double[] result = new double[n * k];
        Method predict = method("predict", types(vector, int.class, vector));
        for (int s = 0; s < n; s++) {
            invoke(predict, xs, s * in, out);
            System.arraycopy(widen(out), 0, result, s * k, k);
        }
        return result;
    }

    @Override
    public double accuracy(double[] x, double[] y, int n) {
        return number(call("accuracy", types(vector, vector, int.class), real(x), real(y), n));
    }

    @Override
    public FitOutcome fit(double[] x, double[] y, int n, double[] valX, double[] valY, int valN, FitListener l) {
        Class<?> listenerType = nested("TrainingListener");
        int batches = (n + maxBatch - 1) / maxBatch;
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "onBatchEnd" -> l.batchEnded((Integer) args[0], (Integer) args[1], batches, (Double) args[2]);
                case "onEpochEnd" -> {
                    int epoch = (Integer) args[0];
                    l.epochEnded(epoch, (Double) args[1], (Double) args[2], (Double) args[3]);
                    if (epoch < epochs) {
                        l.epochStarted(epoch + 1, epochs, batches);
                    }
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "toString" -> {
                    return "FitListener proxy";
                }
                default -> {
                    // a callback this tool does not know yet: ignore it, as its default would
                }
            }
            return null;
        };
        Object listener = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {listenerType}, handler);
        l.epochStarted(1, epochs, batches);
        Object result = call("fit", types(vector, vector, int.class, vector, vector, int.class, listenerType),
                real(x), real(y), n, real(valX), real(valY), valN, listener);
        return outcome(result);
    }

    private FitOutcome outcome(Object result) {
        try {
            Class<?> r = result.getClass();
            int epochsDone = (Integer) r.getMethod("epochs").invoke(result);
            String reason = String.valueOf(r.getMethod("reason").invoke(result));
            int epoch = (Integer) r.getMethod("divergedEpoch").invoke(result);
            int batch = (Integer) r.getMethod("divergedBatch").invoke(result);
            String stoppedBy = switch (reason) {
                case "EPOCHS" -> "max_epochs";
                case "GRADIENT_NORM" -> "gradient_norm";
                case "LOSS_DELTA" -> "loss_delta";
                case "PATIENCE" -> "patience";
                case "DIVERGED" -> FitOutcome.DIVERGED;
                default -> reason.toLowerCase(java.util.Locale.ROOT);
            };
            return new FitOutcome(epochsDone, stoppedBy, epoch, batch);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected FitResult of " + type.getName() + ": " + e, e);
        }
    }

    @Override
    public byte[] weights() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        call("writeWeights", types(java.io.OutputStream.class), out);
        return out.toByteArray();
    }

    @Override
    public double[][] weightsOf(int layer) {
        return Tracer.rows(tensor("weights", layer, sizes[layer] * sizes[layer - 1]), sizes[layer],
                sizes[layer - 1]);
    }

    @Override
    public double[] biasOf(int layer) {
        return tensor("bias", layer, sizes[layer]);
    }

    @Override
    public void setParameters(int layer, double[][] w, double[] b) {
        double[] all = widen(call("parameters", types()));
        int at = 0;
        for (int l = 1; l < layer; l++) {
            at += sizes[l] * sizes[l - 1] + sizes[l];
        }
        // parameters() layout: W^l row-major [units][inputs], then b^l, layer by layer
        for (int j = 0; j < sizes[layer]; j++) {
            System.arraycopy(w[j], 0, all, at + j * sizes[layer - 1], sizes[layer - 1]);
        }
        System.arraycopy(b, 0, all, at + sizes[layer] * sizes[layer - 1], sizes[layer]);
        call("setParameters", types(vector), real(all));
    }

    @Override
    public double[][] z(int layer, int n) {
        try {
            return perSample("preActivations", layer, n);
        } catch (IllegalArgumentException e) {
            // a layer whose activation is the identity keeps no separate z: z = a
            return perSample("activations", layer, n);
        }
    }

    @Override
    public double[][] a(int layer, int n) {
        return perSample("activations", layer, n);
    }

    @Override
    public double[][] delta(int layer, int n) {
        return perSample("deltas", layer, n);
    }

    @Override
    public double[][] weightGradient(int layer) {
        return Tracer.rows(tensor("weightGradient", layer, sizes[layer] * sizes[layer - 1]), sizes[layer],
                sizes[layer - 1]);
    }

    @Override
    public double[] biasGradient(int layer) {
        return tensor("biasGradient", layer, sizes[layer]);
    }

    private double[][] perSample(String accessor, int layer, int n) {
        Method m = method(accessor, types(int.class, int.class, vector));
        double[][] rows = new double[n][];
        Object out = newVector(sizes[layer]);
        for (int s = 0; s < n; s++) {
            invoke(m, layer, s, out);
            rows[s] = widen(out);
        }
        return rows;
    }

    private double[] tensor(String accessor, int layer, int size) {
        Object out = newVector(size);
        call(accessor, types(int.class, vector), layer, out);
        return widen(out);
    }

    private Class<?> nested(String simpleName) {
        for (Class<?> c : type.getClasses()) {
            if (c.getSimpleName().equals(simpleName)) {
                return c;
            }
        }
        throw new IllegalStateException(type.getName() + " has no nested " + simpleName);
    }

    private Object call(String name, Class<?>[] parameterTypes, Object... args) {
        return invoke(method(name, parameterTypes), args);
    }

    private Method method(String name, Class<?>[] parameterTypes) {
        try {
            return type.getMethod(name, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the generated class " + type.getName() + " has no " + name
                    + Arrays.toString(parameterTypes), e);
        }
    }

    private Object invoke(Method m, Object... args) {
        try {
            return m.invoke(instance, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(m.getName() + " failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?>[] types(Class<?>... t) {
        return t;
    }

    private Object newVector(int size) {
        return isDouble ? new double[size] : new float[size];
    }

    /** The array in the class's precision (a float class gets the nearest floats). */
    private Object real(double[] values) {
        if (values == null || isDouble) {
            return values;
        }
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double[] widen(Object array) {
        if (array instanceof double[] d) {
            return d.clone();
        }
        float[] f = (float[]) array;
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    private static double number(Object boxed) {
        return ((Number) boxed).doubleValue();
    }
}
