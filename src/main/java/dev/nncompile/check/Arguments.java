package dev.nncompile.check;

import dev.nncompile.ast.Arg;
import dev.nncompile.ast.Expr;
import dev.nncompile.ast.FnRef;
import dev.nncompile.ast.TrainItem;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import dev.nncompile.source.SourceSpan;
import dev.nncompile.source.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the arguments of a use like {@code adam(lr = 1e-3, beta2 = 0.99)} or {@code l2(1e-4)} to a parameter
 * list: positional arguments first, in order, then named ones; defaults fill the rest. Every problem is reported —
 * unknown names with "did you mean", duplicates, missing required values, too many, wrong types, out of range —
 * and the binding goes on, so one run shows them all.
 */
final class Arguments {
    private final Diagnostics diagnostics;
    private final Constants constants;

    Arguments(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.constants = new Constants(diagnostics);
    }

    /**
     * The value of every parameter (defaults included), or null if any argument was wrong.
     *
     * @param what how the message names the thing, e.g. "optimizer 'adam'"
     */
    Map<String, Double> bind(FnRef use, String what, List<ParamSpec> specs) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, SourceSpan> givenAt = new LinkedHashMap<>();
        boolean ok = true;
        boolean sawNamed = false;
        int positional = 0;
        for (Arg arg : use.args()) {
            ParamSpec spec;
            if (arg.name() == null) {
                if (sawNamed) {
                    diagnostics.report(DiagnosticCode.NN118, arg.span(),
                            "positional argument after a named one in " + what,
                            "name it too, e.g. " + (positional < specs.size() ? specs.get(positional).name() : "x")
                                    + " = …");
                    ok = false;
                    continue;
                }
                if (positional >= specs.size()) {
                    diagnostics.report(DiagnosticCode.NN118, arg.span(), "too many arguments: " + what + " takes "
                            + (specs.isEmpty() ? "none" : "at most " + specs.size()), parameterHint(specs));
                    ok = false;
                    positional++;
                    continue;
                }
                spec = specs.get(positional++);
            } else {
                sawNamed = true;
                String name = arg.name().text();
                spec = specs.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
                if (spec == null) {
                    String hint = Suggestions.hint(name, ParamSpec.names(specs));
                    diagnostics.report(DiagnosticCode.NN106, arg.name().span(),
                            what + " has no parameter " + Quoted.of(name),
                            hint != null ? hint : parameterHint(specs));
                    ok = false;
                    continue;
                }
            }
            if (givenAt.containsKey(spec.name())) {
                diagnostics.report(DiagnosticCode.NN110, arg.span(),
                        "parameter " + Quoted.of(spec.name()) + " of " + what + " is given twice", null);
                ok = false;
                continue;
            }
            givenAt.put(spec.name(), arg.span());
            Double value = value(arg.value(), spec, Quoted.of(spec.name()) + " of " + what);
            if (value == null) {
                ok = false;
            } else {
                values.put(spec.name(), value);
            }
        }
        for (ParamSpec spec : specs) {
            if (!givenAt.containsKey(spec.name())) {
                if (spec.required()) {
                    diagnostics.report(DiagnosticCode.NN117, use.span(),
                            what + " needs a value for " + Quoted.of(spec.name()),
                            "write e.g. " + use.name().text() + "(" + spec.name() + " = …)");
                    ok = false;
                } else {
                    values.put(spec.name(), spec.defaultValue());
                }
            }
        }
        return ok ? values : null;
    }

    /** A train setting's value ({@code batch = 10}), or its default when {@code setting} is null. */
    record Setting(boolean ok, double value) {}

    Setting setting(TrainItem.Setting setting, ParamSpec spec) {
        if (setting == null) {
            return new Setting(true, spec.defaultValue());
        }
        Double v = value(setting.value(), spec, Quoted.of(spec.name()));
        return v == null ? new Setting(false, 0) : new Setting(true, v);
    }

    private Double value(Expr expr, ParamSpec spec, String label) {
        Value v = constants.evaluate(expr);
        if (v == null) {
            return null;
        }
        if (spec.type() == ParamSpec.Type.TRUTH) {
            if (!v.isTruth()) {
                diagnostics.report(DiagnosticCode.NN302, expr.span(), label + " must be true or false", null);
                return null;
            }
            return v.truth() ? 1.0 : 0.0;
        }
        if (v.isTruth()) {
            diagnostics.report(DiagnosticCode.NN302, expr.span(), label + " must be a number, not "
                    + v.truth(), null);
            return null;
        }
        double x = v.number();
        if (spec.type() == ParamSpec.Type.WHOLE && x != Math.rint(x)) {
            diagnostics.report(DiagnosticCode.NN302, expr.span(), label + " must be a whole number, got "
                    + ParamSpec.format(x), null);
            return null;
        }
        if (!spec.inRange(x)) {
            diagnostics.report(DiagnosticCode.NN301, expr.span(), label + " must be " + spec.range()
                    + ", got " + ParamSpec.format(x), null);
            return null;
        }
        return x;
    }

    private static String parameterHint(List<ParamSpec> specs) {
        if (specs.isEmpty()) {
            return "it takes no arguments";
        }
        return "its parameters are " + String.join(", ", ParamSpec.names(specs));
    }
}
