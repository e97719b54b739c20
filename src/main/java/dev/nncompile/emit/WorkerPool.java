package dev.nncompile.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.lang.model.element.Modifier;

/**
 * The worker threads of a class generated with {@code Kernels.threads() > 1}: started once by the constructor, they
 * wait for a parallel call, take chunks of it (a product's column blocks, an update's rows) until none is left, and
 * wait again. The calling thread takes chunks too and returns when every chunk is finished, so a step allocates
 * nothing and every element is computed by one thread in one order (results are bit-identical for any thread count).
 *
 * <p>Chunks are taken, not dealt: a worker still waking up, or running slower than the caller, simply takes fewer
 * (dealing halves made the caller wait ≈ 140 µs for a parked worker at the first product of every step, and for the
 * slower half everywhere). The caller takes chunks from the front, the workers from the back, so each thread tends
 * to keep the same columns of a product from one step to the next and finds their data in its own cache (measured
 * on two cores: mlp-wide ≈ 10 % faster than taking every chunk from the front). A thread takes a chunk by a
 * compare-and-set of the word {@code end << 32 | next}: chunks next .. end − 1 are left. Once it holds a chunk, the
 * call cannot end before that chunk is finished, so it reads the call's task and sample count after the claim and
 * they are the ones the caller published before the claims. A word read during an earlier call can only fail the
 * compare-and-set, or, if the current call's word has come to equal it, take a chunk of the current call, which is
 * as good.
 *
 * <p>Hand-off: the caller writes the task, resets {@code finished}, publishes {@code claims}, then bumps the volatile
 * {@code dispatched} so that spinning or parked workers look. A chunk's results reach the caller through the
 * increment of {@code finished}. Idle workers spin briefly (the parallel calls of one training step follow each
 * other within microseconds), then park, so a model that is not training costs no CPU.
 */
final class WorkerPool {
    /**
     * One parallel loop: {@code range(n, from, to)} over [0, extent), split into chunks of {@code grain} (an
     * expression that needs no parentheses).
     */
    record Task(MethodSpec range, int extent, CodeBlock grain) {}

    /** Spins before a worker parks: about a millisecond of {@code Thread.onSpinWait}. */
    private static final int SPINS = 20_000;

    private final int threads;
    private final String className;
    private final List<Task> tasks;

    WorkerPool(int threads, String className, List<Task> tasks) {
        this.threads = threads;
        this.className = className;
        this.tasks = List.copyOf(tasks);
    }

    void addTo(TypeSpec.Builder type) {
        type.addSuperinterface(AutoCloseable.class);
        type.addField(FieldSpec.builder(TypeName.INT, "THREADS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Threads per parallel step: the caller and THREADS − 1 workers.\n")
                .initializer("$L", threads).build());
        // a network with no loop large enough to split has nothing for workers to do: it starts none
        type.addField(FieldSpec.builder(ArrayTypeName.of(Thread.class), "workers", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc(tasks.isEmpty()
                        ? "None: no product or update of this network is large enough to split over threads.\n"
                        : "The workers, started by the constructor: daemons, so they never keep the JVM alive.\n")
                .initializer(tasks.isEmpty() ? "new $T[0]" : "new $T[THREADS - 1]", Thread.class).build());
        type.addField(FieldSpec.builder(TypeName.INT, "dispatched", Modifier.PRIVATE, Modifier.VOLATILE)
                .addJavadoc("Parallel calls dispatched so far; a worker looks for chunks when this changes.\n")
                .build());
        type.addField(FieldSpec.builder(TypeName.INT, "task", Modifier.PRIVATE)
                .addJavadoc("The loop of the current call, published by the write of {@link #claims}.\n").build());
        type.addField(FieldSpec.builder(TypeName.INT, "taskSamples", Modifier.PRIVATE)
                .addJavadoc("The samples of the current call.\n").build());
        type.addField(FieldSpec.builder(AtomicLong.class, "claims", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The chunks of the current call left to take: {@code end << 32 | next}.\n")
                .initializer("new $T()", AtomicLong.class).build());
        type.addField(FieldSpec.builder(AtomicInteger.class, "finished", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("Chunks of the current call finished.\n")
                .initializer("new $T()", AtomicInteger.class).build());
        type.addField(FieldSpec.builder(Throwable.class, "chunkFailure", Modifier.PRIVATE, Modifier.VOLATILE)
                .addJavadoc("What a chunk threw, if one did: a bug, reported to the caller.\n").build());
        type.addField(FieldSpec.builder(TypeName.BOOLEAN, "closed", Modifier.PRIVATE, Modifier.VOLATILE)
                .addJavadoc("Set by {@link #close()}: the workers stop.\n").build());
        ClassName locks = ClassName.get(LockSupport.class);
        type.addMethod(MethodSpec.methodBuilder("startWorkers").addModifiers(Modifier.PRIVATE)
                .beginControlFlow("for (int i = 0; i < workers.length; i++)")
                .addStatement("$T worker = new $T(this::work, $S + (i + 1))", Thread.class, Thread.class,
                        className + "-worker-")
                .addStatement("worker.setDaemon(true)")
                .addStatement("workers[i] = worker")
                .addStatement("worker.start()")
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("work").addModifiers(Modifier.PRIVATE)
                .addJavadoc("A worker's loop: wait for a parallel call, take its chunks while any is left, repeat.\n")
                .addStatement("int seen = 0")
                .beginControlFlow("while (true)")
                .addStatement("int spins = 0")
                .beginControlFlow("while (dispatched == seen && !closed)")
                .beginControlFlow("if (++spins < $L)", SPINS)
                .addStatement("$T.onSpinWait()", Thread.class)
                .nextControlFlow("else")
                .addStatement("$T.park(this)", locks)
                .endControlFlow()
                .endControlFlow()
                .beginControlFlow("if (closed)")
                .addStatement("return")
                .endControlFlow()
                .addStatement("seen = dispatched")
                .addStatement("runChunks(false)")
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("parallel").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Runs loop {@code t} over n samples on every thread; returns when all its chunks are"
                        + " done.\n")
                .addParameter(TypeName.INT, "t").addParameter(TypeName.INT, "n")
                .addStatement("int chunks = CHUNKS[t]")
                .addStatement("task = t")
                .addStatement("taskSamples = n")
                .addStatement("finished.set(0)")
                .addStatement("claims.set((long) chunks << 32)")
                .addStatement("dispatched = dispatched + 1")
                .beginControlFlow("for ($T worker : workers)", Thread.class)
                .addStatement("$T.unpark(worker)", locks)
                .endControlFlow()
                .addStatement("runChunks(true)")
                .addStatement("int spins = 0")
                .beginControlFlow("while (finished.get() != chunks)")
                .beginControlFlow("if (++spins < $L)", SPINS)
                .addStatement("$T.onSpinWait()", Thread.class)
                .nextControlFlow("else")
                .addComment("a worker without a core of its own: let it run")
                .addStatement("$T.yield()", Thread.class)
                .endControlFlow()
                .endControlFlow()
                .addStatement("$T failure = chunkFailure", Throwable.class)
                .beginControlFlow("if (failure != null)")
                .addStatement("chunkFailure = null")
                .addStatement("throw new $T(\"a chunk of a parallel step failed\", failure)",
                        IllegalStateException.class)
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("runChunks").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Takes and runs chunks of the current call until every one is taken: the caller from the"
                        + " front, the workers from the back.\n")
                .addParameter(TypeName.BOOLEAN, "front")
                .beginControlFlow("while (true)")
                .addStatement("long claim = claims.get()")
                .addStatement("int next = (int) claim")
                .addStatement("int end = (int) (claim >>> 32)")
                .beginControlFlow("if (next == end)")
                .addStatement("return")
                .endControlFlow()
                .addStatement("int chunk = front ? next : end - 1")
                .beginControlFlow("if (claims.compareAndSet(claim, front ? claim + 1 : claim - (1L << 32)))")
                .beginControlFlow("try")
                .addStatement("runChunk(task, taskSamples, chunk)")
                .nextControlFlow("catch ($T e)", Throwable.class)
                .addStatement("chunkFailure = e")
                .nextControlFlow("finally")
                .addStatement("finished.incrementAndGet()")
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .build());
        CodeBlock counts = tasks.stream().map(task -> CodeBlock.of("($L - 1) / $L + 1", task.extent(), task.grain()))
                .collect(CodeBlock.joining(", "));
        type.addField(FieldSpec.builder(ArrayTypeName.of(TypeName.INT), "CHUNKS", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The chunks of each parallel loop, by loop number.\n")
                .initializer("{$L}", counts).build());
        CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (t)");
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            cases.addStatement("case $L -> $N(n, c * $L, Math.min($L, (c + 1) * $L))", i, task.range(),
                    task.grain(), task.extent(), task.grain());
        }
        cases.addStatement("default -> throw new $T(\"no parallel loop \" + t)", IllegalStateException.class);
        cases.endControlFlow();
        type.addMethod(MethodSpec.methodBuilder("runChunk").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Chunk {@code c} of loop {@code t} over n samples.\n")
                .addParameter(TypeName.INT, "t").addParameter(TypeName.INT, "n").addParameter(TypeName.INT, "c")
                .addCode(cases.build()).build());
        type.addMethod(MethodSpec.methodBuilder("close").addModifiers(Modifier.PUBLIC).addAnnotation(Override.class)
                .addJavadoc("Stops the worker threads; the model must not be trained or run afterwards.\n")
                .addStatement("closed = true")
                .beginControlFlow("for ($T worker : workers)", Thread.class)
                .addStatement("$T.unpark(worker)", locks)
                .endControlFlow()
                .build());
    }
}
