package dev.nncompile.source;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean …?": the candidate closest to a misspelt name by edit distance, if it is close enough.
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

    /**
     * Edit distance: insert, delete, substitute and swap two neighbours all cost 1 (Damerau's optimal string
     * alignment), so the common typo "flaot" is one edit from "float".
     */
    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            // names that long are no typo of a keyword; spare the quadratic table
            return Math.max(a.length(), b.length());
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
