package dev.nncompile.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The loops of a class with worker threads that are split into chunks: the products' column blocks and the
 * parameter updates' rows. Each registered loop becomes a task of the {@link WorkerPool}, numbered in the order the
 * steps render; a loop too small to pay for the hand-off is called whole on the calling thread.
 */
final class ParallelCalls {
    /**
     * The fewest multiply-adds a call of a product must have to be split over the worker threads (about 20 µs of
     * one thread's work here): below it, the hand-off and the workers' spinning cost more than they save; on the
     * benchmark machine, seed-mnist's 784 × 30 products over 10 samples ran twice as slow on two threads as on one.
     */
    static final long PARALLEL_WORK = 1L << 20;
    /**
     * The fewest elements a parameter update must have to be split (about 20–50 µs of one thread's work: an update
     * streams four or five arrays and is bound by memory, not arithmetic).
     */
    static final int PARALLEL_ELEMENTS = 1 << 16;
    /** Elements per chunk of an update: enough that taking a chunk costs nothing beside it. */
    static final int CHUNK_ELEMENTS = 1 << 13;

    private final int threads;
    private final int batch;
    private final List<WorkerPool.Task> tasks = new ArrayList<>();

    ParallelCalls(int threads, int batch) {
        this.threads = threads;
        this.batch = batch;
    }

    /** The loops split over the worker threads, in task-number order (empty on one thread). */
    List<WorkerPool.Task> tasks() {
        return List.copyOf(tasks);
    }

    /**
     * A product over the call's n samples: {@code columns(n, from, to)} computes the register blocks of columns
     * from .. to − 1, {@code work} is its multiply-adds per sample. Split by register blocks from the sample count
     * that reaches {@link #PARALLEL_WORK}. Which thread computes a column never changes its sum, so the choice by n
     * changes no bit.
     */
    void columns(CodeBlock.Builder code, MethodSpec columns, int stride, long work) {
        long minSamples = (PARALLEL_WORK + work - 1) / work;
        if (threads == 1 || minSamples > batch) {
            code.addStatement("$N(n, 0, $L)", columns, stride);
            return;
        }
        int task = register(columns, stride, CodeBlock.of("($L * LANES)", VectorKernels.VECTORS));
        if (minSamples > 1) {
            code.add("// under $L samples the product is too small to pay for the hand-off to the workers\n",
                    minSamples);
            code.beginControlFlow("if (n < $L)", minSamples);
            code.addStatement("$N(n, 0, $L)", columns, stride);
            code.nextControlFlow("else");
            code.addStatement("parallel($L, n)", task);
            code.endControlFlow();
        } else {
            code.addStatement("parallel($L, n)", task);
        }
    }

    /** Whether an update of {@code rows × cols} elements is split over the workers. */
    boolean splitsRows(int rows, int cols) {
        return threads > 1 && (long) rows * cols >= PARALLEL_ELEMENTS;
    }

    /**
     * An update split by rows ({@link #splitsRows}): {@code rowRange(n, from, to)} updates rows from .. to − 1, each
     * element on its own, so any split gives the same bits.
     */
    void rows(CodeBlock.Builder code, MethodSpec rowRange, int rows, int cols) {
        int perChunk = Math.max(1, CHUNK_ELEMENTS / cols);
        int task = register(rowRange, rows, CodeBlock.of("$L", perChunk));
        code.add("// rows in chunks of $L, taken by the calling thread and the workers\n", perChunk);
        code.addStatement("parallel($L, n)", task);
    }

    private int register(MethodSpec range, int extent, CodeBlock grain) {
        tasks.add(new WorkerPool.Task(range, extent, grain));
        return tasks.size() - 1;
    }
}
