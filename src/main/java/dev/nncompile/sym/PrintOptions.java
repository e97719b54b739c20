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
    public static final PrintOptions SCALAR = new PrintOptions(name -> false, name -> false);

    private final Predicate<String> array;
    private final Predicate<String> leading;

    private PrintOptions(Predicate<String> array, Predicate<String> leading) {
        this.array = array;
        this.leading = leading;
    }

    /** Variables for which {@code isArray} holds are arrays; products of two array-valued factors print with ⊙. */
    public static PrintOptions elementwise(Predicate<String> isArray) {
        return new PrintOptions(Objects.requireNonNull(isArray, "isArray"), name -> false);
    }

    /**
     * These options, with the array factors that mention a variable for which {@code isLeading} holds printed
     * before the other array factors: the chain rule read upstream first, δ = (a − y) ⊙ a ⊙ (1 − a) rather than
     * the canonical a ⊙ (1 − a) ⊙ (a − y). Within each group the canonical order stays.
     */
    public PrintOptions leading(Predicate<String> isLeading) {
        return new PrintOptions(array, Objects.requireNonNull(isLeading, "isLeading"));
    }

    /** Whether the variable stands for an array. */
    public boolean isArray(String variable) {
        return array.test(variable);
    }

    /** Whether factors mentioning the variable lead the array factors of a product. */
    public boolean isLeading(String variable) {
        return leading.test(variable);
    }
}
