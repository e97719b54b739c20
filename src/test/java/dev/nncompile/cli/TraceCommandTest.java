package dev.nncompile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.data.Safetensors;
import dev.nncompile.data.Tensor;
import dev.nncompile.train.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nncompile trace} on the tutorial's worked example, through the generated class itself. */
class TraceCommandTest {
    @TempDir
    Path dir;

    static final String SPEC = "specs/worked-example.nn";
    static final String WEIGHTS = "specs/worked-example.safetensors";
    static final String X = "specs/worked-example.x.csv";
    static final String Y = "specs/worked-example.y.csv";

    static TrainCommandTest.Run run(String... args) {
        return TrainCommandTest.run(args);
    }

    @Test
    void committedExampleFilesHoldTheTutorialsNumbers() throws Exception {
        assertEquals("2", Files.readString(Path.of(X)).strip());
        assertEquals("10", Files.readString(Path.of(Y)).strip());
        var file = Safetensors.read(Path.of(WEIGHTS));
        assertEquals(Map.of("layers.0.weight", 1.0, "layers.0.bias", 0.0, "layers.1.weight", 1.0,
                "layers.1.bias", 0.0), Map.of("layers.0.weight", file.tensors().get("layers.0.weight").value(0),
                "layers.0.bias", file.tensors().get("layers.0.bias").value(0),
                "layers.1.weight", file.tensors().get("layers.1.weight").value(0),
                "layers.1.bias", file.tensors().get("layers.1.bias").value(0)));
    }

    @Test
    void textReproducesTheWorkedExampleInDouble() {
        TrainCommandTest.Run r = run("trace", SPEC, "--weights", WEIGHTS, "--input", X, "--target", Y,
                "--precision", "double");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("WorkedExample: 1 → 1 relu → 1 identity, mse, sgd(lr=0.01)"), out);
        assertTrue(out.contains("-- layer 1: dense 1 relu --"), out);
        assertTrue(out.contains("loss L = 64 "), out);
        assertEquals(List.of("-16", "-32", "-16", "-16", "-32", "-16"), numbersAfter(out, "δ", "∂L/∂W", "∂L/∂b"));
        assertTrue(out.contains("== step 1: loss 64 → 37.748736 =="), out);
        String step = out.substring(out.indexOf("== step 1"));
        assertEquals(List.of("1.32", "0.16", "1.32", "0.16"), numbersAfter(step, "W", "b"));
    }

    @Test
    void jsonReproducesTheWorkedExampleAndParsesBack() {
        TrainCommandTest.Run r = run("trace", SPEC, "--weights", WEIGHTS, "--input", X, "--target", Y,
                "--precision", "double", "--json", "--steps", "2");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> doc = JsonReader.object(JsonReader.parse(r.out()));
        assertEquals(64.0, doc.get("loss"));
        List<Object> layers = JsonReader.array(doc.get("layers"));
        Map<String, Object> l1 = JsonReader.object(layers.get(0));
        Map<String, Object> l2 = JsonReader.object(layers.get(1));
        assertEquals(List.of(List.of(2.0)), l1.get("z"));
        assertEquals(List.of(List.of(2.0)), l2.get("a"));
        assertEquals(List.of(List.of(-16.0)), l2.get("dL_dz"));
        assertEquals(List.of(List.of(-32.0)), l2.get("dL_dW"));
        assertEquals(List.of(-16.0), l2.get("dL_db"));
        assertEquals(List.of(List.of(-32.0)), l1.get("dL_dW"));
        assertEquals(List.of(-16.0), l1.get("dL_db"));
        List<Object> steps = JsonReader.array(doc.get("steps"));
        assertEquals(2, steps.size());
        Map<String, Object> s1 = JsonReader.object(steps.get(0));
        assertEquals(1.0, s1.get("step"));
        assertEquals(64.0, s1.get("loss_before"));
        assertEquals(37.748736, (Double) s1.get("loss_after"), 1e-12);
        for (Object p : JsonReader.array(s1.get("params"))) {
            Map<String, Object> layer = JsonReader.object(p);
            assertEquals(1.32, (Double) JsonReader.array(JsonReader.array(layer.get("W")).get(0)).get(0),
                    1e-15);
            assertEquals(0.16, (Double) JsonReader.array(layer.get("b")).get(0), 1e-15);
        }
        assertEquals(37.748736, (Double) JsonReader.object(steps.get(1)).get("loss_before"), 1e-12);
    }

    @Test
    void floatSpecPrintsWhatFloatGives() {
        // the spec itself is float: the same numbers up to float rounding, printed as the floats the class holds
        TrainCommandTest.Run r = run("trace", SPEC, "--weights", WEIGHTS, "--input", X, "--target", Y, "--json");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> doc = JsonReader.object(JsonReader.parse(r.out()));
        assertEquals(64.0, doc.get("loss"));
        Map<String, Object> s1 = JsonReader.object(JsonReader.array(doc.get("steps")).get(0));
        double after = (Double) s1.get("loss_after");
        assertEquals(37.748736, after, 1e-4);
        assertEquals((float) after, (float) Double.parseDouble(Float.toString((float) after)), "a float's digits");
        TrainCommandTest.Run text = run("trace", SPEC, "--weights", WEIGHTS, "--input", X, "--target", Y);
        assertTrue(text.out().contains("the model computes in float"), text.out());
    }

    @Test
    void f32AndF64WeightFilesAreBothRead() throws IOException {
        for (boolean f64 : new boolean[] {false, true}) {
            Path w = dir.resolve("w" + f64 + ".safetensors");
            Safetensors.write(w, TrainCommandTest.workedExampleWeights(f64), Map.of());
            TrainCommandTest.Run r = run("trace", SPEC, "--weights", w.toString(), "--input", X, "--target", Y,
                    "--precision", "double", "--json");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("{\n  \"loss\": 64,"), r.out());
        }
    }

    @Test
    void severalSamplesAndTheSeededInitWithoutWeights() throws IOException {
        Path x = dir.resolve("x.csv");
        Path y = dir.resolve("y.csv");
        Files.writeString(x, "1\n2\n3\n");
        Files.writeString(y, "2\n4\n6\n");
        TrainCommandTest.Run r = run("trace", SPEC, "--input", x.toString(), "--target", y.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> doc = JsonReader.object(JsonReader.parse(r.out()));
        Map<String, Object> l1 = JsonReader.object(JsonReader.array(doc.get("layers")).get(0));
        assertEquals(3, JsonReader.array(l1.get("z")).size(), "a row per sample (batch larger than the spec's 1)");
        assertEquals(r.out(), run("trace", SPEC, "--input", x.toString(), "--target", y.toString(), "--json").out(),
                "the seeded initialisation is reproducible");
    }

    @Test
    void badWeightsAndShapesAreInputErrors() throws IOException {
        Path missing = dir.resolve("missing.safetensors");
        Map<String, Tensor> three = new java.util.TreeMap<>(TrainCommandTest.workedExampleWeights(false));
        three.remove("layers.1.bias");
        Safetensors.write(missing, three, Map.of());
        run("trace", SPEC, "--weights", missing.toString(), "--input", X, "--target", Y)
                .assertCleanFailure(1, missing + ": missing tensor 'layers.1.bias'");
        Path shape = dir.resolve("shape.safetensors");
        Map<String, Tensor> wrong = new java.util.TreeMap<>(TrainCommandTest.workedExampleWeights(false));
        wrong.put("layers.0.weight", Tensor.f32(new int[] {2, 1}, new float[] {1, 1}));
        Safetensors.write(shape, wrong, Map.of());
        run("trace", SPEC, "--weights", shape.toString(), "--input", X, "--target", Y)
                .assertCleanFailure(1, shape + ": tensor 'layers.0.weight' has shape [2, 1], the model needs [1, 1]");
        Path garbage = dir.resolve("garbage.safetensors");
        Files.writeString(garbage, "not a safetensors file");
        run("trace", SPEC, "--weights", garbage.toString(), "--input", X, "--target", Y)
                .assertCleanFailure(1, garbage.toString());
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "1,2\n");
        run("trace", SPEC, "--input", wide.toString(), "--target", Y)
                .assertCleanFailure(1, wide + ": has 2 columns, but the model has 1 inputs");
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "10\n20\n");
        run("trace", SPEC, "--input", X, "--target", two.toString())
                .assertCleanFailure(1, two + ": has 2 rows but " + X + " has 1");
    }

    /** The numbers on the lines below each heading starting with one of the prefixes, in order. */
    private static List<String> numbersAfter(String text, String... prefixes) {
        List<String> out = new java.util.ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            String head = lines[i].strip();
            for (String p : prefixes) {
                if (head.startsWith(p) && (head.length() == p.length() || !Character.isLetter(head.charAt(p.length())))) {
                    Matcher m = Pattern.compile("^\\s+(-?[0-9.]+)$").matcher(lines[i + 1]);
                    if (m.find()) {
                        out.add(m.group(1));
                    }
                    break;
                }
            }
        }
        return out;
    }
}
