package dev.nncompile.check;

/** The value of a number literal as the lexer accepted it (a malformed {@code 1e} was reported and reads as 1). */
final class NumberText {
    private NumberText() {}

    static double value(String text) {
        String t = text;
        while (!t.isEmpty() && "eE+-".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.equals(".")) {
            return 0.0;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
