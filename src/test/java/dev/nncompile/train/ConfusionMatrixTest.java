package dev.nncompile.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    @Test
    void countsRowsAsTruthAndColumnsAsPrediction() {
        ConfusionMatrix m = ConfusionMatrix.of(3, new int[] {0, 1, 2, 2, 1}, new int[] {0, 2, 2, 2, 1});
        assertEquals(1, m.count(1, 2));
        assertEquals(2, m.count(2, 2));
        assertEquals(0, m.count(2, 1));
        assertEquals(5, m.total());
        assertEquals(0.8, m.accuracy(), 1e-15);
        assertEquals("     predicted →\n"
                + "true    0   1   2\n"
                + "   0    1   0   0\n"
                + "   1    0   1   1\n"
                + "   2    0   0   2\n", m.toText());
        String html = m.toHtml();
        assertTrue(html.contains("<th scope=\"row\">1</th><td style=\"background: rgba(0, 114, 178, 0.00)\">0</td>"
                + "<td class=\"hit\" style=\"background: rgba(0, 114, 178, 0.40)\">1</td>"), html);
    }
}
