package dev.nncompile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nncompile.data.Safetensors;
import dev.nncompile.data.Tensor;
import dev.nncompile.train.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorials' other worked examples, reproduced by {@code nncompile trace} running the generated class: the first
 * gradient-descent step and the softmax of [2, 1, 0.1].
 */
class TraceTutorialExamplesTest {
    @TempDir
    Path dir;

    private Map<String, Object> trace(String spec, Map<String, Tensor> weights, String x, String y) throws IOException {
        Path specFile = dir.resolve("example.nn");
        Files.writeString(specFile, spec);
        Path w = dir.resolve("w.safetensors");
        Safetensors.write(w, weights, Map.of());
        Files.writeString(dir.resolve("x.csv"), x + "\n");
        Files.writeString(dir.resolve("y.csv"), y + "\n");
        TrainCommandTest.Run r = TraceCommandTest.run("trace", specFile.toString(), "--weights", w.toString(),
                "--input", dir.resolve("x.csv").toString(), "--target", dir.resolve("y.csv").toString(), "--json",
                "--precision", "double");
        assertEquals(0, r.exit(), r.err());
        return JsonReader.object(JsonReader.parse(r.out()));
    }

    @Test
    void theFirstGradientDescentStep() throws IOException {
        // W = 1, b = 0, x = 3, y = 10, squared error, lr 0.1 → W 5.2, b 1.4
        Map<String, Object> doc = trace("""
                model Step {
                    input 1
                    dense 1 identity
                    loss mse
                    optimizer sgd(lr = 0.1)
                    train { batch = 1, epochs = 1 }
                }
                """, Map.of("layers.0.weight", Tensor.f64(new int[] {1, 1}, new double[] {1}),
                "layers.0.bias", Tensor.f64(new int[] {1}, new double[] {0})), "3", "10");
        assertEquals(49.0, doc.get("loss"));
        Map<String, Object> step = JsonReader.object(JsonReader.array(doc.get("steps")).get(0));
        Map<String, Object> params = JsonReader.object(JsonReader.array(step.get("params")).get(0));
        assertEquals(5.2, (Double) JsonReader.array(JsonReader.array(params.get("W")).get(0)).get(0), 1e-12);
        assertEquals(1.4, (Double) JsonReader.array(params.get("b")).get(0), 1e-12);
    }

    @Test
    void softmaxOfTwoOneAndATenth() throws IOException {
        Map<String, Object> doc = trace("""
                model Soft {
                    input 3
                    dense 3 softmax
                    loss cross_entropy
                    optimizer sgd(lr = 0.1)
                    train { batch = 1, epochs = 1 }
                }
                """, Map.of("layers.0.weight", Tensor.f64(new int[] {3, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}),
                "layers.0.bias", Tensor.f64(new int[] {3}, new double[] {0, 0, 0})), "2,1,0.1", "1,0,0");
        Map<String, Object> layer = JsonReader.object(JsonReader.array(doc.get("layers")).get(0));
        List<Object> p = JsonReader.array(JsonReader.array(layer.get("a")).get(0));
        assertEquals(0.659, (Double) p.get(0), 5e-4);
        assertEquals(0.242, (Double) p.get(1), 5e-4);
        assertEquals(0.099, (Double) p.get(2), 5e-4);
        // δ = p − y for one sample
        List<Object> delta = JsonReader.array(JsonReader.array(layer.get("dL_dz")).get(0));
        assertEquals((Double) p.get(0) - 1, (Double) delta.get(0), 1e-12);
        assertEquals(-Math.log((Double) p.get(0)), (Double) doc.get("loss"), 1e-12);
    }
}
