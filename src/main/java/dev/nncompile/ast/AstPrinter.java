package dev.nncompile.ast;

import java.util.List;

/**
 * Prints an AST back as spec text in the canonical layout (4-space indent, one statement a line). Parsing the
 * output gives the same AST again, spans aside: the round trip the parser's tests check. Parentheses the user
 * wrote are {@link Expr.Paren} nodes and print as written; for a tree built by hand, the printer adds those the
 * precedence rules need.
 *
 * <pre>{@code
 * String text = AstPrinter.print(specFile);
 * }</pre>
 */
public final class AstPrinter {
    // binding strength of each expression level, loosest first; matches the grammar's rule order
    private static final int IF = 0;
    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int COMPARE = 4;
    private static final int SUM = 5;
    private static final int PRODUCT = 6;
    private static final int UNARY = 7;
    private static final int POWER = 8;
    private static final int ATOM = 9;

    private final StringBuilder out = new StringBuilder();

    private AstPrinter() {}

    public static String print(SpecFile file) {
        AstPrinter p = new AstPrinter();
        p.file(file);
        return p.out.toString();
    }

    public static String print(Expr expr) {
        AstPrinter p = new AstPrinter();
        p.expr(expr, IF);
        return p.out.toString();
    }

    private void file(SpecFile file) {
        if (file.packageName() != null) {
            out.append("package ").append(file.packageName().dotted()).append(";\n");
        }
        for (TopItem item : file.items()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (item instanceof ModelDecl m) {
                model(m);
            } else {
                definition((Definition) item);
            }
        }
    }

    private void definition(Definition d) {
        out.append(d.kind().keyword()).append(' ').append(d.name().text()).append('(');
        names(d.variables());
        if (!d.params().isEmpty()) {
            out.append("; ");
            for (int i = 0; i < d.params().size(); i++) {
                Definition.Param p = d.params().get(i);
                out.append(i > 0 ? ", " : "").append(p.name().text());
                if (p.defaultValue() != null) {
                    out.append(" = ");
                    expr(p.defaultValue(), IF);
                }
            }
        }
        out.append(") = ");
        expr(d.body(), IF);
        out.append('\n');
    }

    private void names(List<Name> names) {
        for (int i = 0; i < names.size(); i++) {
            out.append(i > 0 ? ", " : "").append(names.get(i).text());
        }
    }

    private void model(ModelDecl m) {
        out.append("model ").append(m.name().text()).append(" {\n");
        for (Statement s : m.statements()) {
            out.append("    ");
            statement(s);
            out.append('\n');
        }
        out.append("}\n");
    }

    private void statement(Statement s) {
        if (s instanceof Statement.Input i) {
            out.append("input ").append(i.size().written());
        } else if (s instanceof Statement.Dense d) {
            out.append("dense ").append(d.size().written()).append(' ');
            fnRef(d.activation());
            if (d.init() != null) {
                out.append(" init ");
                fnRef(d.init());
            }
        } else if (s instanceof Statement.Loss l) {
            out.append("loss ");
            fnRef(l.loss());
        } else if (s instanceof Statement.Optimizer o) {
            out.append("optimizer ");
            fnRef(o.optimizer());
        } else if (s instanceof Statement.Regularize r) {
            out.append("regularize ");
            fnRef(r.regularizer());
        } else if (s instanceof Statement.Init i) {
            out.append("init ");
            fnRef(i.scheme());
            if (i.seed() != null) {
                out.append(" seed ").append(i.seed().written());
            }
        } else if (s instanceof Statement.Seed seed) {
            out.append("seed ").append(seed.seed().written());
        } else if (s instanceof Statement.Precision p) {
            out.append("precision ").append(p.precision().text());
        } else {
            train((Statement.Train) s);
        }
    }

    private void train(Statement.Train t) {
        out.append("train {");
        if (t.items().isEmpty()) {
            out.append('}');
            return;
        }
        out.append('\n');
        for (TrainItem item : t.items()) {
            out.append("        ");
            if (item instanceof TrainItem.Setting s) {
                out.append(s.key().text()).append(" = ");
                expr(s.value(), IF);
            } else if (item instanceof TrainItem.StopBelow b) {
                out.append("stop when ").append(b.metric().text()).append(' ').append(b.op().spelling()).append(' ');
                expr(b.value(), IF);
            } else {
                TrainItem.StopStalls s = (TrainItem.StopStalls) item;
                out.append("stop when ").append(s.metric().text()).append(" stalls for ").append(s.count().written());
                if (s.unit() != null) {
                    out.append(' ').append(s.unit().text());
                }
            }
            out.append('\n');
        }
        out.append("    }");
    }

    private void fnRef(FnRef ref) {
        out.append(ref.name().text());
        if (ref.parenthesized() || !ref.args().isEmpty()) {
            args(ref.args());
        }
    }

    private void args(List<Arg> args) {
        out.append('(');
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            out.append(i > 0 ? ", " : "");
            if (a.name() != null) {
                out.append(a.name().text()).append(" = ");
            }
            expr(a.value(), IF);
        }
        out.append(')');
    }

    /** Prints {@code e}, parenthesised if it binds looser than the context requires. */
    private void expr(Expr e, int required) {
        int own = level(e);
        boolean wrap = own < required;
        if (wrap) {
            out.append('(');
        }
        if (e instanceof Expr.Literal n) {
            out.append(n.text());
        } else if (e instanceof Expr.Ref r) {
            out.append(r.name());
        } else if (e instanceof Expr.Call c) {
            out.append(c.function().text());
            args(c.args());
        } else if (e instanceof Expr.Paren p) {
            out.append('(');
            expr(p.inner(), IF);
            out.append(')');
        } else if (e instanceof Expr.Neg n) {
            out.append('-');
            expr(n.operand(), UNARY);
        } else if (e instanceof Expr.Binary b) {
            binary(b);
        } else if (e instanceof Expr.Compare c) {
            expr(c.left(), SUM);
            out.append(' ').append(c.op().spelling()).append(' ');
            expr(c.right(), SUM);
        } else if (e instanceof Expr.Logic l) {
            int level = l.and() ? AND : OR;
            expr(l.left(), level);
            out.append(l.and() ? " and " : " or ");
            expr(l.right(), level + 1);
        } else if (e instanceof Expr.Not n) {
            out.append("not ");
            expr(n.operand(), NOT);
        } else if (e instanceof Expr.If i) {
            out.append("if ");
            expr(i.test(), IF);
            out.append(" then ");
            expr(i.then(), IF);
            out.append(" else ");
            expr(i.otherwise(), IF);
        } else {
            out.append('?');
        }
        if (wrap) {
            out.append(')');
        }
    }

    private void binary(Expr.Binary b) {
        switch (b.op()) {
            case ADD, SUB -> {
                expr(b.left(), SUM);
                out.append(' ').append(b.op().spelling()).append(' ');
                expr(b.right(), PRODUCT);
            }
            case MUL, DIV -> {
                expr(b.left(), PRODUCT);
                out.append(' ').append(b.op().spelling()).append(' ');
                expr(b.right(), UNARY);
            }
            case POW -> {
                // the base is an atom; the exponent may carry minus signs and is itself right-nested
                expr(b.left(), ATOM);
                out.append('^');
                expr(b.right(), UNARY);
            }
        }
    }

    private static int level(Expr e) {
        if (e instanceof Expr.If) {
            return IF;
        }
        if (e instanceof Expr.Logic l) {
            return l.and() ? AND : OR;
        }
        if (e instanceof Expr.Not) {
            return NOT;
        }
        if (e instanceof Expr.Compare) {
            return COMPARE;
        }
        if (e instanceof Expr.Binary b) {
            return switch (b.op()) {
                case ADD, SUB -> SUM;
                case MUL, DIV -> PRODUCT;
                case POW -> POWER;
            };
        }
        if (e instanceof Expr.Neg) {
            return UNARY;
        }
        return ATOM;
    }
}
