package dev.nncompile.compiler;

import dev.nncompile.emit.Kernels;
import dev.nncompile.model.Precision;
import dev.nncompile.source.SourceFile;
import java.util.List;

/**
 * What to compile: spec files, and overrides the build or command line may impose.
 *
 * @param specs             the spec files, in the order given
 * @param packageOverride   the Java package for every model, or null to use the spec's own
 * @param precisionOverride float or double for every model, or null to use the spec's own
 * @param kernels           the matrix kernels of every generated class (plain loops unless SIMD is asked for)
 */
public record CompileRequest(List<SourceFile> specs, String packageOverride, Precision precisionOverride,
                             Kernels kernels) {
    public CompileRequest {
        specs = List.copyOf(specs);
        kernels = kernels == null ? Kernels.PLAIN : kernels;
    }

    /** A request for classes with the plain kernels. */
    public CompileRequest(List<SourceFile> specs, String packageOverride, Precision precisionOverride) {
        this(specs, packageOverride, precisionOverride, Kernels.PLAIN);
    }

    public static CompileRequest of(SourceFile... specs) {
        return new CompileRequest(List.of(specs), null, null);
    }
}
