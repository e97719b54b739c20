package dev.nncompile.compiler;

import dev.nncompile.source.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes generated classes below a source root: atomically, and only when their bytes change. */
public final class GeneratedSources {
    private GeneratedSources() {}

    /** Writes {@code root/<package path>/<Model>.java}; returns whether the file changed. */
    public static boolean write(Path root, CompiledModel model) throws IOException {
        Path target = root.resolve(model.relativePath());
        return AtomicFiles.writeIfChanged(target, model.source().getBytes(StandardCharsets.UTF_8));
    }
}
