package dev.nncompile.sym;

import dev.nncompile.sym.Layout.Precedence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a canonical {@link Expr} into the {@link Layout} a person writes: x + (−1)·y reads x − y, a·b⁻¹ reads a/b,
 * (−1)·x reads −x, b^½ reads √b, exp(x) reads eˣ. It is the one place that knows operator precedence: every
 * parenthesis the printers show is a {@link Layout.Fenced} node made here (except the ones a linear fraction needs
 * in plain text, which {@link TextPrinter} adds by the same {@link Precedence}).
 *
 * <p>The order of terms and factors is the canonical order of the algebra ({@link ExprOrder}), which already reads
 * like a textbook (a − y, 1 − a, a·(1 − a)), with two adjustments: a negative or tiny constant term goes last
 * (x − 1, not −1 + x; √v̂ + ε), and in a product scalar factors come before array-valued ones (and
 * {@link PrintOptions#leading} ones before the other array factors).
 */
final class LayoutBuilder {
    /** Below this a constant term is a stabiliser like ε and, by convention, is written last: √v̂ + ε. */
    private static final double SMALL_CONSTANT = 1e-3;

    private final Function<String, String> naming;
    private final PrintOptions options;

    LayoutBuilder(Function<String, String> naming, PrintOptions options) {
        this.naming = naming;
        this.options = options;
    }

    Layout build(Expr e) {
        if (e instanceof Const c) {
            Layout magnitude = new Layout.Number(Decimal.of(c.value()));
            return c.value() < 0 ? new Layout.Negation(magnitude) : magnitude;
        }
        if (e instanceof Var v) {
            return new Layout.Name(naming.apply(v.name()));
        }
        if (e instanceof Add a) {
            return sum(a);
        }
        if (e instanceof Mul m) {
            return product(m);
        }
        if (e instanceof Pow p) {
            return power(p);
        }
        if (e instanceof Call c) {
            return call(c);
        }
        return cases((Cond) e);
    }

    Layout.Condition condition(Test t) {
        if (t instanceof Test.Compare c) {
            return new Layout.Relation(build(c.left()), c.rel(), build(c.right()));
        }
        if (t instanceof Test.And a) {
            return new Layout.Junction(condition(a.left()), true, condition(a.right()));
        }
        if (t instanceof Test.Or o) {
            return new Layout.Junction(condition(o.left()), false, condition(o.right()));
        }
        return new Layout.Negated(condition(((Test.Not) t).test()));
    }

    /** Fences {@code l} when it binds looser than {@code needed}. */
    static Layout fenced(Layout l, Precedence needed) {
        return l.precedence().looserThan(needed) ? new Layout.Fenced(l) : l;
    }

    private Layout sum(Add a) {
        double common = commonCoefficient(a.terms());
        if (common != 1.0) {
            // 2·a − 2·y reads 2·(a − y): the algebra distributes constants, a reader factors them out
            List<Expr> reduced = new ArrayList<>();
            for (Expr t : a.terms()) {
                reduced.add(Exprs.mul(Exprs.constant(1.0 / common), t));
            }
            Expr inner = Exprs.add(reduced);
            if (inner instanceof Add innerSum) {
                return new Layout.Product(List.of(new Layout.Number(Decimal.of(common)),
                        new Layout.Fenced(sum(innerSum))), List.of(false, false));
            }
        }
        List<Expr> terms = new ArrayList<>(a.terms());
        if (terms.get(0) instanceof Const c && (c.value() < 0 || Math.abs(c.value()) < SMALL_CONSTANT)) {
            terms.add(terms.remove(0));
        }
        if (mentions(a, options::isArray)) {
            // at layer level a scalar term added to arrays is a stabiliser or a shift: √v̂ + ε, not ε + √v̂
            List<Expr> scalars = new ArrayList<>();
            terms.removeIf(t -> !(t instanceof Const) && !mentions(t, options::isArray) && scalars.add(t));
            terms.addAll(scalars);
        }
        List<Layout> layouts = new ArrayList<>();
        List<Boolean> negated = new ArrayList<>();
        for (Expr term : terms) {
            Expr magnitude = magnitude(term);
            negated.add(magnitude != term);
            layouts.add(fenced(build(magnitude), Precedence.SUM));
        }
        return new Layout.Sum(layouts, negated);
    }

    /**
     * The magnitude every term's coefficient shares, when that is an integer above 1 and some term is positive
     * (so factoring it out is exact and reads better); else 1.
     */
    private static double commonCoefficient(List<Expr> terms) {
        double common = -1;
        boolean positive = false;
        for (Expr t : terms) {
            double c = t instanceof Const k ? k.value()
                    : t instanceof Mul m && m.factors().get(0) instanceof Const k ? k.value() : 1.0;
            positive |= c > 0;
            if (common < 0) {
                common = Math.abs(c);
            } else if (Math.abs(c) != common) {
                return 1.0;
            }
        }
        return positive && common > 1 && common == Math.rint(common) && common < 1e6 ? common : 1.0;
    }

    /** −term when term carries a negative sign (a negative constant or coefficient), else term itself. */
    private static Expr magnitude(Expr term) {
        if (term instanceof Const c && c.value() < 0) {
            return Exprs.constant(-c.value());
        }
        if (term instanceof Mul m && m.factors().get(0) instanceof Const c && c.value() < 0) {
            List<Expr> factors = new ArrayList<>(m.factors());
            factors.set(0, Exprs.constant(-c.value()));
            return Exprs.mul(factors);
        }
        return term;
    }

    private Layout product(Mul m) {
        double coefficient = 1.0;
        List<Expr> numerator = new ArrayList<>();
        List<Expr> denominator = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f instanceof Const c) {
                coefficient *= c.value();
            } else if (f instanceof Pow p && p.exponent() instanceof Const e && e.value() < 0) {
                denominator.add(Exprs.pow(p.base(), -e.value()));
            } else {
                numerator.add(f);
            }
        }
        Layout unsigned = quotient(Math.abs(coefficient), numerator, denominator);
        return coefficient < 0 ? new Layout.Negation(unsigned) : unsigned;
    }

    private Layout quotient(double coefficient, List<Expr> numerator, List<Expr> denominator) {
        if (denominator.isEmpty()) {
            return factors(coefficient, numerator);
        }
        // 0.1/N reads 1/(10·N): a lone coefficient that is exactly 1/k joins the denominator as k
        double reciprocal = 1.0 / coefficient;
        if (numerator.isEmpty() && coefficient < 1.0 && reciprocal == Math.rint(reciprocal) && reciprocal < 1e6
                && 1.0 / reciprocal == coefficient) {
            return new Layout.Fraction(factors(1.0, numerator), factors(reciprocal, denominator));
        }
        return new Layout.Fraction(factors(coefficient, numerator), factors(1.0, denominator));
    }

    /** coefficient · factors, scalar factors first; 1 when there is nothing. */
    private Layout factors(double coefficient, List<Expr> factors) {
        List<Expr> ordered = new ArrayList<>();
        List<Expr> leadingArrays = new ArrayList<>();
        List<Expr> arrays = new ArrayList<>();
        for (Expr f : factors) {
            if (!mentions(f, options::isArray)) {
                ordered.add(f);
            } else {
                (mentions(f, options::isLeading) ? leadingArrays : arrays).add(f);
            }
        }
        algebraicFirst(ordered);
        algebraicFirst(leadingArrays);
        algebraicFirst(arrays);
        int firstArray = ordered.size();
        ordered.addAll(leadingArrays);
        ordered.addAll(arrays);
        List<Layout> layouts = new ArrayList<>();
        List<Boolean> hadamard = new ArrayList<>();
        if (coefficient != 1.0 || ordered.isEmpty()) {
            layouts.add(new Layout.Number(Decimal.of(coefficient)));
            hadamard.add(false);
        }
        for (int i = 0; i < ordered.size(); i++) {
            layouts.add(build(ordered.get(i)));
            hadamard.add(i > firstArray);
        }
        if (layouts.size() == 1) {
            return layouts.get(0);
        }
        for (int i = 0; i < layouts.size(); i++) {
            // a sum is fenced anywhere; a factor binding like a product (2.5·10⁻⁸) unless it leads
            layouts.set(i, fenced(layouts.get(i), i == 0 ? Precedence.PRODUCT : Precedence.POWER));
        }
        return new Layout.Product(layouts, hadamard);
    }

    /**
     * Moves function calls after the algebraic factors, keeping the canonical order otherwise: a textbook writes
     * (1 − y)·log(1 − p) and z·tanh(z), not log(1 − p)·(1 − y). A sum that itself holds a call stays after the
     * call, so σ(z)·(1 − σ(z)) keeps its familiar order.
     */
    private static void algebraicFirst(List<Expr> factors) {
        factors.sort(java.util.Comparator.comparingInt(LayoutBuilder::printRank));
    }

    private static int printRank(Expr factor) {
        Expr head = factor instanceof Pow p ? p.base() : factor;
        if (head instanceof Call) {
            return 1;
        }
        if (head instanceof Add || head instanceof Cond) {
            return containsCall(head) ? 2 : 0;
        }
        return 0;
    }

    private static boolean containsCall(Expr e) {
        if (e instanceof Call) {
            return true;
        }
        if (e instanceof Add a) {
            return a.terms().stream().anyMatch(LayoutBuilder::containsCall);
        }
        if (e instanceof Mul m) {
            return m.factors().stream().anyMatch(LayoutBuilder::containsCall);
        }
        if (e instanceof Pow p) {
            return containsCall(p.base()) || containsCall(p.exponent());
        }
        if (e instanceof Cond c) {
            return containsCall(c.then()) || containsCall(c.otherwise());
        }
        return false;
    }

    private static boolean mentions(Expr e, java.util.function.Predicate<String> which) {
        for (String name : Exprs.freeVariables(e)) {
            if (which.test(name)) {
                return true;
            }
        }
        return false;
    }

    private Layout power(Pow p) {
        if (p.exponent() instanceof Const e) {
            if (e.value() < 0) {
                return new Layout.Fraction(new Layout.Number(Decimal.of(1)), build(Exprs.pow(p.base(), -e.value())));
            }
            if (e.value() == 0.5) {
                return new Layout.Root(build(p.base()));
            }
        }
        return new Layout.Power(fenced(build(p.base()), Precedence.ATOM), build(p.exponent()));
    }

    private Layout call(Call c) {
        List<Layout> args = new ArrayList<>();
        for (Expr arg : c.args()) {
            args.add(build(arg));
        }
        return switch (c.fn()) {
            case EXP -> new Layout.Exponential(args.get(0));
            case SQRT -> new Layout.Root(args.get(0));
            case ABS -> new Layout.Magnitude(args.get(0));
            default -> new Layout.Application(c.fn(), args);
        };
    }

    private Layout cases(Cond c) {
        List<Layout.Branch> branches = new ArrayList<>();
        Expr rest = c;
        while (rest instanceof Cond branch) {
            branches.add(new Layout.Branch(condition(branch.test()), build(branch.then())));
            rest = branch.otherwise();
        }
        return new Layout.Cases(branches, build(rest));
    }
}
