package com.acme;

/** Hand-written code that uses the generated classes: it compiles only if the generated source root is registered. */
public final class Models {
    private Models() {}

    public static int totalOutputs() {
        return Xor.OUTPUTS + Iris.OUTPUTS;
    }
}
