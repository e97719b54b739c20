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
import java.util.Map;

/** A generated class compiled in memory with the strict options, and reflective access for the tests. */
final class Compiled {
    final TrainingPlan plan;
    final String source;
    final String className;
    final InMemoryCompiler.Result result;
    final Class<?> type;
    final boolean isFloat;

    Compiled(TrainingPlan plan) {
        this.plan = plan;
        JavaFile file = ClassGenerator.generate(plan);
        this.source = file.toString();
        this.className = file.packageName().isEmpty() ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        this.result = new InMemoryCompiler(InMemoryCompiler.STRICT).compile(Map.of(className, source));
        if (!result.success()) {
            throw new AssertionError("generated source does not compile:\n" + String.join("\n", result.diagnostics())
                    + "\n---- source ----\n" + numbered(source));
        }
        this.type = result.load(className);
        this.isFloat = plan.network().precision() == dev.nncompile.model.Precision.FLOAT;
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
}
