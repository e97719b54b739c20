package dev.nncompile.emit;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Bytes a probe run allocates on the current thread, after warm-up. The JVM itself now and then allocates a few
 * hundred bytes on the thread (seen once in a few hundred runs on a loaded machine), so a run is repeated up to
 * three times and the least is reported: code that allocates per call would show thousands of bytes every time.
 */
final class AllocationMeter {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {}

    static long leastAllocated(IntConsumer probe, int what) {
        return leastAllocated(probe, probe, what);
    }

    /**
     * As {@link #leastAllocated(IntConsumer, int)}, warming up with a shorter probe of the same class: the JIT's code
     * is shared by every instance, so large models need not run the long probe four times.
     */
    static long leastAllocated(IntConsumer warmUp, IntConsumer probe, int what) {
        THREADS.getCurrentThreadAllocatedBytes();   // any lazy set-up of the bean itself happens here
        for (int warm = 0; warm < 3; warm++) {
            warmUp.accept(what);   // warm-up: the JIT compiles the loop
        }
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && least > 0; attempt++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            probe.accept(what);
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }

    /**
     * Runs {@code warmUp} until one run allocates nothing, at most 60 runs. Vector API code allocates its vectors
     * until C2 has compiled it, and C2 compiles in the background, later on a loaded machine; the measurement that
     * follows still requires zero bytes.
     */
    static void warmUntilNothingAllocated(IntConsumer warmUp, int what) {
        for (int round = 0; round < 60; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            warmUp.accept(what);
            if (THREADS.getCurrentThreadAllocatedBytes() == before) {
                return;
            }
        }
    }
}
