package dev.nncompile.emit;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void dump() throws Exception {
        int i = 0;
        for (var p : GeneratedClassTest.plans()) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/gen" + (i++) + ".java"), ClassGenerator.generate(p).toString());
        }
    }
}
