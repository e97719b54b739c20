package dev.nncompile.maven;

import dev.nncompile.compiler.CheckedSpecs;
import dev.nncompile.compiler.CompileRequest;
import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.emit.Kernels;
import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import dev.nncompile.source.Diagnostic;
import java.util.List;
import javax.lang.model.SourceVersion;

/**
 * Compiles one spec with the plugin's package rule: the {@code <packageName>} parameter wins, then the spec's own
 * {@code package} statement, then the folders below the spec root (antlr4-maven-plugin's convention). Each spec is
 * compiled on its own, which is what lets {@link IncrementalPlan} decide staleness per spec.
 *
 * <pre>{@code
 * SpecCompiler.Compiled c = SpecCompiler.compile(spec, null, null, Kernels.PLAIN);
 * c.diagnostics().forEach(d -> log.error(DiagnosticRenderer.render(d)));
 * }</pre>
 */
final class SpecCompiler {
    private SpecCompiler() {}

    /**
     * What one spec produced.
     *
     * @param problems user errors that are not about the spec text (a folder that is no Java package), already
     *                 rendered as {@code path: error: message}
     */
    record Compiled(SpecInput spec, List<Diagnostic> diagnostics, List<CompiledModel> models, List<String> problems) {
        Compiled {
            diagnostics = List.copyOf(diagnostics);
            models = List.copyOf(models);
            problems = List.copyOf(problems);
        }

        long errorCount() {
            return diagnostics.stream().filter(Diagnostic::isError).count() + problems.size();
        }

        long warningCount() {
            return diagnostics.stream().filter(d -> !d.isError()).count();
        }
    }

    /** {@link #compile(SpecInput, String, Precision, Kernels)} with the plain kernels. */
    static Compiled compile(SpecInput spec, String packageName, Precision precision) {
        return compile(spec, packageName, precision, Kernels.PLAIN);
    }

    /**
     * @param packageName the configured package for every model, or null
     * @param precision   the configured precision for every model, or null
     * @param kernels     the matrix kernels of every generated class
     */
    static Compiled compile(SpecInput spec, String packageName, Precision precision, Kernels kernels) {
        String override = packageName;
        if (override == null) {
            CheckedSpecs checked = NnCompiler.check(new CompileRequest(List.of(spec.sourceFile()), null, precision));
            if (checked.hasErrors()) {
                return new Compiled(spec, checked.diagnostics(), List.of(), List.of());
            }
            boolean packageStatement = checked.networks().stream().map(Network::packageName)
                    .anyMatch(p -> !p.isEmpty());
            if (!packageStatement) {
                String folders = spec.folderPackage();
                if (!folders.isEmpty() && !SourceVersion.isName(folders)) {
                    String problem = spec.file() + ": error: the folders '" + folders.replace('.', '/')
                            + "' do not spell a Java package; add a 'package' statement to the spec or set"
                            + " <packageName>";
                    return new Compiled(spec, checked.diagnostics(), List.of(), List.of(problem));
                }
                override = folders;
            }
        }
        CompileResult result = NnCompiler.compile(new CompileRequest(List.of(spec.sourceFile()), override, precision,
                kernels));
        return new Compiled(spec, result.diagnostics(), result.models(), List.of());
    }
}
