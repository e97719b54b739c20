package dev.nncompile.check;

import dev.nncompile.ast.Definition;
import dev.nncompile.ast.ModelDecl;
import dev.nncompile.ast.Name;
import dev.nncompile.ast.SpecFile;
import dev.nncompile.ast.TopItem;
import dev.nncompile.model.Network;
import dev.nncompile.parse.SpecParser;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import dev.nncompile.source.SourceFile;
import dev.nncompile.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The front end in one call: parse, check the file's definitions, check each model, and return the valid networks
 * with every diagnostic of the file. Never throws: a user's mistake is a diagnostic, and a bug in nncompile becomes
 * the single diagnostic {@code NN999} rather than an exception.
 *
 * <pre>{@code
 * CheckResult result = Frontend.check(new SourceFile("specs/xor.nn", text));
 * for (Network network : result.networks()) { ... }
 * }</pre>
 */
public final class Frontend {
    private Frontend() {}

    public static CheckResult check(SourceFile file) {
        Diagnostics diagnostics = new Diagnostics(file);
        List<Network> networks;
        try {
            networks = check(SpecParser.parse(file, diagnostics), diagnostics);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError bug) {
            // last resort, never expected: say so plainly, without a stack trace in the user's face
            diagnostics.report(DiagnosticCode.NN999, new SourceSpan(0, 0),
                    "internal error in nncompile while checking this file", "please report it with the spec attached");
            networks = List.of();
        }
        return new CheckResult(networks, diagnostics.sorted());
    }

    private static List<Network> check(SpecFile ast, Diagnostics diagnostics) {
        String packageName = packageName(ast, diagnostics);
        List<Definition> definitions = new ArrayList<>();
        List<ModelDecl> models = new ArrayList<>();
        for (TopItem item : ast.items()) {
            if (item instanceof Definition d) {
                definitions.add(d);
            } else {
                models.add((ModelDecl) item);
            }
        }
        DefinitionChecker definitionChecker = new DefinitionChecker(diagnostics);
        definitionChecker.check(definitions);
        if (models.isEmpty() && diagnostics.errorCount() == 0) {
            diagnostics.report(DiagnosticCode.NN010, new SourceSpan(0, 0), "this file defines no model",
                    "add e.g. 'model Xor { input 2  dense 1 sigmoid  loss bce  optimizer sgd(lr = 0.5) }'");
        }
        checkModelNames(models, diagnostics);
        Set<String> used = new LinkedHashSet<>();
        List<Network> networks = new ArrayList<>();
        for (ModelDecl model : models) {
            Network network = new ModelChecker(diagnostics, definitionChecker, used).check(model, packageName);
            if (network != null && !diagnostics.hasErrorWithin(model.name().span())) {
                networks.add(network);
            }
        }
        warnUnused(definitions, definitionChecker, used, diagnostics);
        return networks;
    }

    private static String packageName(SpecFile ast, Diagnostics diagnostics) {
        if (ast.packageName() == null) {
            return "";
        }
        for (Name part : ast.packageName().parts()) {
            String problem = JavaNames.KEYWORDS.contains(part.text()) ? "it is a Java keyword" : null;
            if (problem != null) {
                diagnostics.report(DiagnosticCode.NN113, part.span(), "invalid package name: "
                        + Quoted.of(part.text()) + " cannot be part of it: " + problem, null);
            }
        }
        return ast.packageName().dotted();
    }

    /** Each model becomes a class: its name must be a legal class name, unique even ignoring case. */
    private static void checkModelNames(List<ModelDecl> models, Diagnostics diagnostics) {
        Map<String, ModelDecl> seen = new LinkedHashMap<>();
        for (ModelDecl m : models) {
            String name = m.name().text();
            String problem = JavaNames.problemAsClassName(name);
            if (problem != null) {
                diagnostics.report(DiagnosticCode.NN108, m.name().span(), "model name " + Quoted.of(name)
                        + " cannot be a Java class name: " + problem, "choose another name, e.g. "
                        + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Model");
            }
            ModelDecl first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), m);
            if (first != null) {
                int line = diagnostics.file().line(first.name().span().start());
                String message = first.name().text().equals(name)
                        ? "model " + Quoted.of(name) + " is defined twice"
                        : "model " + Quoted.of(name) + " clashes with " + Quoted.of(first.name().text())
                                + ": class files differing only in case collide on some file systems";
                diagnostics.report(DiagnosticCode.NN107, m.name().span(), message,
                        "the first is on line " + line);
            }
        }
    }

    private static void warnUnused(List<Definition> definitions, DefinitionChecker checker, Set<String> used,
                                   Diagnostics diagnostics) {
        // a definition is used if a model uses it, or a used definition calls it: a worklist over the calls
        Map<String, List<Definition>> byName = new LinkedHashMap<>();
        for (Definition d : definitions) {
            byName.computeIfAbsent(d.name().text(), k -> new ArrayList<>()).add(d);
        }
        Set<String> reached = new LinkedHashSet<>(used);
        List<String> work = new ArrayList<>(used);
        while (!work.isEmpty()) {
            for (Definition d : byName.getOrDefault(work.remove(work.size() - 1), List.of())) {
                for (String callee : calledNames(d)) {
                    if (reached.add(callee)) {
                        work.add(callee);
                    }
                }
            }
        }
        for (Definition d : definitions) {
            boolean registered = (d.kind() == Definition.Kind.ACTIVATION ? checker.activations() : checker.losses())
                    .get(d.name().text()) == d;
            if (registered && !reached.contains(d.name().text())) {
                diagnostics.report(DiagnosticCode.NN906, d.name().span(), d.kind().keyword() + " "
                        + Quoted.of(d.name().text()) + " is defined but never used", null);
            }
        }
    }

    private static List<String> calledNames(Definition d) {
        List<String> names = new ArrayList<>();
        List<dev.nncompile.ast.Expr> work = new ArrayList<>();
        work.add(d.body());
        while (!work.isEmpty()) {
            dev.nncompile.ast.Expr e = work.remove(work.size() - 1);
            if (e instanceof dev.nncompile.ast.Expr.Call c) {
                names.add(c.function().text());
            }
            work.addAll(DefinitionChecker.children(e));
        }
        return names;
    }
}
