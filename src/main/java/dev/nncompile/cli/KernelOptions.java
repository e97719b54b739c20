package dev.nncompile.cli;

import dev.nncompile.emit.Kernels;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --simd} and {@code --threads}, the kernel choice of every command that generates a class (a picocli mixin,
 * so both commands take the same options and the same checks).
 *
 * <pre>{@code
 * @Mixin KernelOptions kernelOptions = new KernelOptions();
 * Kernels kernels = kernelOptions.kernels(err);   // null: the reason is printed, exit with ExitCode.USAGE
 * }</pre>
 */
final class KernelOptions {
    @Option(names = "--simd", description = "matrix kernels written with the Vector API, faster on layers of tens of"
            + " units and more; the class then compiles and runs only with --add-modules jdk.incubator.vector (the"
            + " nncompile launcher adds it when --simd is given)")
    boolean simd;

    @Option(names = "--threads", paramLabel = "N", description = "with --simd: N threads per large product and weight"
            + " update (the caller and N - 1 workers the class starts once); results are the same for any N")
    Integer threads;

    /** The kernels asked for, or null after printing why they cannot be had. */
    Kernels kernels(PrintWriter err) {
        if (threads == null || threads == 1) {
            return simd ? Kernels.SIMD : Kernels.PLAIN;
        }
        if (!simd) {
            err.println("nncompile: --threads needs --simd (the products are split by the vector kernels' column"
                    + " blocks)");
            return null;
        }
        if (threads < 1 || threads > Kernels.MAX_THREADS) {
            err.println("nncompile: --threads: expected 1 to " + Kernels.MAX_THREADS + ", got " + threads);
            return null;
        }
        return Kernels.SIMD.withThreads(threads);
    }
}
