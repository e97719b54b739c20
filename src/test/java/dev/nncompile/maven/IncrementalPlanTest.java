package dev.nncompile.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nncompile.maven.Manifest.OutputRecord;
import dev.nncompile.maven.Manifest.SpecRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Staleness decided from contents: the manifest logic alone, no Maven, no files. */
class IncrementalPlanTest {
    private static final Map<String, String> SETTINGS = Map.of("plugin", "1.0", "precision", "");
    private static final Predicate<OutputRecord> ALL_INTACT = out -> true;

    private static Manifest previous() {
        return new Manifest(new TreeMap<>(SETTINGS), new TreeMap<>(Map.of(
                "a/A.nn", new SpecRecord("dA", List.of(new OutputRecord("a/A.java", "oA"))),
                "b/B.nn", new SpecRecord("dB", List.of(new OutputRecord("b/B.java", "oB"),
                        new OutputRecord("b/B2.java", "oB2"))))));
    }

    @Test
    void withoutAPreviousRunEverySpecIsStale() {
        IncrementalPlan plan = IncrementalPlan.of(Map.of("b/B.nn", "dB", "a/A.nn", "dA"), Manifest.EMPTY, SETTINGS,
                ALL_INTACT);
        assertEquals(List.of("a/A.nn", "b/B.nn"), plan.stale());
        assertEquals(Map.of(), plan.upToDate());
    }

    @Test
    void unchangedSpecsWithIntactOutputsAreUpToDate() {
        IncrementalPlan plan = IncrementalPlan.of(Map.of("a/A.nn", "dA", "b/B.nn", "dB"), previous(), SETTINGS,
                ALL_INTACT);
        assertEquals(List.of(), plan.stale());
        assertEquals(previous().specs(), plan.upToDate());
    }

    @Test
    void anEditedSpecAloneIsStale() {
        IncrementalPlan plan = IncrementalPlan.of(Map.of("a/A.nn", "dA", "b/B.nn", "dB-edited"), previous(),
                SETTINGS, ALL_INTACT);
        assertEquals(List.of("b/B.nn"), plan.stale());
        assertEquals(Set.of("a/A.nn"), plan.upToDate().keySet());
    }

    @Test
    void aNewSpecIsStale() {
        IncrementalPlan plan = IncrementalPlan.of(Map.of("a/A.nn", "dA", "b/B.nn", "dB", "c/C.nn", "dC"),
                previous(), SETTINGS, ALL_INTACT);
        assertEquals(List.of("c/C.nn"), plan.stale());
    }

    @Test
    void otherSettingsMakeEverySpecStale() {
        IncrementalPlan plan = IncrementalPlan.of(Map.of("a/A.nn", "dA", "b/B.nn", "dB"), previous(),
                Map.of("plugin", "1.1", "precision", ""), ALL_INTACT);
        assertEquals(List.of("a/A.nn", "b/B.nn"), plan.stale());
    }

    @Test
    void aDeletedOrHandEditedOutputMakesItsSpecStale() {
        Predicate<OutputRecord> b2Gone = out -> !out.path().equals("b/B2.java");
        IncrementalPlan plan = IncrementalPlan.of(Map.of("a/A.nn", "dA", "b/B.nn", "dB"), previous(), SETTINGS,
                b2Gone);
        assertEquals(List.of("b/B.nn"), plan.stale());
    }

    @Test
    void nextKeepsUpToDateRecordsAndAddsCompiledOnes() {
        IncrementalPlan plan = IncrementalPlan.of(Map.of("a/A.nn", "dA", "b/B.nn", "dB2"), previous(), SETTINGS,
                ALL_INTACT);
        SpecRecord b = new SpecRecord("dB2", List.of(new OutputRecord("b/B.java", "oB-new")));
        Manifest next = plan.next(SETTINGS, Map.of("b/B.nn", b));
        assertEquals(new TreeMap<>(SETTINGS), next.settings());
        assertEquals(previous().specs().get("a/A.nn"), next.specs().get("a/A.nn"));
        assertEquals(b, next.specs().get("b/B.nn"));
    }

    @Test
    void obsoleteOutputsAreThoseOfDeletedSpecsAndThoseNoLongerProduced() {
        // A.nn deleted; B.nn now produces only B.java (B2 renamed away) and a new B3.java
        Manifest next = new Manifest(new TreeMap<>(SETTINGS), new TreeMap<>(Map.of(
                "b/B.nn", new SpecRecord("dB2", List.of(new OutputRecord("b/B.java", "x"),
                        new OutputRecord("b/B3.java", "y"))))));
        assertEquals(List.of("a/A.java", "b/B2.java"), List.copyOf(IncrementalPlan.obsolete(previous(), next)));
    }

    @Test
    void anOutputThatMovedToAnotherSpecIsNotObsolete() {
        // the model of A.nn moved into C.nn: same class, another spec: keep the file
        Manifest next = new Manifest(new TreeMap<>(SETTINGS), new TreeMap<>(Map.of(
                "b/B.nn", previous().specs().get("b/B.nn"),
                "c/C.nn", new SpecRecord("dC", List.of(new OutputRecord("a/A.java", "oA"))))));
        assertEquals(Set.of(), IncrementalPlan.obsolete(previous(), next));
    }
}
