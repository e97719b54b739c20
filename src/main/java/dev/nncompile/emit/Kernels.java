package dev.nncompile.emit;

/**
 * Which matrix kernels a generated class uses.
 *
 * <pre>{@code
 * JavaFile simd = ClassGenerator.generate(plan, Kernels.SIMD);   // compile and run with --add-modules jdk.incubator.vector
 * }</pre>
 */
public enum Kernels {
    /**
     * Plain loops that C2 auto-vectorises: the class needs java.base only and runs on any JDK 17+ with no flags. The
     * default.
     */
    PLAIN,
    /**
     * Register-blocked micro-kernels written with the Vector API ({@code jdk.incubator.vector}), for the matrix
     * products, which plain loops cannot bring past C2's auto-vectorisation ceiling (perf-anchors.md). The class
     * must be compiled and run with {@code --add-modules jdk.incubator.vector}. Products are fused multiply-adds
     * summed in the same order as {@link #PLAIN}, so results differ from it only by the roundings an FMA saves.
     */
    SIMD
}
