package dev.nncompile.maven;

import dev.nncompile.source.BoundedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content digests for the staleness manifest: contents, not modification times, decide what is stale, so a
 * {@code touch} or a fresh checkout regenerates nothing (protobuf-maven-plugin's lesson).
 *
 * <pre>{@code
 * String digest = Sha256.hex(bytes);                 // "sha256:9f86d0…"
 * String same = Sha256.hex(Path.of("Xor.java"));      // the same, read from a file in blocks
 * }</pre>
 */
final class Sha256 {
    private Sha256() {}

    /** {@code sha256:} followed by the 64 lower-case hex digits of the digest. */
    static String hex(byte[] bytes) {
        MessageDigest digest = sha256();
        return "sha256:" + HexFormat.of().formatHex(digest.digest(bytes));
    }

    /**
     * {@link #hex(byte[])} of a regular file's contents, read in blocks: hashing a file never holds it in memory,
     * whatever its size, and a FIFO or device is refused before it is opened.
     */
    static String hex(Path file) throws IOException {
        BoundedFiles.requireRegularFile(file);
        MessageDigest digest = sha256();
        byte[] block = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(block); n >= 0; n = in.read(block)) {
                digest.update(block, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (MessageDigest's Javadoc)
            throw new IllegalStateException(e);
        }
    }
}
