package nncompile.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import nncompile.bench.gen.Iris;
import nncompile.bench.gen.Mnist;
import nncompile.bench.gen.MnistRelu;
import nncompile.bench.gen.MnistWide;
import nncompile.bench.gen.Xor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * trainBatch and predict of generated trainers in plain Java (specs/mnist.nn at batch 10, specs/mnist-relu.nn at
 * batch 64, specs/mnist-wide.nn at batch 128, specs/xor.nn at batch 4, specs/iris.nn at batch 16) on fixed random
 * data. Run with {@code -prof gc}: gc.alloc.rate.norm must be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TrainerBench {
    private Mnist seed;
    private MnistRelu mnist;
    private MnistWide wide;
    private float[] mnistX;
    private float[] mnistY;
    private final float[] mnistOut = new float[MnistRelu.OUTPUTS];
    private Xor xor;
    private final float[] xorX = {0, 0, 0, 1, 1, 0, 1, 1};
    private final float[] xorY = {0, 1, 1, 0};
    private final float[] xorOut = new float[Xor.OUTPUTS];
    private Iris iris;
    private float[] irisX;
    private float[] irisY;

    @Setup
    public void setUp() {
        Random r = new Random(42);
        seed = new Mnist(1);
        mnist = new MnistRelu(1);
        wide = new MnistWide(1);
        // one batch of the largest size; the smaller networks train on its first rows
        mnistX = new float[MnistWide.MAX_BATCH * MnistWide.INPUTS];
        mnistY = new float[MnistWide.MAX_BATCH * MnistWide.OUTPUTS];
        for (int i = 0; i < mnistX.length; i++) {
            mnistX[i] = r.nextFloat();
        }
        for (int s = 0; s < MnistWide.MAX_BATCH; s++) {
            mnistY[s * MnistWide.OUTPUTS + r.nextInt(MnistWide.OUTPUTS)] = 1f;
        }
        xor = new Xor(1);
        iris = new Iris(7);
        irisX = new float[Iris.MAX_BATCH * Iris.INPUTS];
        irisY = new float[Iris.MAX_BATCH * Iris.OUTPUTS];
        for (int i = 0; i < irisX.length; i++) {
            irisX[i] = (float) r.nextGaussian();
        }
        for (int s = 0; s < Iris.MAX_BATCH; s++) {
            irisY[s * Iris.OUTPUTS + r.nextInt(Iris.OUTPUTS)] = 1f;
        }
    }

    @Benchmark
    public float mnistTrainBatch10() {
        return seed.trainBatch(mnistX, mnistY, Mnist.MAX_BATCH);
    }

    @Benchmark
    public float mnistWideTrainBatch128() {
        return wide.trainBatch(mnistX, mnistY, MnistWide.MAX_BATCH);
    }

    @Benchmark
    public float mnistReluTrainBatch64() {
        return mnist.trainBatch(mnistX, mnistY, MnistRelu.MAX_BATCH);
    }

    @Benchmark
    public float[] mnistReluPredict() {
        mnist.predict(mnistX, 0, mnistOut);
        return mnistOut;
    }

    @Benchmark
    public float xorTrainBatch4() {
        return xor.trainBatch(xorX, xorY, 4);
    }

    @Benchmark
    public float[] xorPredict() {
        xor.predict(xorX, 2, xorOut);
        return xorOut;
    }

    @Benchmark
    public float irisTrainBatch16() {
        return iris.trainBatch(irisX, irisY, Iris.MAX_BATCH);
    }
}
