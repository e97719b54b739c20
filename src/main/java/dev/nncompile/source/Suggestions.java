package dev.nncompile.source;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean …?": the candidate closest to a misspelt name by Levenshtein distance, if it is close enough.
 * Deterministic: ties go to the candidate first in iteration order, so pass an ordered collection.
 *
 * <pre>{@code
 * Suggestions.closest("rleu", List.of("relu", "elu", "tanh"))   // Optional[relu]
 * }</pre>
 */
public final class Suggestions {
    private Suggestions() {}

    public static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(name)) {
                continue;
            }
            int d = distance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a third of the longer name may differ (rustc's rule of thumb), at least one edit
        int allowed = best == null ? -1 : Math.max(1, Math.max(name.length(), best.length()) / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** A hint "did you mean 'x'?" or null. */
    public static String hint(String name, Collection<String> candidates) {
        return closest(name, candidates).map(s -> "did you mean '" + s + "'?").orElse(null);
    }

    /** Levenshtein distance (insert, delete, substitute all cost 1), two rows of memory. */
    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            // names that long are no typo of a keyword; spare the quadratic table
            return Math.max(a.length(), b.length());
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
