package dev.nncompile.parse;

import dev.nncompile.parse.antlr.NnLexer;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import dev.nncompile.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * The lexical pass before parsing: runs the lexer, reports stray characters ({@code NN001}) and malformed numbers
 * ({@code NN008}), and checks the nesting bound ({@code NN004}) so that the recursive parser never meets input deep
 * enough to exhaust its stack. Token offsets are converted from ANTLR's code points to the chars of
 * {@link dev.nncompile.source.SourceSpan}.
 */
final class TokenScan {
    private static final int MAX_LEXICAL_ERRORS = 50;

    private final Diagnostics diagnostics;
    private final int[] charOffset;

    private TokenScan(Diagnostics diagnostics, String text) {
        this.diagnostics = diagnostics;
        this.charOffset = codePointToChar(text);
    }

    /** The tokens the parser should see (stray characters dropped, bad numbers kept as numbers), or null. */
    static List<Token> scan(String text, Diagnostics diagnostics) {
        return new TokenScan(diagnostics, text).run(text);
    }

    private List<Token> run(String text) {
        NnLexer lexer = new NnLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> kept = new ArrayList<>();
        int lexicalErrors = 0;
        int strayStart = -1;
        int strayEnd = -1;
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            CommonToken token = new CommonToken(t);
            token.setStartIndex(toChar(t.getStartIndex()));
            token.setStopIndex(t.getType() == Token.EOF ? toChar(t.getStartIndex()) - 1 : toChar(t.getStopIndex() + 1) - 1);
            if (t.getType() == NnLexer.ERROR_CHAR) {
                if (strayStart >= 0 && token.getStartIndex() == strayEnd) {
                    strayEnd = token.getStopIndex() + 1;
                } else {
                    if (strayStart >= 0 && lexicalErrors++ < MAX_LEXICAL_ERRORS) {
                        reportStray(text, strayStart, strayEnd);
                    }
                    strayStart = token.getStartIndex();
                    strayEnd = token.getStopIndex() + 1;
                }
                continue;
            }
            if (t.getType() == NnLexer.BAD_NUMBER) {
                if (lexicalErrors++ < MAX_LEXICAL_ERRORS) {
                    diagnostics.report(DiagnosticCode.NN008, span(token),
                            "malformed number " + Quoted.of(token.getText()) + ": the exponent has no digits",
                            "write e.g. 1e-4");
                }
                token.setType(NnLexer.NUMBER);
            }
            kept.add(token);
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        if (strayStart >= 0 && lexicalErrors < MAX_LEXICAL_ERRORS) {
            reportStray(text, strayStart, strayEnd);
        }
        return nestingWithinBounds(kept) ? kept : null;
    }

    private void reportStray(String text, int start, int end) {
        String chars = text.substring(start, end);
        String message = chars.codePointCount(0, chars.length()) == 1
                ? "unexpected character " + describe(chars)
                : "unexpected characters " + describe(chars);
        diagnostics.report(DiagnosticCode.NN001, new SourceSpan(start, end), message,
                "a spec holds names, numbers, operators and # comments");
    }

    private static String describe(String chars) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < chars.length() && shown.length() < Quoted.MAX; i++) {
            char c = chars.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c >= 0x80 && c < 0xa0) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return Quoted.of(shown.toString());
    }

    /**
     * Parentheses and {@code if} are the only constructs the grammar nests by recursion. Each {@code (} opens a
     * level; each {@code if} opens one that lasts until the enclosing parenthesis closes (an if's else branch
     * extends to the end of its group).
     */
    private boolean nestingWithinBounds(List<Token> tokens) {
        int[] ifsAtDepth = new int[Limits.MAX_NESTING + 2];
        int parens = 0;
        int ifs = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case NnLexer.LPAREN -> {
                    ifsAtDepth[parens] = ifs;
                    parens++;
                }
                case NnLexer.RPAREN -> {
                    if (parens > 0) {
                        parens--;
                        ifs = ifsAtDepth[parens];
                    }
                }
                case NnLexer.IF -> ifs++;
                case NnLexer.MODEL, NnLexer.ACTIVATION, NnLexer.LOSS, NnLexer.LBRACE, NnLexer.RBRACE,
                        NnLexer.INPUT, NnLexer.DENSE, NnLexer.OPTIMIZER, NnLexer.REGULARIZE, NnLexer.INIT,
                        NnLexer.SEED, NnLexer.PRECISION, NnLexer.TRAIN, NnLexer.STOP -> {
                    // a new statement: whatever was open belongs to a broken formula, already a syntax error
                    parens = 0;
                    ifs = 0;
                }
                default -> { }
            }
            if (parens + ifs > Limits.MAX_NESTING) {
                diagnostics.report(DiagnosticCode.NN004, span((CommonToken) t),
                        "formula nested too deeply: more than " + Limits.MAX_NESTING
                                + " levels of parentheses and 'if'",
                        "split the formula into several activations that call each other");
                return false;
            }
        }
        return true;
    }

    private static SourceSpan span(CommonToken t) {
        return new SourceSpan(t.getStartIndex(), Math.max(t.getStartIndex(), t.getStopIndex() + 1));
    }

    private int toChar(int codePointIndex) {
        return charOffset == null ? codePointIndex : charOffset[Math.min(codePointIndex, charOffset.length - 1)];
    }

    /** null when every char is a code point of its own (no surrogate pairs), the common case. */
    private static int[] codePointToChar(String text) {
        boolean pairs = false;
        for (int i = 0; i < text.length() && !pairs; i++) {
            pairs = Character.isHighSurrogate(text.charAt(i));
        }
        if (!pairs) {
            return null;
        }
        int[] map = new int[text.codePointCount(0, text.length()) + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            map[cp++] = i;
        }
        map[cp] = text.length();
        return map;
    }
}
