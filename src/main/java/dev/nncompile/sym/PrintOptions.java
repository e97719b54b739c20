package dev.nncompile.sym;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * How the printers ({@link TextPrinter}, {@link LatexPrinter}, {@link MathMlPrinter}) join factors.
 *
 * <p>At layer level a formula is read over whole arrays: a product of two array-valued factors is the elementwise
 * (Hadamard) product and prints with ⊙, while a scalar times anything prints with ·. The predicate says which
 * variables stand for arrays; a factor is array-valued when it mentions one. Scalar factors print first, so
 * {@code η·m̂ ⊙ g} never interleaves the two products.
 *
 * <pre>{@code
 * PrintOptions layer = PrintOptions.elementwise(name -> !name.equals("N"));
 * TextPrinter.print(expr, naming, layer);   // a¹ ⊙ (1 − a¹)
 * }</pre>
 */
public final class PrintOptions {
    /** Every variable a scalar: products print with · only. */
    public static final PrintOptions SCALAR = new PrintOptions(name -> false);

    private final Predicate<String> array;

    private PrintOptions(Predicate<String> array) {
        this.array = array;
    }

    /** Variables for which {@code isArray} holds are arrays; products of two array-valued factors print with ⊙. */
    public static PrintOptions elementwise(Predicate<String> isArray) {
        return new PrintOptions(Objects.requireNonNull(isArray, "isArray"));
    }

    /** Whether the variable stands for an array. */
    public boolean isArray(String variable) {
        return array.test(variable);
    }
}
