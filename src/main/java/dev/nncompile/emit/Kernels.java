package dev.nncompile.emit;

/**
 * Which matrix kernels a generated class uses, and on how many threads.
 *
 * <pre>{@code
 * JavaFile simd = ClassGenerator.generate(plan, Kernels.SIMD);                  // --add-modules jdk.incubator.vector
 * JavaFile two = ClassGenerator.generate(plan, Kernels.SIMD.withThreads(2));    // and two threads per product
 * }</pre>
 *
 * @param vectorApi register-blocked micro-kernels written with the Vector API ({@code jdk.incubator.vector}) for the
 *                  matrix products, which plain loops cannot bring past C2's auto-vectorisation ceiling
 *                  (perf-anchors.md). The class must then be compiled and run with
 *                  {@code --add-modules jdk.incubator.vector}. Products are fused multiply-adds summed in the same
 *                  order as the plain kernels, so results differ from them only by the roundings an FMA saves.
 * @param threads   threads per large product and weight update: the caller and {@code threads − 1} workers the
 *                  constructor starts, taking whole column blocks of a product or rows of an update, so results
 *                  are bit-identical whatever the count. More than one needs the Vector API kernels, whose
 *                  products are split by column blocks.
 */
public record Kernels(boolean vectorApi, int threads) {
    /** The most threads a class may use. */
    public static final int MAX_THREADS = 64;
    /** Plain loops that C2 auto-vectorises: java.base only, any JDK 17+, no flags. The default. */
    public static final Kernels PLAIN = new Kernels(false, 1);
    /** The Vector API kernels on the calling thread. */
    public static final Kernels SIMD = new Kernels(true, 1);

    public Kernels {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + ", not " + threads);
        }
        if (threads > 1 && !vectorApi) {
            throw new IllegalArgumentException("more than one thread needs the Vector API (simd) kernels");
        }
    }

    /** These kernels on {@code count} threads. */
    public Kernels withThreads(int count) {
        return new Kernels(vectorApi, count);
    }

    /** {@code plain}, {@code simd} or {@code simd, 2 threads}: for logs and build manifests. */
    public String label() {
        return !vectorApi ? "plain" : threads == 1 ? "simd" : "simd, " + threads + " threads";
    }
}
