package dev.nncompile.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * A derivation report independent of its format: titled sections of prose lines, bullet items and displayed
 * equations, where prose may carry inline {@link Formula}s. {@link ReportBuilder} fills it from a plan; one writer
 * per {@link Format} spells it.
 *
 * @param title    the model's name
 * @param subtitle one line under the title
 */
record Report(String title, String subtitle, List<Section> sections) {
    Report {
        sections = List.copyOf(sections);
    }

    record Section(String title, List<Block> blocks) {
        Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** A block of a section. */
    sealed interface Block permits Paragraph, Item, Display {}

    /** A line of prose. */
    record Paragraph(List<Inline> content) implements Block {}

    /** A bullet point; consecutive items form one list. */
    record Item(List<Inline> content) implements Block {}

    /** A displayed equation. */
    record Display(Formula formula) implements Block {}

    /** Part of a line: words or inline math. */
    sealed interface Inline permits Words, Math {}

    record Words(String text) implements Inline {}

    record Math(Formula formula) implements Inline {}

    /** Builds a line from strings (prose) and formulas (inline math). */
    static List<Inline> line(Object... parts) {
        List<Inline> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.add(new Words(s));
            } else if (p instanceof Formula f) {
                out.add(new Math(f));
            } else {
                throw new IllegalArgumentException("not prose or formula: " + p);
            }
        }
        return out;
    }
}
