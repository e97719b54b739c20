package dev.nncompile.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import dev.nncompile.model.Precision;
import dev.nncompile.sym.JavaPrinter;

/**
 * The floating-point type a generated class computes in, and everything that depends on it: Java keyword, array
 * types, literals, the cast back from a {@code double} expression (none in double precision, where javac's
 * {@code -Xlint:cast} would reject it as redundant), and the safetensors dtype.
 */
final class Real {
    private final Precision precision;
    private final JavaPrinter printer;

    Real(Precision precision) {
        this.precision = precision;
        this.printer = new JavaPrinter(precision == Precision.FLOAT ? JavaPrinter.Type.FLOAT : JavaPrinter.Type.DOUBLE);
    }

    boolean isFloat() {
        return precision == Precision.FLOAT;
    }

    String keyword() {
        return precision.javaType();
    }

    TypeName type() {
        return isFloat() ? TypeName.FLOAT : TypeName.DOUBLE;
    }

    TypeName vector() {
        return ArrayTypeName.of(type());
    }

    TypeName matrix() {
        return ArrayTypeName.of(vector());
    }

    JavaPrinter printer() {
        return printer;
    }

    /** A literal of this type, e.g. {@code 0.5f}. */
    String literal(double value) {
        return printer.literal(value);
    }

    /** Prefix that turns a double-valued expression into this type: {@code "(float) "} or nothing. */
    String cast() {
        return isFloat() ? "(float) " : "";
    }

    /** The boxed-free name used in ByteBuffer accessors: {@code Float} or {@code Double}. */
    String bufferSuffix() {
        return isFloat() ? "Float" : "Double";
    }

    /** The safetensors dtype: F32 or F64. */
    String dtype() {
        return isFloat() ? "F32" : "F64";
    }

    int bytes() {
        return isFloat() ? 4 : 8;
    }
}
