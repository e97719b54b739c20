package dev.nncompile.model;

/** The floating-point type of the generated class: {@code precision float|double} in a spec. */
public enum Precision {
    FLOAT("float"), DOUBLE("double");

    private final String javaType;

    Precision(String javaType) {
        this.javaType = javaType;
    }

    public String javaType() {
        return javaType;
    }
}
