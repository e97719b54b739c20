import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The kernel microbenchmark behind src/bench/RESULTS.md ("What this branch changed"): the generated forward
 * product z[s][j] += Σk x[s][k]·w[k][j] (784 inputs, 8 samples, one float[] per row) with 1, 4 or 8 weight rows
 * added per pass over the output row (u1, u4, u8), and 4 or 2 rows × 2 samples per pass (u4s2, u2s2). Prints
 * thread-CPU microseconds per call and GFLOP/s, so a loaded machine does not inflate the figures.
 *
 * <p>Run: {@code javac -d /tmp/k ForwardKernels.java && java -cp /tmp/k ForwardKernels 30 128 512}
 */
public final class ForwardKernels {
    private static final int K = 784;
    private static final int B = 8;
    private static final String[] NAMES = {"u1", "u4", "u8", "u4s2", "u2s2"};
    private static float[][] x = new float[B][K];
    private static float[][] w;
    private static float[][] z;
    private static int n;

    private ForwardKernels() {}

    static void u1() {
        for (int k = 0; k < K; k++) {
            float[] a = w[k];
            for (int s = 0; s < B; s++) {
                float i0 = x[s][k];
                float[] zz = z[s];
                for (int j = 0; j < n; j++) {
                    zz[j] += i0 * a[j];
                }
            }
        }
    }

    static void u4() {
        for (int k = 0; k < K; k += 4) {
            float[] a = w[k], b = w[k + 1], c = w[k + 2], d = w[k + 3];
            for (int s = 0; s < B; s++) {
                float[] xr = x[s];
                float i0 = xr[k], i1 = xr[k + 1], i2 = xr[k + 2], i3 = xr[k + 3];
                float[] zz = z[s];
                for (int j = 0; j < n; j++) {
                    zz[j] = zz[j] + i0 * a[j] + i1 * b[j] + i2 * c[j] + i3 * d[j];
                }
            }
        }
    }

    static void u8() {
        for (int k = 0; k < K; k += 8) {
            float[] a = w[k], b = w[k + 1], c = w[k + 2], d = w[k + 3];
            float[] e = w[k + 4], f = w[k + 5], g = w[k + 6], h = w[k + 7];
            for (int s = 0; s < B; s++) {
                float[] xr = x[s];
                float i0 = xr[k], i1 = xr[k + 1], i2 = xr[k + 2], i3 = xr[k + 3];
                float i4 = xr[k + 4], i5 = xr[k + 5], i6 = xr[k + 6], i7 = xr[k + 7];
                float[] zz = z[s];
                for (int j = 0; j < n; j++) {
                    zz[j] = zz[j] + i0 * a[j] + i1 * b[j] + i2 * c[j] + i3 * d[j] + i4 * e[j] + i5 * f[j]
                            + i6 * g[j] + i7 * h[j];
                }
            }
        }
    }

    static void u4s2() {
        for (int k = 0; k < K; k += 4) {
            float[] a = w[k], b = w[k + 1], c = w[k + 2], d = w[k + 3];
            for (int s = 0; s < B; s += 2) {
                float[] xr = x[s], xq = x[s + 1];
                float i0 = xr[k], i1 = xr[k + 1], i2 = xr[k + 2], i3 = xr[k + 3];
                float q0 = xq[k], q1 = xq[k + 1], q2 = xq[k + 2], q3 = xq[k + 3];
                float[] zz = z[s], zq = z[s + 1];
                for (int j = 0; j < n; j++) {
                    float aj = a[j], bj = b[j], cj = c[j], dj = d[j];
                    zz[j] = zz[j] + i0 * aj + i1 * bj + i2 * cj + i3 * dj;
                    zq[j] = zq[j] + q0 * aj + q1 * bj + q2 * cj + q3 * dj;
                }
            }
        }
    }

    static void u2s2() {
        for (int k = 0; k < K; k += 2) {
            float[] a = w[k], b = w[k + 1];
            for (int s = 0; s < B; s += 2) {
                float[] xr = x[s], xq = x[s + 1];
                float i0 = xr[k], i1 = xr[k + 1], q0 = xq[k], q1 = xq[k + 1];
                float[] zz = z[s], zq = z[s + 1];
                for (int j = 0; j < n; j++) {
                    float aj = a[j], bj = b[j];
                    zz[j] = zz[j] + i0 * aj + i1 * bj;
                    zq[j] = zq[j] + q0 * aj + q1 * bj;
                }
            }
        }
    }

    static void run(int variant) {
        switch (variant) {
            case 0 -> u1();
            case 1 -> u4();
            case 2 -> u8();
            case 3 -> u4s2();
            default -> u2s2();
        }
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String arg : args) {
            n = Integer.parseInt(arg);
            w = new float[K][n];
            z = new float[B][n];
            for (int round = 0; round < 2; round++) {
                for (int v = 0; v < NAMES.length; v++) {
                    for (int i = 0; i < 2000; i++) {
                        run(v);
                    }
                    long c0 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < 2000; i++) {
                        run(v);
                    }
                    double us = (threads.getCurrentThreadCpuTime() - c0) / 2000 / 1e3;
                    System.out.printf("units %d %-5s %8.1f us/call %6.1f GFLOP/s%n", n, NAMES[v], us,
                            2.0 * K * n * B / us / 1e3);
                }
            }
        }
    }
}
