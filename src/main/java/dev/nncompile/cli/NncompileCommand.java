package dev.nncompile.cli;

import picocli.CommandLine.Command;

/** The top-level command: a table of the subcommands. */
@Command(name = "nncompile", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Compiles a small neural-network spec into a specialised, allocation-free Java training class.",
        subcommands = {GenerateCommand.class, CheckCommand.class, ExplainCommand.class, TrainCommand.class,
                TraceCommand.class})
final class NncompileCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
