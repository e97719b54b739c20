package dev.nncompile.check;

import dev.nncompile.model.Network;
import dev.nncompile.source.Diagnostic;
import java.util.List;

/**
 * What {@link Frontend#check} found: the networks of the models that checked without errors, and every diagnostic
 * of the file, ordered by position.
 *
 * <pre>{@code
 * CheckResult result = Frontend.check(file);
 * if (result.hasErrors()) { print(DiagnosticRenderer.renderAll(result.diagnostics())); }
 * }</pre>
 */
public record CheckResult(List<Network> networks, List<Diagnostic> diagnostics) {
    public CheckResult {
        networks = List.copyOf(networks);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }
}
