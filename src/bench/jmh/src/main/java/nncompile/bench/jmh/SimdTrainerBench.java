package nncompile.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import nncompile.bench.simd.Mnist;
import nncompile.bench.simd.MnistRelu;
import nncompile.bench.simd.MnistWide;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * trainBatch and predict of the classes generated with {@code --simd} (the Vector API kernels): specs/mnist.nn at
 * batch 10, specs/mnist-relu.nn at batch 64, specs/mnist-wide.nn at batch 128, and specs/mnist-wide.nn generated
 * with {@code --simd --threads 2} (its worker thread started once, by the constructor), on fixed random data. Run
 * with {@code -prof gc}: gc.alloc.rate.norm, which counts the bytes of every thread, the worker's included, must be
 * 0 B/op once C2 has compiled the kernels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SimdTrainerBench {
    private Mnist seed;
    private MnistRelu adam;
    private MnistWide wide;
    private nncompile.bench.simd.t2.MnistWide wideTwoThreads;
    private float[] x;
    private float[] y;
    private final float[] out = new float[10];

    @Setup
    public void setUp() {
        Random r = new Random(42);
        x = new float[MnistWide.MAX_BATCH * MnistWide.INPUTS];
        y = new float[MnistWide.MAX_BATCH * MnistWide.OUTPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int s = 0; s < MnistWide.MAX_BATCH; s++) {
            y[s * MnistWide.OUTPUTS + r.nextInt(MnistWide.OUTPUTS)] = 1f;
        }
        seed = new Mnist(1);
        adam = new MnistRelu(1);
        wide = new MnistWide(1);
        wideTwoThreads = new nncompile.bench.simd.t2.MnistWide(1);
    }

    @TearDown
    public void tearDown() {
        wideTwoThreads.close();
    }

    @Benchmark
    public float mnistTrainBatch10() {
        return seed.trainBatch(x, y, Mnist.MAX_BATCH);
    }

    @Benchmark
    public float mnistReluTrainBatch64() {
        return adam.trainBatch(x, y, MnistRelu.MAX_BATCH);
    }

    @Benchmark
    public float mnistWideTrainBatch128() {
        return wide.trainBatch(x, y, MnistWide.MAX_BATCH);
    }

    @Benchmark
    public float mnistWideTwoThreadsTrainBatch128() {
        return wideTwoThreads.trainBatch(x, y, MnistWide.MAX_BATCH);
    }

    @Benchmark
    public float[] mnistWidePredict() {
        wide.predict(x, 0, out);
        return out;
    }
}
