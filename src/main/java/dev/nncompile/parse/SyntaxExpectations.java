package dev.nncompile.parse;

import dev.nncompile.parse.antlr.NnLexer;
import dev.nncompile.parse.antlr.NnParser;
import dev.nncompile.source.Quoted;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * What the parser expected, in the words of the language: the rule being parsed and the token set ANTLR computed
 * become "a layer size", "an activation", "an expression", "a statement (input, dense, …) or '}'".
 */
final class SyntaxExpectations {
    private static final Vocabulary VOCABULARY = NnLexer.VOCABULARY;

    private SyntaxExpectations() {}

    static String expected(ParserRuleContext context, IntervalSet expected, Token previous) {
        ParserRuleContext parent = context == null ? null : context.getParent();
        int previousType = previous == null ? -1 : previous.getType();
        if (context instanceof NnParser.SignedNumberContext) {
            if (parent instanceof NnParser.InputStmtContext || parent instanceof NnParser.DenseStmtContext) {
                return "a layer size";
            }
            if (parent instanceof NnParser.StopStallsContext) {
                return "a number of epochs";
            }
            return "a whole number";
        }
        if (context instanceof NnParser.FnRefContext && previousType != NnLexer.LPAREN
                && previousType != NnLexer.COMMA && expected.contains(NnLexer.NAME)) {
            if (previousType == NnLexer.INIT) {
                return "an init scheme (zeros, uniform, normal, xavier, he, …)";
            }
            if (parent instanceof NnParser.DenseStmtContext) {
                return "an activation (relu, sigmoid, tanh, softmax, …)";
            }
            if (parent instanceof NnParser.LossStmtContext) {
                return "a loss (mse, half_sse, bce, cross_entropy, huber, …)";
            }
            if (parent instanceof NnParser.OptimizerStmtContext) {
                return "an optimizer (sgd, momentum, nesterov, adam, adamw, rmsprop)";
            }
            if (parent instanceof NnParser.RegularizeStmtContext) {
                return "l1(…) or l2(…)";
            }
        }
        if (context instanceof NnParser.ModelNameContext || context instanceof NnParser.ReservedWordContext) {
            return "a model name";
        }
        if (context instanceof NnParser.ModelDeclContext) {
            if (previousType == NnLexer.MODEL) {
                return "a model name";
            }
            if (expected.contains(NnLexer.LBRACE) && !expected.contains(NnLexer.RBRACE)) {
                return "'{'";
            }
            return "a statement (input, dense, loss, optimizer, regularize, init, seed, precision, train) or '}'";
        }
        if (context instanceof NnParser.StatementContext && previousType == NnLexer.PRECISION) {
            return "'float' or 'double'";
        }
        if (context instanceof NnParser.TrainItemContext || context instanceof NnParser.TrainStmtContext) {
            if (previousType == NnLexer.STOP) {
                return "'when'";
            }
            if (previousType == NnLexer.WHEN) {
                return "a quantity to watch (val_loss, grad_norm, loss_delta)";
            }
            if (previousType == NnLexer.STALLS) {
                return "'for'";
            }
            if (expected.contains(NnLexer.RBRACE) || expected.contains(NnLexer.STOP)) {
                return "a setting (batch = 32), a rule (stop when …) or '}'";
            }
        }
        if (context instanceof NnParser.SpecFileContext || context instanceof NnParser.TopItemContext) {
            return "'model', 'activation' or 'loss'";
        }
        if (context instanceof NnParser.PackageDeclContext || context instanceof NnParser.QualifiedNameContext) {
            if (previousType == NnLexer.PACKAGE || previousType == NnLexer.DOT) {
                return "a package name";
            }
        }
        if ((context instanceof NnParser.ActivationDefContext || context instanceof NnParser.LossDefContext)) {
            if (previousType == NnLexer.ACTIVATION) {
                return "the activation's name";
            }
            if (previousType == NnLexer.LOSS) {
                return "the loss's name";
            }
            if (previousType == NnLexer.RPAREN) {
                return "'=' and the formula";
            }
        }
        if (context instanceof NnParser.ParamsContext || context instanceof NnParser.ParamContext) {
            if (expected.contains(NnLexer.NAME) && expected.size() == 1) {
                return "a variable or parameter name";
            }
        }
        if (isExpressionStart(expected)) {
            return "an expression";
        }
        if (context instanceof NnParser.ExprContext && expected.contains(NnLexer.THEN)) {
            return "'then'";
        }
        if (context instanceof NnParser.ExprContext && expected.contains(NnLexer.ELSE)) {
            return "'else' (an 'if' needs both branches)";
        }
        return list(expected);
    }

    /** Extra advice for common slips, or null. */
    static String hint(ParserRuleContext context, Token offending, IntervalSet expected, boolean sameLine) {
        int type = offending.getType();
        boolean keyword = type >= NnLexer.PACKAGE && type <= NnLexer.NOT;
        // a keyword on the same line where a name belongs was probably meant as that name
        if (keyword && sameLine && expected.contains(NnLexer.NAME)) {
            return Quoted.of(offending.getText()) + " is a reserved word; choose another name";
        }
        if ((context instanceof NnParser.SpecFileContext || context instanceof NnParser.TopItemContext)
                && type >= NnLexer.INPUT && type <= NnLexer.STOP) {
            return "statements belong inside a 'model Name { … }' block";
        }
        if (type == NnLexer.ASSIGN && expected.contains(NnLexer.EQ)) {
            return "compare with '==', not '='";
        }
        return null;
    }

    static String describe(Token t) {
        int type = t.getType();
        if (type == Token.EOF) {
            return "the end of the file";
        }
        if (type >= NnLexer.PACKAGE && type <= NnLexer.NOT) {
            return "keyword " + Quoted.of(t.getText());
        }
        return Quoted.of(t.getText());
    }

    private static boolean isExpressionStart(IntervalSet expected) {
        return expected.contains(NnLexer.NUMBER) && expected.contains(NnLexer.NAME)
                && expected.contains(NnLexer.LPAREN) && expected.contains(NnLexer.MINUS);
    }

    private static String list(IntervalSet expected) {
        List<String> words = new ArrayList<>();
        for (int type : expected.toArray()) {
            words.add(word(type));
        }
        if (words.isEmpty()) {
            return "something else";
        }
        if (words.size() > 6) {
            return String.join(", ", words.subList(0, 5)) + " or another token";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String word(int type) {
        if (type == Token.EOF) {
            return "the end of the file";
        }
        if (type == NnLexer.NAME) {
            return "a name";
        }
        if (type == NnLexer.NUMBER) {
            return "a number";
        }
        String literal = VOCABULARY.getLiteralName(type);
        return literal != null ? literal : VOCABULARY.getDisplayName(type);
    }
}
