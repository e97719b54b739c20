package dev.nncompile.maven;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content digests for the staleness manifest: contents, not modification times, decide what is stale, so a
 * {@code touch} or a fresh checkout regenerates nothing (protobuf-maven-plugin's lesson).
 *
 * <pre>{@code
 * String digest = Sha256.hex(Files.readAllBytes(spec));   // "sha256:9f86d0…"
 * }</pre>
 */
final class Sha256 {
    private Sha256() {}

    /** {@code sha256:} followed by the 64 lower-case hex digits of the digest. */
    static String hex(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (MessageDigest's Javadoc)
            throw new IllegalStateException(e);
        }
    }
}
