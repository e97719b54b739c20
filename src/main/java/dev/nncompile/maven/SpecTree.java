package dev.nncompile.maven;

import dev.nncompile.parse.Limits;
import dev.nncompile.source.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the {@code *.nn} specs below a spec root, in a stable order (by relative path), so that diagnostics, logs
 * and the manifest come out the same on every machine.
 *
 * <pre>{@code
 * List<SpecInput> specs = SpecTree.scan(Path.of("src/main/nn"));   // empty when the folder does not exist
 * }</pre>
 */
final class SpecTree {
    /** The file name extension of a spec. */
    static final String EXTENSION = ".nn";

    private SpecTree() {}

    /**
     * Every spec below {@code root}; none when {@code root} is missing (not an error: antlr4 and protobuf agree).
     *
     * @throws BoundedFiles.Refused when a spec is larger than {@link Limits#MAX_BYTES}: the user's error, to be
     *                              reported as a build failure naming the file
     */
    static List<SpecInput> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Path absolute = root.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(absolute)) {
            files = walk.filter(SpecTree::isSpec).sorted(Comparator.comparing(p -> relative(absolute, p))).toList();
        }
        List<SpecInput> specs = new ArrayList<>();
        for (Path file : files) {
            // bounded as the CLI bounds it: an enormous spec is refused unread (BoundedFiles.Refused names the file)
            specs.add(SpecInput.of(absolute, file, BoundedFiles.read(file, Limits.MAX_BYTES)));
        }
        return specs;
    }

    private static boolean isSpec(Path p) {
        String name = p.getFileName().toString();
        // dot-files are editor back-ups and lock files (".#Xor.nn"), not specs
        return name.endsWith(EXTENSION) && !name.startsWith(".") && Files.isRegularFile(p);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
