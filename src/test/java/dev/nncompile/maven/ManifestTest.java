package dev.nncompile.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.nncompile.maven.Manifest.OutputRecord;
import dev.nncompile.maven.Manifest.SpecRecord;
import dev.nncompile.robust.SpecialFiles;
import dev.nncompile.source.BoundedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    private static final String D1 = Sha256.hex("one".getBytes(StandardCharsets.UTF_8));
    private static final String D2 = Sha256.hex("two".getBytes(StandardCharsets.UTF_8));
    private static final String D3 = Sha256.hex("three".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private static Manifest sample() {
        Map<String, SpecRecord> specs = new LinkedHashMap<>();
        // inserted out of order, outputs too: the text form must not depend on it
        specs.put("org/z/Zeta.nn", new SpecRecord(D2, List.of(new OutputRecord("org/z/Zeta.java", D3))));
        specs.put("com/acme/two models.nn", new SpecRecord(D1, List.of(
                new OutputRecord("com/acme/B.java", D2), new OutputRecord("com/acme/A.java", D3))));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("precision", "");
        settings.put("plugin", "1.0");
        return new Manifest(new TreeMap<>(settings), new TreeMap<>(specs));
    }

    @Test
    void textFormIsSortedAndExact() {
        assertEquals("""
                # nncompile: specs and outputs of the last successful run; delete to force a full regeneration
                format 1
                setting plugin=1.0
                setting precision=
                spec %1$s com/acme/two models.nn
                output %3$s com/acme/A.java
                output %2$s com/acme/B.java
                spec %2$s org/z/Zeta.nn
                output %3$s org/z/Zeta.java
                """.formatted(D1, D2, D3), sample().format());
    }

    @Test
    void parseInvertsFormat() {
        Manifest m = sample();
        assertEquals(m, Manifest.parse(m.format()));
        assertEquals(Manifest.EMPTY, Manifest.parse(Manifest.EMPTY.format()));
    }

    @Test
    void outputsListsEveryGeneratedFileSorted() {
        assertEquals(List.of("com/acme/A.java", "com/acme/B.java", "org/z/Zeta.java"), List.copyOf(sample().outputs()));
    }

    @Test
    void parseRejectsWhatItDidNotWrite() {
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("format 2\n"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("spec " + D1 + " a.nn\n"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("format 1\noutput " + D1 + " A.java\n"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("format 1\nspec " + D1 + "\n"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("format 1\nsetting noequals\n"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("format 1\nwhatever x\n"));
    }

    @Test
    void missingOrUnusableManifestReadsAsEmpty() throws Exception {
        assertSame(Manifest.EMPTY, Manifest.read(dir.resolve("none")));
        Path garbage = dir.resolve("garbage");
        Files.writeString(garbage, "format 1\nspec nonsense\n");
        assertSame(Manifest.EMPTY, Manifest.read(garbage));
        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertSame(Manifest.EMPTY, Manifest.read(binary));
        Path huge = dir.resolve("huge");
        Files.write(huge, ("format 1\n" + "#".repeat(Manifest.MAX_BYTES)).getBytes(StandardCharsets.UTF_8));
        assertSame(Manifest.EMPTY, Manifest.read(huge), "larger than nncompile writes");
    }

    /**
     * A FIFO or a device where the manifest belongs is not opened (that could block or never end): EMPTY; where an
     * output belongs, it is not hashed (so it is regenerated).
     */
    @Test
    void aManifestThatIsNotARegularFileReadsAsEmpty() throws Exception {
        Path fifo = SpecialFiles.fifo(dir, "manifest");
        assertSame(Manifest.EMPTY, assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Manifest.read(fifo)));
        Path zero = SpecialFiles.devZero();
        assertSame(Manifest.EMPTY, assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Manifest.read(zero)));
        assertThrows(BoundedFiles.Refused.class, () -> Sha256.hex(fifo));
    }

    /** Outputs are hashed from the file in blocks, to the same digest as their bytes. */
    @Test
    void aFileIsHashedLikeItsBytes() throws Exception {
        byte[] bytes = new byte[200_000];
        new java.util.Random(8).nextBytes(bytes);
        Path file = dir.resolve("Out.java");
        Files.write(file, bytes);
        assertEquals(Sha256.hex(bytes), Sha256.hex(file));
    }

    @Test
    void promoteWritesAtomicallyAndLeavesAnUnchangedManifestAlone() throws Exception {
        Path file = dir.resolve("status/generate/default/manifest");
        sample().promote(file);
        assertEquals(sample(), Manifest.read(file));
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, old);

        sample().promote(file);
        assertEquals(old, Files.getLastModifiedTime(file), "an identical manifest was rewritten");

        Manifest.EMPTY.promote(file);
        assertEquals(Manifest.EMPTY, Manifest.read(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList(), "a temporary file was left behind");
        }
    }

    @Test
    void digestsAreContentDigests() {
        assertEquals("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
                Sha256.hex("foo".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(D1.startsWith("sha256:"));
        assertFalse(D1.equals(D2));
    }
}
