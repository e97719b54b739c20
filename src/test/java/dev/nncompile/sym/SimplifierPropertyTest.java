package dev.nncompile.sym;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.sym.Test.Rel;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Property: {@link Simplifier#simplify} never changes the value. Random expression trees over the whole algebra
 * (depth ≤ 5, every node kind and every {@link Fn}, conditions with and/or/not, plus "bait" shapes that the rules
 * match) are evaluated at random points; wherever the original is defined (every subexpression it evaluates is
 * finite: rules such as sqrt(x)² = x may extend the domain, never change a value) the simplified value must agree.
 *
 * <p>"Agree" means |a − b| ≤ 1e-9·max(1, |a|, |b|) + 16·(Ea + Eb), where Ea and Eb are first-order running error
 * bounds of the two double evaluations: a rewrite that changes rounding (σ(−x) to 1 − σ(x), expanding a product,
 * log(1 − σ(x)) to −softplus(x)) may differ by what cancellation in either form can explain, and no more. Points
 * where a comparison of either tree is a near-tie are skipped: rounding may legitimately flip the branch there.
 */
class SimplifierPropertyTest {
    private static final int TREES = 3000;
    private static final int POINTS_PER_TREE = 8;
    private static final List<String> VARIABLES = List.of("x", "y");

    @org.junit.jupiter.api.Test
    void simplifyPreservesValues() {
        Random random = new Random(20240611L);
        int compared = 0;
        int changed = 0;
        for (int tree = 0; tree < TREES; tree++) {
            Expr original = generate(random, 5);
            Expr simplified = Simplifier.simplify(original);
            if (!simplified.equals(original)) {
                changed++;
            }
            for (int k = 0; k < POINTS_PER_TREE; k++) {
                Map<String, Double> point = Map.of("x", sample(random), "y", sample(random));
                Measure a = new Measure(point);
                double before = a.value(original);
                if (a.undefined || a.nearTie) {
                    continue;
                }
                Measure b = new Measure(point);
                double after = b.value(simplified);
                if (b.nearTie) {
                    continue;
                }
                // 1e-9 relative, widened by the rounding error either evaluation can carry (running error bounds)
                double tolerance = 1e-9 * Math.max(1.0, Math.max(Math.abs(before), Math.abs(after)))
                        + 16 * (a.error() + b.error());
                String message = "at " + point + "\n  original   " + original + " = " + before + "\n  simplified "
                        + simplified + " = " + after;
                assertTrue(Double.isFinite(after) && Math.abs(after - before) <= tolerance, message);
                compared++;
            }
        }
        // the property must have been exercised: many comparisons, and the rules really fired
        assertTrue(compared > TREES * POINTS_PER_TREE / 4, "only " + compared + " finite comparisons");
        assertTrue(changed > TREES / 10, "simplify changed only " + changed + " trees");
    }

    private static double sample(Random random) {
        // mostly moderate values, sometimes exact small integers and 0 (kinks, ties)
        int kind = random.nextInt(10);
        if (kind == 0) {
            return random.nextInt(5) - 2;
        }
        return (random.nextDouble() * 2 - 1) * (kind < 8 ? 3 : 20);
    }

    static Expr generate(Random random, int depth) {
        if (depth <= 1 || random.nextInt(6) == 0) {
            return leaf(random);
        }
        Expr a = generate(random, depth - 1);
        Expr b = generate(random, depth - 1);
        switch (random.nextInt(16)) {
            case 0:
                return Exprs.add(a, b);
            case 1:
                return Exprs.sub(a, b);
            case 2:
                return Exprs.mul(a, b);
            case 3:
                return Exprs.div(a, b);
            case 4:
                return Exprs.pow(a, constant(random, new double[] {2, 3, -1, -2, 0.5, -0.5, 1.5}));
            case 5:
                return Exprs.pow(a, b);
            case 6:
            case 7: {
                Fn fn = Fn.values()[random.nextInt(Fn.values().length)];
                return fn.arity() == 1 ? Exprs.call(fn, a) : Exprs.call(fn, a, b);
            }
            case 8:
                return Exprs.cond(test(random, depth - 1), a, b);
            case 9:
                return Exprs.neg(a);
            case 10:
                return Exprs.mul(Exprs.add(a, Exprs.ONE), Exprs.sub(b, a));
            default:
                return bait(random, a, b);
        }
    }

    /** Shapes the simplifier's rules look for, so that they fire often. */
    private static Expr bait(Random random, Expr a, Expr b) {
        switch (random.nextInt(13)) {
            case 0:
                return Exprs.log(Exprs.sigmoid(a));
            case 1:
                return Exprs.log(Exprs.sub(Exprs.ONE, Exprs.sigmoid(a)));
            case 2:
                return Exprs.log(Exprs.exp(a));
            case 3:
                return Exprs.call(pick(random, Fn.SIGMOID, Fn.SOFTPLUS, Fn.TANH, Fn.ABS, Fn.COS, Fn.SIN, Fn.ERF,
                        Fn.SIGN), Exprs.neg(a));
            case 4:
                return Exprs.mul(Exprs.exp(a), Exprs.exp(b));
            case 5:
                return Exprs.mul(a, Exprs.sign(a));
            case 6:
                return Exprs.sqrt(Exprs.pow(a, 2));
            case 7:
                return Exprs.pow(Exprs.sqrt(a), 2);
            case 8: {
                Test t = test(random, 2);
                return Exprs.add(Exprs.cond(t, a, Exprs.ZERO), Exprs.cond(t, Exprs.ONE, b));
            }
            case 9:
                return Exprs.mul(b, Exprs.cond(test(random, 2), Exprs.ONE, Exprs.ZERO));
            case 10:
                return Derivative.raw(a, "x");
            case 11:
                // gelu's shape: a square root of a constant stays symbolic and squares exactly
                return Exprs.pow(Exprs.div(a, Exprs.sqrt(constant(random, new double[] {2, 3, 0.5}))), 2);
            default:
                return Exprs.pow(Exprs.abs(a), 2);
        }
    }

    private static Fn pick(Random random, Fn... fns) {
        return fns[random.nextInt(fns.length)];
    }

    private static Test test(Random random, int depth) {
        switch (random.nextInt(5)) {
            case 0:
                return Exprs.and(compare(random, depth), compare(random, depth));
            case 1:
                return Exprs.or(compare(random, depth), compare(random, depth));
            case 2:
                return Exprs.not(compare(random, depth));
            default:
                return compare(random, depth);
        }
    }

    private static Test compare(Random random, int depth) {
        Rel rel = Rel.values()[random.nextInt(Rel.values().length)];
        return Exprs.compare(rel, generate(random, Math.min(depth, 3)), leaf(random));
    }

    private static Expr leaf(Random random) {
        if (random.nextBoolean()) {
            return Exprs.var(VARIABLES.get(random.nextInt(VARIABLES.size())));
        }
        return constant(random, new double[] {-2, -1, -0.5, 0, 0.5, 1, 2, 3, 0.25});
    }

    private static Expr constant(Random random, double[] choices) {
        return Exprs.constant(choices[random.nextInt(choices.length)]);
    }

    /**
     * Evaluation with a first-order running error bound (each operation rounds by at most a few ulps and passes
     * on its inputs' errors times its partial derivatives), plus near-tie detection for comparisons.
     */
    private static final class Measure {
        private static final double EPS = Math.ulp(1.0);
        private final Map<String, Double> point;
        /** Error bound of the last value computed. */
        private double error;
        boolean nearTie;
        /** Some evaluated subexpression was NaN or infinite: the input is not defined at this point. */
        boolean undefined;

        Measure(Map<String, Double> point) {
            this.point = point;
        }

        double error() {
            return error;
        }

        double value(Expr e) {
            double v = compute(e);
            if (!Double.isFinite(v) || !Double.isFinite(error)) {
                undefined = true;
            }
            return v;
        }

        private double compute(Expr e) {
            if (e instanceof Const c) {
                error = 0;
                return c.value();
            }
            if (e instanceof Var v) {
                error = 0;
                return point.get(v.name());
            }
            if (e instanceof Add a) {
                double s = 0;
                double err = 0;
                double magnitude = 0;
                for (Expr t : a.terms()) {
                    double v = value(t);
                    err += error;
                    s += v;
                    magnitude += Math.abs(s) + Math.abs(v);
                }
                error = err + EPS * magnitude;
                return s;
            }
            if (e instanceof Mul m) {
                int n = m.factors().size();
                double[] values = new double[n];
                double[] errors = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = value(m.factors().get(i));
                    errors[i] = error;
                }
                double p = 1;
                for (double v : values) {
                    p *= v;
                }
                double err = n * EPS * Math.abs(p);
                for (int i = 0; i < n; i++) {
                    double others = 1;
                    for (int j = 0; j < n; j++) {
                        others *= j == i ? 1 : values[j];
                    }
                    err += errors[i] * Math.abs(others);
                }
                error = err;
                return p;
            }
            if (e instanceof Pow p) {
                double u = value(p.base());
                double eu = error;
                double x = value(p.exponent());
                double ex = error;
                double v = Evaluator.power(u, x);
                double err = 4 * EPS * Math.abs(v) + eu * Math.abs(x * Evaluator.power(u, x - 1));
                if (ex != 0) {
                    // |∂v/∂x| = |v·ln u|; for a negative base (defined at integer exponents only) the magnitude's
                    // |v·ln |u||, since ln u is NaN there and would make every tolerance NaN
                    err += ex * Math.abs(v * Math.log(Math.abs(u)));
                }
                error = err;
                return v;
            }
            if (e instanceof Call c) {
                int n = c.args().size();
                double[] args = new double[n];
                double[] errors = new double[n];
                List<Expr> constants = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    args[i] = value(c.args().get(i));
                    errors[i] = error;
                    constants.add(Exprs.constant(args[i]));
                }
                if (c.fn() == Fn.MIN || c.fn() == Fn.MAX) {
                    tie(args[0], args[1]);
                }
                if (c.fn() == Fn.SIGN || c.fn() == Fn.ABS) {
                    tie(args[0], 0);
                }
                double v = c.fn().apply(args);
                List<Expr> partials = Derivative.partials(c.fn(), constants);
                double err = 4 * EPS * Math.abs(v);
                for (int i = 0; i < n; i++) {
                    if (errors[i] != 0) {
                        err += errors[i] * Math.abs(Evaluator.evaluate(partials.get(i), Map.of()));
                    }
                }
                error = err;
                return v;
            }
            Cond c = (Cond) e;
            return holds(c.test()) ? value(c.then()) : value(c.otherwise());
        }

        private boolean holds(Test t) {
            if (t instanceof Test.Compare c) {
                double l = value(c.left());
                double r = value(c.right());
                tie(l, r);
                return c.rel().holds(l, r);
            }
            if (t instanceof Test.And a) {
                return holds(a.left()) && holds(a.right());
            }
            if (t instanceof Test.Or o) {
                return holds(o.left()) || holds(o.right());
            }
            return !holds(((Test.Not) t).test());
        }

        private void tie(double l, double r) {
            double gap = Math.abs(l - r);
            // exact ties of exact values are fine (both trees see the same numbers); near-ties are not
            if (gap != 0 && gap <= 1e-6 * Math.max(1, Math.max(Math.abs(l), Math.abs(r)))) {
                nearTie = true;
            }
            if (gap == 0 && !(l == Math.rint(l))) {
                nearTie = true;
            }
        }
    }
}
