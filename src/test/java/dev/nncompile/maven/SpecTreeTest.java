package dev.nncompile.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nncompile.parse.Limits;
import dev.nncompile.robust.SpecialFiles;
import dev.nncompile.source.BoundedFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecTreeTest {
    @TempDir
    Path root;

    private void write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void findsSpecsSortedByRelativePathWithTheirFolderPackage() throws Exception {
        write("org/z/Zeta.nn", "model Zeta {}");
        write("com/acme/vision/Digits.nn", "model Digits {}");
        write("Top.nn", "model Top {}");
        write("com/acme/README.md", "not a spec");
        write("com/acme/.#Digits.nn", "an editor lock file");
        write("com/acme/Old.nn.bak", "a back-up");

        List<SpecInput> specs = SpecTree.scan(root);
        assertEquals(List.of("Top.nn", "com/acme/vision/Digits.nn", "org/z/Zeta.nn"),
                specs.stream().map(SpecInput::relativePath).toList());
        assertEquals(List.of("", "com.acme.vision", "org.z"), specs.stream().map(SpecInput::folderPackage).toList());
        SpecInput digits = specs.get(1);
        assertEquals(root.toAbsolutePath().resolve("com/acme/vision/Digits.nn"), digits.file());
        assertEquals("model Digits {}", digits.text());
        assertEquals(Sha256.hex("model Digits {}".getBytes(StandardCharsets.UTF_8)), digits.digest());
        assertEquals(digits.file().toString(), digits.sourceFile().path(), "diagnostics must name the absolute path");
    }

    @Test
    void aMissingRootHoldsNoSpecs() throws Exception {
        assertEquals(List.of(), SpecTree.scan(root.resolve("src/main/nn")));
    }

    @Test
    void digestIsOfTheBytesNotTheDecodedText() throws Exception {
        // two different invalid byte sequences decode to the same U+FFFD text but must differ in digest
        Files.write(root.resolve("A.nn"), new byte[] {'x', (byte) 0xC3});
        Files.write(root.resolve("B.nn"), new byte[] {'x', (byte) 0xFF});
        List<SpecInput> specs = SpecTree.scan(root);
        assertEquals(specs.get(0).text(), specs.get(1).text());
        assertEquals(false, specs.get(0).digest().equals(specs.get(1).digest()));
    }

    /** A spec larger than the CLI reads is refused unread, naming the file and the bound (issue 8 §3). */
    @Test
    void aSpecLargerThanTheBoundIsRefusedNamingIt() throws Exception {
        write("Small.nn", "model Small {}");
        Path big = root.resolve("Big.nn");
        Files.write(big, new byte[Limits.MAX_BYTES + 1]);
        BoundedFiles.Refused e = assertThrows(BoundedFiles.Refused.class, () -> SpecTree.scan(root));
        assertEquals(big.toAbsolutePath() + ": file too large: 3145732 bytes, more than the 3145731 bytes nncompile"
                + " reads from it", e.getMessage());
    }

    /** A FIFO named like a spec is not a spec: skipped without being opened (opening it would block). */
    @Test
    void aFifoNamedLikeASpecIsSkipped() throws Exception {
        write("Real.nn", "model Real {}");
        SpecialFiles.fifo(root, "Pipe.nn");
        List<SpecInput> specs = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SpecTree.scan(root));
        assertEquals(List.of("Real.nn"), specs.stream().map(SpecInput::relativePath).toList());
    }
}
