package dev.nncompile.sym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One structural replacement of a pattern by an expression: the engine behind {@link Rewriter#replace}. Products
 * and sums are matched as multisets (sub-multiset of factors / terms, up to a constant scale), because the smart
 * constructors flatten {@code 2·(z·σ(z))·(1 − σ(z))} into one product whose factors no longer group the pattern.
 */
final class Replacement {
    private final Expr pattern;
    private final Expr replacement;

    Replacement(Expr pattern, Expr replacement) {
        this.pattern = pattern;
        this.replacement = replacement;
    }

    Expr apply(Expr e) {
        if (e.equals(pattern)) {
            return replacement;
        }
        if (pattern instanceof Mul p && e instanceof Mul m) {
            Expr r = inProduct(m, p);
            if (r != null) {
                return r;
            }
        }
        if (pattern instanceof Add p && e instanceof Add a) {
            Expr r = inSum(a, p);
            if (r != null) {
                return r;
            }
        }
        return Rewriter.rebuildChildren(e, this::apply);
    }

    /**
     * e = d·Π bᵢ^jᵢ, pattern = c·Π bᵢ^kᵢ: the pattern fits n = minᵢ ⌊jᵢ/kᵢ⌋ times (for integer exponents; other
     * exponents must be equal, n = 1), leaving (d/cⁿ)·Π bᵢ^(jᵢ − n·kᵢ)·replacementⁿ. Null when it does not fit.
     */
    private Expr inProduct(Mul e, Mul p) {
        double d = coefficient(e.factors());
        double c = coefficient(p.factors());
        Map<Expr, Expr> have = exponents(e.factors());
        Map<Expr, Expr> want = exponents(p.factors());
        long times = Long.MAX_VALUE;
        for (Map.Entry<Expr, Expr> w : want.entrySet()) {
            Expr j = have.get(w.getKey());
            if (j == null) {
                return null;
            }
            times = Math.min(times, fits(j, w.getValue()));
            if (times == 0) {
                return null;
            }
        }
        if (times == Long.MAX_VALUE) {
            return null; // a pattern that is only a constant
        }
        List<Expr> out = new ArrayList<>();
        out.add(Exprs.constant(d / Math.pow(c, times)));
        for (Map.Entry<Expr, Expr> h : have.entrySet()) {
            Expr k = want.get(h.getKey());
            Expr left = k == null ? h.getValue() : Exprs.sub(h.getValue(), Exprs.mul(Exprs.constant(times), k));
            out.add(Exprs.pow(apply(h.getKey()), left));
        }
        out.add(Exprs.pow(replacement, (double) times));
        return Exprs.mul(out);
    }

    /** How many times exponent k fits into j: ⌊j/k⌋ for positive integers, 1 for equal exponents, else 0. */
    private static long fits(Expr j, Expr k) {
        if (j instanceof Const cj && k instanceof Const ck && isPositiveInteger(cj.value())
                && isPositiveInteger(ck.value())) {
            return (long) Math.floor(cj.value() / ck.value());
        }
        return j.equals(k) ? 1 : 0;
    }

    /**
     * e = Σ cᵣ·r, pattern = Σ kᵣ·r: when every pattern term appears in e scaled by the same s (constants included),
     * e = s·pattern + rest and the result is s·replacement + rest. Null when it does not fit.
     */
    private Expr inSum(Add e, Add p) {
        Map<Expr, Double> have = coefficients(e.terms());
        Map<Expr, Double> want = coefficients(p.terms());
        Double scale = null;
        for (Map.Entry<Expr, Double> w : want.entrySet()) {
            Double h = have.get(w.getKey());
            if (h == null) {
                return null;
            }
            double s = h / w.getValue();
            if (scale == null) {
                scale = s;
            } else if (scale != s) {
                return null;
            }
        }
        List<Expr> out = new ArrayList<>();
        out.add(Exprs.mul(Exprs.constant(scale), replacement));
        for (Map.Entry<Expr, Double> h : have.entrySet()) {
            if (!want.containsKey(h.getKey())) {
                out.add(Exprs.mul(Exprs.constant(h.getValue()), apply(h.getKey())));
            }
        }
        return Exprs.add(out);
    }

    private static double coefficient(List<Expr> factors) {
        return factors.get(0) instanceof Const c ? c.value() : 1.0;
    }

    /** Base → exponent of a canonical product's non-constant factors (bases are unique there). */
    private static Map<Expr, Expr> exponents(List<Expr> factors) {
        Map<Expr, Expr> out = new TreeMap<>(ExprOrder.INSTANCE);
        for (Expr f : factors) {
            if (f instanceof Const) {
                continue;
            }
            if (f instanceof Pow pw) {
                out.put(pw.base(), pw.exponent());
            } else {
                out.put(f, Exprs.ONE);
            }
        }
        return out;
    }

    /** Term without its coefficient → coefficient; a constant term is 1 with the constant as coefficient. */
    private static Map<Expr, Double> coefficients(List<Expr> terms) {
        Map<Expr, Double> out = new TreeMap<>(ExprOrder.INSTANCE);
        for (Expr t : terms) {
            if (t instanceof Const c) {
                out.put(Exprs.ONE, c.value());
            } else if (t instanceof Mul m && m.factors().get(0) instanceof Const c) {
                List<Expr> rest = m.factors().subList(1, m.factors().size());
                out.put(rest.size() == 1 ? rest.get(0) : new Mul(rest), c.value());
            } else {
                out.put(t, 1.0);
            }
        }
        return out;
    }

    private static boolean isPositiveInteger(double v) {
        return v >= 1 && v == Math.rint(v) && !Double.isInfinite(v);
    }
}
