package dev.nncompile.check;

import dev.nncompile.ast.Arg;
import dev.nncompile.ast.Definition;
import dev.nncompile.ast.Expr;
import dev.nncompile.ast.FnRef;
import dev.nncompile.ast.ModelDecl;
import dev.nncompile.ast.SpecFile;
import dev.nncompile.ast.Statement;
import dev.nncompile.ast.TopItem;
import dev.nncompile.model.Precision;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns ({@code NN909}) about number literals that change meaning in float code (issue 8 §2): a literal is exact in
 * the double the checker reads it as, but a model computing in {@code float} prints it as a float literal, where
 * {@code 1e39} becomes infinity, {@code 1e-46} becomes 0 and {@code 1e-40} becomes a subnormal with fewer than
 * float's 24 significant bits (IEEE 754 binary32). A literal that is merely rounded (like {@code 0.1}) is not
 * reported: every float literal is.
 *
 * <p>Which literals: the arguments of a model's activations, init scheme, loss, optimizer and regularizers, which
 * reach that model's float code; and every literal of the file's activation and loss definitions when any model in
 * the file computes in float. The {@code train} block is left alone: its thresholds and fractions are compared in
 * double in every precision.
 *
 * <pre>{@code
 * new FloatLiterals(diagnostics).check(ast, null);              // each model's own precision
 * new FloatLiterals(diagnostics).check(ast, Precision.DOUBLE);  // --precision double: nothing to warn about
 * }</pre>
 */
final class FloatLiterals {
    private final Diagnostics diagnostics;

    FloatLiterals(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** @param override the precision every model is compiled in instead of its own, or null */
    void check(SpecFile ast, Precision override) {
        boolean anyFloat = false;
        List<Definition> definitions = new ArrayList<>();
        for (TopItem item : ast.items()) {
            if (item instanceof Definition d) {
                definitions.add(d);
            } else if (item instanceof ModelDecl m && precision(m, override) == Precision.FLOAT) {
                anyFloat = true;
                for (Statement s : m.statements()) {
                    statement(s);
                }
            }
        }
        if (anyFloat) {
            for (Definition d : definitions) {
                for (Definition.Param p : d.params()) {
                    expr(p.defaultValue());
                }
                expr(d.body());
            }
        }
    }

    /** The model's precision as compiled; an unknown precision ({@code NN114}) counts as the default, float. */
    private static Precision precision(ModelDecl model, Precision override) {
        if (override != null) {
            return override;
        }
        for (Statement s : model.statements()) {
            if (s instanceof Statement.Precision p && p.precision().text().equals(Precision.DOUBLE.javaType())) {
                return Precision.DOUBLE;
            }
        }
        return Precision.FLOAT;
    }

    private void statement(Statement s) {
        if (s instanceof Statement.Dense d) {
            fnRef(d.activation());
            fnRef(d.init());
        } else if (s instanceof Statement.Loss l) {
            fnRef(l.loss());
        } else if (s instanceof Statement.Optimizer o) {
            fnRef(o.optimizer());
        } else if (s instanceof Statement.Regularize r) {
            fnRef(r.regularizer());
        } else if (s instanceof Statement.Init i) {
            fnRef(i.scheme());
        }
        // input, seed, precision: whole numbers or names; train: compared in double
    }

    private void fnRef(FnRef ref) {
        if (ref == null) {
            return;
        }
        for (Arg a : ref.args()) {
            expr(a.value());
        }
    }

    /**
     * Every literal below {@code e}; formulas are at most {@code parse.Limits.MAX_DEPTH} deep, so recursion is safe.
     */
    private void expr(Expr e) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Literal n) {
            literal(n);
        } else if (e instanceof Expr.Call c) {
            for (Arg a : c.args()) {
                expr(a.value());
            }
        } else if (e instanceof Expr.Paren p) {
            expr(p.inner());
        } else if (e instanceof Expr.Neg n) {
            expr(n.operand());
        } else if (e instanceof Expr.Binary b) {
            expr(b.left());
            expr(b.right());
        } else if (e instanceof Expr.Compare c) {
            expr(c.left());
            expr(c.right());
        } else if (e instanceof Expr.Logic l) {
            expr(l.left());
            expr(l.right());
        } else if (e instanceof Expr.Not n) {
            expr(n.operand());
        } else if (e instanceof Expr.If i) {
            expr(i.test());
            expr(i.then());
            expr(i.otherwise());
        }
        // Ref, Missing: no number
    }

    private void literal(Expr.Literal n) {
        double value = NumberText.value(n.text());
        if (value == 0 || !Double.isFinite(value)) {
            return; // 0 is exact; a number beyond double is already an error (NN301)
        }
        float f = (float) value;
        String hint = "float holds magnitudes from " + Float.MIN_NORMAL + " to " + Float.MAX_VALUE
                + " at full precision; write a number in that range, or compute in double ('precision double')";
        if (Float.isInfinite(f)) {
            diagnostics.report(DiagnosticCode.NN909, n.span(), "number " + Quoted.of(n.text())
                    + " is too large for float: the generated float code computes with infinity", hint);
        } else if (f == 0) {
            diagnostics.report(DiagnosticCode.NN909, n.span(), "number " + Quoted.of(n.text())
                    + " is too small for float: the generated float code computes with 0", hint);
        } else if (Math.abs(f) < Float.MIN_NORMAL) {
            diagnostics.report(DiagnosticCode.NN909, n.span(), "number " + Quoted.of(n.text())
                    + " is subnormal in float: the generated float code computes with " + (double) f
                    + ", with less than float's 24 bits of precision", hint);
        }
    }
}
