package dev.nncompile.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ChartTest {
    static Chart sample() {
        double[] x = {1, 2, 3, 4, 5};
        return new Chart("Loss <per> epoch & more", "epoch", "loss", List.of(
                new Chart.Series("training loss", x, new double[] {0.9, 0.5, 0.31, 0.2, 0.15}),
                new Chart.Series("validation loss", x, new double[] {1.0, 0.6, Double.NaN, 0.3, 0.28})));
    }

    @Test
    void ticksAreNiceNumbersCoveringTheData() {
        Ticks t = Ticks.of(0.13, 2.71, 6);
        assertEquals(0.5, t.step());
        assertEquals(0.0, t.min());
        assertEquals(3.0, t.max());
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0), t.values());
        assertEquals("0.5", t.label(0.5));
        Ticks small = Ticks.of(0.0312, 0.0377, 5);
        assertTrue(small.min() <= 0.0312 && small.max() >= 0.0377);
        assertEquals("0.032", small.label(0.032));
        Ticks epochs = Ticks.integers(1, 3, 8);
        assertEquals(List.of(1.0, 2.0, 3.0), epochs.values());
        Ticks flat = Ticks.of(5, 5, 5);
        assertTrue(flat.min() < 5 && flat.max() > 5);
    }

    @Test
    void svgIsWellFormedAndLabelled() throws Exception {
        String svg = SvgCanvas.render(sample(), 640, 400);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        // two runs of the validation series (the NaN splits it) plus the training series
        assertEquals(3, doc.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains(">training loss</text>"));
        assertTrue(svg.contains(">Loss &lt;per&gt; epoch &amp; more</text>"));
        assertTrue(svg.contains(">epoch</text>"));
        assertEquals(svg, SvgCanvas.render(sample(), 640, 400), "deterministic");
    }

    @Test
    void pngDecodesAndIsNotBlank() throws Exception {
        byte[] png = RasterCanvas.render(sample(), 640, 400);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16;
                int b = rgb & 0xFF;
                if (b > 120 && r < 80) {
                    coloured++; // the blue of the first series
                }
            }
        }
        assertTrue(coloured > 200, "the training curve is drawn: " + coloured + " blue pixels");
    }
}
