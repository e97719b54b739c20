package dev.nncompile.sym;

import java.util.Comparator;
import java.util.List;

/**
 * The total order that makes canonical forms unique: constants, variables, calls, powers, products, sums,
 * conditionals; within a kind by content. It also decides print order, so {@code a − y} and {@code 1 − a} read
 * as a person writes them.
 */
public final class ExprOrder implements Comparator<Expr> {
    public static final ExprOrder INSTANCE = new ExprOrder();

    private ExprOrder() {}

    @Override
    public int compare(Expr a, Expr b) {
        int byKind = Integer.compare(rank(a), rank(b));
        if (byKind != 0) {
            return byKind;
        }
        if (a instanceof Const c) {
            return Double.compare(c.value(), ((Const) b).value());
        }
        if (a instanceof Var v) {
            return v.name().compareTo(((Var) b).name());
        }
        if (a instanceof Call c) {
            Call d = (Call) b;
            int byFn = c.fn().compareTo(d.fn());
            return byFn != 0 ? byFn : compareLists(c.args(), d.args());
        }
        if (a instanceof Pow p) {
            Pow q = (Pow) b;
            int byBase = compare(p.base(), q.base());
            return byBase != 0 ? byBase : compare(p.exponent(), q.exponent());
        }
        if (a instanceof Mul m) {
            Mul n = (Mul) b;
            // order products by what is multiplied, then by coefficient: 3·x sits next to x
            int byRest = compareLists(withoutCoefficient(m.factors()), withoutCoefficient(n.factors()));
            return byRest != 0 ? byRest : compareCoefficients(m.factors(), n.factors());
        }
        if (a instanceof Add s) {
            return compareLists(s.terms(), ((Add) b).terms());
        }
        Cond c = (Cond) a;
        Cond d = (Cond) b;
        int byTest = compareTests(c.test(), d.test());
        if (byTest != 0) {
            return byTest;
        }
        int byThen = compare(c.then(), d.then());
        return byThen != 0 ? byThen : compare(c.otherwise(), d.otherwise());
    }

    /**
     * The tie-break of two products whose factors other than the coefficient are equal: what
     * {@code compareLists(a, b)} would return, without comparing the equal factors a second time. Comparing them
     * again made the order cost 2^depth on nested products such as tanh(0.9·tanh(0.9·…)) (issue 8: a 60-deep
     * formula hung the checker).
     */
    private static int compareCoefficients(List<Expr> a, List<Expr> b) {
        boolean aHas = !a.isEmpty() && a.get(0) instanceof Const;
        boolean bHas = !b.isEmpty() && b.get(0) instanceof Const;
        if (aHas && bHas) {
            return Double.compare(((Const) a.get(0)).value(), ((Const) b.get(0)).value());
        }
        if (!aHas && !bHas) {
            return 0;
        }
        // one list is the other with a leading constant: the constant sorts before any other factor, or the
        // longer list sorts after when the other has no factor at all
        List<Expr> shorter = aHas ? b : a;
        int withCoefficient = shorter.isEmpty() ? 1 : -1;
        return aHas ? withCoefficient : -withCoefficient;
    }

    static List<Expr> withoutCoefficient(List<Expr> factors) {
        return !factors.isEmpty() && factors.get(0) instanceof Const ? factors.subList(1, factors.size()) : factors;
    }

    private static int rank(Expr e) {
        if (e instanceof Const) {
            return 0;
        }
        if (e instanceof Var) {
            return 1;
        }
        if (e instanceof Call) {
            return 2;
        }
        if (e instanceof Pow) {
            return 3;
        }
        if (e instanceof Mul) {
            return 4;
        }
        if (e instanceof Add) {
            return 5;
        }
        return 6;
    }

    private int compareLists(List<Expr> a, List<Expr> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The same kind of total order over conditions. */
    public int compareTests(Test a, Test b) {
        int byKind = Integer.compare(testRank(a), testRank(b));
        if (byKind != 0) {
            return byKind;
        }
        if (a instanceof Test.Compare c) {
            Test.Compare d = (Test.Compare) b;
            int byRel = c.rel().compareTo(d.rel());
            if (byRel != 0) {
                return byRel;
            }
            int byLeft = compare(c.left(), d.left());
            return byLeft != 0 ? byLeft : compare(c.right(), d.right());
        }
        if (a instanceof Test.And c) {
            Test.And d = (Test.And) b;
            int l = compareTests(c.left(), d.left());
            return l != 0 ? l : compareTests(c.right(), d.right());
        }
        if (a instanceof Test.Or c) {
            Test.Or d = (Test.Or) b;
            int l = compareTests(c.left(), d.left());
            return l != 0 ? l : compareTests(c.right(), d.right());
        }
        return compareTests(((Test.Not) a).test(), ((Test.Not) b).test());
    }

    private static int testRank(Test t) {
        if (t instanceof Test.Compare) {
            return 0;
        }
        if (t instanceof Test.And) {
            return 1;
        }
        return t instanceof Test.Or ? 2 : 3;
    }
}
