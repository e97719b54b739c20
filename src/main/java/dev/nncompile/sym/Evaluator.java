package dev.nncompile.sym;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Double-precision evaluation of an {@link Expr}, through {@link Fn#apply} (the same stable algorithms the
 * generated classes carry). Only the branch an {@code if} picks is evaluated; {@code and}/{@code or}
 * short-circuit like Java's {@code &&}/{@code ||}.
 *
 * <pre>{@code
 * double v = Evaluator.evaluate(Exprs.sigmoid(Exprs.var("z")), Map.of("z", 0.0));   // 0.5
 * }</pre>
 */
public final class Evaluator {
    private Evaluator() {}

    /** The value of {@code e}; an unbound variable is a bug of the caller (IllegalArgumentException naming it). */
    public static double evaluate(Expr e, Map<String, Double> values) {
        return evaluate(e, name -> {
            Double v = values.get(name);
            if (v == null) {
                throw unknown(name);
            }
            return v;
        });
    }

    /** The value of {@code e}, asking {@code values} for each variable (it may throw for unknown names). */
    public static double evaluate(Expr e, ToDoubleFunction<String> values) {
        if (e instanceof Const c) {
            return c.value();
        }
        if (e instanceof Var v) {
            return values.applyAsDouble(v.name());
        }
        if (e instanceof Add a) {
            double sum = 0.0;
            for (Expr t : a.terms()) {
                sum += evaluate(t, values);
            }
            return sum;
        }
        if (e instanceof Mul m) {
            double product = 1.0;
            for (Expr f : m.factors()) {
                product *= evaluate(f, values);
            }
            return product;
        }
        if (e instanceof Pow p) {
            return power(evaluate(p.base(), values), evaluate(p.exponent(), values));
        }
        if (e instanceof Call c) {
            double[] args = new double[c.args().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = evaluate(c.args().get(i), values);
            }
            return c.fn().apply(args);
        }
        Cond c = (Cond) e;
        return holds(c.test(), values) ? evaluate(c.then(), values) : evaluate(c.otherwise(), values);
    }

    /** Whether {@code t} holds for the given variable values. */
    public static boolean holds(Test t, ToDoubleFunction<String> values) {
        if (t instanceof Test.Compare c) {
            return c.rel().holds(evaluate(c.left(), values), evaluate(c.right(), values));
        }
        if (t instanceof Test.And a) {
            return holds(a.left(), values) && holds(a.right(), values);
        }
        if (t instanceof Test.Or o) {
            return holds(o.left(), values) || holds(o.right(), values);
        }
        return !holds(((Test.Not) t).test(), values);
    }

    /**
     * x^y computed the way {@link JavaPrinter} renders it for the generated classes (x² and x³ as products, a
     * negative power as a division, x^½ as a square root, Math.pow otherwise), so that a trace agrees with them.
     */
    static double power(double x, double y) {
        if (y == 2.0) {
            return x * x;
        }
        if (y == 3.0) {
            return x * x * x;
        }
        if (y == 0.5) {
            return Math.sqrt(x);
        }
        if (y < 0) {
            return 1.0 / power(x, -y);
        }
        return Math.pow(x, y);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown variable '" + name + "'");
    }
}
