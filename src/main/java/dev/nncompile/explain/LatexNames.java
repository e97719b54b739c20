package dev.nncompile.explain;

import java.util.Map;
import java.util.TreeMap;

/**
 * Greek letters between their spelled names (as scalar names in a plan use them: {@code beta1}), their Unicode
 * characters and their LaTeX commands.
 */
final class LatexNames {
    private static final Map<String, String> GREEK = new TreeMap<>();

    static {
        String[][] letters = {
            {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"}, {"eps", "ε"},
            {"zeta", "ζ"}, {"eta", "η"}, {"theta", "θ"}, {"kappa", "κ"}, {"lambda", "λ"}, {"mu", "μ"},
            {"nu", "ν"}, {"xi", "ξ"}, {"pi", "π"}, {"rho", "ρ"}, {"sigma", "σ"}, {"tau", "τ"}, {"phi", "φ"},
            {"chi", "χ"}, {"psi", "ψ"}, {"omega", "ω"}, {"lr", "η"},
        };
        for (String[] l : letters) {
            GREEK.put(l[0], l[1]);
        }
    }

    private LatexNames() {}

    /** The Greek character a spelled name stands for ({@code "beta"} → β), or null. */
    static String greek(String spelled) {
        return GREEK.get(spelled);
    }

    /** LaTeX for an identifier: Greek characters become commands, longer words upright. */
    static String identifier(String name) {
        if (name.codePointCount(0, name.length()) == 1) {
            String command = command(name.charAt(0));
            return command != null ? command : name;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            String command = command(name.charAt(i));
            out.append(command != null ? command + " " : String.valueOf(name.charAt(i)));
        }
        return out.toString().equals(name) ? "\\mathit{" + name + "}" : out.toString().trim();
    }

    /** {@code \beta} for β, or null when {@code c} is not a Greek letter we name. */
    static String command(char c) {
        if (c == 'ε') {
            return "\\varepsilon";
        }
        for (Map.Entry<String, String> e : GREEK.entrySet()) {
            if (e.getValue().charAt(0) == c && !e.getKey().equals("eps") && !e.getKey().equals("lr")) {
                return "\\" + e.getKey();
            }
        }
        return null;
    }
}
