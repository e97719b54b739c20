package dev.nncompile.compiler;

import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.Severity;
import java.util.List;

/** What a compilation produced: the models that made it through, and every diagnostic, in source order. */
public record CompileResult(List<CompiledModel> models, List<Diagnostic> diagnostics) {
    public CompileResult {
        models = List.copyOf(models);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return errorCount() > 0;
    }

    public long errorCount() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
    }

    public long warningCount() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    }
}
