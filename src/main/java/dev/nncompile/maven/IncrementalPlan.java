package dev.nncompile.maven;

import dev.nncompile.maven.Manifest.OutputRecord;
import dev.nncompile.maven.Manifest.SpecRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which specs must be compiled again, decided from contents alone. A spec is up to date when the previous successful
 * run saw the same settings, the same spec bytes, and every file it produced is still there with the bytes that run
 * wrote; anything else (a new spec, an edit, another plugin version or override, a generated file deleted or edited
 * by hand) makes it stale. Deciding per spec is sound because a spec is compiled on its own: no spec reads another.
 *
 * <pre>{@code
 * IncrementalPlan plan = IncrementalPlan.of(digests, previous, settings, out -> intact(out));
 * for (String spec : plan.stale()) { ... compile ... }
 * Manifest next = plan.next(settings, compiledRecords);
 * for (String gone : IncrementalPlan.obsolete(previous, next)) { ... delete ... }
 * }</pre>
 *
 * @param stale    spec paths to compile, sorted
 * @param upToDate spec paths whose previous record still holds, with that record
 */
record IncrementalPlan(List<String> stale, SortedMap<String, SpecRecord> upToDate) {
    IncrementalPlan {
        stale = List.copyOf(stale);
        upToDate = Collections.unmodifiableSortedMap(new TreeMap<>(upToDate));
    }

    /**
     * @param digests  the specs there are now: path relative to the spec root → digest of the bytes
     * @param previous the manifest of the last successful run ({@link Manifest#EMPTY} if none)
     * @param settings the effective settings of this run
     * @param intact   whether a recorded output still exists with its recorded digest
     */
    static IncrementalPlan of(Map<String, String> digests, Manifest previous, Map<String, String> settings,
                              Predicate<OutputRecord> intact) {
        boolean sameSettings = previous.settings().equals(new TreeMap<>(settings));
        List<String> stale = new ArrayList<>();
        SortedMap<String, SpecRecord> upToDate = new TreeMap<>();
        for (Map.Entry<String, String> spec : new TreeMap<>(digests).entrySet()) {
            SpecRecord before = previous.specs().get(spec.getKey());
            if (sameSettings && before != null && before.digest().equals(spec.getValue())
                    && before.outputs().stream().allMatch(intact)) {
                upToDate.put(spec.getKey(), before);
            } else {
                stale.add(spec.getKey());
            }
        }
        return new IncrementalPlan(stale, upToDate);
    }

    /** The manifest after this run: the up-to-date records kept, the compiled ones added. */
    Manifest next(Map<String, String> settings, Map<String, SpecRecord> compiled) {
        SortedMap<String, SpecRecord> specs = new TreeMap<>(upToDate);
        specs.putAll(compiled);
        return new Manifest(new TreeMap<>(settings), specs);
    }

    /**
     * Outputs the previous run wrote that this run no longer produces: those of deleted specs, and those a changed
     * spec stopped producing (a renamed model, a new package). These are the only files ever deleted, so files the
     * plugin did not write are never touched.
     */
    static SortedSet<String> obsolete(Manifest previous, Manifest next) {
        SortedSet<String> gone = new TreeSet<>(previous.outputs());
        gone.removeAll(next.outputs());
        return gone;
    }
}
