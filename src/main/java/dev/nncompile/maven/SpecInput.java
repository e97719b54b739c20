package dev.nncompile.maven;

import dev.nncompile.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One spec file found under a spec root.
 *
 * <pre>{@code
 * SpecInput spec = SpecInput.of(root, root.resolve("com/acme/Xor.nn"), bytes);
 * spec.relativePath();   // "com/acme/Xor.nn"
 * spec.folderPackage();  // "com.acme"
 * }</pre>
 *
 * @param relativePath the path below the spec root, {@code /}-separated: the spec's key in the manifest
 * @param file         the absolute path: diagnostics name it so that IDE consoles can link it
 * @param text         the contents, decoded as UTF-8
 * @param digest       {@link Sha256#hex} of the raw bytes
 */
record SpecInput(String relativePath, Path file, String text, String digest) {
    SpecInput {
        Objects.requireNonNull(relativePath, "relativePath");
        file = file.toAbsolutePath().normalize();
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(digest, "digest");
    }

    static SpecInput of(Path root, Path file, byte[] bytes) {
        String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        // lenient decoding: a stray non-UTF-8 byte becomes U+FFFD and the lexer points at it with a diagnostic
        return new SpecInput(relative, file, new String(bytes, StandardCharsets.UTF_8), Sha256.hex(bytes));
    }

    /**
     * The Java package the spec's folders spell, antlr4-maven-plugin style: {@code com/acme/Xor.nn} → {@code
     * com.acme}; a spec directly in the root → the empty (unnamed) package. Not checked for validity here.
     */
    String folderPackage() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash).replace('/', '.');
    }

    /** The spec as the compiler sees it, named by its absolute path. */
    SourceFile sourceFile() {
        return new SourceFile(file.toString(), text);
    }
}
