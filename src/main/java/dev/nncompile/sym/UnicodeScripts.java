package dev.nncompile.sym;

/**
 * Unicode superscript and subscript forms, for plain-text formulas: {@code a²}, {@code β₁}, {@code e⁻ᶻ},
 * {@code ℝ³⁰ˣ⁷⁸⁴}. Unicode has raised forms for digits, signs, parentheses and most lower-case letters, but lowered
 * forms for only a few letters; a string with any character lacking a form has none.
 *
 * <pre>{@code
 * UnicodeScripts.superscript("-t");   // "⁻ᵗ"
 * UnicodeScripts.subscript("W");      // null: no subscript W in Unicode
 * }</pre>
 */
public final class UnicodeScripts {
    private static final String PLAIN = "0123456789+-−=()abcdefghijklmnoprstuvwxyzT×";
    private static final String RAISED = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀˣ";
    private static final String LOWERED_PLAIN = "0123456789+-−=()aehijklmnoprstuvx";
    private static final String LOWERED = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";

    private UnicodeScripts() {}

    /** The raised form of {@code s}, or null when a character has none. */
    public static String superscript(String s) {
        return map(s, PLAIN, RAISED);
    }

    /** The lowered form of {@code s}, or null when a character has none. */
    public static String subscript(String s) {
        return map(s, LOWERED_PLAIN, LOWERED);
    }

    /** Whether {@code s} contains a raised character, so that raising it again needs parentheses: (a¹)². */
    public static boolean hasRaised(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (RAISED.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String map(String s, String from, String to) {
        if (s.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            int at = from.indexOf(s.charAt(i));
            if (at < 0) {
                return null;
            }
            out.append(to.charAt(at));
        }
        return out.toString();
    }
}
