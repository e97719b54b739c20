package dev.nncompile.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a whole input file into memory, but only a regular file of at most a given size (issue 8 §3): every file
 * nncompile reads (specs, CSV, IDX, safetensors, its own outputs) goes through here, so an enormous file costs a
 * clear error instead of an {@link OutOfMemoryError}, and a FIFO or a device ({@code /dev/zero}, a terminal) is
 * refused before it is opened instead of hanging the build or filling the heap.
 *
 * <p>The bound is the caller's, because the caller knows what the file is for: a spec may have at most
 * {@code parse.Limits.MAX_CHARS} chars, a CSV table 1 GiB, an IDX file what fits one Java array.
 *
 * <pre>{@code
 * try {
 *     byte[] bytes = BoundedFiles.read(Path.of("train.csv"), 1L << 30);
 * } catch (BoundedFiles.Refused e) {
 *     System.err.println(e.getMessage());   // "train.csv: file too large: 2147483648 bytes, more than the ..."
 * }
 * }</pre>
 */
public final class BoundedFiles {
    /** The largest array a JVM reliably allocates (the JDK's own {@code ArraysSupport.SOFT_MAX_ARRAY_LENGTH}). */
    public static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private BoundedFiles() {
    }

    /**
     * A file that was not read: not a regular file, missing, or larger than the bound. The message is
     * {@code "<file>: <detail>"}, meant to be shown as is; {@link #detail()} is the part after the file.
     */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        private final String file;
        private final String detail;

        Refused(Path file, String detail) {
            super(file + ": " + detail);
            this.file = file.toString();
            this.detail = detail;
        }

        /** The file as the caller named it. */
        public String file() {
            return file;
        }

        /** Why it was refused, without the file's name: {@code "file too large: ..."}, {@code "no such file"}. */
        public String detail() {
            return detail;
        }
    }

    /**
     * The bytes of {@code file}, which must be a regular file (after following symbolic links) of at most
     * {@code maxBytes} bytes.
     *
     * @param maxBytes at most {@link #MAX_ARRAY_BYTES}
     * @throws Refused     when the file is missing, not a regular file, or larger than {@code maxBytes} (also when
     *                     it grows past the bound while being read)
     * @throws IOException when reading fails otherwise
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        if (maxBytes < 0 || maxBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("bound out of range: " + maxBytes);
        }
        requireRegularFile(file);
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new Refused(file, "file too large: " + size + " bytes, more than the " + maxBytes
                    + " bytes nncompile reads from it");
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Allocated from the size the file system reports (already bounded) rather than grown in chunks, so a
            // large file is held once, not twice.
            byte[] bytes = new byte[(int) size];
            int n = in.readNBytes(bytes, 0, bytes.length);
            // The file may have changed since it was measured (or report no size, as /proc files do): whatever
            // follows is read too, but never past the bound.
            byte[] rest = in.readNBytes((int) (maxBytes - n) + 1);
            if (n + (long) rest.length > maxBytes) {
                throw new Refused(file, "file too large: it grew past the " + maxBytes
                        + " bytes nncompile reads from it while being read");
            }
            if (rest.length == 0) {
                return n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
            }
            byte[] all = Arrays.copyOf(bytes, n + rest.length);
            System.arraycopy(rest, 0, all, n, rest.length);
            return all;
        } catch (NoSuchFileException e) {
            throw new Refused(file, "no such file");
        }
    }

    /**
     * Fails unless {@code file} is a regular file: checked before the file is opened, because opening a FIFO for
     * reading blocks until some other process opens it for writing.
     *
     * @throws Refused naming what the file is instead
     */
    public static void requireRegularFile(Path file) throws Refused {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (!Files.exists(file)) {
            throw new Refused(file, Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? "no such file (a symbolic link to nothing)" : "no such file");
        }
        throw new Refused(file, Files.isDirectory(file) ? "is a directory, not a file"
                : "not a regular file (a pipe, socket or device); nncompile reads only regular files");
    }
}
