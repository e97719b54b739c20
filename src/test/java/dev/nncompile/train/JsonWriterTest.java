package dev.nncompile.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesNestedDocumentsThatParseBack() {
        JsonWriter json = new JsonWriter();
        json.beginObject().name("loss").value(64.0).name("nan").value(Double.NaN).name("inf")
                .value(Double.NEGATIVE_INFINITY).name("rows").matrix(new double[][] {{1, -0.5}, {1e-7, 3.25}})
                .name("empty").beginArray().endArray().name("name").value("a\"b\\c\n\t\u0001\u2028")
                .name("ok").value(true).endObject();
        String text = json.document();
        Map<String, Object> doc = JsonReader.object(JsonReader.parse(text));
        assertEquals(64.0, doc.get("loss"));
        assertNull(doc.get("nan"));
        assertNull(doc.get("inf"));
        assertEquals(List.of(List.of(1.0, -0.5), List.of(1e-7, 3.25)), doc.get("rows"));
        assertEquals(List.of(), doc.get("empty"));
        assertEquals("a\"b\\c\n\t\u0001\u2028", doc.get("name"));
        assertEquals(Boolean.TRUE, doc.get("ok"));
        assertEquals("{\n  \"loss\": 64,", text.substring(0, text.indexOf(',') + 1));
        assertEquals(true, text.contains("\"rows\": [\n    [1, -0.5],\n    [1.0E-7, 3.25]\n  ]"), text);
    }

    @Test
    void numbersAreShortestAndRoundTrip() {
        assertEquals("64", JsonWriter.number(64.0, false));
        assertEquals("-16", JsonWriter.number(-16.0, true));
        assertEquals("0.1", JsonWriter.number(0.1, false));
        // a float's value, widened to double, printed as the float it is
        assertEquals("1.32", JsonWriter.number((double) 1.32f, true));
        assertEquals("1.3200000524520874", JsonWriter.number((double) 1.32f, false));
        assertEquals("null", JsonWriter.number(Double.NaN, false));
        for (double v : new double[] {Math.PI, 1e-300, -2.5e20, 37.748736, Double.MIN_VALUE, Double.MAX_VALUE}) {
            assertEquals(v, Double.parseDouble(JsonWriter.number(v, false)));
        }
    }

    @Test
    void misuseIsABug() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().document());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
    }
}
