package dev.nncompile.cli;

import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.explain.Format;
import dev.nncompile.source.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nncompile explain SPEC [--format F] [-o FILE]}: the derivation the emitter used. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Prints the forward equations, loss, every δ and gradient and the update rule the generated "
                + "class computes.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "a spec file (*.nn)")
    Path specPath;

    @Option(names = {"-f", "--format"}, defaultValue = "text",
            description = "text, latex, markdown or html (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME", description = "the model to explain when the spec has several")
    String modelName;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Format f;
        try {
            f = Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("nncompile: --format: expected text, latex, markdown or html, got '" + format + "'");
            return ExitCode.USAGE;
        }
        SpecFiles.Compilation compilation = SpecFiles.compile(java.util.List.of(specPath), null, null, err);
        if (compilation.failed()) {
            return compilation.exitCode();
        }
        CompileResult result = compilation.result();
        StringBuilder text = new StringBuilder();
        int found = 0;
        for (CompiledModel model : result.models()) {
            if (modelName == null || model.network().name().equals(modelName)) {
                text.append(NnCompiler.explain(model, f));
                found++;
            }
        }
        if (found == 0) {
            err.println("nncompile: no model named '" + modelName + "' in " + specPath);
            return ExitCode.USAGE;
        }
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        try {
            AtomicFiles.write(output, text.toString().getBytes(StandardCharsets.UTF_8));
            return ExitCode.OK;
        } catch (IOException e) {
            err.println("nncompile: cannot write " + output + ": " + e.getMessage());
            return ExitCode.IO;
        }
    }
}
