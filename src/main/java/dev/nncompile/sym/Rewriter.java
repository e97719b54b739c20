package dev.nncompile.sym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Bottom-up rebuilding of an expression through the smart constructors: the one traversal that substitution and
 * simplification passes share.
 */
public final class Rewriter {
    private Rewriter() {}

    /** Rebuilds {@code e} with {@code rule} applied to every node after its children were rebuilt. */
    public static Expr bottomUp(Expr e, UnaryOperator<Expr> rule) {
        return rule.apply(rebuildChildren(e, child -> bottomUp(child, rule)));
    }

    /** Rebuilds {@code e} from its children mapped by {@code f}, through the smart constructors. */
    public static Expr rebuildChildren(Expr e, UnaryOperator<Expr> f) {
        if (e instanceof Const || e instanceof Var) {
            return e;
        }
        if (e instanceof Add a) {
            return Exprs.add(map(a.terms(), f));
        }
        if (e instanceof Mul m) {
            return Exprs.mul(map(m.factors(), f));
        }
        if (e instanceof Pow p) {
            return Exprs.pow(f.apply(p.base()), f.apply(p.exponent()));
        }
        if (e instanceof Call c) {
            return Exprs.call(c.fn(), map(c.args(), f));
        }
        Cond c = (Cond) e;
        return Exprs.cond(mapTest(c.test(), f), f.apply(c.then()), f.apply(c.otherwise()));
    }

    /**
     * Replaces every occurrence of {@code pattern} in {@code e} by {@code replacement}, structurally and top-down
     * (the replacement itself is not searched again). Besides equal subtrees it finds a pattern product among the
     * factors of a larger product and a pattern sum among the terms of a larger sum, up to a constant scale, since
     * the canonical forms flatten them away: replacing {@code z·σ(z)} by {@code a} in {@code 2·z·σ(z)·(1 − σ(z))}
     * gives {@code 2·a·(1 − σ(z))}; replacing {@code 1 − σ(z)} by {@code b} in {@code 2 − 2σ(z) + x} gives
     * {@code 2b + x}; a pattern factor {@code x} also matches inside a power {@code x³} (giving {@code a³}).
     *
     * <pre>{@code
     * Expr d = Derivative.of(Exprs.sigmoid(z), "z");                     // σ(z)·(1 − σ(z))
     * Expr viaA = Rewriter.replace(d, Exprs.sigmoid(z), Exprs.var("a"));  // a·(1 − a)
     * }</pre>
     */
    public static Expr replace(Expr e, Expr pattern, Expr replacement) {
        return new Replacement(pattern, replacement).apply(e);
    }

    public static Test mapTest(Test t, UnaryOperator<Expr> f) {
        if (t instanceof Test.Compare c) {
            return Exprs.compare(c.rel(), f.apply(c.left()), f.apply(c.right()));
        }
        if (t instanceof Test.And a) {
            return Exprs.and(mapTest(a.left(), f), mapTest(a.right(), f));
        }
        if (t instanceof Test.Or o) {
            return Exprs.or(mapTest(o.left(), f), mapTest(o.right(), f));
        }
        return Exprs.not(mapTest(((Test.Not) t).test(), f));
    }

    static Expr substitute(Expr e, Map<String, Expr> bindings) {
        return bottomUp(e,
                node -> node instanceof Var v && bindings.containsKey(v.name()) ? bindings.get(v.name()) : node);
    }

    static void collectVariables(Expr e, Set<String> out) {
        if (e instanceof Var v) {
            out.add(v.name());
        } else if (e instanceof Add a) {
            a.terms().forEach(t -> collectVariables(t, out));
        } else if (e instanceof Mul m) {
            m.factors().forEach(t -> collectVariables(t, out));
        } else if (e instanceof Pow p) {
            collectVariables(p.base(), out);
            collectVariables(p.exponent(), out);
        } else if (e instanceof Call c) {
            c.args().forEach(t -> collectVariables(t, out));
        } else if (e instanceof Cond c) {
            collectTestVariables(c.test(), out);
            collectVariables(c.then(), out);
            collectVariables(c.otherwise(), out);
        }
    }

    private static void collectTestVariables(Test t, Set<String> out) {
        if (t instanceof Test.Compare c) {
            collectVariables(c.left(), out);
            collectVariables(c.right(), out);
        } else if (t instanceof Test.And a) {
            collectTestVariables(a.left(), out);
            collectTestVariables(a.right(), out);
        } else if (t instanceof Test.Or o) {
            collectTestVariables(o.left(), out);
            collectTestVariables(o.right(), out);
        } else {
            collectTestVariables(((Test.Not) t).test(), out);
        }
    }

    private static List<Expr> map(List<Expr> xs, UnaryOperator<Expr> f) {
        List<Expr> out = new ArrayList<>(xs.size());
        for (Expr x : xs) {
            out.add(f.apply(x));
        }
        return out;
    }
}
