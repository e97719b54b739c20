package dev.nncompile.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
