package dev.nncompile.data;

/**
 * The element types nncompile reads and writes in safetensors files, spelled as in the format's header.
 *
 * <pre>{@code
 * DType.F32.byteSize();   // 4
 * DType.parse("F64");     // F64; an unknown spelling gives null
 * }</pre>
 */
public enum DType {
    F32(4),
    F64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The dtype spelled {@code name} in a header, or {@code null}. */
    static DType parse(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
