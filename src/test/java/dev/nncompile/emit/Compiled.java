package dev.nncompile.emit;

import com.palantir.javapoet.JavaFile;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.train.InMemoryCompiler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A generated class compiled in memory with the strict options, and reflective access for the tests. */
final class Compiled {
    final TrainingPlan plan;
    final String source;
    final String className;
    final InMemoryCompiler.Result result;
    final Class<?> type;
    final boolean isFloat;

    Compiled(TrainingPlan plan) {
        this(plan, generate(plan, Kernels.PLAIN), null);
    }

    private Compiled(TrainingPlan plan, JavaFile file, InMemoryCompiler.Result shared) {
        this.plan = plan;
        this.source = file.toString();
        this.className = qualifiedName(file);
        this.result = shared != null ? shared
                : new InMemoryCompiler(InMemoryCompiler.STRICT).compile(Map.of(className, source));
        if (!result.success()) {
            throw new AssertionError("generated source does not compile:\n" + String.join("\n", result.diagnostics())
                    + "\n---- source ----\n" + numbered(source));
        }
        this.loader = result.classLoader();
        this.type = load(className);
        this.isFloat = plan.network().precision() == dev.nncompile.model.Precision.FLOAT;
    }

    private final ClassLoader loader;

    private static JavaFile generate(TrainingPlan plan, Kernels kernels) {
        return ClassGenerator.generate(plan, kernels);
    }

    /**
     * The javac options a class with these kernels must pass: every lint and warnings as errors; for SIMD every lint
     * too, but javac 17 always warns that an incubator module is used and has no lint key to silence it, so
     * {@link #all(List, Kernels)} instead requires that warning to be the only one.
     */
    private static List<String> options(Kernels kernels) {
        return kernels.vectorApi() ? InMemoryCompiler.SIMD : InMemoryCompiler.STRICT;
    }

    static String qualifiedName(JavaFile file) {
        return file.packageName().isEmpty() ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
    }

    /** Compiles every plan's class, and an allocation probe per class, in one javac run (javac costs ~1 s a run). */
    static List<Compiled> all(List<TrainingPlan> plans) {
        return all(plans, Kernels.PLAIN);
    }

    /** As {@link #all(List)}, generating with the given kernels. */
    static List<Compiled> all(List<TrainingPlan> plans, Kernels kernels) {
        Map<String, String> sources = new TreeMap<>();
        List<JavaFile> files = new ArrayList<>();
        for (TrainingPlan p : plans) {
            JavaFile f = generate(p, kernels);
            files.add(f);
            sources.put(qualifiedName(f), f.toString());
            sources.put(qualifiedName(f) + "Probe", probe(f, p));
        }
        InMemoryCompiler.Result r = new InMemoryCompiler(options(kernels)).compile(sources);
        List<String> unexpected = new ArrayList<>();
        for (String d : r.diagnostics()) {
            if (!d.contains("using incubating module(s): jdk.incubator.vector")) {
                unexpected.add(d);
            }
        }
        if (!r.success() || !unexpected.isEmpty()) {
            StringBuilder all = new StringBuilder();
            for (JavaFile f : files) {
                all.append("---- ").append(qualifiedName(f)).append('\n').append(numbered(f.toString()));
            }
            throw new AssertionError("generated sources do not compile:\n" + String.join("\n", r.diagnostics())
                    + "\n" + all);
        }
        List<Compiled> out = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            out.add(new Compiled(plans.get(i), files.get(i), r));
        }
        return out;
    }

    /**
     * A driver compiled next to the model that calls one API method 10 000 times without reflection (reflection
     * boxes and allocates), behind java.base's IntConsumer: 0 predict, 1 trainBatch, 2 loss, 3 computeGradients.
     */
    private static String probe(JavaFile f, TrainingPlan p) {
        String t = p.network().precision().javaType();
        String m = f.typeSpec().name();
        return (f.packageName().isEmpty() ? "" : "package " + f.packageName() + ";\n")
                + "public final class " + m + "Probe implements java.util.function.IntConsumer {\n"
                + "    private final " + m + " model = new " + m + "(7L);\n"
                + "    private final " + t + "[] x = new " + t + "[" + m + ".MAX_BATCH * " + m + ".INPUTS];\n"
                + "    private final " + t + "[] y = new " + t + "[" + m + ".MAX_BATCH * " + m + ".OUTPUTS];\n"
                + "    private final " + t + "[] out = new " + t + "[" + m + ".OUTPUTS];\n"
                + "    public double sink;\n"
                + "    public int calls = 10000;\n"
                + "    public int n = " + m + ".MAX_BATCH;\n"
                + "    public " + m + "Probe() {\n"
                + "        for (int i = 0; i < x.length; i++) { x[i] = (i % 7) * 0.25f - 0.5f; }\n"
                + "        for (int i = 0; i < y.length; i += " + m + ".OUTPUTS) { y[i + (i / 3) % " + m
                + ".OUTPUTS] = 1; }\n"
                + "    }\n"
                + "    @Override public void accept(int what) {\n"
                + "        double s = 0;\n"
                + "        for (int i = 0; i < calls; i++) {\n"
                + "            switch (what) {\n"
                + "                case 0 -> { model.predict(x, 0, out); s += out[0]; }\n"
                + "                case 1 -> s += model.trainBatch(x, y, n);\n"
                + "                case 2 -> s += model.loss(x, y, n);\n"
                + "                default -> s += model.computeGradients(x, y, n);\n"
                + "            }\n"
                + "        }\n"
                + "        sink = s;\n"
                + "    }\n"
                + "}\n";
    }

    /** A probe making {@code calls} calls per accept. */
    java.util.function.IntConsumer newProbe(int calls) {
        return newProbe(calls, constant("MAX_BATCH"));
    }

    /** A probe making {@code calls} calls per accept, each on {@code n} samples. */
    java.util.function.IntConsumer newProbe(int calls, int n) {
        java.util.function.IntConsumer probe = newProbe();
        try {
            probe.getClass().getField("calls").setInt(probe, calls);
            probe.getClass().getField("n").setInt(probe, n);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return probe;
    }

    java.util.function.IntConsumer newProbe() {
        try {
            return (java.util.function.IntConsumer) load(className + "Probe").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    Class<?> load(String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    byte[] classFile() {
        return result.classFiles().get(className);
    }

    static String numbered(String source) {
        StringBuilder out = new StringBuilder();
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            out.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return out.toString();
    }

    Object newModel(long seed) {
        try {
            Constructor<?> c = type.getConstructor(long.class);
            return c.newInstance(seed);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The array of the class's precision holding {@code values}. */
    Object array(double[] values) {
        if (isFloat) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
            }
            return out;
        }
        return values.clone();
    }

    static double[] doubles(Object array) {
        if (array instanceof float[] f) {
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        return ((double[]) array).clone();
    }

    Class<?> realArray() {
        return isFloat ? float[].class : double[].class;
    }

    Method method(String name, Class<?>... params) {
        try {
            return type.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    Object call(Object model, String name, Class<?>[] params, Object... args) {
        try {
            return method(name, params).invoke(model, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    double trainBatch(Object model, Object x, Object y, int n) {
        return ((Number) call(model, "trainBatch", new Class<?>[] {realArray(), realArray(), int.class}, x, y, n))
                .doubleValue();
    }

    double loss(Object model, Object x, Object y, int n) {
        return ((Number) call(model, "loss", new Class<?>[] {realArray(), realArray(), int.class}, x, y, n))
                .doubleValue();
    }

    void setParameters(Object model, double[] values) {
        call(model, "setParameters", new Class<?>[] {realArray()}, array(values));
    }

    double computeGradients(Object model, Object x, Object y, int n) {
        return ((Number) call(model, "computeGradients", new Class<?>[] {realArray(), realArray(), int.class}, x, y,
                n)).doubleValue();
    }

    double gradientCheck(Object model, Object x, Object y, int n) {
        return (Double) call(model, "gradientCheck", new Class<?>[] {realArray(), realArray(), int.class}, x, y, n);
    }

    double accuracy(Object model, Object x, Object y, int n) {
        return (Double) call(model, "accuracy", new Class<?>[] {realArray(), realArray(), int.class}, x, y, n);
    }

    double[] parameters(Object model) {
        return doubles(call(model, "parameters", new Class<?>[0]));
    }

    double[] gradients(Object model) {
        return doubles(call(model, "gradients", new Class<?>[0]));
    }

    byte[] writeWeights(Object model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        call(model, "writeWeights", new Class<?>[] {OutputStream.class}, out);
        return out.toByteArray();
    }

    /** Reads weights; returns the IOException's message, or null when reading succeeded. */
    String readWeights(Object model, byte[] bytes) {
        try {
            method("readWeights", InputStream.class).invoke(model, new ByteArrayInputStream(bytes));
            return null;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                return io.getMessage();
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    int constant(String name) {
        try {
            return type.getField(name).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    long constantLong(String name) {
        try {
            return type.getField(name).getLong(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
