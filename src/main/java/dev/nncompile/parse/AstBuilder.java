package dev.nncompile.parse;

import dev.nncompile.ast.Arg;
import dev.nncompile.ast.BinaryOp;
import dev.nncompile.ast.CompareOp;
import dev.nncompile.ast.Definition;
import dev.nncompile.ast.Expr;
import dev.nncompile.ast.FnRef;
import dev.nncompile.ast.ModelDecl;
import dev.nncompile.ast.Name;
import dev.nncompile.ast.PackageDecl;
import dev.nncompile.ast.SignedNumber;
import dev.nncompile.ast.SpecFile;
import dev.nncompile.ast.Statement;
import dev.nncompile.ast.TopItem;
import dev.nncompile.ast.TrainItem;
import dev.nncompile.parse.antlr.NnLexer;
import dev.nncompile.parse.antlr.NnParser;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.SourceSpan;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parse tree → AST. Tolerant of error recovery: a child ANTLR could not read is null or a conjured
 * {@code <missing …>} token; an incomplete statement or definition is dropped (its syntax error is already
 * reported) and an unreadable expression becomes {@link Expr.Missing}. Sums, products and power towers are built
 * by loops, and a formula deeper than {@link Limits#MAX_DEPTH} is reported ({@code NN011}) instead of built.
 */
final class AstBuilder {
    private final Diagnostics diagnostics;
    private final int textLength;
    private final Map<Expr, Integer> depths = new IdentityHashMap<>();

    AstBuilder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.textLength = diagnostics.file().text().length();
    }

    SpecFile file(NnParser.SpecFileContext c) {
        PackageDecl pkg = null;
        if (c.packageDecl() != null && c.packageDecl().qualifiedName() != null) {
            List<Name> parts = new ArrayList<>();
            for (TerminalNode n : c.packageDecl().qualifiedName().NAME()) {
                if (present(n)) {
                    parts.add(name(n));
                }
            }
            if (!parts.isEmpty()) {
                pkg = new PackageDecl(parts, span(c.packageDecl()));
            }
        }
        List<TopItem> items = new ArrayList<>();
        for (NnParser.TopItemContext item : c.topItem()) {
            TopItem built = null;
            if (item.modelDecl() != null) {
                built = model(item.modelDecl());
            } else if (item.activationDef() != null) {
                NnParser.ActivationDefContext a = item.activationDef();
                built = definition(Definition.Kind.ACTIVATION, a.NAME(), a.params(), a.expr(), a);
            } else if (item.lossDef() != null) {
                NnParser.LossDefContext l = item.lossDef();
                built = definition(Definition.Kind.LOSS, l.NAME(), l.params(), l.expr(), l);
            }
            if (built != null) {
                items.add(built);
            }
        }
        return new SpecFile(pkg, items, new SourceSpan(0, textLength));
    }

    // ---- models ------------------------------------------------------------------------------------------------

    private ModelDecl model(NnParser.ModelDeclContext c) {
        if (c.modelName() == null || !present(c.modelName().getStart())) {
            return null;
        }
        List<Statement> statements = new ArrayList<>();
        for (NnParser.StatementContext s : c.statement()) {
            Statement built = statement(s);
            if (built != null) {
                statements.add(built);
            }
        }
        return new ModelDecl(name(c.modelName().getStart()), statements, span(c));
    }

    private Statement statement(NnParser.StatementContext c) {
        SourceSpan span = span(c);
        if (c instanceof NnParser.InputStmtContext s) {
            SignedNumber size = signedNumber(s.size);
            return size == null ? null : new Statement.Input(size, span);
        }
        if (c instanceof NnParser.DenseStmtContext s) {
            SignedNumber size = signedNumber(s.size);
            FnRef activation = fnRef(s.act);
            FnRef init = s.INIT() == null ? null : fnRef(s.init);
            if (size == null || activation == null || s.INIT() != null && init == null) {
                return null;
            }
            return new Statement.Dense(size, activation, init, span);
        }
        if (c instanceof NnParser.LossStmtContext s) {
            FnRef ref = fnRef(s.fnRef());
            return ref == null ? null : new Statement.Loss(ref, span);
        }
        if (c instanceof NnParser.OptimizerStmtContext s) {
            FnRef ref = fnRef(s.fnRef());
            return ref == null ? null : new Statement.Optimizer(ref, span);
        }
        if (c instanceof NnParser.RegularizeStmtContext s) {
            FnRef ref = fnRef(s.fnRef());
            return ref == null ? null : new Statement.Regularize(ref, span);
        }
        if (c instanceof NnParser.InitStmtContext s) {
            FnRef ref = fnRef(s.fnRef());
            SignedNumber seed = s.SEED() == null ? null : signedNumber(s.seed);
            if (ref == null || s.SEED() != null && seed == null) {
                return null;
            }
            return new Statement.Init(ref, seed, span);
        }
        if (c instanceof NnParser.SeedStmtContext s) {
            SignedNumber seed = signedNumber(s.seed);
            return seed == null ? null : new Statement.Seed(seed, span);
        }
        if (c instanceof NnParser.PrecisionStmtContext s) {
            return present(s.NAME()) ? new Statement.Precision(name(s.NAME()), span) : null;
        }
        if (c instanceof NnParser.TrainStmtContext s) {
            List<TrainItem> items = new ArrayList<>();
            for (NnParser.TrainItemContext item : s.trainItem()) {
                TrainItem built = trainItem(item);
                if (built != null) {
                    items.add(built);
                }
            }
            return new Statement.Train(items, span);
        }
        return null;
    }

    private TrainItem trainItem(NnParser.TrainItemContext c) {
        SourceSpan span = span(c);
        if (c instanceof NnParser.TrainSettingContext s) {
            if (!present(s.NAME()) || s.expr() == null) {
                return null;
            }
            return new TrainItem.Setting(name(s.NAME()), formula(s.expr()), span);
        }
        if (c instanceof NnParser.StopBelowContext s) {
            CompareOp op = s.compOp() == null ? null : compareOp(s.compOp());
            if (!present(s.metric) || op == null || s.expr() == null) {
                return null;
            }
            return new TrainItem.StopBelow(name(s.metric), op, formula(s.expr()), span);
        }
        if (c instanceof NnParser.StopStallsContext s) {
            SignedNumber count = signedNumber(s.count);
            if (!present(s.metric) || count == null) {
                return null;
            }
            Name unit = present(s.unit) ? name(s.unit) : null;
            return new TrainItem.StopStalls(name(s.metric), count, unit, span);
        }
        return null;
    }

    private FnRef fnRef(NnParser.FnRefContext c) {
        if (c == null || !present(c.NAME())) {
            return null;
        }
        List<Arg> args = args(c.arg());
        if (args == null) {
            return null;
        }
        return new FnRef(name(c.NAME()), args, c.LPAREN() != null, span(c));
    }

    private List<Arg> args(List<NnParser.ArgContext> contexts) {
        List<Arg> args = new ArrayList<>();
        for (NnParser.ArgContext a : contexts) {
            if (a.expr() == null || a.ASSIGN() != null && !present(a.NAME())) {
                return null;
            }
            Name argName = a.ASSIGN() != null ? name(a.NAME()) : null;
            args.add(new Arg(argName, formula(a.expr()), span(a)));
        }
        return args;
    }

    private SignedNumber signedNumber(NnParser.SignedNumberContext c) {
        if (c == null || !present(c.NUMBER())) {
            return null;
        }
        return new SignedNumber(c.MINUS() != null, c.NUMBER().getText(), span(c));
    }

    // ---- definitions -------------------------------------------------------------------------------------------

    private Definition definition(Definition.Kind kind, TerminalNode nameNode, NnParser.ParamsContext params,
                                  NnParser.ExprContext body, ParserRuleContext c) {
        if (!present(nameNode) || params == null || body == null) {
            return null;
        }
        List<Name> variables = new ArrayList<>();
        for (TerminalNode n : params.NAME()) {
            if (!present(n)) {
                return null;
            }
            variables.add(name(n));
        }
        List<Definition.Param> ps = new ArrayList<>();
        for (NnParser.ParamContext p : params.param()) {
            if (!present(p.NAME()) || p.ASSIGN() != null && p.expr() == null) {
                return null;
            }
            Expr defaultValue = p.expr() == null ? null : formula(p.expr());
            ps.add(new Definition.Param(name(p.NAME()), defaultValue, span(p)));
        }
        return new Definition(kind, name(nameNode), variables, ps, formula(body), span(c));
    }

    // ---- expressions -------------------------------------------------------------------------------------------

    /** Signals a formula deeper than {@link Limits#MAX_DEPTH}; caught where the formula starts. */
    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SourceSpan span;

        TooDeep(SourceSpan span) {
            super(null, null, false, false);
            this.span = span;
        }
    }

    /** A whole formula: a default value, an argument, a setting's value or a definition's body. */
    private Expr formula(NnParser.ExprContext c) {
        try {
            return expr(c);
        } catch (TooDeep e) {
            diagnostics.report(DiagnosticCode.NN011, e.span,
                    "formula too long: more than " + Limits.MAX_DEPTH + " operators deep",
                    "split it into several activations that call each other");
            return new Expr.Missing(span(c));
        }
    }

    private Expr expr(NnParser.ExprContext c) {
        if (c == null || c.exception != null && c.getChildCount() == 0) {
            return missing(c);
        }
        if (c instanceof NnParser.IfExprContext i) {
            Expr test = expr(i.expr(0));
            Expr then = expr(i.expr(1));
            Expr otherwise = expr(i.expr(2));
            return node(new Expr.If(test, then, otherwise, span(c)), test, then, otherwise);
        }
        NnParser.OrExprContext or = ((NnParser.PlainExprContext) c).orExpr();
        if (or == null) {
            return missing(c);
        }
        Expr result = null;
        for (NnParser.AndExprContext a : or.andExpr()) {
            Expr right = and(a);
            result = result == null ? right : node(new Expr.Logic(false, result, right, join(result, right)),
                    result, right);
        }
        return result == null ? missing(c) : result;
    }

    private Expr and(NnParser.AndExprContext c) {
        Expr result = null;
        for (NnParser.NotExprContext n : c.notExpr()) {
            Expr right = not(n);
            result = result == null ? right : node(new Expr.Logic(true, result, right, join(result, right)),
                    result, right);
        }
        return result == null ? missing(c) : result;
    }

    private Expr not(NnParser.NotExprContext c) {
        Expr result = comparison(c.comparison());
        List<TerminalNode> nots = c.NOT();
        for (int i = nots.size() - 1; i >= 0; i--) {
            int start = nots.get(i).getSymbol().getStartIndex();
            result = node(new Expr.Not(result, span(start, result.span().end())), result);
        }
        return result;
    }

    private Expr comparison(NnParser.ComparisonContext c) {
        if (c == null || c.sum().isEmpty()) {
            return missing(c);
        }
        Expr left = sum(c.sum(0));
        if (c.compOp() == null) {
            return left;
        }
        Expr right = c.sum().size() > 1 ? sum(c.sum(1)) : missing(c.compOp());
        CompareOp op = compareOp(c.compOp());
        if (op == null) {
            return missing(c);
        }
        return node(new Expr.Compare(op, left, right, join(left, right)), left, right);
    }

    private Expr sum(NnParser.SumContext c) {
        Expr result = null;
        int k = 0;
        for (NnParser.ProductContext p : c.product()) {
            Expr right = product(p);
            if (result == null) {
                result = right;
                continue;
            }
            NnParser.SumOpContext op = k < c.sumOp().size() ? c.sumOp(k) : null;
            k++;
            BinaryOp binary = op != null && op.MINUS() != null ? BinaryOp.SUB : BinaryOp.ADD;
            result = node(new Expr.Binary(binary, result, right, join(result, right)), result, right);
        }
        return result == null ? missing(c) : result;
    }

    private Expr product(NnParser.ProductContext c) {
        Expr result = null;
        int k = 0;
        for (NnParser.UnaryContext u : c.unary()) {
            Expr right = unary(u);
            if (result == null) {
                result = right;
                continue;
            }
            NnParser.ProductOpContext op = k < c.productOp().size() ? c.productOp(k) : null;
            k++;
            BinaryOp binary = op != null && op.SLASH() != null ? BinaryOp.DIV : BinaryOp.MUL;
            result = node(new Expr.Binary(binary, result, right, join(result, right)), result, right);
        }
        return result == null ? missing(c) : result;
    }

    private Expr unary(NnParser.UnaryContext c) {
        Expr result = c.power() == null ? missing(c) : power(c.power());
        List<TerminalNode> minuses = c.MINUS();
        for (int i = minuses.size() - 1; i >= 0; i--) {
            result = negate(minuses.get(i).getSymbol(), result);
        }
        return result;
    }

    /** atom (^ -* atom)*: right-associative, each run of minus signs applying to the tower on its right. */
    private Expr power(NnParser.PowerContext c) {
        List<Expr> atoms = new ArrayList<>();
        List<List<Token>> minuses = new ArrayList<>();
        List<Token> pending = new ArrayList<>();
        for (ParseTree child : c.children == null ? List.<ParseTree>of() : c.children) {
            if (child instanceof NnParser.AtomContext a) {
                atoms.add(atom(a));
                minuses.add(pending);
                pending = new ArrayList<>();
            } else if (child instanceof TerminalNode t && t.getSymbol().getType() == NnLexer.MINUS) {
                pending.add(t.getSymbol());
            }
        }
        if (atoms.isEmpty()) {
            return missing(c);
        }
        Expr result = atoms.get(atoms.size() - 1);
        for (int i = atoms.size() - 1; i >= 1; i--) {
            List<Token> signs = minuses.get(i);
            for (int k = signs.size() - 1; k >= 0; k--) {
                result = negate(signs.get(k), result);
            }
            Expr base = atoms.get(i - 1);
            result = node(new Expr.Binary(BinaryOp.POW, base, result, join(base, result)), base, result);
        }
        return result;
    }

    private Expr atom(NnParser.AtomContext c) {
        if (c instanceof NnParser.NumberAtomContext n && present(n.NUMBER())) {
            return node(new Expr.Literal(n.NUMBER().getText(), span(c)));
        }
        if (c instanceof NnParser.CallAtomContext call && present(call.NAME())) {
            List<Arg> args = new ArrayList<>();
            List<Expr> children = new ArrayList<>();
            for (NnParser.ArgContext a : call.arg()) {
                Expr value = expr(a.expr());
                children.add(value);
                Name argName = a.ASSIGN() != null && present(a.NAME()) ? name(a.NAME()) : null;
                args.add(new Arg(argName, value, span(a)));
            }
            return node(new Expr.Call(name(call.NAME()), args, span(c)), children.toArray(new Expr[0]));
        }
        if (c instanceof NnParser.NameAtomContext n && present(n.NAME())) {
            return node(new Expr.Ref(n.NAME().getText(), span(c)));
        }
        if (c instanceof NnParser.ParenAtomContext p) {
            Expr inner = expr(p.expr());
            return node(new Expr.Paren(inner, span(c)), inner);
        }
        return missing(c);
    }

    private Expr negate(Token minus, Expr operand) {
        return node(new Expr.Neg(operand, span(minus.getStartIndex(), operand.span().end())), operand);
    }

    private Expr node(Expr e, Expr... children) {
        int depth = 0;
        for (Expr child : children) {
            depth = Math.max(depth, depths.getOrDefault(child, 0));
        }
        depth++;
        if (depth > Limits.MAX_DEPTH) {
            throw new TooDeep(e.span());
        }
        depths.put(e, depth);
        return e;
    }

    private Expr missing(ParserRuleContext c) {
        return new Expr.Missing(c == null ? new SourceSpan(textLength, textLength) : span(c));
    }

    private static CompareOp compareOp(NnParser.CompOpContext c) {
        if (c.getStart() == null) {
            return null;
        }
        return switch (c.getStart().getType()) {
            case NnLexer.LT -> CompareOp.LT;
            case NnLexer.LE -> CompareOp.LE;
            case NnLexer.GT -> CompareOp.GT;
            case NnLexer.GE -> CompareOp.GE;
            case NnLexer.EQ -> CompareOp.EQ;
            case NnLexer.NE -> CompareOp.NE;
            default -> null;
        };
    }

    // ---- tokens and spans --------------------------------------------------------------------------------------

    /** A real token: not absent, not conjured by recovery ({@code <missing NAME>}, index −1). */
    private static boolean present(TerminalNode n) {
        return n != null && present(n.getSymbol());
    }

    private static boolean present(Token t) {
        return t != null && t.getTokenIndex() >= 0 && t.getStartIndex() >= 0 && t.getType() != Token.EOF;
    }

    private Name name(TerminalNode n) {
        return name(n.getSymbol());
    }

    private Name name(Token t) {
        return new Name(t.getText(), span(t.getStartIndex(), t.getStopIndex() + 1));
    }

    private static SourceSpan join(Expr a, Expr b) {
        return a.span().union(b.span());
    }

    private SourceSpan span(ParserRuleContext c) {
        Token start = c.getStart();
        Token stop = c.getStop();
        if (start == null || start.getStartIndex() < 0) {
            return span(textLength, textLength);
        }
        int from = start.getType() == Token.EOF ? textLength : start.getStartIndex();
        int to = from;
        if (stop != null && stop.getType() != Token.EOF && stop.getStopIndex() >= 0
                && stop.getTokenIndex() >= start.getTokenIndex()) {
            to = stop.getStopIndex() + 1;
        }
        return span(from, to);
    }

    private SourceSpan span(int from, int to) {
        int a = Math.max(0, Math.min(from, textLength));
        int b = Math.max(a, Math.min(to, textLength));
        return new SourceSpan(a, b);
    }
}
