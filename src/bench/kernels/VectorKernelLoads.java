import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What bounds the Vector API micro-kernel on this machine: the same 8 FMA chains (4 rows × 2 vectors, as the --simd
 * kernels) on data in L1, with the inputs broadcast from memory in the loop (as the kernels do), without any
 * per-iteration broadcast (an upper bound: only the two weight loads), and a 4 × 3 block (12 chains, 7 loads per 12
 * FMAs). Thread CPU time, 512-long sums, 100 000 calls per figure.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector src/bench/kernels/VectorKernelLoads.java}
 */
public class VectorKernelLoads {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    static final int K = 512;
    static final float[] W = new float[K * 24];
    static final float[] X = new float[K * 4];
    static final float[] OUT = new float[32];

    static void fourByTwo() {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z, a30 = z, a31 = z;
        for (int k = 0; k < K; k++) {
            FloatVector w0 = FloatVector.fromArray(S, W, k * 16), w1 = FloatVector.fromArray(S, W, k * 16 + 8);
            FloatVector v = FloatVector.broadcast(S, X[k * 4]); a00 = w0.fma(v, a00); a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(S, X[k * 4 + 1]); a10 = w0.fma(v, a10); a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(S, X[k * 4 + 2]); a20 = w0.fma(v, a20); a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(S, X[k * 4 + 3]); a30 = w0.fma(v, a30); a31 = w1.fma(v, a31);
        }
        a00.add(a01).add(a10).add(a11).add(a20).add(a21).add(a30).add(a31).intoArray(OUT, 0);
    }

    static void fourByTwoWithoutBroadcasts() {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z, a30 = z, a31 = z;
        FloatVector v0 = FloatVector.broadcast(S, X[0]), v1 = FloatVector.broadcast(S, X[1]);
        FloatVector v2 = FloatVector.broadcast(S, X[2]), v3 = FloatVector.broadcast(S, X[3]);
        for (int k = 0; k < K; k++) {
            FloatVector w0 = FloatVector.fromArray(S, W, k * 16), w1 = FloatVector.fromArray(S, W, k * 16 + 8);
            a00 = w0.fma(v0, a00); a01 = w1.fma(v0, a01); a10 = w0.fma(v1, a10); a11 = w1.fma(v1, a11);
            a20 = w0.fma(v2, a20); a21 = w1.fma(v2, a21); a30 = w0.fma(v3, a30); a31 = w1.fma(v3, a31);
        }
        a00.add(a01).add(a10).add(a11).add(a20).add(a21).add(a30).add(a31).intoArray(OUT, 8);
    }

    static void fourByThree() {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a10 = z, a11 = z, a12 = z, a20 = z, a21 = z, a22 = z, a30 = z, a31 = z,
                a32 = z;
        for (int k = 0; k < K; k++) {
            FloatVector w0 = FloatVector.fromArray(S, W, k * 24), w1 = FloatVector.fromArray(S, W, k * 24 + 8);
            FloatVector w2 = FloatVector.fromArray(S, W, k * 24 + 16);
            FloatVector v = FloatVector.broadcast(S, X[k * 4]);
            a00 = w0.fma(v, a00); a01 = w1.fma(v, a01); a02 = w2.fma(v, a02);
            v = FloatVector.broadcast(S, X[k * 4 + 1]); a10 = w0.fma(v, a10); a11 = w1.fma(v, a11); a12 = w2.fma(v, a12);
            v = FloatVector.broadcast(S, X[k * 4 + 2]); a20 = w0.fma(v, a20); a21 = w1.fma(v, a21); a22 = w2.fma(v, a22);
            v = FloatVector.broadcast(S, X[k * 4 + 3]); a30 = w0.fma(v, a30); a31 = w1.fma(v, a31); a32 = w2.fma(v, a32);
        }
        a00.add(a01).add(a02).add(a10).add(a11).add(a12).intoArray(OUT, 16);
        a20.add(a21).add(a22).add(a30).add(a31).add(a32).intoArray(OUT, 24);
    }

    public static void main(String[] args) {
        for (int i = 0; i < W.length; i++) {
            W[i] = 1e-3f * (i % 13);
        }
        for (int i = 0; i < X.length; i++) {
            X[i] = 1e-3f * (i % 7);
        }
        com.sun.management.ThreadMXBean t =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int rep = 0; rep < 4; rep++) {
            long c0 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < 100_000; i++) {
                fourByTwo();
            }
            long c1 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < 100_000; i++) {
                fourByTwoWithoutBroadcasts();
            }
            long c2 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < 100_000; i++) {
                fourByThree();
            }
            long c3 = t.getCurrentThreadCpuTime();
            double f8 = 2.0 * 64 * K * 100_000;
            System.out.printf("4x2 %.1f GFLOP/s   4x2 without broadcasts %.1f GFLOP/s   4x3 %.1f GFLOP/s%n",
                    f8 / (c1 - c0), f8 / (c2 - c1), 1.5 * f8 / (c3 - c2));
        }
    }
}
