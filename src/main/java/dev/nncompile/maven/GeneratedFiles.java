package dev.nncompile.maven;

import dev.nncompile.source.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where generated files go. The Mojo's implementation also tells the IDE (Plexus {@code BuildContext.refresh});
 * {@link #PLAIN} is the file system alone, for tests and tools.
 *
 * <pre>{@code
 * boolean changed = GeneratedFiles.PLAIN.write(path, bytes);   // false: the file already held these bytes
 * }</pre>
 */
interface GeneratedFiles {
    /** Writes atomically unless the file already holds exactly these bytes; returns whether it was written. */
    boolean write(Path file, byte[] bytes) throws IOException;

    /** Deletes the file if it exists; returns whether it existed. */
    boolean delete(Path file) throws IOException;

    GeneratedFiles PLAIN = new GeneratedFiles() {
        @Override
        public boolean write(Path file, byte[] bytes) throws IOException {
            return AtomicFiles.writeIfChanged(file, bytes);
        }

        @Override
        public boolean delete(Path file) throws IOException {
            return Files.deleteIfExists(file);
        }
    };
}
