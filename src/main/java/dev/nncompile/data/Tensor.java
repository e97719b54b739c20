package dev.nncompile.data;

import java.util.Arrays;

/**
 * A dense, row-major tensor as stored in a safetensors file. Values are held as doubles whatever the dtype: every
 * float is exactly a double, so F32 → double → F32 is lossless; writing a double as F32 rounds to nearest.
 * Immutable: arrays are copied in and out.
 *
 * <pre>{@code
 * Tensor w = Tensor.f32(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
 * w.shape();       // [2, 3]
 * w.value(4);      // 5.0
 * }</pre>
 */
public record Tensor(DType dtype, int[] shape, double[] values) {
    public Tensor {
        if (dtype == null) {
            throw new IllegalArgumentException("dtype is null");
        }
        shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many elements in " + Arrays.toString(shape));
            }
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size
                    + " values, got " + values.length);
        }
        values = values.clone();
    }

    /** An F32 tensor. */
    public static Tensor f32(int[] shape, float[] values) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return new Tensor(DType.F32, shape, widened);
    }

    /** An F64 tensor. */
    public static Tensor f64(int[] shape, double[] values) {
        return new Tensor(DType.F64, shape, values);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** Element {@code i} in row-major order. */
    public double value(int i) {
        return values[i];
    }

    /** The values narrowed to float (exact for an F32 tensor). */
    public float[] toFloats() {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** Copies the values into {@code target} starting at {@code offset}, without an intermediate array. */
    public void copyTo(double[] target, int offset) {
        System.arraycopy(values, 0, target, offset, values.length);
    }

    /** Whether the shape equals {@code expected}. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    @Override
    public boolean equals(Object o) {
        // Bitwise on the values, so that NaN equals itself and round-trip tests can compare exactly.
        if (!(o instanceof Tensor t) || t.dtype != dtype || !Arrays.equals(t.shape, shape)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToLongBits(values[i]) != Double.doubleToLongBits(t.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
