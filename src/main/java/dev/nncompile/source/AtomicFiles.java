package dev.nncompile.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes files so that a reader (or a crash) never sees half of one: the bytes go to a temporary file in the same
 * directory, are forced to disk, and the temporary file is then renamed over the target in one step (issue 8 §5).
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("model.safetensors"), bytes);
 * boolean changed = AtomicFiles.writeIfChanged(Path.of("target/gen/Xor.java"), source);  // keeps mtime if equal
 * }</pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes} atomically, creating parent directories. On failure the target is
     * unchanged and the temporary file is removed.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // Same directory as the target: a rename is only atomic within one file system.
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Without the fsync a crash after the rename can leave an empty file under the new name.
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        syncDirectory(dir);
    }

    /**
     * Forces the directory entry of the rename to disk, so the new name survives a crash too. Best effort: some
     * platforms (Windows) cannot open a directory as a channel, and the file's own bytes are already safe.
     */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here; nothing more can be done portably.
        }
    }

    /**
     * Writes {@code bytes} unless the target already holds exactly these bytes; then nothing is touched (not even
     * the modification time), so javac and IDEs see no change.
     *
     * @return whether the file was written
     */
    public static boolean writeIfChanged(Path target, byte[] bytes) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return false;
        }
        write(target, bytes);
        return true;
    }
}
