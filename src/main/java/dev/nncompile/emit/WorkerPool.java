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
import java.util.concurrent.locks.LockSupport;
import javax.lang.model.element.Modifier;

/**
 * The worker threads of a class generated with {@code Kernels.threads() > 1}: started once by the constructor, they
 * wait for a product, compute their share of its columns, and wait again. The caller computes share 0 and waits for
 * the rest, so a step allocates nothing and every element is summed by one thread in one order (results are
 * bit-identical for any thread count).
 *
 * <p>Hand-off: the caller writes the task, then bumps the volatile {@code dispatched}; a worker that reads the new
 * value sees the task and every array the caller wrote (happens-before through the volatile), and its results reach
 * the caller through the decrement of {@code unfinished}. Idle workers spin briefly (the products of one training
 * step follow each other within microseconds), then park, so a model that is not training costs no CPU.
 */
final class WorkerPool {
    /** One product split by columns: the method computing columns from .. to, and the padded row length. */
    record Task(MethodSpec columns, int stride) {}

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
                .addJavadoc("Threads per matrix product: the caller and THREADS − 1 workers.\n")
                .initializer("$L", threads).build());
        type.addField(FieldSpec.builder(ArrayTypeName.of(Thread.class), "workers", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The workers, started by the constructor: daemons, so they never keep the JVM alive.\n")
                .initializer("new $T[THREADS - 1]", Thread.class).build());
        type.addField(FieldSpec.builder(TypeName.INT, "dispatched", Modifier.PRIVATE, Modifier.VOLATILE)
                .addJavadoc("Products dispatched so far; a worker runs the current one when this changes.\n").build());
        type.addField(FieldSpec.builder(TypeName.INT, "task", Modifier.PRIVATE)
                .addJavadoc("The product to compute, published by the write of {@link #dispatched}.\n").build());
        type.addField(FieldSpec.builder(TypeName.INT, "taskSamples", Modifier.PRIVATE)
                .addJavadoc("The samples of the product to compute.\n").build());
        type.addField(FieldSpec.builder(AtomicInteger.class, "unfinished", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("Workers still computing their share of the current product.\n")
                .initializer("new $T()", AtomicInteger.class).build());
        type.addField(FieldSpec.builder(Throwable.class, "workerFailure", Modifier.PRIVATE, Modifier.VOLATILE)
                .addJavadoc("What a worker threw, if one did: a bug, reported to the caller.\n").build());
        type.addField(FieldSpec.builder(TypeName.BOOLEAN, "closed", Modifier.PRIVATE, Modifier.VOLATILE)
                .addJavadoc("Set by {@link #close()}: the workers stop.\n").build());
        ClassName locks = ClassName.get(LockSupport.class);
        type.addMethod(MethodSpec.methodBuilder("startWorkers").addModifiers(Modifier.PRIVATE)
                .beginControlFlow("for (int i = 0; i < workers.length; i++)")
                .addStatement("int part = i + 1")
                .addStatement("$T worker = new $T(() -> work(part), $S + part)", Thread.class, Thread.class,
                        className + "-worker-")
                .addStatement("worker.setDaemon(true)")
                .addStatement("workers[i] = worker")
                .addStatement("worker.start()")
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("work").addModifiers(Modifier.PRIVATE)
                .addJavadoc("A worker's loop: wait for a product, compute share {@code part}, report, repeat.\n")
                .addParameter(TypeName.INT, "part")
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
                .beginControlFlow("try")
                .addStatement("runShare(task, taskSamples, part)")
                .nextControlFlow("catch ($T e)", Throwable.class)
                .addStatement("workerFailure = e")
                .nextControlFlow("finally")
                .addStatement("unfinished.decrementAndGet()")
                .endControlFlow()
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("parallel").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Computes product {@code t} over n samples on every thread; returns when all are done.\n")
                .addParameter(TypeName.INT, "t").addParameter(TypeName.INT, "n")
                .addStatement("task = t")
                .addStatement("taskSamples = n")
                .addStatement("unfinished.set(THREADS - 1)")
                .addStatement("dispatched = dispatched + 1")
                .beginControlFlow("for ($T worker : workers)", Thread.class)
                .addStatement("$T.unpark(worker)", locks)
                .endControlFlow()
                .addStatement("runShare(t, n, 0)")
                .addStatement("int spins = 0")
                .beginControlFlow("while (unfinished.get() != 0)")
                .beginControlFlow("if (++spins < $L)", SPINS)
                .addStatement("$T.onSpinWait()", Thread.class)
                .nextControlFlow("else")
                .addComment("a worker without a core of its own: let it run")
                .addStatement("$T.yield()", Thread.class)
                .endControlFlow()
                .endControlFlow()
                .beginControlFlow("if (workerFailure != null)")
                .addStatement("throw new $T(\"a worker thread failed\", workerFailure)", IllegalStateException.class)
                .endControlFlow()
                .build());
        CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (t)");
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            cases.addStatement("case $L -> $N(n, columnStart($L, part), columnStart($L, part + 1))", i,
                    task.columns(), task.stride(), task.stride());
        }
        cases.addStatement("default -> throw new $T(\"no product \" + t)", IllegalStateException.class);
        cases.endControlFlow();
        type.addMethod(MethodSpec.methodBuilder("runShare").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Share {@code part} of product {@code t}: its columns of every sample.\n")
                .addParameter(TypeName.INT, "t").addParameter(TypeName.INT, "n").addParameter(TypeName.INT, "part")
                .addCode(cases.build()).build());
        type.addMethod(MethodSpec.methodBuilder("columnStart").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.INT)
                .addJavadoc("The first column of share {@code part} of a row of {@code stride}: whole register blocks,"
                        + " as even as they go.\n")
                .addParameter(TypeName.INT, "stride").addParameter(TypeName.INT, "part")
                .addStatement("int block = $L * LANES", VectorKernels.VECTORS)
                .addStatement("return stride / block * part / THREADS * block")
                .build());
        type.addMethod(MethodSpec.methodBuilder("close").addModifiers(Modifier.PUBLIC).addAnnotation(Override.class)
                .addJavadoc("Stops the worker threads; the model must not be trained or run afterwards.\n")
                .addStatement("closed = true")
                .beginControlFlow("for ($T worker : workers)", Thread.class)
                .addStatement("$T.unpark(worker)", locks)
                .endControlFlow()
                .build());
    }
}
