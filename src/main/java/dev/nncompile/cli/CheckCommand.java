package dev.nncompile.cli;

import dev.nncompile.compiler.CheckedSpecs;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.source.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nncompile check SPEC...}: diagnostics only. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks specs and prints every diagnostic; writes nothing.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", arity = "1..*", description = "spec files (*.nn)")
    List<Path> specs;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        try {
            CheckedSpecs checked = NnCompiler.check(SpecFiles.request(specs, null, null));
            SpecFiles.print(checked.diagnostics(), err);
            long errors = checked.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
            long warnings = checked.diagnostics().size() - errors;
            if (errors > 0 || warnings > 0) {
                err.println(SpecFiles.summary(errors, warnings));
            }
            if (errors == 0) {
                spec.commandLine().getOut().println("ok: " + checked.networks().size()
                        + (checked.networks().size() == 1 ? " model" : " models") + " in " + specs.size()
                        + (specs.size() == 1 ? " spec" : " specs"));
            }
            return errors > 0 ? ExitCode.INPUT : ExitCode.OK;
        } catch (SpecFiles.Unreadable e) {
            err.println("nncompile: " + e.getMessage());
            return ExitCode.IO;
        }
    }
}
