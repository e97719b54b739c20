package dev.nncompile.check;

import dev.nncompile.ast.Arg;
import dev.nncompile.ast.Definition;
import dev.nncompile.ast.Expr;
import dev.nncompile.ast.Name;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import dev.nncompile.sym.Fn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a file's own activation and loss definitions: names (no duplicates, no redefined built-ins), variable
 * counts, duplicate parameters, constant defaults, each body ({@link Formulas#validate}), cycles of calls
 * ({@code NN404}) and the size a formula grows to once the activations it calls are expanded ({@code NN406}).
 */
final class DefinitionChecker {
    /** Largest formula after expanding calls, in AST nodes; and deepest. Keeps later recursive passes safe. */
    static final long MAX_EXPANDED_SIZE = 20_000;
    static final int MAX_EXPANDED_DEPTH = 400;

    private final Diagnostics diagnostics;
    private final Map<String, Definition> activations = new LinkedHashMap<>();
    private final Map<String, Definition> losses = new LinkedHashMap<>();
    private final Set<Definition> broken = new LinkedHashSet<>();
    private Formulas formulas;

    DefinitionChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Map<String, Definition> activations() {
        return activations;
    }

    Map<String, Definition> losses() {
        return losses;
    }

    Formulas formulas() {
        return formulas;
    }

    /** Whether a definition, or one it calls, had an error: models using it report nothing more about it. */
    boolean isBroken(Definition d) {
        return broken.contains(d);
    }

    void check(List<Definition> definitions) {
        for (Definition d : definitions) {
            register(d);
        }
        formulas = new Formulas(diagnostics, activations);
        for (Definition d : definitions) {
            if (!signatureOk(d) | !formulas.validate(d)) {
                broken.add(d);
            }
        }
        List<Definition> all = new ArrayList<>(activations.values());
        all.addAll(losses.values());
        List<Definition> calleesFirst = findCycles(all);
        checkExpansion(calleesFirst);
        // a definition calling a broken one is broken too (no cascade of errors in the models using it)
        for (Definition d : calleesFirst) {
            if (!broken.contains(d) && callsAny(d, broken)) {
                broken.add(d);
            }
        }
    }

    private void register(Definition d) {
        String name = d.name().text();
        boolean activation = d.kind() == Definition.Kind.ACTIVATION;
        boolean builtIn = activation
                ? BuiltIns.ACTIVATIONS.containsKey(name) || name.equals(BuiltIns.SOFTMAX)
                        || Fn.bySpelling(name).isPresent()
                : BuiltIns.LOSSES.containsKey(name);
        Map<String, Definition> table = activation ? activations : losses;
        if (builtIn) {
            diagnostics.report(DiagnosticCode.NN109, d.name().span(), Quoted.of(name) + " is a built-in "
                    + d.kind().keyword() + "; it cannot be redefined", "choose another name, e.g. my_" + name);
            broken.add(d);
        } else if (table.containsKey(name)) {
            Definition first = table.get(name);
            diagnostics.report(DiagnosticCode.NN109, d.name().span(), d.kind().keyword() + " " + Quoted.of(name)
                    + " is defined twice", "the first definition is on line " + line(first.name()));
            broken.add(d);
        } else {
            table.put(name, d);
        }
    }

    private boolean signatureOk(Definition d) {
        boolean ok = true;
        int wanted = d.kind() == Definition.Kind.ACTIVATION ? 1 : 2;
        if (d.variables().size() != wanted) {
            String shape = wanted == 1 ? "one variable, its input: " + d.name().text() + "(z)"
                    : "two variables, the prediction and the target: " + d.name().text() + "(p, y)";
            diagnostics.report(DiagnosticCode.NN407, d.name().span(), "a" + (wanted == 1 ? "n " : " ")
                    + d.kind().keyword() + " takes " + shape + ", got " + d.variables().size(),
                    "parameters come after a semicolon: " + d.name().text() + (wanted == 1 ? "(z; " : "(p, y; ")
                            + "alpha = 1)");
            ok = false;
        }
        Map<String, Name> seen = new HashMap<>();
        List<Name> names = new ArrayList<>(d.variables());
        d.params().forEach(p -> names.add(p.name()));
        for (Name n : names) {
            Name first = seen.putIfAbsent(n.text(), n);
            if (first != null) {
                diagnostics.report(DiagnosticCode.NN110, n.span(), "parameter " + Quoted.of(n.text()) + " of "
                        + Quoted.of(d.name().text()) + " is declared twice", null);
                ok = false;
            }
        }
        Constants constants = new Constants(diagnostics);
        for (Definition.Param p : d.params()) {
            if (p.defaultValue() != null) {
                Value v = constants.evaluate(p.defaultValue());
                if (v == null) {
                    ok = false;
                } else if (v.isTruth()) {
                    diagnostics.report(DiagnosticCode.NN302, p.defaultValue().span(), "default of "
                            + Quoted.of(p.name().text()) + " must be a number", null);
                    ok = false;
                }
            }
        }
        return ok;
    }

    // ---- calls between definitions -----------------------------------------------------------------------------

    /** The calls of user activations in a body, in source order. */
    private List<Expr.Call> userCalls(Definition d) {
        List<Expr.Call> calls = new ArrayList<>();
        Deque<Expr> work = new ArrayDeque<>();
        work.push(d.body());
        while (!work.isEmpty()) {
            Expr e = work.pop();
            List<Expr> children = children(e);
            for (int i = children.size() - 1; i >= 0; i--) {
                work.push(children.get(i));
            }
            if (e instanceof Expr.Call c && activations.containsKey(c.function().text())
                    && !BuiltIns.ACTIVATIONS.containsKey(c.function().text())) {
                calls.add(c);
            }
        }
        return calls;
    }

    static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Call c) {
            for (Arg a : c.args()) {
                out.add(a.value());
            }
        } else if (e instanceof Expr.Paren p) {
            out.add(p.inner());
        } else if (e instanceof Expr.Neg n) {
            out.add(n.operand());
        } else if (e instanceof Expr.Not n) {
            out.add(n.operand());
        } else if (e instanceof Expr.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (e instanceof Expr.Compare c) {
            out.add(c.left());
            out.add(c.right());
        } else if (e instanceof Expr.Logic l) {
            out.add(l.left());
            out.add(l.right());
        } else if (e instanceof Expr.If i) {
            out.add(i.test());
            out.add(i.then());
            out.add(i.otherwise());
        }
        return out;
    }

    private boolean callsAny(Definition d, Set<Definition> targets) {
        for (Expr.Call c : userCalls(d)) {
            if (targets.contains(activations.get(c.function().text()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Depth-first search over calls, iterative (a file may chain thousands of definitions); a call back into the
     * current path closes a cycle. Returns the definitions callees first, the order {@link #checkExpansion} needs.
     */
    private List<Definition> findCycles(List<Definition> all) {
        Set<Definition> done = new LinkedHashSet<>();
        for (Definition root : all) {
            if (done.contains(root)) {
                continue;
            }
            List<Definition> path = new ArrayList<>();
            Set<Definition> onPath = new HashSet<>();
            List<List<Expr.Call>> pending = new ArrayList<>();
            path.add(root);
            onPath.add(root);
            pending.add(new ArrayList<>(userCalls(root)));
            while (!path.isEmpty()) {
                List<Expr.Call> calls = pending.get(pending.size() - 1);
                if (calls.isEmpty()) {
                    Definition finished = path.remove(path.size() - 1);
                    onPath.remove(finished);
                    done.add(finished);
                    pending.remove(pending.size() - 1);
                    continue;
                }
                Expr.Call call = calls.remove(0);
                Definition callee = activations.get(call.function().text());
                if (onPath.contains(callee)) {
                    reportCycle(path.subList(path.indexOf(callee), path.size()), call);
                } else if (!done.contains(callee)) {
                    path.add(callee);
                    onPath.add(callee);
                    pending.add(new ArrayList<>(userCalls(callee)));
                }
            }
        }
        return new ArrayList<>(done);
    }

    private void reportCycle(List<Definition> cycle, Expr.Call closing) {
        StringBuilder chain = new StringBuilder();
        for (Definition d : cycle) {
            chain.append(Quoted.of(d.name().text())).append(" calls ");
        }
        chain.append(Quoted.of(closing.function().text()));
        diagnostics.report(DiagnosticCode.NN404, closing.function().span(), "recursive definition: " + chain,
                "a formula cannot call itself, directly or through others");
        broken.addAll(cycle);
    }

    // ---- expansion size ----------------------------------------------------------------------------------------

    /** {@code calleesFirst}: every definition after the ones it calls, so their sizes are known. */
    private void checkExpansion(List<Definition> calleesFirst) {
        Map<Definition, long[]> memo = new HashMap<>();
        for (Definition d : calleesFirst) {
            if (broken.contains(d)) {
                continue;
            }
            long[] sizeDepth = sizeDepth(d.body(), memo);
            if (sizeDepth[0] <= MAX_EXPANDED_SIZE && sizeDepth[1] <= MAX_EXPANDED_DEPTH) {
                memo.put(d, sizeDepth);
            } else {
                diagnostics.report(DiagnosticCode.NN406, d.name().span(), Quoted.of(d.name().text())
                        + " grows too large once the activations it calls are expanded (more than "
                        + MAX_EXPANDED_SIZE + " terms or " + MAX_EXPANDED_DEPTH + " levels)",
                        "call fewer activations, or call them fewer times");
                broken.add(d);
            }
        }
    }

    /** {size, depth} of the formula with every call expanded; saturating, so a huge blow-up stays cheap. */
    private long[] sizeDepth(Expr e, Map<Definition, long[]> memo) {
        long size = 1;
        long depth = 0;
        for (Expr child : children(e)) {
            long[] c = sizeDepth(child, memo);
            size = Math.min(size + c[0], Long.MAX_VALUE / 4);
            depth = Math.max(depth, c[1]);
        }
        if (e instanceof Expr.Call c) {
            String name = c.function().text();
            Definition callee = BuiltIns.ACTIVATIONS.containsKey(name) ? null : activations.get(name);
            // built-ins are a handful of nodes; a broken or cyclic callee is reported on its own
            long[] inner = callee == null ? new long[] {8, 8} : memo.getOrDefault(callee, new long[] {1, 1});
            size = Math.min(size + inner[0], Long.MAX_VALUE / 4);
            depth = Math.min(depth + inner[1], Long.MAX_VALUE / 4);
        }
        return new long[] {size, depth + 1};
    }

    private int line(Name n) {
        return diagnostics.file().line(n.span().start());
    }
}
