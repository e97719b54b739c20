package dev.nncompile.check;

import dev.nncompile.ast.Expr;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import dev.nncompile.sym.Fn;
import java.util.Optional;

/**
 * Evaluates the constant expressions hyper-parameters and defaults are written as: {@code 0.5}, {@code -3},
 * {@code 1e-4}, {@code 1/3}, {@code sqrt(2)}, {@code true}. Anything else is reported ({@code NN303}).
 */
final class Constants {
    private final Diagnostics diagnostics;

    Constants(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The value, or null after reporting why there is none. */
    Value evaluate(Expr e) {
        if (e instanceof Expr.Ref r && (r.name().equals("true") || r.name().equals("false"))) {
            return Value.of(r.name().equals("true"), e.span());
        }
        Double number = number(e);
        if (number == null) {
            return null;
        }
        if (!Double.isFinite(number)) {
            diagnostics.report(DiagnosticCode.NN301, e.span(), "value is not a finite number",
                    "a hyper-parameter must lie between -1.7e308 and 1.7e308");
            return null;
        }
        return Value.of(number, e.span());
    }

    private Double number(Expr e) {
        if (e instanceof Expr.Literal n) {
            return NumberText.value(n.text());
        }
        if (e instanceof Expr.Paren p) {
            return number(p.inner());
        }
        if (e instanceof Expr.Neg n) {
            Double v = number(n.operand());
            return v == null ? null : -v;
        }
        if (e instanceof Expr.Binary b) {
            Double l = number(b.left());
            Double r = number(b.right());
            if (l == null || r == null) {
                return null;
            }
            return switch (b.op()) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                case DIV -> l / r;
                case POW -> Math.pow(l, r);
            };
        }
        if (e instanceof Expr.Call c) {
            Optional<Fn> fn = Fn.bySpelling(c.function().text());
            if (fn.isPresent() && c.args().size() == fn.get().arity()) {
                double[] args = new double[c.args().size()];
                for (int i = 0; i < args.length; i++) {
                    if (c.args().get(i).name() != null) {
                        return notConstant(e);
                    }
                    Double v = number(c.args().get(i).value());
                    if (v == null) {
                        return null;
                    }
                    args[i] = v;
                }
                return fn.get().apply(args);
            }
        }
        if (e instanceof Expr.Missing) {
            return null;
        }
        return notConstant(e);
    }

    private Double notConstant(Expr e) {
        String what = e instanceof Expr.Ref r ? Quoted.of(r.name()) : "this";
        diagnostics.report(DiagnosticCode.NN303, e.span(), "expected a constant number, but " + what + " is not one",
                "write a number such as 0.01, 1e-4 or -0.5");
        return null;
    }
}
