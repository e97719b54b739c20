package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.HALF;
import static dev.nncompile.sym.Exprs.MINUS_ONE;
import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.ZERO;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sub;

import java.util.ArrayList;
import java.util.List;

/**
 * Symbolic differentiation: the one derivative table of nncompile. Every rule lives in this class; each {@link Fn}
 * contributes only its local partial derivatives ({@link #partials}) and the chain rule is written once
 * ({@code d f(u₁…uₖ) = Σᵢ ∂ᵢf(u)·duᵢ}, in {@link #chainRule}).
 *
 * <p>Kinks follow the shared conventions (CONTRACTS.md, "Numerics"): the test of an {@code if} is not
 * differentiated, the derivative takes the branch the test picks, so {@code relu = if z > 0 then z else 0} has
 * relu′(0) = 0 and leaky relu has α at 0; abs′ = sign, so abs′(0) = 0; at a tie, {@code min(a, b)′ = a′} (the
 * branch {@code a <= b}) and {@code max(a, b)′ = a′} (the branch {@code a >= b}): the first argument wins.
 *
 * <pre>{@code
 * Expr z = Exprs.var("z");
 * Expr d = Derivative.of(Exprs.sigmoid(z), "z");   // σ(z)·(1 − σ(z))
 * }</pre>
 */
public final class Derivative {
    private Derivative() {}

    /** ∂e/∂var, built through the smart constructors and simplified by {@link Simplifier#simplify}. */
    public static Expr of(Expr e, String var) {
        return Simplifier.simplify(raw(e, var));
    }

    /** ∂e/∂var without the final simplification pass (still canonical through the constructors). */
    static Expr raw(Expr e, String var) {
        if (!dependsOn(e, var)) {
            return ZERO;
        }
        if (e instanceof Var) {
            return ONE; // a Var that depends on var is var itself
        }
        if (e instanceof Add a) {
            // linearity
            List<Expr> terms = new ArrayList<>();
            for (Expr t : a.terms()) {
                terms.add(raw(t, var));
            }
            return add(terms);
        }
        if (e instanceof Mul m) {
            return productRule(m.factors(), var);
        }
        if (e instanceof Pow p) {
            return powerRule(p, var);
        }
        if (e instanceof Call c) {
            return chainRule(c, var);
        }
        // the test is not differentiated: at a kink the derivative is the one of the branch the test picks
        Cond c = (Cond) e;
        return Exprs.cond(c.test(), raw(c.then(), var), raw(c.otherwise(), var));
    }

    /** (f₁·…·fₙ)′ = Σᵢ fᵢ′·Π_{j≠i} fⱼ, skipping the factors that do not depend on var. */
    private static Expr productRule(List<Expr> factors, String var) {
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            if (!dependsOn(factors.get(i), var)) {
                continue;
            }
            List<Expr> product = new ArrayList<>(factors);
            product.set(i, raw(factors.get(i), var));
            terms.add(mul(product));
        }
        return add(terms);
    }

    /**
     * (uᵛ)′ with two fast paths: a constant exponent gives v·uᵛ⁻¹·u′ (the power rule), a constant base gives
     * uᵛ·log(u)·v′; otherwise the general rule uᵛ·(v′·log u + v·u′/u).
     */
    private static Expr powerRule(Pow p, String var) {
        Expr u = p.base();
        Expr v = p.exponent();
        boolean baseVaries = dependsOn(u, var);
        boolean exponentVaries = dependsOn(v, var);
        if (!exponentVaries) {
            return mul(v, pow(u, sub(v, ONE)), raw(u, var));
        }
        if (!baseVaries) {
            return mul(p, Exprs.log(u), raw(v, var));
        }
        return mul(p, add(mul(raw(v, var), Exprs.log(u)), mul(v, raw(u, var), pow(u, MINUS_ONE))));
    }

    /** The chain rule, written once: d f(u₁…uₖ) = Σᵢ ∂ᵢf(u)·duᵢ. */
    private static Expr chainRule(Call c, String var) {
        List<Expr> partials = partials(c.fn(), c.args());
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Expr u = c.args().get(i);
            if (dependsOn(u, var)) {
                terms.add(mul(partials.get(i), raw(u, var)));
            }
        }
        return add(terms);
    }

    /**
     * The local derivative table: ∂f/∂uᵢ for each argument uᵢ of {@code fn}. Nothing else about a function's
     * derivative is known anywhere.
     */
    static List<Expr> partials(Fn fn, List<Expr> args) {
        Expr u = args.get(0);
        switch (fn) {
            case EXP:
                return List.of(Exprs.exp(u));
            case LOG:
                return List.of(pow(u, MINUS_ONE));
            case SQRT:
                return List.of(mul(HALF, pow(Exprs.sqrt(u), MINUS_ONE)));
            case ABS:
                // sign(0) = 0: abs′(0) = 0 by convention
                return List.of(Exprs.sign(u));
            case SIGN:
                return List.of(ZERO);
            case TANH:
                return List.of(sub(ONE, pow(Exprs.tanh(u), 2)));
            case SIGMOID: {
                Expr s = Exprs.sigmoid(u);
                return List.of(mul(s, sub(ONE, s)));
            }
            case SOFTPLUS:
                return List.of(Exprs.sigmoid(u));
            case ERF:
                // erf′(u) = 2/√π·e^(−u²)
                return List.of(mul(constant(2.0 / Math.sqrt(Math.PI)), Exprs.exp(Exprs.neg(pow(u, 2)))));
            case SIN:
                return List.of(Exprs.call(Fn.COS, u));
            case COS:
                return List.of(Exprs.neg(Exprs.call(Fn.SIN, u)));
            case MIN:
                return selectors(Exprs.compare(Test.Rel.LE, u, args.get(1)));
            case MAX:
                return selectors(Exprs.compare(Test.Rel.GE, u, args.get(1)));
            default:
                throw new IllegalStateException("no derivative for " + fn);
        }
    }

    /** ∂/∂a and ∂/∂b of "a if firstWins else b": the first argument takes the tie. */
    private static List<Expr> selectors(Test firstWins) {
        return List.of(Exprs.cond(firstWins, ONE, ZERO), Exprs.cond(firstWins, ZERO, ONE));
    }

    static boolean dependsOn(Expr e, String var) {
        return Exprs.freeVariables(e).contains(var);
    }
}
