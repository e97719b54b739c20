package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Trains the class nncompile generated from src/main/nn/com/acme/Xor.nn and checks that it learned XOR. */
class XorTest {
    private static final float[] X = {0, 0, 0, 1, 1, 0, 1, 1};
    private static final float[] Y = {0, 1, 1, 0};

    @Test
    void learnsXor() {
        Xor model = new Xor(1L);
        float before = model.loss(X, Y, 4);
        for (int step = 0; step < 1500; step++) {
            model.trainBatch(X, Y, 4);
        }
        float after = model.loss(X, Y, 4);
        assertTrue(after < 0.1f && after < before / 5, "loss " + before + " -> " + after);

        float[] out = new float[Xor.OUTPUTS];
        for (int i = 0; i < 4; i++) {
            model.predict(X, 2 * i, out);
            assertEquals(Y[i], out[0] > 0.5f ? 1f : 0f, "XOR of sample " + i + ", output " + out[0]);
        }
    }

    @Test
    void sameSeedSameModel() {
        Xor a = new Xor(3L);
        Xor b = new Xor(3L);
        for (int step = 0; step < 10; step++) {
            assertEquals(a.trainBatch(X, Y, 4), b.trainBatch(X, Y, 4));
        }
    }
}
