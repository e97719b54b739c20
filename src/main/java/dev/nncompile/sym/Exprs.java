package dev.nncompile.sym;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The smart constructors: the only way to build an {@link Expr}. Each returns the canonical form — nested sums and
 * products flattened, constants folded, 0 and 1 dropped, like terms and equal bases collected, operands sorted — so
 * equal canonical expressions are equal records.
 *
 * <pre>{@code
 * Expr a = var("a");
 * Expr sigmoidPrime = mul(a, sub(ONE, a));   // a·(1 − a)
 * }</pre>
 */
public final class Exprs {
    public static final Expr ZERO = new Const(0.0);
    public static final Expr ONE = new Const(1.0);
    public static final Expr MINUS_ONE = new Const(-1.0);
    public static final Expr TWO = new Const(2.0);
    public static final Expr HALF = new Const(0.5);

    private Exprs() {}

    public static Expr constant(double value) {
        // −0.0 and 0.0 are one constant, so x − x and 0 compare equal
        return new Const(value == 0.0 ? 0.0 : value);
    }

    public static Expr var(String name) {
        return new Var(name);
    }

    // ---- sums ------------------------------------------------------------------------------------------------

    public static Expr add(Expr... terms) {
        return add(Arrays.asList(terms));
    }

    /** Σ terms: flattened, constants folded, like terms (same non-constant part) collected, sorted. */
    public static Expr add(List<Expr> terms) {
        double constant = 0.0;
        // non-constant part → its summed coefficient; TreeMap keeps the canonical order
        TreeMap<Expr, Double> coefficients = new TreeMap<>(ExprOrder.INSTANCE);
        List<Expr> flat = new ArrayList<>();
        for (Expr term : terms) {
            if (term instanceof Add sum) {
                flat.addAll(sum.terms());
            } else {
                flat.add(term);
            }
        }
        for (Expr term : flat) {
            if (term instanceof Const c) {
                constant += c.value();
                continue;
            }
            double coefficient = 1.0;
            Expr rest = term;
            if (term instanceof Mul m && m.factors().get(0) instanceof Const c) {
                coefficient = c.value();
                rest = mulOf(m.factors().subList(1, m.factors().size()));
            }
            coefficients.merge(rest, coefficient, Double::sum);
        }
        List<Expr> out = new ArrayList<>();
        if (constant != 0.0 || Double.isNaN(constant)) {
            out.add(constant(constant));
        }
        for (Map.Entry<Expr, Double> e : coefficients.entrySet()) {
            if (e.getValue() != 0.0) {
                out.add(scale(e.getValue(), e.getKey()));
            }
        }
        out.sort(ExprOrder.INSTANCE);
        if (out.isEmpty()) {
            return ZERO;
        }
        return out.size() == 1 ? out.get(0) : new Add(out);
    }

    public static Expr sub(Expr a, Expr b) {
        return add(a, neg(b));
    }

    public static Expr neg(Expr a) {
        return mul(MINUS_ONE, a);
    }

    // ---- products --------------------------------------------------------------------------------------------

    public static Expr mul(Expr... factors) {
        return mul(Arrays.asList(factors));
    }

    /**
     * Π factors: flattened, constants folded into one coefficient, equal bases merged (x·x = x², x^a·x^b = x^(a+b)),
     * 0 absorbs, 1 dropped, sorted. A constant times a sum is distributed (2·(a + b) = 2a + 2b) so like terms meet.
     */
    public static Expr mul(List<Expr> factors) {
        double coefficient = 1.0;
        TreeMap<Expr, List<Expr>> exponents = new TreeMap<>(ExprOrder.INSTANCE);
        List<Expr> flat = new ArrayList<>();
        for (Expr f : factors) {
            if (f instanceof Mul m) {
                flat.addAll(m.factors());
            } else {
                flat.add(f);
            }
        }
        for (Expr f : flat) {
            if (f instanceof Const c) {
                coefficient *= c.value();
                continue;
            }
            Expr base = f;
            Expr exponent = ONE;
            if (f instanceof Pow p) {
                base = p.base();
                exponent = p.exponent();
            }
            exponents.computeIfAbsent(base, k -> new ArrayList<>()).add(exponent);
        }
        if (coefficient == 0.0) {
            return ZERO;
        }
        List<Expr> rest = new ArrayList<>();
        for (Map.Entry<Expr, List<Expr>> e : exponents.entrySet()) {
            Expr p = pow(e.getKey(), add(e.getValue()));
            if (p instanceof Const c) {
                coefficient *= c.value();
            } else if (p instanceof Mul m) {
                // pow may split ((2x)^2 = 4x²): fold its parts back in
                for (Expr part : m.factors()) {
                    if (part instanceof Const c) {
                        coefficient *= c.value();
                    } else {
                        rest.add(part);
                    }
                }
            } else {
                rest.add(p);
            }
        }
        if (coefficient == 0.0) {
            return ZERO;
        }
        if (rest.size() > 1) {
            // inside a product, a sum's common coefficient joins the product's: ½·N⁻¹·(2z − 2y) = N⁻¹·(z − y)
            for (int i = 0; i < rest.size(); i++) {
                if (rest.get(i) instanceof Add sum) {
                    double common = commonCoefficient(sum);
                    if (common != 1.0) {
                        coefficient *= common;
                        rest.set(i, mul(constant(1.0 / common), sum));
                    }
                }
            }
        }
        rest.sort(ExprOrder.INSTANCE);
        if (rest.isEmpty()) {
            return constant(coefficient);
        }
        if (rest.size() == 1 && rest.get(0) instanceof Add sum && coefficient != 1.0) {
            List<Expr> scaled = new ArrayList<>();
            for (Expr t : sum.terms()) {
                scaled.add(mul(constant(coefficient), t));
            }
            return add(scaled);
        }
        return scale(coefficient, mulOf(rest));
    }

    public static Expr div(Expr a, Expr b) {
        return mul(a, pow(b, MINUS_ONE));
    }

    // ---- powers ----------------------------------------------------------------------------------------------

    public static Expr pow(Expr base, double exponent) {
        return pow(base, constant(exponent));
    }

    /**
     * base^exponent: x⁰ = 1, x¹ = x, constants folded, (x^a)^n = x^(a·n) and (x·y)^n = xⁿ·yⁿ for integer n only
     * (so (x²)^½ is not rewritten to x, which would lose the sign).
     */
    public static Expr pow(Expr base, Expr exponent) {
        if (exponent instanceof Const e) {
            if (e.value() == 0.0) {
                return ONE;
            }
            if (e.value() == 1.0) {
                return base;
            }
            if (base instanceof Const b) {
                return constant(Math.pow(b.value(), e.value()));
            }
            boolean integer = e.value() == Math.rint(e.value()) && !Double.isInfinite(e.value());
            if (integer && base instanceof Pow p) {
                return pow(p.base(), mul(p.exponent(), exponent));
            }
            if (integer && base instanceof Mul m) {
                List<Expr> parts = new ArrayList<>();
                for (Expr f : m.factors()) {
                    parts.add(pow(f, exponent));
                }
                return mul(parts);
            }
        }
        if (base instanceof Const b && b.value() == 1.0) {
            return ONE;
        }
        return new Pow(base, exponent);
    }

    public static Expr sqrt(Expr a) {
        return call(Fn.SQRT, a);
    }

    // ---- calls -----------------------------------------------------------------------------------------------

    /**
     * fn(args); folded to a constant when every argument is one, except a square root that is not exact: √2 stays
     * √2, so that (z/√2)² simplifies to z²/2 (folded first, 0.7071067811865475² would be 0.4999999999999999).
     */
    public static Expr call(Fn fn, Expr... args) {
        return call(fn, Arrays.asList(args));
    }

    public static Expr call(Fn fn, List<Expr> args) {
        boolean allConstant = true;
        double[] values = new double[args.size()];
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Const c) {
                values[i] = c.value();
            } else {
                allConstant = false;
            }
        }
        if (allConstant && args.size() == fn.arity()) {
            double value = fn.apply(values);
            if (fn != Fn.SQRT || value * value == values[0] || !Double.isFinite(value)) {
                return constant(value);
            }
        }
        return new Call(fn, args);
    }

    /**
     * The number {@code e} stands for in code when it reads no variable: a constant, or an expression over a square
     * root that {@link #call} keeps symbolic (√2, 1/√2, 3·√2), printed as its value — never computed at run time
     * nor shared as a temporary. Empty when {@code e} reads a variable.
     */
    public static OptionalDouble numericValue(Expr e) {
        if (e instanceof Const c) {
            return OptionalDouble.of(c.value());
        }
        if (e instanceof Var || e instanceof Cond) {
            return OptionalDouble.empty();
        }
        for (Expr child : CommonSubexpressions.children(e)) {
            if (numericValue(child).isEmpty()) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(Evaluator.evaluate(e, Map.of()));
    }

    public static Expr exp(Expr a) {
        return call(Fn.EXP, a);
    }

    public static Expr log(Expr a) {
        return call(Fn.LOG, a);
    }

    public static Expr abs(Expr a) {
        return call(Fn.ABS, a);
    }

    public static Expr sign(Expr a) {
        return call(Fn.SIGN, a);
    }

    public static Expr tanh(Expr a) {
        return call(Fn.TANH, a);
    }

    public static Expr sigmoid(Expr a) {
        return call(Fn.SIGMOID, a);
    }

    public static Expr softplus(Expr a) {
        return call(Fn.SOFTPLUS, a);
    }

    public static Expr erf(Expr a) {
        return call(Fn.ERF, a);
    }

    public static Expr min(Expr a, Expr b) {
        return call(Fn.MIN, a, b);
    }

    public static Expr max(Expr a, Expr b) {
        return call(Fn.MAX, a, b);
    }

    // ---- conditionals ----------------------------------------------------------------------------------------

    /** if test then a else b; decided at once when the test is constant or both branches are equal. */
    public static Expr cond(Test test, Expr then, Expr otherwise) {
        if (then.equals(otherwise)) {
            return then;
        }
        Boolean decided = decide(test);
        if (decided != null) {
            return decided ? then : otherwise;
        }
        return new Cond(test, then, otherwise);
    }

    public static Test compare(Test.Rel rel, Expr left, Expr right) {
        return new Test.Compare(rel, left, right);
    }

    public static Test and(Test a, Test b) {
        return new Test.And(a, b);
    }

    public static Test or(Test a, Test b) {
        return new Test.Or(a, b);
    }

    public static Test not(Test a) {
        return new Test.Not(a);
    }

    /** The test's value when it has no variables, else null. */
    static Boolean decide(Test test) {
        if (test instanceof Test.Compare c) {
            if (c.left() instanceof Const l && c.right() instanceof Const r) {
                return c.rel().holds(l.value(), r.value());
            }
            return null;
        }
        if (test instanceof Test.And a) {
            Boolean l = decide(a.left());
            Boolean r = decide(a.right());
            if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) {
                return false;
            }
            return l != null && r != null ? Boolean.TRUE : null;
        }
        if (test instanceof Test.Or o) {
            Boolean l = decide(o.left());
            Boolean r = decide(o.right());
            if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) {
                return true;
            }
            return l != null && r != null ? Boolean.FALSE : null;
        }
        Boolean inner = decide(((Test.Not) test).test());
        return inner == null ? null : !inner;
    }

    // ---- traversal -------------------------------------------------------------------------------------------

    /** Replaces variables by expressions, rebuilding through the smart constructors. */
    public static Expr substitute(Expr e, Map<String, Expr> bindings) {
        return Rewriter.substitute(e, bindings);
    }

    /** The free variables, in name order. */
    public static TreeSet<String> freeVariables(Expr e) {
        TreeSet<String> names = new TreeSet<>();
        Rewriter.collectVariables(e, names);
        return names;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Expr scale(double coefficient, Expr e) {
        if (coefficient == 1.0) {
            return e;
        }
        List<Expr> factors = new ArrayList<>();
        factors.add(constant(coefficient));
        if (e instanceof Mul m) {
            factors.addAll(m.factors());
        } else {
            factors.add(e);
        }
        return new Mul(factors);
    }

    /**
     * The magnitude every term's coefficient shares (2 for 2z − 2y), or 1 when they differ. Only powers of two are
     * taken out, so dividing them back in is exact.
     */
    private static double commonCoefficient(Add sum) {
        double common = Double.NaN;
        for (Expr t : sum.terms()) {
            double c = t instanceof Const k ? k.value()
                    : t instanceof Mul m && m.factors().get(0) instanceof Const k ? k.value() : 1.0;
            c = Math.abs(c);
            if (Double.isNaN(common)) {
                common = c;
            } else if (c != common) {
                return 1.0;
            }
        }
        boolean powerOfTwo = common > 0 && !Double.isInfinite(common)
                && Math.getExponent(common) > Double.MIN_EXPONENT
                && common == Math.scalb(1.0, Math.getExponent(common));
        return powerOfTwo ? common : 1.0;
    }

    /** A product of already canonical, sorted, constant-free factors. */
    private static Expr mulOf(List<Expr> factors) {
        if (factors.isEmpty()) {
            return ONE;
        }
        return factors.size() == 1 ? factors.get(0) : new Mul(factors);
    }
}
