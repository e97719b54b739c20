package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks that generated Java keeps spec text inside the places it was put: every block comment is closed by the
 * generator's own {@code *}{@code /} on a line of its own or after a full sentence, no line comment is broken,
 * and no Unicode escape for {@code *}, {@code /}, a quote or a line break appears anywhere (javac translates
 * {@code \}{@code u002a} before it lexes, so one in a comment could end it).
 */
final class Comments {
    private Comments() {}

    static void assertNoSpecTextEscapes(String source) {
        int i = source.indexOf("\\u");
        while (i >= 0) {
            // an odd number of backslashes before 'u' makes a Unicode escape (JLS 17 §3.3)
            int slashes = 0;
            for (int k = i; k >= 0 && source.charAt(k) == '\\'; k--) {
                slashes++;
            }
            if (slashes % 2 == 1) {
                fail("a Unicode escape in the generated source: "
                        + source.substring(i, Math.min(source.length(), i + 12)) + "\n" + source);
            }
            i = source.indexOf("\\u", i + 1);
        }
        for (char c : source.toCharArray()) {
            if (c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u000b' || c == '\u000c' || c == 0) {
                fail("a raw control or line-separator char U+" + Integer.toHexString(c) + " in the generated source");
            }
        }
    }
}
