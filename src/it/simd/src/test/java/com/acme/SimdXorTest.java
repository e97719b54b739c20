package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * Trains the class nncompile generated from src/main/nn/com/acme/Xor.nn with {@code <simd>true</simd>} and checks
 * that it uses the Vector API, learns XOR, and trains like the plain class of the same spec (execution "plain").
 */
class SimdXorTest {
    private static final float[] X = {0, 0, 0, 1, 1, 0, 1, 1};
    private static final float[] Y = {0, 1, 1, 0};

    @Test
    void usesTheVectorApiKernels() throws NoSuchFieldException {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "surefire's argLine must add jdk.incubator.vector");
        Field species = Xor.class.getDeclaredField("SPECIES");
        assertEquals("jdk.incubator.vector.VectorSpecies", species.getType().getName());
    }

    @Test
    void learnsXor() {
        Xor model = new Xor(1L);
        float before = model.loss(X, Y, 4);
        for (int step = 0; step < 1500; step++) {
            model.trainBatch(X, Y, 4);
        }
        float after = model.loss(X, Y, 4);
        assertTrue(Float.isFinite(after) && after < 0.1f && after < before / 5, "loss " + before + " -> " + after);

        float[] out = new float[Xor.OUTPUTS];
        for (int i = 0; i < 4; i++) {
            model.predict(X, 2 * i, out);
            assertTrue(Float.isFinite(out[0]), "output " + out[0]);
            assertEquals(Y[i], out[0] > 0.5f ? 1f : 0f, "XOR of sample " + i + ", output " + out[0]);
        }
    }

    @Test
    void trainsLikeThePlainClass() {
        Xor simd = new Xor(5L);
        com.acme.plain.Xor plain = new com.acme.plain.Xor(5L);
        assertEquals(plain.loss(X, Y, 4), simd.loss(X, Y, 4), 1e-6f, "the same seed, the same initial weights");
        for (int step = 0; step < 200; step++) {
            float s = simd.trainBatch(X, Y, 4);
            float p = plain.trainBatch(X, Y, 4);
            // the kernels sum in the same order; only the roundings a fused multiply-add saves differ
            assertEquals(p, s, 1e-3f * Math.max(1f, Math.abs(p)), "loss of step " + step);
        }
    }
}
