package dev.nncompile.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code nncompile} command line. {@code nncompile model.nn} is short for {@code nncompile generate model.nn}.
 *
 * <p>Exit codes: 0 ok, 1 errors in the input, 2 usage, 3 I/O, 4 internal.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; prints only to the given writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new NncompileCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("nncompile: " + e.getMessage());
            err.println("Try 'nncompile --help' for usage.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // a bug of ours, not a mistake of the user's: one short line, no stack trace
            err.println("nncompile: internal error: " + e + " (please report it with the spec that caused it)");
            return ExitCode.INTERNAL;
        });
        return cli.execute(withDefaultCommand(args, cli));
    }

    /** {@code nncompile x.nn …} means {@code nncompile generate x.nn …}. */
    private static String[] withDefaultCommand(String[] args, CommandLine cli) {
        if (args.length == 0 || args[0].startsWith("-") || cli.getSubcommands().containsKey(args[0])) {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add("generate");
        out.addAll(Arrays.asList(args));
        return out.toArray(new String[0]);
    }
}
