package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.extra.Extra;
import com.acme.testing.Tiny;
import com.acme.vision.Digits;
import org.example.pricing.Pricing;
import org.junit.jupiter.api.Test;

/** Every generated class is where the package rules put it, with the shape its spec declares. */
class PackagesTest {
    @Test
    void packagesFollowFoldersStatementsAndConfiguration() {
        assertEquals("com.acme.vision", Digits.class.getPackageName());
        assertEquals("org.example.pricing", Pricing.class.getPackageName());
        assertEquals("com.acme.extra", Extra.class.getPackageName());
        assertEquals("com.acme.testing", Tiny.class.getPackageName());
    }

    @Test
    void shapesFollowTheSpecs() {
        assertEquals(64, Digits.INPUTS);
        assertEquals(10, Digits.OUTPUTS);
        assertEquals(5, Pricing.INPUTS);
        assertEquals(3, Extra.INPUTS);
        assertEquals(1, Tiny.OUTPUTS);
    }

    @Test
    void testModelTrains() {
        // y = 2x on eight points: one linear unit must get closer with every pass
        float[] x = {-2, -1.5f, -1, -0.5f, 0.5f, 1, 1.5f, 2};
        float[] y = new float[8];
        for (int i = 0; i < 8; i++) {
            y[i] = 2 * x[i];
        }
        Tiny model = new Tiny(1L);
        float before = model.loss(x, y, 8);
        for (int step = 0; step < 200; step++) {
            model.trainBatch(x, y, 8);
        }
        assertTrue(model.loss(x, y, 8) < before / 100, "loss did not drop: " + before);
    }
}
