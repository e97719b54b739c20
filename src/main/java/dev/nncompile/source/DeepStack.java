package dev.nncompile.source;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs recursive work — parsing, checking and deriving nested formulas — on a thread with a stack of its own, so the
 * nesting limits hold whatever thread calls nncompile (a Maven worker, a small-stack pool, a cold JVM whose
 * interpreted frames are large). Work already on such a thread runs in place.
 *
 * <pre>{@code
 * SpecFile ast = DeepStack.call(() -> parseHere(file, diagnostics));
 * }</pre>
 */
public final class DeepStack {
    /** Reserved, not committed: the operating system backs only the pages a deep formula actually touches. */
    static final long STACK_BYTES = 64L << 20;

    private DeepStack() {}

    public static <T> T call(Supplier<T> work) {
        if (Thread.currentThread() instanceof Worker) {
            return work.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Worker worker = new Worker(() -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the work is short and must finish: keep the flag for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
        return result.get();
    }

    private static final class Worker extends Thread {
        Worker(Runnable work) {
            super(null, work, "nncompile-deep-stack", STACK_BYTES);
            setDaemon(true);
        }
    }
}
