package dev.nncompile.cli;

import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.data.DataException;
import dev.nncompile.data.Normalizer;
import dev.nncompile.emit.Kernels;
import dev.nncompile.explain.Format;
import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import dev.nncompile.source.AtomicFiles;
import dev.nncompile.train.DataRequest;
import dev.nncompile.train.FitListener;
import dev.nncompile.train.GeneratedModel;
import dev.nncompile.train.InMemoryCompiler;
import dev.nncompile.train.ModelCompiler;
import dev.nncompile.train.ReportWriter;
import dev.nncompile.train.Trainer;
import dev.nncompile.train.TrainingData;
import dev.nncompile.train.TrainingOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nncompile train SPEC --data PATH ...}: compiles the spec's class in memory and trains it on real data through
 * the class's own {@code fit}, printing progress, the test results and why it stopped; optionally a report
 * directory and the weights.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compiles the spec's generated class in memory and trains it on data through its own fit.",
                "Data: a numeric CSV file (header optional; a class-label column, or --target-columns for "
                        + "regression), MNIST-style IDX images with --labels (.gz or plain), or 'xor'."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "a spec file (*.nn)")
    Path specPath;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "training data: a CSV file, IDX images (with --labels), or 'xor' for the built-in set")
    String data;

    @Option(names = "--labels", paramLabel = "PATH", description = "IDX labels for --data")
    Path labels;

    @Option(names = "--test", paramLabel = "PATH", description = "a separate test set (CSV, or IDX images)")
    Path test;

    @Option(names = "--test-labels", paramLabel = "PATH", description = "IDX labels for --test")
    Path testLabels;

    @Option(names = "--label-column", paramLabel = "N|NAME", defaultValue = "-1",
            description = "CSV column of the class label: 0-based index (-1 = last) or header name "
                    + "(default: ${DEFAULT-VALUE})")
    String labelColumn;

    @Option(names = "--target-columns", paramLabel = "LIST",
            description = "regression: comma-separated CSV columns holding the targets (the rest are features)")
    String targetColumns;

    @Option(names = "--split", paramLabel = "F|every:N",
            description = "without --test: hold out a seeded random fraction F of the rows (default 0.2; 0 for the "
                    + "xor set), or every N-th row (row i when i mod N = N-1)")
    String split;

    @Option(names = "--validation", paramLabel = "F",
            description = "fraction of the training rows held out for validation (default: the spec's)")
    Double validation;

    @Option(names = "--normalize", paramLabel = "MODE",
            description = "none, scale255 or standardize, fitted on the training rows (default: scale255 for IDX, "
                    + "none otherwise)")
    String normalize;

    @Option(names = "--epochs", paramLabel = "N", description = "the epoch budget (default: the spec's)")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "initialisation, shuffling and split seed "
            + "(default: the spec's)")
    Long seed;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME", description = "the model to train when the spec has "
            + "several")
    String modelName;

    @Mixin
    PrecisionOption precisionOption = new PrecisionOption();

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Option(names = "--report", paramLabel = "DIR", description = "write curves (SVG, PNG), the derivation, the "
            + "confusion matrix, the weights and an index.html into DIR")
    Path report;

    @Option(names = "--save", paramLabel = "FILE", description = "write the trained weights (safetensors, PyTorch "
            + "names) to FILE")
    Path save;

    @Option(names = "--json", description = "print one JSON document with the results instead of text")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Normalizer.Mode mode = null;
        if (normalize != null) {
            mode = Normalizer.Mode.parse(normalize);
            if (mode == null) {
                err.println("nncompile: --normalize: expected none, scale255 or standardize, got '" + normalize + "'");
                return ExitCode.USAGE;
            }
        }
        String usage = checkNumbers();
        if (usage != null) {
            err.println("nncompile: " + usage);
            return ExitCode.USAGE;
        }
        if (kernelOptions.simd && !InMemoryCompiler.vectorApiLoaded()) {
            err.println("nncompile: --simd: this Java was started without --add-modules jdk.incubator.vector (the"
                    + " nncompile launcher adds it when --simd is given)");
            return ExitCode.USAGE;
        }
        Kernels kernels = kernelOptions.kernels(err);
        if (kernels == null) {
            return ExitCode.USAGE;
        }
        SpecFiles.Compilation compilation =
                SpecFiles.compile(List.of(specPath), null, precisionOption.precision, kernels, err);
        if (compilation.failed()) {
            return compilation.exitCode();
        }
        CompileResult result = compilation.result();
        CompiledModel chosen = ModelSelection.pick(result.models(), modelName, specPath, err);
        if (chosen == null) {
            return ExitCode.USAGE;
        }
        CompiledModel model = ModelCompiler.withTraining(chosen, epochs, null);
        Network network = model.network();
        long runSeed = seed != null ? seed : network.seed();
        DataRequest request = DataRequest.of(data).withLabels(labels).withTest(test, testLabels)
                .withLabelColumn(labelColumn).withTargetColumns(targetColumns).withSplit(split).withNormalize(mode)
                .withValidation(validation).withSeed(runSeed);
        TrainingData sets;
        try {
            sets = TrainingData.load(request, network.inputs(), network.outputs(), network.training().validation());
        } catch (DataException e) {
            err.println("nncompile: " + e.getMessage());
            return ExitCode.INPUT;
        }
        List<String> summary = summary(network, sets);
        if (!json) {
            for (String line : summary) {
                out.println(line);
            }
            out.flush();
        }
        GeneratedModel trainable = ModelCompiler.load(model, runSeed);
        TrainingConsole console = new TrainingConsole(out, System.console() != null, sets.train().rows());
        FitListener progress = json ? new FitListener() {} : console;
        TrainingOutcome outcome = Trainer.train(trainable, sets, progress);
        boolean floatPrecision = network.precision() == Precision.FLOAT;
        if (json) {
            out.print(outcome.toJson(floatPrecision));
        } else {
            console.finish();
            TrainingConsole.printSummary(out, outcome, sets.testIsTrain(), test != null ? test.toString()
                    : "held out from " + data);
        }
        out.flush();
        int written = writeFiles(model, trainable, outcome, summary, floatPrecision, out, err);
        if (written != ExitCode.OK) {
            return written;
        }
        if (outcome.fit().diverged()) {
            err.println("nncompile: training diverged: " + outcome.fit().describe());
            return ExitCode.INPUT;
        }
        return ExitCode.OK;
    }

    private String checkNumbers() {
        if (epochs != null && epochs < 1) {
            return "--epochs: expected a positive number, got " + epochs;
        }
        if (validation != null && !(validation >= 0 && validation < 1)) {
            return "--validation: expected a fraction in [0, 1), got " + validation;
        }
        if (split != null && !split.matches("every:[0-9]{1,9}") && !isFraction(split)) {
            return "--split: expected a fraction in [0, 1) or every:N, got '" + split + "'";
        }
        if (test != null && split != null) {
            return "--split and --test exclude each other: with a test set nothing is split off";
        }
        return null;
    }

    private static boolean isFraction(String s) {
        try {
            double f = Double.parseDouble(s);
            return f >= 0 && f < 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private List<String> summary(Network network, TrainingData sets) {
        List<String> lines = new ArrayList<>();
        lines.add("model " + ModelSelection.describe(network));
        String source = DataRequest.XOR.equals(data) ? "the built-in xor set" : data;
        String held = sets.testIsTrain() ? "tested on the training set" : sets.test().rows() + " test rows"
                + (test != null ? " from " + test : split != null && split.startsWith("every:")
                ? " (rows i with i mod N = N - 1, N = " + split.substring(6) + ")" : " (seeded random holdout)");
        lines.add("data " + source + ": " + sets.train().rows() + " training rows, "
                + (sets.validation() == null ? "no validation" : sets.validation().rows() + " validation rows")
                + ", " + held + "; normalize " + sets.normalization().name().toLowerCase(java.util.Locale.ROOT));
        return lines;
    }

    private int writeFiles(CompiledModel model, GeneratedModel trainable, TrainingOutcome outcome,
                           List<String> summary, boolean floatPrecision, PrintWriter out, PrintWriter err) {
        byte[] weights = trainable.weights();
        if (save != null) {
            try {
                AtomicFiles.write(save, weights);
            } catch (IOException e) {
                err.println("nncompile: cannot write " + save + ": " + e.getMessage());
                return ExitCode.IO;
            }
            if (!json) {
                out.println("weights: " + save);
            }
        }
        if (report != null) {
            try {
                ReportWriter.write(report, new ReportWriter.Report(model.network().name(), summary, outcome,
                        NnCompiler.explain(model, Format.HTML), weights, floatPrecision));
            } catch (IOException e) {
                err.println("nncompile: cannot write the report into " + report + ": " + e.getMessage());
                return ExitCode.IO;
            }
            if (!json) {
                out.println("report: " + report.resolve("index.html"));
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
