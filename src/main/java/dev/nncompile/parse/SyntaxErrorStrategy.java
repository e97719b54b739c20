package dev.nncompile.parse;

import dev.nncompile.parse.antlr.NnLexer;
import dev.nncompile.parse.antlr.NnParser;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import dev.nncompile.source.SourceSpan;
import java.util.ArrayDeque;
import java.util.Deque;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * ANTLR's recovery (DefaultErrorStrategy) with the user-facing messages replaced: instead of "mismatched input …
 * expecting {…}" it says what was expected in the words of the language ("expected a layer size after 'dense'",
 * "unterminated block: '{' opened here is never closed") and reports straight into {@link Diagnostics}.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {
    private final Diagnostics diagnostics;
    private final String text;
    private int reported;
    private boolean unclosedReported;

    SyntaxErrorStrategy(Diagnostics diagnostics, String text) {
        this.diagnostics = diagnostics;
        this.text = text;
    }

    /** A top-level keyword is never deleted as a stray token: it starts the next item, where parsing resumes. */
    @Override
    protected Token singleTokenDeletion(Parser parser) {
        int next = parser.getInputStream().LA(1);
        return next == NnLexer.MODEL || next == NnLexer.ACTIVATION ? null : super.singleTokenDeletion(parser);
    }

    /** Recovery skips tokens up to the next top-level keyword at the latest, so one error does not spread. */
    @Override
    protected IntervalSet getErrorRecoverySet(Parser parser) {
        IntervalSet set = new IntervalSet(super.getErrorRecoverySet(parser));
        set.add(NnLexer.MODEL);
        set.add(NnLexer.ACTIVATION);
        return set;
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        describe(parser, e.getOffendingToken(), parser.getExpectedTokens());
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        describe(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportFailedPredicate(Parser parser, org.antlr.v4.runtime.FailedPredicateException e) {
        describe(parser, e.getOffendingToken(), parser.getExpectedTokens());
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        describe(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        describe(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    public void reportError(Parser parser, RecognitionException e) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        if (e instanceof NoViableAltException n) {
            reportNoViableAlternative(parser, n);
        } else if (e instanceof InputMismatchException m) {
            reportInputMismatch(parser, m);
        } else {
            describe(parser, e.getOffendingToken(), parser.getExpectedTokens());
        }
    }

    private void describe(Parser parser, Token offending, IntervalSet expected) {
        if (++reported > Limits.MAX_SYNTAX_ERRORS) {
            throw new ParseCancellationException("too many syntax errors");
        }
        TokenStream tokens = parser.getInputStream();
        int index = offending.getTokenIndex() >= 0 ? offending.getTokenIndex() : tokens.index();
        Token previous = previousToken(tokens, index);
        int type = offending.getType();

        // unterminated blocks and parentheses point at what was opened, not at where the file ends
        boolean endsHere = type == Token.EOF || type == NnLexer.MODEL || type == NnLexer.ACTIVATION;
        if (endsHere && (expected.contains(NnLexer.RBRACE) || expected.contains(NnLexer.RPAREN)
                || parser.getContext() instanceof NnParser.ModelDeclContext
                || insideBlock(parser.getContext()))) {
            if (reportUnclosed(tokens, index, type)) {
                return;
            }
        }
        if ((type == NnLexer.RBRACE || isStatementKeyword(type)) && expected.contains(NnLexer.RPAREN)
                && reportUnclosedParen(tokens, index)) {
            return;
        }

        String what = SyntaxExpectations.expected(parser.getContext(), expected, previous);
        StringBuilder message = new StringBuilder("expected ").append(what);
        if (previous != null) {
            message.append(" after ").append(Quoted.of(previous.getText()));
        }
        if (type == Token.EOF) {
            message.append(", but the file ends");
        } else {
            message.append(", found ").append(SyntaxExpectations.describe(offending));
        }
        SourceSpan span = spanOf(offending);
        if (previous != null && (type == Token.EOF || offending.getLine() != previous.getLine())) {
            // point just after what was written last, on its own line, not at the next statement
            int after = previous.getStopIndex() + 1;
            span = new SourceSpan(after, after);
        }
        String hint = SyntaxExpectations.hint(parser.getContext(), offending, expected,
                previous != null && previous.getLine() == offending.getLine());
        diagnostics.report(DiagnosticCode.NN005, span, message.toString(), hint);
    }

    private static boolean insideBlock(ParserRuleContext context) {
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            if (c instanceof NnParser.ModelDeclContext || c instanceof NnParser.TrainStmtContext) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStatementKeyword(int type) {
        return type == NnLexer.INPUT || type == NnLexer.DENSE || type == NnLexer.LOSS || type == NnLexer.OPTIMIZER
                || type == NnLexer.REGULARIZE || type == NnLexer.INIT || type == NnLexer.SEED
                || type == NnLexer.PRECISION || type == NnLexer.TRAIN || type == NnLexer.MODEL
                || type == NnLexer.ACTIVATION;
    }

    /** Reports each '{' (and, at the end of the file, '(') left open before {@code index}; false if none. */
    private boolean reportUnclosed(TokenStream tokens, int index, int type) {
        if (unclosedReported) {
            return true;
        }
        Deque<Token> braces = new ArrayDeque<>();
        Deque<Token> parens = new ArrayDeque<>();
        for (int i = 0; i < index; i++) {
            Token t = tokens.get(i);
            switch (t.getType()) {
                case NnLexer.LBRACE -> {
                    braces.push(t);
                    parens.clear();
                }
                case NnLexer.RBRACE -> {
                    if (!braces.isEmpty()) {
                        braces.pop();
                    }
                    parens.clear();
                }
                case NnLexer.LPAREN -> parens.push(t);
                case NnLexer.RPAREN -> {
                    if (!parens.isEmpty()) {
                        parens.pop();
                    }
                }
                default -> { }
            }
        }
        if (braces.isEmpty() && parens.isEmpty()) {
            return false;
        }
        String where = type == Token.EOF ? "the end of the file" : Quoted.of(tokens.get(index).getText()) + " on line "
                + tokens.get(index).getLine();
        if (!parens.isEmpty()) {
            Token open = parens.peek();
            diagnostics.report(DiagnosticCode.NN007, spanOf(open),
                    "unclosed parenthesis: '(' opened here is never closed", "add ')' before " + where);
        }
        for (Token open : braces) {
            diagnostics.report(DiagnosticCode.NN006, spanOf(open),
                    "unterminated block: '{' opened here is never closed", "add '}' before " + where);
        }
        // at the end of the file nothing else can go wrong; before a 'model' the next block still gets parsed
        unclosedReported = type == Token.EOF;
        return true;
    }

    private boolean reportUnclosedParen(TokenStream tokens, int index) {
        Deque<Token> parens = new ArrayDeque<>();
        for (int i = 0; i < index; i++) {
            Token t = tokens.get(i);
            if (t.getType() == NnLexer.LPAREN) {
                parens.push(t);
            } else if (t.getType() == NnLexer.RPAREN && !parens.isEmpty()) {
                parens.pop();
            } else if (t.getType() == NnLexer.LBRACE || t.getType() == NnLexer.RBRACE) {
                parens.clear();
            }
        }
        if (parens.isEmpty()) {
            return false;
        }
        diagnostics.report(DiagnosticCode.NN007, spanOf(parens.peek()),
                "unclosed parenthesis: '(' opened here is never closed",
                "add ')' before " + Quoted.of(tokens.get(index).getText()) + " on line " + tokens.get(index).getLine());
        return true;
    }

    private static Token previousToken(TokenStream tokens, int index) {
        for (int i = Math.min(index, tokens.size()) - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getTokenIndex() >= 0 && t.getType() != Token.EOF) {
                return t;
            }
        }
        return null;
    }

    private SourceSpan spanOf(Token t) {
        int start = Math.min(Math.max(0, t.getStartIndex()), text.length());
        int end = t.getType() == Token.EOF ? start : Math.min(Math.max(start, t.getStopIndex() + 1), text.length());
        return new SourceSpan(start, end);
    }
}
