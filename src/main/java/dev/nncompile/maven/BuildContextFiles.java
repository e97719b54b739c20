package dev.nncompile.maven;

import dev.nncompile.source.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codehaus.plexus.build.BuildContext;

/**
 * Generated files written atomically and only when their bytes change, and announced to the IDE: under m2e, {@code
 * refresh} makes Eclipse see the new or deleted file; on the command line it costs nothing.
 *
 * <pre>{@code
 * new SpecGeneration(request, new BuildContextFiles(buildContext)).run();
 * }</pre>
 */
final class BuildContextFiles implements GeneratedFiles {
    private final BuildContext buildContext;

    BuildContextFiles(BuildContext buildContext) {
        this.buildContext = buildContext;
    }

    @Override
    public boolean write(Path file, byte[] bytes) throws IOException {
        boolean changed = AtomicFiles.writeIfChanged(file, bytes);
        if (changed) {
            buildContext.refresh(file.toFile());
        }
        return changed;
    }

    @Override
    public boolean delete(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        if (existed) {
            buildContext.refresh(file.toFile());
        }
        return existed;
    }
}
