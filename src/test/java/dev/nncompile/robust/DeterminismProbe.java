package dev.nncompile.robust;

import dev.nncompile.compiler.CompileRequest;
import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.source.SourceFile;
import dev.nncompile.train.InMemoryCompiler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Compiles a fixed spec, compiles its generated classes in memory, trains each for a few hundred steps on data
 * drawn from a fixed seed, and prints one line per model: the SHA-256 of the source and of the parameters' bits.
 * Run in-process and under another JDK by {@link DeterminismTest}; the lines must be identical.
 */
public final class DeterminismProbe {
    static final String SPEC = """
            activation mish(z) = z * tanh(softplus(z))
            model DetFloat {
                input 4
                dense 16 mish
                dense 8 gelu
                dense 3 softmax
                loss cross_entropy
                optimizer adam(lr = 0.01)
                regularize l2(1e-4)
                seed 11
                train { batch = 8, epochs = 3 }
            }
            model DetDouble {
                input 4
                dense 12 elu
                dense 6 swish
                dense 3 sigmoid
                loss bce
                optimizer rmsprop(lr = 0.005)
                precision double
                seed 12
                train { batch = 8, epochs = 3 }
            }
            """;
    static final int STEPS = 300;

    private DeterminismProbe() {}

    public static void main(String[] args) throws Exception {
        for (String line : fingerprints()) {
            System.out.println(line);
        }
    }

    static List<String> fingerprints() throws Exception {
        CompileResult result = NnCompiler.compile(CompileRequest.of(new SourceFile("det.nn", SPEC)));
        if (result.hasErrors()) {
            throw new IllegalStateException(result.diagnostics().toString());
        }
        List<String> lines = new ArrayList<>();
        for (CompiledModel model : result.models()) {
            String source = model.source();
            Class<?> type = new InMemoryCompiler(InMemoryCompiler.STRICT)
                    .compile(Map.of(model.qualifiedName(), source)).orThrow().load(model.qualifiedName());
            Reflective r = new Reflective(type, model.network().seed());
            Random data = new Random(2024);
            int n = 8;
            double[] x = new double[n * 4];
            double[] y = new double[n * 3];
            for (int step = 0; step < STEPS; step++) {
                for (int i = 0; i < n; i++) {
                    int label = data.nextInt(3);
                    for (int k = 0; k < 4; k++) {
                        x[i * 4 + k] = data.nextGaussian() + (k == label ? 2.0 : 0.0);
                    }
                    for (int k = 0; k < 3; k++) {
                        y[i * 3 + k] = k == label ? 1 : 0;
                    }
                }
                r.call("trainBatch", r.array(x), r.array(y), n);
            }
            Object parameters = r.call("parameters");
            ByteBuffer bits = ByteBuffer.allocate(8 * java.lang.reflect.Array.getLength(parameters));
            if (parameters instanceof float[] f) {
                for (float v : f) {
                    bits.putInt(Float.floatToRawIntBits(v));
                }
            } else {
                for (double v : (double[]) parameters) {
                    bits.putLong(Double.doubleToRawLongBits(v));
                }
            }
            lines.add(model.network().name() + " source " + sha256(source.getBytes(StandardCharsets.UTF_8))
                    + " weights " + sha256(bits.array()));
        }
        return lines;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
