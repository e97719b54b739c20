package dev.nncompile.compiler;

import dev.nncompile.model.Precision;
import dev.nncompile.source.SourceFile;
import java.util.List;

/**
 * What to compile: spec files, and overrides the build or command line may impose.
 *
 * @param specs             the spec files, in the order given
 * @param packageOverride   the Java package for every model, or null to use the spec's own
 * @param precisionOverride float or double for every model, or null to use the spec's own
 */
public record CompileRequest(List<SourceFile> specs, String packageOverride, Precision precisionOverride) {
    public CompileRequest {
        specs = List.copyOf(specs);
    }

    public static CompileRequest of(SourceFile... specs) {
        return new CompileRequest(List.of(specs), null, null);
    }
}
