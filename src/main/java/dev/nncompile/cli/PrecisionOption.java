package dev.nncompile.cli;

import dev.nncompile.model.Precision;
import picocli.CommandLine.Option;

/**
 * {@code --precision float|double}: the override of the spec's precision that every command compiling a spec takes
 * (a picocli mixin, so the option reads and documents the same everywhere).
 *
 * <pre>{@code
 * @Mixin PrecisionOption precisionOption = new PrecisionOption();
 * SpecFiles.compile(specs, packageName, precisionOption.precision, kernels, err);   // null: the spec's own
 * }</pre>
 */
final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "float|double", description = "overrides the spec's precision")
    Precision precision;
}
