package dev.nncompile.sym;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders an {@link Expr} as a Java expression of type {@code float} or {@code double}: the one place that knows
 * Java's operator precedence, so parentheses are minimal and always correct.
 *
 * <p>Every variable is assumed to have the printer's type. Literals round-trip exactly ({@code 0.1f}, {@code 1.0E-8});
 * NaN and infinities print as {@code Float.NaN} etc. Powers with exponent 2 or 3 become products, −1 a division,
 * ½ {@code Math.sqrt}; {@code if} becomes {@code (test ? a : b)}; tanh, sigmoid, softplus and erf call private static
 * helper methods of the same names that the generated class must carry (see {@link #helpersNeeded}), written in double
 * exactly as {@link NumericFunctions}.
 *
 * <pre>{@code
 * JavaPrinter java = new JavaPrinter(JavaPrinter.Type.FLOAT);
 * String code = java.print(Exprs.mul(a, Exprs.sub(Exprs.ONE, a)), v -> v + "[j]");   // a[j] * (1.0f - a[j])
 * }</pre>
 */
public final class JavaPrinter {

    /** The Java floating-point type the expression computes in. */
    public enum Type {
        FLOAT("float"), DOUBLE("double");

        private final String keyword;

        Type(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    // Java precedence levels (JLS §15), higher binds tighter.
    private static final int TERNARY = 1;
    private static final int OR = 2;
    private static final int AND = 3;
    private static final int EQUALITY = 4;
    private static final int RELATIONAL = 5;
    private static final int ADDITIVE = 6;
    private static final int MULTIPLICATIVE = 7;
    private static final int UNARY = 8;
    private static final int PRIMARY = 9;

    /** A rendered fragment and the precedence of its top-level operator. */
    private record Code(String text, int precedence) {}

    private final Type type;

    public JavaPrinter(Type type) {
        this.type = type;
    }

    public Type type() {
        return type;
    }

    /** The expression as Java source; {@code naming} maps a variable name to the Java expression that reads it. */
    public String print(Expr e, Function<String, String> naming) {
        return render(e, naming).text();
    }

    /** A condition as Java source. */
    public String print(Test t, Function<String, String> naming) {
        return renderTest(t, naming).text();
    }

    /** A literal of the printer's type that converts back to exactly {@code (type) value}. */
    public String literal(double value) {
        return render(new Const(value), v -> v).text();
    }

    /**
     * The helper functions ({@link Fn#TANH}, {@link Fn#SIGMOID}, {@link Fn#SOFTPLUS}, {@link Fn#ERF}) the expression
     * calls.
     */
    public static Set<Fn> helpersNeeded(Expr e) {
        Set<Fn> out = EnumSet.noneOf(Fn.class);
        collectHelpers(e, out);
        return out;
    }

    // ---- expressions -----------------------------------------------------------------------------------------

    private Code render(Expr e, Function<String, String> naming) {
        OptionalDouble number = Exprs.numericValue(e);
        if (number.isPresent()) {
            return constant(number.getAsDouble());
        }
        if (e instanceof Var v) {
            return new Code(naming.apply(v.name()), PRIMARY);
        }
        if (e instanceof Add a) {
            return sum(a.terms(), naming);
        }
        if (e instanceof Mul m) {
            return product(m.factors(), naming);
        }
        if (e instanceof Pow p) {
            return power(p, naming);
        }
        if (e instanceof Call c) {
            return call(c, naming);
        }
        Cond c = (Cond) e;
        return new Code("(" + renderTest(c.test(), naming).text() + " ? " + render(c.then(), naming).text() + " : "
                + render(c.otherwise(), naming).text() + ")", PRIMARY);
    }

    private Code constant(double value) {
        if (type == Type.FLOAT) {
            float f = (float) value;
            if (Float.isNaN(f)) {
                return new Code("Float.NaN", PRIMARY);
            }
            if (Float.isInfinite(f)) {
                return new Code(f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY", PRIMARY);
            }
            String digits = shortestDigits(Math.abs((double) f), true) + "f";
            return signed(f < 0 || (f == 0 && 1 / f < 0), digits);
        }
        if (Double.isNaN(value)) {
            return new Code("Double.NaN", PRIMARY);
        }
        if (Double.isInfinite(value)) {
            return new Code(value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY", PRIMARY);
        }
        String digits = shortestDigits(Math.abs(value), false);
        return signed(value < 0 || (value == 0 && 1 / value < 0), digits);
    }

    private static Code signed(boolean negative, String digits) {
        return negative ? new Code("-" + digits, UNARY) : new Code(digits, PRIMARY);
    }

    /**
     * The fewest significant digits that parse back to the same value, by exact decimal arithmetic (BigDecimal), so
     * the text is the same on every JDK (Double.toString changed in JDK 19).
     */
    static String shortestDigits(double magnitude, boolean asFloat) {
        if (magnitude == 0) {
            return "0.0";
        }
        BigDecimal exact = new BigDecimal(magnitude);
        BigDecimal chosen = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            boolean same = asFloat
                    ? Float.parseFloat(candidate.toString()) == (float) magnitude
                    : Double.parseDouble(candidate.toString()) == magnitude;
            if (same) {
                chosen = candidate;
                break;
            }
        }
        chosen = chosen.stripTrailingZeros();
        String unscaled = chosen.unscaledValue().toString();
        int exponent = unscaled.length() - 1 - chosen.scale();   // value = d.ddd × 10^exponent
        if (exponent >= -4 && exponent < 8) {
            String plain = chosen.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String mantissa = unscaled.length() == 1 ? unscaled + ".0" : unscaled.charAt(0) + "." + unscaled.substring(1);
        return mantissa + "E" + exponent;
    }

    /** Σ terms: a negative term (negative coefficient or constant) is written as a subtraction. */
    private Code sum(List<Expr> terms, Function<String, String> naming) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            Expr term = terms.get(i);
            Expr magnitude = negated(term);
            if (i == 0) {
                out.append(parenthesize(render(term, naming), ADDITIVE));
            } else if (magnitude != null) {
                out.append(" - ").append(parenthesize(render(magnitude, naming), ADDITIVE + 1));
            } else {
                out.append(" + ").append(parenthesize(render(term, naming), ADDITIVE + 1));
            }
        }
        return new Code(out.toString(), ADDITIVE);
    }

    /**
     * −term when term is visibly negative (negative constant or coefficient), else null: such a term of a sum is
     * written as a subtraction (also by the Vector API renderer, which must add in the same order).
     */
    public static Expr negated(Expr term) {
        if (term instanceof Const c && (c.value() < 0)) {
            return new Const(-c.value());
        }
        if (term instanceof Mul m && m.factors().get(0) instanceof Const c && c.value() < 0) {
            List<Expr> rest = new ArrayList<>(m.factors());
            if (c.value() == -1.0) {
                rest.remove(0);
            } else {
                rest.set(0, new Const(-c.value()));
            }
            return rest.size() == 1 ? rest.get(0) : new Mul(rest);
        }
        return null;
    }

    /**
     * A product as Java code computes it: the constant coefficient, the factors multiplied in order, the divisors
     * (factors with a negative constant exponent, as positive powers) divided by in order.
     */
    public record Quotient(double coefficient, List<Expr> numerator, List<Expr> denominator) {

        public static Quotient of(List<Expr> factors) {
            double coefficient = 1.0;
            List<Expr> numerator = new ArrayList<>();
            List<Expr> denominator = new ArrayList<>();
            for (Expr f : factors) {
                if (f instanceof Const c) {
                    coefficient *= c.value();
                } else if (f instanceof Pow p && p.exponent() instanceof Const e && e.value() < 0) {
                    denominator.add(e.value() == -1.0 ? p.base() : new Pow(p.base(), new Const(-e.value())));
                } else {
                    numerator.add(f);
                }
            }
            return new Quotient(coefficient, List.copyOf(numerator), List.copyOf(denominator));
        }
    }

    /** Π factors: coefficient first, factors with a negative constant exponent become divisors. */
    private Code product(List<Expr> factors, Function<String, String> naming) {
        Quotient q = Quotient.of(factors);
        double coefficient = q.coefficient();
        List<Expr> numerator = q.numerator();
        List<Expr> denominator = q.denominator();
        boolean negative = coefficient < 0 || (coefficient == 0 && 1 / coefficient < 0);
        double magnitude = Math.abs(coefficient);
        List<Code> operands = new ArrayList<>();
        if (magnitude != 1.0 || numerator.isEmpty()) {
            operands.add(constant(magnitude));
        }
        for (Expr f : numerator) {
            operands.add(render(f, naming));
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.append(" * ");
            }
            out.append(parenthesize(operands.get(i), i == 0 ? MULTIPLICATIVE : MULTIPLICATIVE + 1));
        }
        for (Expr d : denominator) {
            out.append(" / ").append(parenthesize(render(d, naming), MULTIPLICATIVE + 1));
        }
        boolean single = operands.size() == 1 && denominator.isEmpty();
        Code positive = single ? operands.get(0) : new Code(out.toString(), MULTIPLICATIVE);
        if (!negative) {
            return positive;
        }
        // -x * y is (-x) * y, which is −(x·y) bit for bit: IEEE rounding is symmetric in sign
        String body = single ? parenthesize(positive, UNARY) : positive.text();
        if (body.startsWith("-")) {
            body = "(" + body + ")";   // never "--"
        }
        return new Code("-" + body, single ? UNARY : MULTIPLICATIVE);
    }

    private Code power(Pow p, Function<String, String> naming) {
        if (p.exponent() instanceof Const c) {
            double e = c.value();
            if (e == 1.0) {
                return render(p.base(), naming);
            }
            if (e == 0.0) {
                return constant(1.0);
            }
            if (e < 0) {
                String den = parenthesize(power(new Pow(p.base(), new Const(-e)), naming), MULTIPLICATIVE + 1);
                return new Code(constant(1.0).text() + " / " + den, MULTIPLICATIVE);
            }
            if (e == 2.0 || e == 3.0) {
                String first = parenthesize(render(p.base(), naming), MULTIPLICATIVE);
                String next = parenthesize(render(p.base(), naming), MULTIPLICATIVE + 1);
                return new Code(first + " * " + next + (e == 3.0 ? " * " + next : ""), MULTIPLICATIVE);
            }
            if (e == 0.5) {
                return mathCall("sqrt", List.of(p.base()), naming);
            }
        }
        return mathCall("pow", List.of(p.base(), p.exponent()), naming);
    }

    private Code call(Call c, Function<String, String> naming) {
        List<Expr> args = c.args();
        return switch (c.fn()) {
            case EXP, LOG, SQRT, SIN, COS -> mathCall(c.fn().spelling(), args, naming);
            case ABS -> sameTypeCall("Math.abs", args, naming);
            case SIGN -> sameTypeCall("Math.signum", args, naming);
            case MIN -> sameTypeCall("Math.min", args, naming);
            case MAX -> sameTypeCall("Math.max", args, naming);
            case TANH, SIGMOID, SOFTPLUS, ERF -> castIfFloat(c.fn().spelling() + arguments(args, naming));
        };
    }

    /** {@code Math.f(...)}, which computes in double: cast back in float mode. */
    private Code mathCall(String name, List<Expr> args, Function<String, String> naming) {
        return castIfFloat("Math." + name + arguments(args, naming));
    }

    /** A call with float and double overloads: no cast needed. */
    private Code sameTypeCall(String name, List<Expr> args, Function<String, String> naming) {
        return new Code(name + arguments(args, naming), PRIMARY);
    }

    private Code castIfFloat(String doubleCall) {
        return type == Type.FLOAT ? new Code("(float) " + doubleCall, UNARY) : new Code(doubleCall, PRIMARY);
    }

    private String arguments(List<Expr> args, Function<String, String> naming) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(render(args.get(i), naming).text());
        }
        return out.append(')').toString();
    }

    // ---- conditions ------------------------------------------------------------------------------------------

    private Code renderTest(Test t, Function<String, String> naming) {
        if (t instanceof Test.Compare c) {
            int level = c.rel() == Test.Rel.EQ || c.rel() == Test.Rel.NE ? EQUALITY : RELATIONAL;
            return new Code(parenthesize(render(c.left(), naming), level + 1) + " " + c.rel().spelling() + " "
                    + parenthesize(render(c.right(), naming), level + 1), level);
        }
        if (t instanceof Test.And a) {
            return new Code(parenthesize(renderTest(a.left(), naming), AND) + " && "
                    + parenthesize(renderTest(a.right(), naming), AND + 1), AND);
        }
        if (t instanceof Test.Or o) {
            return new Code(parenthesize(renderTest(o.left(), naming), OR) + " || "
                    + parenthesize(renderTest(o.right(), naming), OR + 1), OR);
        }
        Test.Not n = (Test.Not) t;
        return new Code("!" + parenthesize(renderTest(n.test(), naming), PRIMARY), UNARY);
    }

    /** The fragment's text, in parentheses when its operator binds less tightly than {@code needed}. */
    private static String parenthesize(Code code, int needed) {
        return code.precedence() < needed ? "(" + code.text() + ")" : code.text();
    }

    private static void collectHelpers(Expr e, Set<Fn> out) {
        if (e instanceof Add a) {
            a.terms().forEach(t -> collectHelpers(t, out));
        } else if (e instanceof Mul m) {
            m.factors().forEach(f -> collectHelpers(f, out));
        } else if (e instanceof Pow p) {
            collectHelpers(p.base(), out);
            collectHelpers(p.exponent(), out);
        } else if (e instanceof Call c) {
            if (c.fn() == Fn.TANH || c.fn() == Fn.SIGMOID || c.fn() == Fn.SOFTPLUS || c.fn() == Fn.ERF) {
                out.add(c.fn());
            }
            c.args().forEach(a -> collectHelpers(a, out));
        } else if (e instanceof Cond c) {
            collectTestHelpers(c.test(), out);
            collectHelpers(c.then(), out);
            collectHelpers(c.otherwise(), out);
        }
    }

    private static void collectTestHelpers(Test t, Set<Fn> out) {
        if (t instanceof Test.Compare c) {
            collectHelpers(c.left(), out);
            collectHelpers(c.right(), out);
        } else if (t instanceof Test.And a) {
            collectTestHelpers(a.left(), out);
            collectTestHelpers(a.right(), out);
        } else if (t instanceof Test.Or o) {
            collectTestHelpers(o.left(), out);
            collectTestHelpers(o.right(), out);
        } else {
            collectTestHelpers(((Test.Not) t).test(), out);
        }
    }
}
