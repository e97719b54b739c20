package dev.nncompile.check;

import dev.nncompile.ast.Arg;
import dev.nncompile.ast.Definition;
import dev.nncompile.ast.Expr;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import dev.nncompile.source.Suggestions;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.Fn;
import dev.nncompile.sym.Test;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * User formulas → {@link dev.nncompile.sym.Expr}, through the smart constructors of {@link Exprs}. Two uses:
 * {@link #validate} checks a definition once, in its own variables and parameters (unknown names with "did you
 * mean", arity, conditions used as numbers and back, calls of softmax); {@link #instantiate} builds the formula a
 * layer or loss uses, parameters bound to constants and calls of other activations expanded in place.
 *
 * <p>Every child is checked even after one fails, so a formula's errors are all reported in one run.
 */
final class Formulas {
    private final Diagnostics diagnostics;
    private final Map<String, Definition> userActivations;
    private final Constants constants;

    Formulas(Diagnostics diagnostics, Map<String, Definition> userActivations) {
        this.diagnostics = diagnostics;
        this.userActivations = userActivations;
        this.constants = new Constants(diagnostics);
    }

    /** Checks a definition's body; false if anything was reported. */
    boolean validate(Definition def) {
        Map<String, dev.nncompile.sym.Expr> env = new LinkedHashMap<>();
        for (var v : def.variables()) {
            env.put(v.text(), Exprs.var(v.text()));
        }
        for (Definition.Param p : def.params()) {
            env.put(p.name().text(), Exprs.var(p.name().text()));
        }
        return number(def.body(), env, false) != null;
    }

    /**
     * The definition's formula with its variables replaced by {@code variables} and its parameters by
     * {@code params} (missing ones take their defaults). The definition must have passed {@link #validate}.
     */
    dev.nncompile.sym.Expr instantiate(Definition def, List<dev.nncompile.sym.Expr> variables,
                                       Map<String, dev.nncompile.sym.Expr> params) {
        Map<String, dev.nncompile.sym.Expr> env = new LinkedHashMap<>();
        for (int i = 0; i < def.variables().size(); i++) {
            env.put(def.variables().get(i).text(), variables.get(i));
        }
        for (Definition.Param p : def.params()) {
            dev.nncompile.sym.Expr value = params.get(p.name().text());
            if (value == null && p.defaultValue() != null) {
                Value v = constants.evaluate(p.defaultValue());
                value = v == null ? null : Exprs.constant(v.number());
            }
            if (value == null) {
                return null;
            }
            env.put(p.name().text(), value);
        }
        return number(def.body(), env, true);
    }

    /** Names a formula may call: the math functions, then every activation (built-in, then the file's own). */
    List<String> callableNames() {
        List<String> names = new ArrayList<>();
        for (Fn fn : Fn.values()) {
            names.add(fn.spelling());
        }
        for (String n : BuiltIns.ACTIVATIONS.keySet()) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        names.addAll(userActivations.keySet());
        return names;
    }

    Definition activation(String name) {
        Definition d = BuiltIns.ACTIVATIONS.get(name);
        return d != null ? d : userActivations.get(name);
    }

    // ---- numbers -----------------------------------------------------------------------------------------------

    private dev.nncompile.sym.Expr number(Expr e, Map<String, dev.nncompile.sym.Expr> env, boolean inline) {
        if (e instanceof Expr.Literal n) {
            double value = NumberText.value(n.text());
            if (!Double.isFinite(value)) {
                diagnostics.report(DiagnosticCode.NN301, e.span(), "number " + Quoted.of(n.text())
                        + " is too large for a double", null);
                return null;
            }
            return Exprs.constant(value);
        }
        if (e instanceof Expr.Ref r) {
            dev.nncompile.sym.Expr bound = env.get(r.name());
            if (bound == null) {
                String hint = Suggestions.hint(r.name(), List.copyOf(env.keySet()));
                diagnostics.report(DiagnosticCode.NN401, e.span(), "unknown variable " + Quoted.of(r.name()),
                        hint != null ? hint : "the formula knows " + known(env));
            }
            return bound;
        }
        if (e instanceof Expr.Paren p) {
            return number(p.inner(), env, inline);
        }
        if (e instanceof Expr.Neg n) {
            dev.nncompile.sym.Expr x = number(n.operand(), env, inline);
            return x == null ? null : Exprs.neg(x);
        }
        if (e instanceof Expr.Binary b) {
            dev.nncompile.sym.Expr l = number(b.left(), env, inline);
            dev.nncompile.sym.Expr r = number(b.right(), env, inline);
            if (l == null || r == null) {
                return null;
            }
            return switch (b.op()) {
                case ADD -> Exprs.add(l, r);
                case SUB -> Exprs.sub(l, r);
                case MUL -> Exprs.mul(l, r);
                case DIV -> Exprs.div(l, r);
                case POW -> Exprs.pow(l, r);
            };
        }
        if (e instanceof Expr.Call c) {
            return call(c, env, inline);
        }
        if (e instanceof Expr.If i) {
            Test test = test(i.test(), env, inline);
            dev.nncompile.sym.Expr then = number(i.then(), env, inline);
            dev.nncompile.sym.Expr otherwise = number(i.otherwise(), env, inline);
            if (test == null || then == null || otherwise == null) {
                return null;
            }
            return Exprs.cond(test, then, otherwise);
        }
        if (e instanceof Expr.Compare || e instanceof Expr.Logic || e instanceof Expr.Not) {
            test(e, env, inline);
            diagnostics.report(DiagnosticCode.NN405, e.span(), "a condition is used where a number is expected",
                    "write 'if condition then value else other'");
            return null;
        }
        return null; // Expr.Missing: already reported by the parser
    }

    private static String known(Map<String, dev.nncompile.sym.Expr> env) {
        List<String> names = new ArrayList<>();
        for (String n : env.keySet()) {
            names.add(Quoted.of(n));
        }
        return names.isEmpty() ? "no variables" : String.join(", ", names);
    }

    private dev.nncompile.sym.Expr call(Expr.Call c, Map<String, dev.nncompile.sym.Expr> env, boolean inline) {
        String name = c.function().text();
        Optional<Fn> fn = Fn.bySpelling(name);
        if (fn.isPresent()) {
            List<dev.nncompile.sym.Expr> args = new ArrayList<>();
            boolean ok = true;
            for (Arg a : c.args()) {
                if (a.name() != null) {
                    diagnostics.report(DiagnosticCode.NN106, a.name().span(),
                            Quoted.of(name) + " takes no named arguments", null);
                    ok = false;
                }
                dev.nncompile.sym.Expr x = number(a.value(), env, inline);
                ok &= x != null;
                args.add(x);
            }
            if (args.size() != fn.get().arity()) {
                diagnostics.report(DiagnosticCode.NN403, c.span(), Quoted.of(name) + " takes "
                        + plural(fn.get().arity(), "argument") + ", got " + args.size(), null);
                return null;
            }
            return ok ? Exprs.call(fn.get(), args) : null;
        }
        if (name.equals(BuiltIns.SOFTMAX)) {
            diagnostics.report(DiagnosticCode.NN408, c.function().span(),
                    "softmax is row-wise and cannot be called inside a formula",
                    "use it as the output layer's activation: dense K softmax");
            return null;
        }
        Definition callee = activation(name);
        if (callee == null) {
            String hint = Suggestions.hint(name, callableNames());
            diagnostics.report(DiagnosticCode.NN402, c.function().span(), "unknown function " + Quoted.of(name),
                    hint);
            for (Arg a : c.args()) {
                number(a.value(), env, inline);
            }
            return null;
        }
        return callActivation(c, callee, env, inline);
    }

    /** {@code leaky_relu(z, alpha = 0.2)}: the first argument is the activation's input, the rest its parameters. */
    private dev.nncompile.sym.Expr callActivation(Expr.Call c, Definition callee,
                                                  Map<String, dev.nncompile.sym.Expr> env, boolean inline) {
        String name = Quoted.of(c.function().text());
        boolean ok = true;
        dev.nncompile.sym.Expr input = null;
        Map<String, dev.nncompile.sym.Expr> params = new LinkedHashMap<>();
        int positional = 0;
        for (Arg a : c.args()) {
            dev.nncompile.sym.Expr x = number(a.value(), env, inline);
            ok &= x != null;
            String param;
            if (a.name() == null) {
                if (positional == 0) {
                    input = x;
                    positional++;
                    continue;
                }
                if (positional - 1 >= callee.params().size()) {
                    diagnostics.report(DiagnosticCode.NN403, a.span(), name + " takes at most "
                            + plural(1 + callee.params().size(), "argument") + ", got " + c.args().size(), null);
                    ok = false;
                    positional++;
                    continue;
                }
                param = callee.params().get(positional - 1).name().text();
                positional++;
            } else {
                param = a.name().text();
                boolean known = callee.params().stream().anyMatch(p -> p.name().text().equals(param));
                if (!known) {
                    List<String> names = callee.params().stream().map(p -> p.name().text()).toList();
                    String hint = Suggestions.hint(param, names);
                    diagnostics.report(DiagnosticCode.NN106, a.name().span(), "activation " + name
                            + " has no parameter " + Quoted.of(param), hint != null ? hint
                            : names.isEmpty() ? "it takes none" : "its parameters are " + String.join(", ", names));
                    ok = false;
                    continue;
                }
            }
            if (params.containsKey(param)) {
                diagnostics.report(DiagnosticCode.NN110, a.span(), "parameter " + Quoted.of(param) + " of "
                        + name + " is given twice", null);
                ok = false;
                continue;
            }
            params.put(param, x);
        }
        if (positional == 0) {
            diagnostics.report(DiagnosticCode.NN403, c.span(), name + " needs its input as the first argument",
                    "write e.g. " + c.function().text() + "(z)");
            return null;
        }
        for (Definition.Param p : callee.params()) {
            if (p.defaultValue() == null && !params.containsKey(p.name().text())) {
                diagnostics.report(DiagnosticCode.NN403, c.span(), name + " needs a value for "
                        + Quoted.of(p.name().text()), null);
                ok = false;
            }
        }
        if (!ok || input == null) {
            return null;
        }
        if (!inline) {
            // checking only: the callee is checked on its own; stand for its result with an opaque variable
            return Exprs.var("$" + c.function().text());
        }
        return instantiate(callee, List.of(input), params);
    }

    // ---- conditions --------------------------------------------------------------------------------------------

    private Test test(Expr e, Map<String, dev.nncompile.sym.Expr> env, boolean inline) {
        if (e instanceof Expr.Paren p) {
            return test(p.inner(), env, inline);
        }
        if (e instanceof Expr.Compare c) {
            dev.nncompile.sym.Expr l = number(c.left(), env, inline);
            dev.nncompile.sym.Expr r = number(c.right(), env, inline);
            if (l == null || r == null) {
                return null;
            }
            return Exprs.compare(Test.Rel.valueOf(c.op().name()), l, r);
        }
        if (e instanceof Expr.Logic g) {
            Test l = test(g.left(), env, inline);
            Test r = test(g.right(), env, inline);
            if (l == null || r == null) {
                return null;
            }
            return g.and() ? Exprs.and(l, r) : Exprs.or(l, r);
        }
        if (e instanceof Expr.Not n) {
            Test t = test(n.operand(), env, inline);
            return t == null ? null : Exprs.not(t);
        }
        if (e instanceof Expr.Missing) {
            return null;
        }
        number(e, env, inline);
        diagnostics.report(DiagnosticCode.NN405, e.span(), "a number is used where a condition is expected",
                "compare it, e.g. z > 0");
        return null;
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
