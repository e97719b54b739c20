package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sub;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Simplification beyond what the smart constructors do: a bounded fixed point of local, value-preserving rewrites
 * (value-preserving wherever the input is defined: rules may only remove NaN/∞ the input already had), so that
 * derivatives read like a textbook: σ′ = σ(1 − σ), BCE of σ(z) = softplus(z) − y·z with derivative σ(z) − y.
 *
 * <p>The rules, in the order {@link #rewriteNode} tries them:
 * <ul>
 *   <li>log(exp x) = x; log σ(x) = −softplus(−x); log(1 − σ(x)) = −softplus(x); exp(log x) is left alone
 *       (it is x only for x &gt; 0).</li>
 *   <li>Symmetry pulls a negative sign out of an argument ("negative" = negative coefficient, see
 *       {@link #isNegative}): tanh, sin, erf, sign are odd; abs, cos even. σ(−x) = 1 − σ(x) and
 *       softplus(−x) = softplus(x) − x are applied only inside a sum and only when terms then cancel (see
 *       {@link #reflect}: as blanket rules they would trade σ(−40) ≈ 4e-18 for 1 − σ(40) = 0).</li>
 *   <li>Powers and roots: x^½ is written sqrt(x) (the one canonical form) and x^−½ = 1/sqrt(x); sqrt(x)^(2k) = x^k;
 *       sqrt(x²) = |x|; |x|^(2k) = x^(2k); exp(a)^c = exp(c·a); |f| = f for f ≥ 0 (exp, σ, softplus, sqrt, |·|).</li>
 *   <li>Products: exp(a)·exp(b) = exp(a + b); x·sign(x) = |x|; |x|·sign(x) = x; a factor times an {@code if} with
 *       a zero branch moves into it ({@code g·(if t then 1 else 0) = if t then g else 0}).</li>
 *   <li>Sums: {@code if}s with the same test merge into one ({@code if t then a else b} + {@code if t then c else d}
 *       = {@code if t then a + c else b + d}); terms over a common denominator are combined when that is smaller
 *       (1/(1 + |z|) − |z|/(1 + |z|)² = 1/(1 + |z|)²).</li>
 *   <li>Expansion: a product is distributed over its sums when that makes the expression strictly smaller (like
 *       terms cancelling), never otherwise, so factored forms such as σ(1 − σ) stay factored.</li>
 * </ul>
 *
 * <pre>{@code
 * Expr z = Exprs.var("z");
 * Expr s = Simplifier.simplify(Exprs.log(Exprs.sigmoid(z)));   // −softplus(−z)
 * }</pre>
 */
public final class Simplifier {
    /** Whole-tree passes before giving up on a fixed point; each pass is a full bottom-up rewrite. */
    static final int MAX_PASSES = 16;
    /** Rule applications at one node per pass. */
    private static final int MAX_LOCAL_STEPS = 16;
    /** Distributing a product of sums with more term combinations than this is never worth it. */
    private static final int MAX_EXPANDED_TERMS = 64;

    private Simplifier() {}

    public static Expr simplify(Expr e) {
        Expr current = e;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Expr next = Rewriter.bottomUp(current, Simplifier::rewriteNode);
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }

    /** Applies the local rules at one node (its children already simplified) until none fires. */
    static Expr rewriteNode(Expr e) {
        Expr current = e;
        for (int i = 0; i < MAX_LOCAL_STEPS; i++) {
            Expr next = step(current);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static Expr step(Expr e) {
        if (e instanceof Call c) {
            return call(c);
        }
        if (e instanceof Pow p) {
            return power(p);
        }
        if (e instanceof Mul m) {
            return product(m);
        }
        if (e instanceof Add a) {
            return sum(a);
        }
        return e;
    }

    // ---- calls -----------------------------------------------------------------------------------------------

    private static Expr call(Call c) {
        Expr u = c.args().get(0);
        switch (c.fn()) {
            case LOG:
                return logarithm(c, u);
            case TANH:
            case SIN:
            case ERF:
            case SIGN:
                return isNegative(u) ? neg(Exprs.call(c.fn(), neg(u))) : c;
            case COS:
                return isNegative(u) ? Exprs.call(Fn.COS, neg(u)) : c;
            case ABS:
                return absolute(c, u);
            case SQRT:
                // sqrt(x²) = |x| for every real x
                return u instanceof Pow p && isConstant(p.exponent(), 2.0) ? Exprs.abs(p.base()) : c;
            case MIN:
            case MAX:
                return u.equals(c.args().get(1)) ? u : c;
            default:
                return c;
        }
    }

    private static Expr logarithm(Call c, Expr u) {
        if (u instanceof Call inner && inner.fn() == Fn.EXP) {
            return inner.args().get(0);
        }
        if (u instanceof Call inner && inner.fn() == Fn.SIGMOID) {
            // log σ(x) = −log(1 + e^−x): the stable form of the log-likelihood of a logit
            return neg(Exprs.softplus(neg(inner.args().get(0))));
        }
        Expr x = oneMinusSigmoidArgument(u);
        if (x != null) {
            // log(1 − σ(x)) = log σ(−x) = −softplus(x)
            return neg(Exprs.softplus(x));
        }
        return c;
    }

    /** x when {@code u} is the canonical 1 − σ(x), i.e. {@code Add[1, Mul[-1, σ(x)]]}; else null. */
    private static Expr oneMinusSigmoidArgument(Expr u) {
        if (u instanceof Add a && a.terms().size() == 2 && isConstant(a.terms().get(0), 1.0)
                && a.terms().get(1) instanceof Mul m && m.factors().size() == 2
                && isConstant(m.factors().get(0), -1.0)
                && m.factors().get(1) instanceof Call s && s.fn() == Fn.SIGMOID) {
            return s.args().get(0);
        }
        return null;
    }

    private static Expr absolute(Call c, Expr u) {
        if (isNegative(u)) {
            return Exprs.abs(neg(u));
        }
        if (u instanceof Call inner && isNonNegative(inner.fn())) {
            return u;
        }
        if (u instanceof Pow p && isEvenInteger(p.exponent())) {
            return u;
        }
        return c;
    }

    private static boolean isNonNegative(Fn fn) {
        return fn == Fn.EXP || fn == Fn.SIGMOID || fn == Fn.SOFTPLUS || fn == Fn.SQRT || fn == Fn.ABS;
    }

    // ---- powers ----------------------------------------------------------------------------------------------

    private static Expr power(Pow p) {
        Expr base = p.base();
        Expr exponent = p.exponent();
        if (isConstant(exponent, 0.5)) {
            return Exprs.sqrt(base);
        }
        if (isConstant(exponent, -0.5)) {
            return pow(Exprs.sqrt(base), Exprs.MINUS_ONE);
        }
        if (base instanceof Call c && c.fn() == Fn.SQRT && isEvenInteger(exponent)) {
            // sqrt(x)^(2k) = x^k wherever sqrt(x) is defined
            return pow(c.args().get(0), ((Const) exponent).value() / 2);
        }
        if (base instanceof Call c && c.fn() == Fn.ABS && isEvenInteger(exponent)) {
            return pow(c.args().get(0), exponent);
        }
        if (base instanceof Call c && c.fn() == Fn.EXP) {
            return Exprs.exp(mul(exponent, c.args().get(0)));
        }
        return p;
    }

    // ---- products --------------------------------------------------------------------------------------------

    private static Expr product(Mul m) {
        List<Expr> factors = m.factors();
        Expr merged = mergeExponentials(factors);
        if (merged != null) {
            return merged;
        }
        Expr signs = mergeSigns(factors);
        if (signs != null) {
            return signs;
        }
        for (int i = 0; i < factors.size(); i++) {
            if (factors.get(i) instanceof Cond c && (isConstant(c.then(), 0.0) || isConstant(c.otherwise(), 0.0))) {
                // g·(if t then a else 0) = if t then g·a else 0: g still appears once, and the selector
                // conditions of min′/max′ become one "if" after merging
                List<Expr> rest = new ArrayList<>(factors);
                rest.remove(i);
                Expr g = mul(rest);
                return Exprs.cond(c.test(), mul(g, c.then()), mul(g, c.otherwise()));
            }
        }
        return smaller(m, expandProduct(m));
    }

    /** exp(a)·exp(b)·… = exp(a + b + …), or null when there are fewer than two exponentials. */
    private static Expr mergeExponentials(List<Expr> factors) {
        List<Expr> exponents = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        for (Expr f : factors) {
            if (f instanceof Call c && c.fn() == Fn.EXP) {
                exponents.add(c.args().get(0));
            } else {
                rest.add(f);
            }
        }
        if (exponents.size() < 2) {
            return null;
        }
        rest.add(Exprs.exp(add(exponents)));
        return mul(rest);
    }

    /** x·sign(x) = |x| and |x|·sign(x) = x (both hold at 0), or null when no such pair is present. */
    private static Expr mergeSigns(List<Expr> factors) {
        for (int i = 0; i < factors.size(); i++) {
            if (!(factors.get(i) instanceof Call s && s.fn() == Fn.SIGN)) {
                continue;
            }
            Expr x = s.args().get(0);
            for (int j = 0; j < factors.size(); j++) {
                Expr f = factors.get(j);
                Expr replacement = null;
                if (f.equals(x)) {
                    replacement = Exprs.abs(x);
                } else if (f instanceof Call a && a.fn() == Fn.ABS && a.args().get(0).equals(x)) {
                    replacement = x;
                }
                if (replacement != null) {
                    List<Expr> rest = new ArrayList<>(factors);
                    rest.set(j, replacement);
                    rest.remove(i);
                    return mul(rest);
                }
            }
        }
        return null;
    }

    // ---- sums ------------------------------------------------------------------------------------------------

    private static Expr sum(Add a) {
        List<Expr> terms = a.terms();
        for (int i = 0; i < terms.size(); i++) {
            if (!(terms.get(i) instanceof Cond c)) {
                continue;
            }
            for (int j = i + 1; j < terms.size(); j++) {
                if (terms.get(j) instanceof Cond d && d.test().equals(c.test())) {
                    List<Expr> rest = new ArrayList<>(terms);
                    rest.remove(j);
                    rest.set(i, Exprs.cond(c.test(), add(c.then(), d.then()), add(c.otherwise(), d.otherwise())));
                    return add(rest);
                }
            }
        }
        Expr best = smaller(a, add(expandTerms(terms)));
        List<Expr> reflected = new ArrayList<>();
        for (Expr t : terms) {
            reflected.add(reflect(t));
        }
        if (!reflected.equals(terms)) {
            best = smaller(best, add(expandTerms(reflected)));
        }
        // all denominators at once first ((p − y)/(p·(1 − p)) rather than (1 − y/p)/(1 − p)), then each alone
        List<Expr> denominators = denominators(terms);
        if (denominators.size() > 1) {
            best = smaller(best, overCommonDenominator(terms, denominators));
        }
        for (Expr denominator : denominators) {
            best = smaller(best, overCommonDenominator(terms, List.of(denominator)));
        }
        return best;
    }

    /** The bases that some term divides by (an integer negative power), in canonical order. */
    private static List<Expr> denominators(List<Expr> terms) {
        TreeSet<Expr> out = new TreeSet<>(ExprOrder.INSTANCE);
        for (Expr t : terms) {
            for (Expr f : factors(t)) {
                if (f instanceof Pow p && integerExponent(p) < 0) {
                    out.add(p.base());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Σ tᵢ = Π B^m_B·Σ (tᵢ·Π B^−m_B), with m_B the lowest (integer) power of each base B among the terms, the
     * inner sum expanded: the quotient rule's 1/(1 + |z|) − |z|/(1 + |z|)² becomes 1/(1 + |z|)². Exact wherever
     * every B ≠ 0, where the input is undefined anyway.
     */
    private static Expr overCommonDenominator(List<Expr> terms, List<Expr> bases) {
        List<Expr> common = new ArrayList<>();
        List<Expr> inner = new ArrayList<>(terms);
        for (Expr base : bases) {
            double lowest = 0;
            for (Expr t : terms) {
                lowest = Math.min(lowest, integerPower(t, base));
            }
            common.add(pow(base, lowest));
            for (int i = 0; i < inner.size(); i++) {
                inner.set(i, mul(inner.get(i), pow(base, -lowest)));
            }
        }
        common.add(add(expandTerms(inner)));
        return mul(common);
    }

    /** The integer power of {@code base} among the factors of {@code term} (0 when absent or not an integer). */
    private static double integerPower(Expr term, Expr base) {
        for (Expr f : factors(term)) {
            if (f instanceof Pow p && p.base().equals(base)) {
                double exponent = integerExponent(p);
                if (!Double.isNaN(exponent)) {
                    return exponent;
                }
            }
            if (f.equals(base)) {
                return 1;
            }
        }
        return 0;
    }

    /** A term's factors: a product's, else the term itself. */
    private static List<Expr> factors(Expr term) {
        return term instanceof Mul m ? m.factors() : List.of(term);
    }

    /** The exponent of a power when it is an integer constant, else NaN. */
    private static double integerExponent(Pow p) {
        return p.exponent() instanceof Const c && c.value() == Math.rint(c.value()) ? c.value() : Double.NaN;
    }

    private static List<Expr> expandTerms(List<Expr> terms) {
        List<Expr> expanded = new ArrayList<>();
        for (Expr t : terms) {
            expanded.add(t instanceof Mul m ? expandProduct(m) : t);
        }
        return expanded;
    }

    /**
     * A term with σ(−x) written 1 − σ(x) and softplus(−x) written softplus(x) − x, in itself or among its factors.
     * Both identities are exact, but the right-hand sides lose all relative accuracy for large x (σ(−40) ≈ 4e-18
     * while 1 − σ(40) rounds to 0), so they are only tried inside a sum and kept when terms cancel: that is how
     * BCE of σ(z) becomes softplus(z) − y·z and its gradient σ(z) − y.
     */
    private static Expr reflect(Expr term) {
        if (term instanceof Call c && isNegative(c.args().get(0))) {
            Expr x = neg(c.args().get(0));
            if (c.fn() == Fn.SIGMOID) {
                return sub(ONE, Exprs.sigmoid(x));
            }
            if (c.fn() == Fn.SOFTPLUS) {
                return sub(Exprs.softplus(x), x);
            }
        }
        if (term instanceof Mul m) {
            List<Expr> factors = new ArrayList<>();
            for (Expr f : m.factors()) {
                factors.add(f instanceof Call ? reflect(f) : f);
            }
            return mul(factors);
        }
        return term;
    }

    // ---- expansion -------------------------------------------------------------------------------------------

    /** The product distributed over its sum factors (a·(b + c) = a·b + a·c), or m itself when too large. */
    static Expr expandProduct(Mul m) {
        List<List<Expr>> products = new ArrayList<>();
        products.add(new ArrayList<>());
        for (Expr f : m.factors()) {
            List<Expr> choices = f instanceof Add s ? s.terms() : List.of(f);
            if (products.size() * choices.size() > MAX_EXPANDED_TERMS) {
                return m;
            }
            List<List<Expr>> next = new ArrayList<>();
            for (List<Expr> p : products) {
                for (Expr choice : choices) {
                    List<Expr> q = new ArrayList<>(p);
                    q.add(choice);
                    next.add(q);
                }
            }
            products = next;
        }
        if (products.size() == 1) {
            return m;
        }
        List<Expr> terms = new ArrayList<>();
        for (List<Expr> p : products) {
            terms.add(mul(p));
        }
        return add(terms);
    }

    private static Expr smaller(Expr original, Expr candidate) {
        return size(candidate) < size(original) ? candidate : original;
    }

    /** The number of nodes (tests included): the measure of "simpler" for the expansion step. */
    static int size(Expr e) {
        if (e instanceof Const || e instanceof Var) {
            return 1;
        }
        if (e instanceof Add a) {
            return 1 + sizes(a.terms());
        }
        if (e instanceof Mul m) {
            return 1 + sizes(m.factors());
        }
        if (e instanceof Pow p) {
            return 1 + size(p.base()) + size(p.exponent());
        }
        if (e instanceof Call c) {
            return 1 + sizes(c.args());
        }
        Cond c = (Cond) e;
        return 1 + size(c.test()) + size(c.then()) + size(c.otherwise());
    }

    private static int size(Test t) {
        if (t instanceof Test.Compare c) {
            return 1 + size(c.left()) + size(c.right());
        }
        if (t instanceof Test.And a) {
            return 1 + size(a.left()) + size(a.right());
        }
        if (t instanceof Test.Or o) {
            return 1 + size(o.left()) + size(o.right());
        }
        return 1 + size(((Test.Not) t).test());
    }

    private static int sizes(List<Expr> xs) {
        int n = 0;
        for (Expr x : xs) {
            n += size(x);
        }
        return n;
    }

    // ---- predicates ------------------------------------------------------------------------------------------

    /**
     * Whether {@code e} "reads negative": a negative constant, a product with a negative coefficient, or a sum whose
     * leading term (the smallest in {@link ExprOrder} once coefficients are ignored) reads negative. Exactly one of
     * x and −x reads negative for any non-zero canonical x, so pulling the sign out never loops.
     */
    static boolean isNegative(Expr e) {
        if (e instanceof Const c) {
            return c.value() < 0;
        }
        if (e instanceof Mul m) {
            return m.factors().get(0) instanceof Const c && c.value() < 0;
        }
        if (e instanceof Add a) {
            Expr leading = null;
            List<Expr> leadingRest = null;
            for (Expr t : a.terms()) {
                if (t instanceof Const) {
                    continue;
                }
                List<Expr> rest = t instanceof Mul m ? ExprOrder.withoutCoefficient(m.factors()) : List.of(t);
                if (leading == null || compareLists(rest, leadingRest) < 0) {
                    leading = t;
                    leadingRest = rest;
                }
            }
            return leading != null && isNegative(leading);
        }
        return false;
    }

    private static int compareLists(List<Expr> a, List<Expr> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = ExprOrder.INSTANCE.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static boolean isConstant(Expr e, double value) {
        return e instanceof Const c && c.value() == value;
    }

    private static boolean isEvenInteger(Expr e) {
        return e instanceof Const c && c.value() % 2.0 == 0.0 && !Double.isInfinite(c.value());
    }
}
