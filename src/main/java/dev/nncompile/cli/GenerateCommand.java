package dev.nncompile.cli;

import dev.nncompile.check.Frontend;
import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.GeneratedSources;
import dev.nncompile.emit.Kernels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nncompile [generate] SPEC... [-d DIR] [--package P]}: writes one Java class per model. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates one Java training class per model: DIR/<package path>/<Model>.java.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", arity = "1..*", description = "spec files (*.nn)")
    List<Path> specs;

    @Option(names = {"-d", "--output-dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "source root to write to (default: the current directory)")
    Path outputDir;

    @Option(names = "--package", paramLabel = "P", description = "Java package for every model (overrides the spec)")
    String packageName;

    @Mixin
    PrecisionOption precisionOption = new PrecisionOption();

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        String packageProblem = packageName == null ? null : Frontend.packageProblem(packageName);
        if (packageProblem != null) {
            err.println("nncompile: --package: '" + packageName + "' cannot be used: " + packageProblem);
            return ExitCode.USAGE;
        }
        Kernels kernels = kernelOptions.kernels(err);
        if (kernels == null) {
            return ExitCode.USAGE;
        }
        SpecFiles.Compilation compilation =
                SpecFiles.compile(specs, packageName, precisionOption.precision, kernels, err);
        if (compilation.failed()) {
            return compilation.exitCode();
        }
        CompileResult result = compilation.result();
        try {
            for (CompiledModel model : result.models()) {
                boolean changed = GeneratedSources.write(outputDir, model);
                out.println((changed ? "wrote " : "unchanged ") + outputDir.resolve(model.relativePath()));
            }
        } catch (IOException e) {
            err.println("nncompile: cannot write: " + e.getMessage());
            return ExitCode.IO;
        }
        return ExitCode.OK;
    }
}
