package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;
import java.util.List;

/**
 * A whole spec file: an optional {@code package a.b;} and the models and definitions in the order written.
 *
 * @param packageName null when the file has no package declaration
 */
public record SpecFile(PackageDecl packageName, List<TopItem> items, SourceSpan span) implements Node {
    public SpecFile {
        items = List.copyOf(items);
    }
}
