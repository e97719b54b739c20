package dev.nncompile.emit;

import java.util.Set;
import java.util.TreeSet;

/**
 * The private method names of one generated class: the step methods, their kernels and row ranges draw unique names
 * here ({@code updateW1}, then {@code updateW12} for a second one), so no two renderers can clash.
 */
final class MethodNames {
    private final Set<String> taken = new TreeSet<>();

    /** Names the class declares itself (the phase methods), which no step may take. */
    void reserve(String... names) {
        taken.addAll(Set.of(names));
    }

    /** {@code base}, or {@code base2}, {@code base3} … if taken; the name returned is taken from now on. */
    String unique(String base) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + i;
        }
        return name;
    }
}
