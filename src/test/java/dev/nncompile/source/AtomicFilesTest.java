package dev.nncompile.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void writesCreatesParentsAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a/b/c/out.bin");
        AtomicFiles.write(target, bytes("hello"));
        assertArrayEquals(bytes("hello"), Files.readAllBytes(target));
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(target), all.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = dir.resolve("w.safetensors");
        AtomicFiles.write(target, bytes("old contents, longer"));
        AtomicFiles.write(target, bytes("new"));
        assertArrayEquals(bytes("new"), Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void writeIfChangedKeepsModificationTimeWhenBytesAreEqual() throws IOException {
        Path target = dir.resolve("Gen.java");
        assertTrue(AtomicFiles.writeIfChanged(target, bytes("class Gen {}")));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(target, old);

        assertFalse(AtomicFiles.writeIfChanged(target, bytes("class Gen {}")));
        assertEquals(old, Files.getLastModifiedTime(target));

        assertTrue(AtomicFiles.writeIfChanged(target, bytes("class Gen { }")));
        assertArrayEquals(bytes("class Gen { }"), Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void writeIfChangedWritesWhenSameLengthButDifferentBytes() throws IOException {
        Path target = dir.resolve("x");
        AtomicFiles.write(target, bytes("abc"));
        assertTrue(AtomicFiles.writeIfChanged(target, bytes("abd")));
        assertArrayEquals(bytes("abd"), Files.readAllBytes(target));
    }

    @Test
    void failureLeavesTargetAndNoTemporaryFile() throws IOException {
        // The target is a non-empty directory: the final move fails, and the temporary file must go.
        Path target = dir.resolve("occupied");
        Files.createDirectories(target.resolve("inside"));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, bytes("data")));
        assertTrue(Files.isDirectory(target.resolve("inside")));
        assertEquals(List.of(target), listing());
    }
}
