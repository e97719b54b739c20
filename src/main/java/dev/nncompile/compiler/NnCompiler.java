package dev.nncompile.compiler;

import dev.nncompile.check.CheckResult;
import dev.nncompile.check.Frontend;
import dev.nncompile.derive.Deriver;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.emit.ClassGenerator;
import dev.nncompile.explain.Explainer;
import dev.nncompile.explain.Format;
import dev.nncompile.model.Network;
import dev.nncompile.source.DeepStack;
import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver: parse → check → derive → emit, stopping after a stage that reported errors. It never throws for a
 * user's mistake; every problem in the specs comes back as a {@link Diagnostic}.
 *
 * <pre>{@code
 * CompileResult result = NnCompiler.compile(CompileRequest.of(new SourceFile("mnist.nn", text)));
 * if (!result.hasErrors()) {
 *     String java = result.models().get(0).source();
 * }
 * }</pre>
 */
public final class NnCompiler {
    private NnCompiler() {}

    /** Parse and check only: the diagnostics, and the checked networks with no plans or code. */
    public static CheckedSpecs check(CompileRequest request) {
        List<Network> networks = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (SourceFile spec : request.specs()) {
            CheckResult checked = Frontend.check(spec, request.precisionOverride());
            diagnostics.addAll(checked.diagnostics());
            for (Network network : checked.networks()) {
                networks.add(applyOverrides(network, request));
            }
        }
        return new CheckedSpecs(networks, diagnostics);
    }

    /** The whole pipeline. Models are produced only when no spec has an error. */
    public static CompileResult compile(CompileRequest request) {
        // derivation and emission recurse over formulas as deep as the checker allows
        return DeepStack.call(() -> compileHere(request));
    }

    private static CompileResult compileHere(CompileRequest request) {
        CheckedSpecs checked = check(request);
        if (checked.hasErrors()) {
            return new CompileResult(List.of(), checked.diagnostics());
        }
        List<CompiledModel> models = new ArrayList<>();
        for (Network network : checked.networks()) {
            TrainingPlan plan = Deriver.derive(network);
            models.add(new CompiledModel(network, plan, ClassGenerator.generate(plan, request.kernels()),
                    request.kernels()));
        }
        return new CompileResult(models, checked.diagnostics());
    }

    /** The derivation report of a compiled model, in the given format: the very statements the emitter used. */
    public static String explain(CompiledModel model, Format format) {
        return Explainer.explain(model.plan(), format);
    }

    private static Network applyOverrides(Network n, CompileRequest request) {
        String pkg = request.packageOverride() != null ? request.packageOverride() : n.packageName();
        var precision = request.precisionOverride() != null ? request.precisionOverride() : n.precision();
        return new Network(n.name(), pkg, n.span(), n.inputs(), n.layers(), n.loss(), n.optimizer(), n.regularizers(),
                n.seed(), precision, n.training());
    }
}
