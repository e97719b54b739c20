package dev.nncompile.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.nncompile.sym.Add;
import dev.nncompile.sym.Call;
import dev.nncompile.sym.Cond;
import dev.nncompile.sym.Const;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.Fn;
import dev.nncompile.sym.JavaPrinter;
import dev.nncompile.sym.Mul;
import dev.nncompile.sym.Pow;
import dev.nncompile.sym.Test;
import dev.nncompile.sym.Var;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Renders an {@link Expr} as Vector API code over the LANES elements from j, for the elementwise loops of the
 * {@code --simd} classes. Why: a {@link Cond} (relu, its derivative factor) is a branch per element in scalar Java
 * (C2 has no branch-free select for floats on x86), mispredicted half the time on real activations; a vector blend
 * has no branch.
 *
 * <p>Only what is exact lane by lane is rendered: +, −, ×, ÷, integer powers up to 3, sqrt, abs and conditions, each
 * lane rounded as the scalar code rounds it. The operations follow {@link JavaPrinter}'s order (sums and products
 * left to right, the coefficient first, divisors last), so the vector loop and the scalar loop give the same bits.
 * Anything else (exp, log, the helper functions, other powers, min/max) is not {@link #supports supported}: its loop
 * stays scalar.
 *
 * <p>A variable whose Java name ends in {@code [j]} is an element (loaded as a vector from its array at j); a name in
 * the given set of vector locals is a vector already; any other name is a scalar (broadcast where needed).
 */
final class VectorExpressions {
    private final Real real;
    private final ClassName vector;
    private final ClassName operators = ClassName.get(VectorKernels.PACKAGE, "VectorOperators");

    VectorExpressions(Real real) {
        this.real = real;
        this.vector = VectorKernels.vectorClass(real);
    }

    ClassName vectorType() {
        return vector;
    }

    /** Whether {@code e} renders lane by lane with exactly the scalar code's rounding. */
    static boolean supports(Expr e) {
        if (e instanceof Const || e instanceof Var) {
            return true;
        }
        if (e instanceof Add a) {
            return a.terms().stream().allMatch(VectorExpressions::supports);
        }
        if (e instanceof Mul m) {
            return m.factors().stream().allMatch(VectorExpressions::supports);
        }
        if (e instanceof Pow p) {
            if (!(p.exponent() instanceof Const c)) {
                return false;
            }
            double x = Math.abs(c.value());
            return (x == 0.0 || x == 1.0 || x == 2.0 || x == 3.0 || x == 0.5) && supports(p.base());
        }
        if (e instanceof Call c) {
            return (c.fn() == Fn.SQRT || c.fn() == Fn.ABS)
                    && supports(c.args().get(0));
        }
        Cond c = (Cond) e;
        return supports(c.test()) && supports(c.then()) && supports(c.otherwise());
    }

    private static boolean supports(Test t) {
        if (t instanceof Test.Compare c) {
            return supports(c.left()) && supports(c.right());
        }
        if (t instanceof Test.And a) {
            return supports(a.left()) && supports(a.right());
        }
        if (t instanceof Test.Or o) {
            return supports(o.left()) && supports(o.right());
        }
        return supports(((Test.Not) t).test());
    }

    /** The array of an element's Java name: {@code z1Row} of {@code z1Row[j]}, or null for a scalar's name. */
    static String arrayOf(String name) {
        return name.endsWith("[j]") ? name.substring(0, name.length() - "[j]".length()) : null;
    }

    /** The vector value of a {@link #supports supported} expression (a scalar result is broadcast). */
    CodeBlock print(Expr e, Function<String, String> naming, Collection<String> vectorLocals) {
        return asVector(render(e, naming, vectorLocals));
    }

    /** A rendered operand: a vector expression, or a scalar one (a literal or a scalar variable). */
    private record Operand(CodeBlock code, boolean isVector) {
        static Operand scalar(String text) {
            return new Operand(CodeBlock.of("$L", text), false);
        }
    }

    private CodeBlock asVector(Operand o) {
        if (o.isVector()) {
            return o.code();
        }
        if (o.code().toString().equals(real.literal(0.0))) {
            return CodeBlock.of("$T.zero(SPECIES)", vector);
        }
        return CodeBlock.of("$T.broadcast(SPECIES, $L)", vector, o.code());
    }

    private Operand render(Expr e, Function<String, String> naming, Collection<String> locals) {
        OptionalDouble number = Exprs.numericValue(e);
        if (number.isPresent()) {
            return Operand.scalar(real.literal(number.getAsDouble()));
        }
        if (e instanceof Var v) {
            String name = naming.apply(v.name());
            String array = arrayOf(name);
            if (array != null) {
                return new Operand(CodeBlock.of("$T.fromArray(SPECIES, $L, j)", vector, array), true);
            }
            return locals.contains(name) ? new Operand(CodeBlock.of("$L", name), true) : Operand.scalar(name);
        }
        if (e instanceof Add a) {
            Operand sum = render(a.terms().get(0), naming, locals);
            for (Expr term : a.terms().subList(1, a.terms().size())) {
                Expr magnitude = JavaPrinter.negated(term);
                sum = magnitude != null
                        ? binary(sum, "sub", false, render(magnitude, naming, locals))
                        : binary(sum, "add", true, render(term, naming, locals));
            }
            return sum;
        }
        if (e instanceof Mul m) {
            return product(m.factors(), naming, locals);
        }
        if (e instanceof Pow p) {
            return power(p.base(), ((Const) p.exponent()).value(), naming, locals);
        }
        if (e instanceof Call c) {
            String method = c.fn() == Fn.SQRT ? "sqrt" : "abs";
            return new Operand(CodeBlock.of("$L.$L()", asVector(render(c.args().get(0), naming, locals)), method),
                    true);
        }
        Cond c = (Cond) e;
        // every lane computes both branches and keeps one: the same values as the scalar ternary
        return new Operand(CodeBlock.of("$L$Z.blend($L,$W$L)", asVector(render(c.otherwise(), naming, locals)),
                asVector(render(c.then(), naming, locals)), mask(c.test(), naming, locals)), true);
    }

    /** As {@link JavaPrinter}: |coefficient| first, the numerator's factors, then each divisor; negated last. */
    private Operand product(List<Expr> factors, Function<String, String> naming, Collection<String> locals) {
        JavaPrinter.Quotient q = JavaPrinter.Quotient.of(factors);
        double coefficient = q.coefficient();
        List<Expr> numerator = q.numerator();
        List<Expr> denominator = q.denominator();
        boolean negative = coefficient < 0 || (coefficient == 0 && 1 / coefficient < 0);
        double magnitude = Math.abs(coefficient);
        Operand out = null;
        if (magnitude != 1.0 || numerator.isEmpty()) {
            out = Operand.scalar(real.literal(magnitude));
        }
        for (Expr f : numerator) {
            Operand next = render(f, naming, locals);
            out = out == null ? next : binary(out, "mul", true, next);
        }
        for (Expr d : denominator) {
            out = binary(out, "div", false, render(d, naming, locals));
        }
        return negative ? new Operand(CodeBlock.of("$L.neg()", asVector(out)), true) : out;
    }

    /** As {@link JavaPrinter}: x¹ = x, x⁰ = 1, x⁻ᵉ = 1 / xᵉ, x² and x³ as products, x^½ = √x. */
    private Operand power(Expr base, double exponent, Function<String, String> naming, Collection<String> locals) {
        if (exponent == 1.0) {
            return render(base, naming, locals);
        }
        if (exponent == 0.0) {
            return Operand.scalar(real.literal(1.0));
        }
        if (exponent < 0) {
            return binary(Operand.scalar(real.literal(1.0)), "div", false, power(base, -exponent, naming, locals));
        }
        if (exponent == 0.5) {
            return new Operand(CodeBlock.of("$L.sqrt()", asVector(render(base, naming, locals))), true);
        }
        Operand b = render(base, naming, locals);
        Operand square = binary(b, "mul", true, b);
        return exponent == 2.0 ? square : binary(square, "mul", true, b);
    }

    /**
     * {@code left op right}: a vector's method with a vector or scalar argument. A scalar left operand of a
     * commutative operation becomes the argument (IEEE + and × are commutative bit for bit); otherwise it is
     * broadcast.
     */
    private Operand binary(Operand left, String op, boolean commutative, Operand right) {
        if (left.isVector()) {
            return new Operand(CodeBlock.of("$L$Z.$L($L)", left.code(), op, right.code()), true);
        }
        if (right.isVector() && commutative) {
            return new Operand(CodeBlock.of("$L$Z.$L($L)", right.code(), op, left.code()), true);
        }
        return new Operand(CodeBlock.of("$L$Z.$L($L)", asVector(left), op, right.code()), true);
    }

    private CodeBlock mask(Test t, Function<String, String> naming, Collection<String> locals) {
        if (t instanceof Test.Compare c) {
            Operand left = render(c.left(), naming, locals);
            Operand right = render(c.right(), naming, locals);
            Test.Rel rel = c.rel();
            if (!left.isVector() && right.isVector()) {
                // 0 < z is z > 0: a comparison with NaN is false either way
                Operand swap = left;
                left = right;
                right = swap;
                rel = switch (rel) {
                    case LT -> Test.Rel.GT;
                    case LE -> Test.Rel.GE;
                    case GT -> Test.Rel.LT;
                    case GE -> Test.Rel.LE;
                    case EQ, NE -> rel;
                };
            }
            // Java's != holds for NaN: the negation of ==, whatever the vector NE does
            String op = rel == Test.Rel.NE ? "EQ" : rel.name();
            CodeBlock compare = CodeBlock.of("$L$Z.compare($T.$L, $L)", asVector(left), operators, op, right.code());
            return rel == Test.Rel.NE ? CodeBlock.of("$L.not()", compare) : compare;
        }
        if (t instanceof Test.And a) {
            return CodeBlock.of("$L.and($L)", mask(a.left(), naming, locals), mask(a.right(), naming, locals));
        }
        if (t instanceof Test.Or o) {
            return CodeBlock.of("$L.or($L)", mask(o.left(), naming, locals), mask(o.right(), naming, locals));
        }
        return CodeBlock.of("$L.not()", mask(((Test.Not) t).test(), naming, locals));
    }
}
