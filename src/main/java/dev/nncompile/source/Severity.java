package dev.nncompile.source;

import java.util.Locale;

/** How bad a {@link Diagnostic} is: an error stops compilation, a warning does not. */
public enum Severity {
    ERROR, WARNING;

    /** As the renderer prints it: {@code error}, {@code warning}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
