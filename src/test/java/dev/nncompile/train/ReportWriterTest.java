package dev.nncompile.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.data.Dataset;
import dev.nncompile.data.Normalizer;
import dev.nncompile.data.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ReportWriterTest {
    @TempDir
    Path dir;

    static ReportWriter.Report report() {
        ReferenceMlp m = new ReferenceMlp(new int[] {2, 4, 1}, new String[] {"tanh", "sigmoid"}, "bce", 0.5, 4, 40,
                3);
        Dataset d = Dataset.xor();
        TrainingOutcome out = Trainer.train(m, new TrainingData(d, d, d, true, Normalizer.Mode.NONE),
                new FitListener() {});
        String derivation = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/><title>d</title></head><body>"
                + "<math><mi>z</mi><mo>=</mo><mi>W</mi><mi>a</mi></math></body></html>\n";
        return new ReportWriter.Report("Xor", List.of("data: the built-in xor set", "2-4-1"), out, derivation,
                m.weights(), false);
    }

    @Test
    void writesEveryFileAndWellFormedPages() throws Exception {
        List<String> files = ReportWriter.write(dir, report());
        assertEquals(List.of("index.html", "loss.svg", "loss.png", "accuracy.svg", "accuracy.png", "derivation.html",
                "confusion.html", "weights.safetensors", "metrics.json"), files);
        for (String f : files) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        for (String f : List.of("index.html", "loss.svg", "accuracy.svg", "confusion.html")) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(f).toFile());
            assertTrue(doc.getDocumentElement() != null, f);
        }
        Document index = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("index.html").toFile());
        NodeList images = index.getElementsByTagName("img");
        assertEquals(2, images.getLength());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"),
                "no script, no network");
        // every relative link resolves to a written file
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            assertTrue(Files.exists(dir.resolve(m.group(1))), m.group(1));
            links++;
        }
        assertTrue(links >= 8, "links: " + links);
        assertEquals(720, ImageIO.read(dir.resolve("loss.png").toFile()).getWidth());
        assertEquals(2, Safetensors.read(dir.resolve("weights.safetensors")).tensors().size() / 2);
        JsonReader.parse(Files.readString(dir.resolve("metrics.json")));
        assertEquals(List.of(), leftovers());
    }

    private List<Path> leftovers() throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
