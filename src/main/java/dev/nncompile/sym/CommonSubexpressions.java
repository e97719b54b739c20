package dev.nncompile.sym;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Common-subexpression elimination over a group of expressions that are computed together (one statement's
 * right-hand sides, or a derivation shown in {@code explain}). Every non-trivial subexpression (not a constant or a
 * variable) used more than once across the roots becomes a temporary {@code t0, t1, …}; the roots and later
 * temporaries refer to it by a {@link Var}. Records are compared structurally, so this is hash-consing for free.
 *
 * <p>Deterministic: temporaries are numbered in first-use, bottom-up order (a post-order walk of the roots in
 * list order), which is also a dependency order. A use inside a shared subexpression counts once, however often
 * that subexpression is used, so {@code exp(a + b)} used twice makes only {@code exp(a + b)} a temporary, not
 * {@code a + b}. Names already used by a variable of the roots are skipped.
 *
 * <pre>{@code
 * Shared s = CommonSubexpressions.share(List.of(Derivative.of(Exprs.sigmoid(z), "z")));
 * // s.temporaries() = [t0 = σ(z)], s.roots() = [t0·(1 − t0)]
 * }</pre>
 */
public final class CommonSubexpressions {
    private CommonSubexpressions() {}

    /** A temporary: {@code name = value}, where value may refer to earlier temporaries. */
    public record Binding(String name, Expr value) {}

    /** The temporaries in dependency order and the roots rewritten to use them. */
    public record Shared(List<Binding> temporaries, List<Expr> roots) {
        public Shared {
            temporaries = List.copyOf(temporaries);
            roots = List.copyOf(roots);
        }
    }

    public static Shared share(List<Expr> roots) {
        // lookup only, never iterated into output
        Map<Expr, Integer> uses = new HashMap<>();
        for (Expr root : roots) {
            count(root, uses);
        }
        Set<String> taken = new TreeSet<>();
        for (Expr root : roots) {
            taken.addAll(Exprs.freeVariables(root));
        }
        Naming naming = new Naming(uses, taken);
        for (Expr root : roots) {
            naming.visit(root);
        }
        List<Expr> rewritten = new ArrayList<>();
        for (Expr root : roots) {
            rewritten.add(naming.refer(root));
        }
        return new Shared(naming.temporaries, rewritten);
    }

    /** Counts uses top-down; a subexpression seen before is not entered again (it will be one temporary). */
    private static void count(Expr e, Map<Expr, Integer> uses) {
        if (isTrivial(e)) {
            return;
        }
        int n = uses.merge(e, 1, Integer::sum);
        if (n == 1) {
            for (Expr child : children(e)) {
                count(child, uses);
            }
        }
    }

    private static boolean isTrivial(Expr e) {
        return e instanceof Var || Exprs.numericValue(e).isPresent();
    }

    /** Names the shared subexpressions in post-order and rewrites expressions to refer to them. */
    private static final class Naming {
        private final Map<Expr, Integer> uses;
        private final Set<String> taken;
        private final Map<Expr, Var> names = new LinkedHashMap<>();
        private final Set<Expr> visited = new HashSet<>();
        private final List<Binding> temporaries = new ArrayList<>();
        private int next;

        Naming(Map<Expr, Integer> uses, Set<String> taken) {
            this.uses = uses;
            this.taken = taken;
        }

        void visit(Expr e) {
            if (isTrivial(e) || !visited.add(e)) {
                return;
            }
            for (Expr child : children(e)) {
                visit(child);
            }
            if (uses.getOrDefault(e, 0) > 1) {
                Var name = new Var(freshName());
                temporaries.add(new Binding(name.name(), rebuild(e, this::refer)));
                names.put(e, name);
            }
        }

        /** e with every named subexpression (e itself included) replaced by its temporary. */
        Expr refer(Expr e) {
            Var name = names.get(e);
            return name != null ? name : rebuild(e, this::refer);
        }

        private String freshName() {
            String name;
            do {
                name = "t" + next++;
            } while (taken.contains(name));
            return name;
        }
    }

    /**
     * e with its children mapped, rebuilt as records rather than through the smart constructors: the structure (and
     * so the order in which a printer shows it) stays exactly as it was.
     */
    private static Expr rebuild(Expr e, UnaryOperator<Expr> f) {
        if (e instanceof Add a) {
            return new Add(map(a.terms(), f));
        }
        if (e instanceof Mul m) {
            return new Mul(map(m.factors(), f));
        }
        if (e instanceof Pow p) {
            return new Pow(f.apply(p.base()), f.apply(p.exponent()));
        }
        if (e instanceof Call c) {
            return new Call(c.fn(), map(c.args(), f));
        }
        if (e instanceof Cond c) {
            return new Cond(rebuildTest(c.test(), f), f.apply(c.then()), f.apply(c.otherwise()));
        }
        return e;
    }

    private static Test rebuildTest(Test t, UnaryOperator<Expr> f) {
        if (t instanceof Test.Compare c) {
            return new Test.Compare(c.rel(), f.apply(c.left()), f.apply(c.right()));
        }
        if (t instanceof Test.And a) {
            return new Test.And(rebuildTest(a.left(), f), rebuildTest(a.right(), f));
        }
        if (t instanceof Test.Or o) {
            return new Test.Or(rebuildTest(o.left(), f), rebuildTest(o.right(), f));
        }
        return new Test.Not(rebuildTest(((Test.Not) t).test(), f));
    }

    /** The direct subexpressions, those inside a condition's test included, in a fixed order. */
    static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Add a) {
            out.addAll(a.terms());
        } else if (e instanceof Mul m) {
            out.addAll(m.factors());
        } else if (e instanceof Pow p) {
            out.add(p.base());
            out.add(p.exponent());
        } else if (e instanceof Call c) {
            out.addAll(c.args());
        } else if (e instanceof Cond c) {
            testOperands(c.test(), out);
            out.add(c.then());
            out.add(c.otherwise());
        }
        return out;
    }

    private static void testOperands(Test t, List<Expr> out) {
        if (t instanceof Test.Compare c) {
            out.add(c.left());
            out.add(c.right());
        } else if (t instanceof Test.And a) {
            testOperands(a.left(), out);
            testOperands(a.right(), out);
        } else if (t instanceof Test.Or o) {
            testOperands(o.left(), out);
            testOperands(o.right(), out);
        } else {
            testOperands(((Test.Not) t).test(), out);
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
