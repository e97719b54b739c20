package dev.nncompile.compiler;

import dev.nncompile.model.Network;
import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.Severity;
import java.util.List;

/** The checked networks of a request and every diagnostic its specs produced. */
public record CheckedSpecs(List<Network> networks, List<Diagnostic> diagnostics) {
    public CheckedSpecs {
        networks = List.copyOf(networks);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}
