package dev.nncompile.robust;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** A generated model instance driven by reflection in double, whatever its precision (floats are converted). */
final class Reflective {
    final Class<?> type;
    final Object model;
    final boolean isFloat;

    Reflective(Class<?> type, long seed) throws ReflectiveOperationException {
        this.type = type;
        this.model = type.getConstructor(long.class).newInstance(seed);
        this.isFloat = type.getMethod("parameters").getReturnType() == float[].class;
    }

    Object array(double[] values) {
        if (!isFloat) {
            return values.clone();
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    static double[] doubles(Object array) {
        if (array instanceof double[] d) {
            return d.clone();
        }
        float[] f = (float[]) array;
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    Object call(String name, Object... args) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(model, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        }
        throw new NoSuchMethodException(name + "/" + args.length);
    }

    double[] parameters() throws Exception {
        return doubles(call("parameters"));
    }

    double[] gradients() throws Exception {
        return doubles(call("gradients"));
    }

    void setParameters(double[] values) throws Exception {
        call("setParameters", array(values));
    }

    double computeGradients(double[] x, double[] y, int n) throws Exception {
        return ((Number) call("computeGradients", array(x), array(y), n)).doubleValue();
    }

    double loss(double[] x, double[] y, int n) throws Exception {
        return ((Number) call("loss", array(x), array(y), n)).doubleValue();
    }

    double[] activations(int layer, int sample, int units) throws Exception {
        Object out = array(new double[units]);
        call("activations", layer, sample, out);
        return doubles(out);
    }

    double gradientCheck(double[] x, double[] y, int n) throws Exception {
        return ((Number) call("gradientCheck", array(x), array(y), n)).doubleValue();
    }
}
