package dev.nncompile.cli;

import javax.lang.model.SourceVersion;

/** Checks of Java names given on the command line. */
final class JavaNames {
    private JavaNames() {}

    static boolean isPackageName(String name) {
        return name.isEmpty() || SourceVersion.isName(name);
    }
}
