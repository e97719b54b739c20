package com.acme.app;

import com.acme.a.NetA1;
import com.acme.b.NetB2;
import com.acme.c.NetC3;

/** Uses classes generated in three other modules and in this one: the reactor order and the source roots hold. */
public final class Catalogue {
    private Catalogue() {}

    public static int inputs() {
        return NetA1.INPUTS + NetB2.INPUTS + NetC3.INPUTS + Ensemble.INPUTS;
    }
}
