package dev.nncompile.explain;

import dev.nncompile.derive.Buffer;
import dev.nncompile.sym.MathMlPrinter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The printed symbol of every buffer and scalar of a plan, derived from {@link Buffer#kind()}, the layer and the
 * optimizer state: x, y, Wˡ, bˡ, zˡ, aˡ, δˡ, ∂C/∂aᴸ, ∂C/∂Wˡ, ∂C/∂bˡ, m_{W¹}. Scalars print as their names, spelled
 * Greek names as Greek letters with digits lowered ({@code beta1} → β₁).
 *
 * <pre>{@code
 * Notation.of(deltaBuffer).text();    // "δ²"
 * Notation.scalar("beta2").latex();   // "\beta_{2}"
 * }</pre>
 */
final class Notation {
    /** A spelled scalar name: letters, optional digits, optional {@code _suffix}. */
    private static final Pattern SCALAR = Pattern.compile("([A-Za-z]+?)(hat)?(\\d*)(?:_(\\w+))?");
    private static final Formula COST = Formula.identifier("C");

    private Notation() {}

    static Formula of(Buffer b) {
        return switch (b.kind()) {
            case INPUT -> Formula.identifier("x");
            case TARGET -> Formula.identifier("y");
            case WEIGHT -> layered("W", b.layer());
            case BIAS -> layered("b", b.layer());
            case PRE_ACTIVATION -> layered("z", b.layer());
            case ACTIVATION -> b.layer() == 0 ? Formula.identifier("x") : layered("a", b.layer());
            case DELTA -> layered("δ", b.layer());
            case OUTPUT_GRADIENT -> Formula.partial(COST, layered("a", b.layer()));
            case WEIGHT_GRADIENT -> Formula.partial(COST, layered("W", layerOf(b)));
            case BIAS_GRADIENT -> Formula.partial(COST, layered("b", layerOf(b)));
            case OPTIMIZER_STATE -> scalar(b.state()).sub(b.of() != null ? of(b.of()) : Formula.identifier(b.name()));
        };
    }

    /** The symbol of a scalar: N, t, or a {@code ScalarDef}'s name, Greek where spelled Greek. */
    static Formula scalar(String name) {
        Matcher m = SCALAR.matcher(name);
        if (!m.matches()) {
            return Formula.identifier(name);
        }
        String letters = m.group(1);
        String greek = LatexNames.greek(letters.toLowerCase(java.util.Locale.ROOT));
        Formula base;
        if (greek != null) {
            base = Formula.identifier(greek);
        } else if (letters.length() == 1) {
            base = Formula.identifier(letters);
        } else {
            base = Formula.word(letters);
        }
        if (m.group(2) != null) {
            base = hat(base);
        }
        String lowered = (m.group(3).isEmpty() ? "" : m.group(3))
                + (m.group(4) == null ? "" : (m.group(3).isEmpty() ? "" : ",") + m.group(4));
        return lowered.isEmpty() ? base : base.sub(m.group(4) == null ? Formula.number(Long.parseLong(lowered))
                : Formula.identifier(lowered));
    }

    private static Formula hat(Formula base) {
        return new Formula(base.text() + "\u0302", "\\hat{" + base.latex() + "}",
                "<mover accent=\"true\">" + base.mathml() + "<mo>^</mo></mover>");
    }

    private static Formula layered(String letter, int layer) {
        return Formula.identifier(letter).sup(Formula.number(layer));
    }

    private static int layerOf(Buffer b) {
        return b.of() != null ? b.of().layer() : b.layer();
    }

    /** A plain label in MathML, for names that are not math. */
    static String mathmlText(String s) {
        return "<mtext>" + MathMlPrinter.escape(s) + "</mtext>";
    }
}
