package dev.nncompile.cli;

import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.data.CsvTable;
import dev.nncompile.data.DataException;
import dev.nncompile.data.Safetensors;
import dev.nncompile.data.SafetensorsFile;
import dev.nncompile.data.Tensor;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Network;
import dev.nncompile.train.BatchTrace;
import dev.nncompile.train.GeneratedModel;
import dev.nncompile.train.ModelCompiler;
import dev.nncompile.train.TraceText;
import dev.nncompile.train.Tracer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nncompile trace SPEC --input X.csv --target Y.csv [--weights W.safetensors] [--steps K] [--json]}: one batch
 * through the generated class itself (compiled in memory): every number of the forward pass, the loss, every δ and
 * gradient, and the parameters after each of K optimizer steps on that batch.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one batch through the spec's generated class and prints every number: z and a per "
                + "layer, the loss, every δ and gradient, and the parameters after each of K optimizer steps.",
                "A worked example on paper, for any network."})
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "a spec file (*.nn)")
    Path specPath;

    @Option(names = "--input", required = true, paramLabel = "X.csv",
            description = "the batch's inputs: one row per sample, INPUTS numbers each")
    Path input;

    @Option(names = "--target", required = true, paramLabel = "Y.csv",
            description = "the batch's targets: one row per sample, OUTPUTS numbers each")
    Path target;

    @Option(names = "--weights", paramLabel = "W.safetensors",
            description = "parameters with PyTorch's names (layers.0.weight [out, in], layers.0.bias; F32 or F64); "
                    + "default: the class's own seeded initialisation")
    Path weights;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "1",
            description = "optimizer steps on the batch (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", paramLabel = "S", description = "initialisation seed without --weights "
            + "(default: the spec's)")
    Long seed;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME", description = "the model when the spec has several")
    String modelName;

    @Mixin
    PrecisionOption precisionOption = new PrecisionOption();

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (steps < 0 || steps > 100_000) {
            err.println("nncompile: --steps: expected 0 .. 100000, got " + steps);
            return ExitCode.USAGE;
        }
        SpecFiles.Compilation compilation =
                SpecFiles.compile(List.of(specPath), null, precisionOption.precision, err);
        if (compilation.failed()) {
            return compilation.exitCode();
        }
        CompileResult result = compilation.result();
        CompiledModel model = ModelSelection.pick(result.models(), modelName, specPath, err);
        if (model == null) {
            return ExitCode.USAGE;
        }
        Network network = model.network();
        try {
            CsvTable x = CsvTable.read(input);
            CsvTable y = CsvTable.read(target);
            check(x, network.inputs(), "inputs");
            check(y, network.outputs(), "outputs");
            if (x.rows() != y.rows()) {
                throw new DataException(target.toString(), "has " + y.rows() + " rows but " + input + " has "
                        + x.rows() + ": one target row per input row");
            }
            int n = x.rows();
            // the batch may be larger than the spec's: MAX_BATCH only bounds the workspace
            model = ModelCompiler.withTraining(model, null, Math.max(n, network.training().batch()));
            GeneratedModel m = ModelCompiler.load(model, seed != null ? seed : network.seed());
            if (weights != null) {
                // bounded by what the model needs: a weights file padded with other tensors is refused unread
                long bound = Safetensors.maxFileBytes(network.parameterCount());
                loadWeights(m, network, Safetensors.read(weights, bound));
            }
            BatchTrace trace = Tracer.trace(m, x.values(), y.values(), n, steps);
            if (json) {
                out.print(trace.toJson());
            } else {
                out.println(ModelSelection.describe(network));
                out.print(TraceText.render(trace, ModelSelection.activations(network)));
            }
            out.flush();
            return ExitCode.OK;
        } catch (DataException e) {
            err.println("nncompile: " + e.getMessage());
            return ExitCode.INPUT;
        }
    }

    private static void check(CsvTable table, int expected, String what) throws DataException {
        if (table.rows() == 0) {
            throw new DataException(table.file(), "has no data rows");
        }
        if (table.columns() != expected) {
            throw new DataException(table.file(), "has " + table.columns() + " columns, but the model has "
                    + expected + " " + what);
        }
    }

    private static void loadWeights(GeneratedModel m, Network network, SafetensorsFile file) throws DataException {
        for (Layer l : network.layers()) {
            Tensor w = file.requireTensor(Safetensors.weightName(l.index()), l.units(), l.inputs());
            Tensor b = file.requireTensor(Safetensors.biasName(l.index()), l.units());
            double[][] rows = new double[l.units()][l.inputs()];
            for (int j = 0; j < l.units(); j++) {
                for (int i = 0; i < l.inputs(); i++) {
                    rows[j][i] = w.value(j * l.inputs() + i);
                }
            }
            m.setParameters(l.index(), rows, b.values());
        }
    }
}
