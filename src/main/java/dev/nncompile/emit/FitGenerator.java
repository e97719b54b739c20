package dev.nncompile.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.derive.Buffer;
import dev.nncompile.model.Network;
import dev.nncompile.model.StopRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The training loop {@code fit}: epochs over seeded per-epoch permutations (Fisher–Yates into a reused int[], rows
 * gathered into the batch workspace), validation, every stopping rule of the spec, restoring the best weights for
 * patience and the last finite weights on divergence; with its listener interface and result record.
 */
final class FitGenerator {
    private final Network network;
    private final Fields fields;
    private final Real real;
    private final Snippet snippet;
    private final ClassName self;

    FitGenerator(Network network, Fields fields, Real real, Snippet snippet, ClassName self) {
        this.network = network;
        this.fields = fields;
        this.real = real;
        this.snippet = snippet;
        this.self = self;
    }

    void addTo(TypeSpec.Builder type) {
        ClassName listener = self.nestedClass("TrainingListener");
        ClassName result = self.nestedClass("FitResult");
        ClassName reason = self.nestedClass("StopReason");
        addTypes(type, listener, result, reason);
        GradientNormBelowRule norm = null;
        StopRule.LossDeltaBelow delta = null;
        StopRule.Patience patience = null;
        for (StopRule rule : network.training().stops()) {
            if (rule instanceof StopRule.GradientNormBelow g) {
                norm = new GradientNormBelowRule(g.epsilon());
            } else if (rule instanceof StopRule.LossDeltaBelow d) {
                delta = d;
            } else if (rule instanceof StopRule.Patience p) {
                patience = p;
            }
        }
        addSnapshot(type, "Last", "the last weights that were all finite");
        if (patience != null) {
            addSnapshot(type, "Best", "the weights of the best validation loss");
        }
        if (norm != null) {
            addEpochGradient(type);
        }
        addFit(type, listener, result, reason, norm, delta, patience);
        addShuffleAndGather(type);
    }

    private record GradientNormBelowRule(double epsilon) {}

    private void addTypes(TypeSpec.Builder type, ClassName listener, ClassName result, ClassName reason) {
        type.addType(TypeSpec.interfaceBuilder(listener).addModifiers(Modifier.PUBLIC)
                .addJavadoc("Hears {@link #fit}'s progress; every method has a no-op default.\n")
                .addMethod(MethodSpec.methodBuilder("onEpochEnd").addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .addJavadoc("After each epoch; the validation values are NaN without validation data.\n")
                        .addParameter(TypeName.INT, "epoch").addParameter(TypeName.DOUBLE, "trainLoss")
                        .addParameter(TypeName.DOUBLE, "validationLoss")
                        .addParameter(TypeName.DOUBLE, "validationAccuracy").build())
                .addMethod(MethodSpec.methodBuilder("onBatchEnd").addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .addJavadoc("After each optimizer step, with the batch loss before the step (batches count"
                                + " from 1).\n")
                        .addParameter(TypeName.INT, "epoch").addParameter(TypeName.INT, "batch")
                        .addParameter(TypeName.DOUBLE, "loss").build())
                .build());
        type.addType(TypeSpec.enumBuilder(reason).addModifiers(Modifier.PUBLIC)
                .addJavadoc("Why {@link #fit} stopped.\n")
                .addEnumConstant("EPOCHS", TypeSpec.anonymousClassBuilder("").addJavadoc("the epoch budget was"
                        + " spent\n").build())
                .addEnumConstant("GRADIENT_NORM", TypeSpec.anonymousClassBuilder("").addJavadoc("the epoch's mean"
                        + " gradient norm fell below the spec's bound\n").build())
                .addEnumConstant("LOSS_DELTA", TypeSpec.anonymousClassBuilder("").addJavadoc("the training loss"
                        + " changed less than the spec's bound\n").build())
                .addEnumConstant("PATIENCE", TypeSpec.anonymousClassBuilder("").addJavadoc("the validation loss"
                        + " stalled; the best weights were restored\n").build())
                .addEnumConstant("DIVERGED", TypeSpec.anonymousClassBuilder("").addJavadoc("a batch loss was NaN or"
                        + " infinite; the last finite weights were restored\n").build())
                .build());
        MethodSpec ctor = MethodSpec.constructorBuilder()
                .addParameter(ParameterSpec.builder(TypeName.INT, "epochs").build())
                .addParameter(TypeName.DOUBLE, "trainLoss")
                .addParameter(TypeName.DOUBLE, "bestValidationLoss")
                .addParameter(reason, "reason")
                .addParameter(TypeName.INT, "divergedEpoch")
                .addParameter(TypeName.INT, "divergedBatch")
                .build();
        type.addType(TypeSpec.recordBuilder(result).addModifiers(Modifier.PUBLIC)
                .addJavadoc("What {@link #fit} did: epochs completed, the last epoch's mean training loss, the best"
                        + " validation\nloss (NaN without validation data), why it stopped, and for {@code"
                        + " DIVERGED} the epoch and batch\n(from 1) of the first non-finite loss (else 0).\n")
                .recordConstructor(ctor)
                .build());
    }

    /** Fields holding a copy of every parameter, with save and restore methods. */
    private void addSnapshot(TypeSpec.Builder type, String suffix, String what) {
        MethodSpec.Builder save = MethodSpec.methodBuilder("save" + suffix).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Copies the parameters into $L.\n", what);
        MethodSpec.Builder restore = MethodSpec.methodBuilder("restore" + suffix).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Restores $L.\n", what);
        for (Storage p : fields.parameters()) {
            String copy = fields.unique(p.name() + suffix);
            type.addField(field(p, copy, "A copy of " + p.buffer().name() + ": " + what + "."));
            save.addStatement("copy($L, $L)", p.name(), copy);
            restore.addStatement("copy($L, $L)", copy, p.name());
        }
        type.addMethod(save.build());
        type.addMethod(restore.build());
    }

    private FieldSpec field(Storage like, String name, String doc) {
        boolean vector = like.shape() == Storage.Shape.VECTOR;
        return FieldSpec.builder(vector ? real.vector() : real.matrix(), name, Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("$L\n", StepText.javadoc(doc))
                .initializer(vector ? CodeBlock.of("new $L[$L]", real.keyword(), like.cols())
                        : CodeBlock.of("new $L[$L][$L]", real.keyword(), like.rows(), like.cols()))
                .build();
    }

    /** Sample-weighted gradient sums of an epoch, for the gradient-norm rule. */
    private void addEpochGradient(TypeSpec.Builder type) {
        MethodSpec.Builder clear = MethodSpec.methodBuilder("clearEpochGradient").addModifiers(Modifier.PRIVATE);
        MethodSpec.Builder add = MethodSpec.methodBuilder("addEpochGradient").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Adds m times the batch gradient (a mean over its m samples).\n")
                .addParameter(TypeName.INT, "m");
        MethodSpec.Builder norm = MethodSpec.methodBuilder("epochGradientNorm").addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addJavadoc("‖Σ m·g / n‖₂ over every parameter: the norm of the epoch's mean gradient.\n")
                .addParameter(TypeName.INT, "n")
                .addStatement("double squares = 0.0");
        for (Storage p : fields.parameters()) {
            Storage g = fields.gradientOf(p);
            if (g == null) {
                throw new IllegalStateException("plan has no gradient for " + p.buffer().name());
            }
            String sum = fields.unique(g.name() + "Epoch");
            type.addField(field(g, sum, "Σ over the epoch's batches of m·" + g.buffer().name() + "."));
            clear.addStatement("fill($L)", sum);
            add.addStatement("addScaled($L, m, $L)", g.name(), sum);
            norm.addStatement("squares += sumOfSquares($L)", sum);
        }
        norm.addStatement("return Math.sqrt(squares) / n");
        type.addMethod(clear.build());
        type.addMethod(add.build());
        type.addMethod(norm.build());
    }

    private void addFit(TypeSpec.Builder type, ClassName listener, ClassName result, ClassName reason,
                        GradientNormBelowRule norm, StopRule.LossDeltaBelow delta, StopRule.Patience patience) {
        CodeBlock.Builder rules = CodeBlock.builder().indent();
        if (norm != null) {
            rules.add("// stop when the norm of the epoch's mean gradient falls below $L\n", norm.epsilon());
            rules.beginControlFlow("if (epochGradientNorm(n) < $L)", doubleLiteral(norm.epsilon()));
            rules.addStatement("return new $T(epoch, trainLoss, orNaN(best), $T.GRADIENT_NORM, 0, 0)", result, reason);
            rules.endControlFlow();
        }
        if (delta != null) {
            rules.add("// stop when the training loss changes by less than $L\n", delta.epsilon());
            rules.beginControlFlow("if (epoch > 1 && Math.abs(trainLoss - previous) < $L)",
                    doubleLiteral(delta.epsilon()));
            rules.addStatement("return new $T(epoch, trainLoss, orNaN(best), $T.LOSS_DELTA, 0, 0)", result, reason);
            rules.endControlFlow();
            rules.addStatement("previous = trainLoss");
        }
        if (patience != null) {
            rules.add("// early stopping: $L epochs without a better validation loss; keep the best weights\n",
                    patience.epochs());
            rules.beginControlFlow("if (valN > 0 && epoch - bestEpoch >= $L)", patience.epochs());
            rules.addStatement("restoreBest()");
            rules.addStatement("return new $T(epoch, trainLoss, orNaN(best), $T.PATIENCE, 0, 0)", result, reason);
            rules.endControlFlow();
        }
        rules.unindent();
        // optional lines: whole lines with their own indentation, so an absent one leaves no trace
        Map<String, Object> args = Map.of(
                "result", result,
                "reason", reason,
                "listener", listener,
                "shuffle", network.training().shuffle() ? "    shuffle(n);\n" : "",
                "clearGradient", norm != null ? "    clearEpochGradient();\n" : "",
                "addGradient", norm != null ? "        addEpochGradient(m);\n" : "",
                "previous", delta != null ? "double previous = Double.NaN;\n" : "",
                "saveBest", patience != null ? "        saveBest();\n" : "",
                "rules", rules.build(),
                "restoreBest", patience != null ? "if (valN > 0 && bestEpoch > 0) {\n    restoreBest();\n}\n" : "");
        List<String> stops = new ArrayList<>();
        for (StopRule r : network.training().stops()) {
            stops.add(r.toString());
        }
        TypeName vec = real.vector();
        type.addMethod(MethodSpec.methodBuilder("fit").addModifiers(Modifier.PUBLIC).returns(result)
                .addJavadoc("Trains on n samples for at most $L epochs of batches of MAX_BATCH$L, evaluating the"
                                + " validation\nsamples (valN may be 0) after each epoch. Stopping rules of the spec:"
                                + " $L. A non-finite\nbatch loss stops training and restores the last weights that"
                                + " were all finite (optimizer state\nis not restored). {@code listener} may be"
                                + " null.\n", network.training().epochs(),
                        network.training().shuffle() ? ", in a fresh seeded order each epoch" : ", in order",
                        StepText.javadoc(stops.isEmpty() ? "none" : String.join(", ", stops)))
                .addParameter(vec, "x").addParameter(vec, "y").addParameter(TypeName.INT, "n")
                .addParameter(vec, "valX").addParameter(vec, "valY").addParameter(TypeName.INT, "valN")
                .addParameter(listener, "listener")
                .addCode(snippet.code("""
                        checkData(x, y, n);
                        if (valN > 0) {
                            checkData(valX, valY, valN);
                        }
                        $listener:T events = listener != null ? listener : new $listener:T() { };
                        if (order.length < n) {
                            order = new int[n];
                        }
                        for (int i = 0; i < n; i++) {
                            order[i] = i;
                        }
                        double best = Double.POSITIVE_INFINITY;
                        int bestEpoch = 0;
                        double trainLoss = Double.NaN;
                        $previous:Lif (parametersFinite()) {
                            saveLast();
                        }
                        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                        $shuffle:L$clearGradient:L    double sum = 0.0;
                            int batch = 0;
                            for (int start = 0; start < n; start += MAX_BATCH) {
                                int m = Math.min(MAX_BATCH, n - start);
                                gather(x, y, start, m);
                                forward(m);
                                double loss = lossValue(m);
                                batch++;
                                if (!Double.isFinite(loss)) {
                                    restoreLast();
                                    return new $result:T(epoch - 1, trainLoss, orNaN(best), $reason:T.DIVERGED, epoch, batch);
                                }
                                backward(m);
                                update(m);
                        $addGradient:L        sum += loss * m;
                                events.onBatchEnd(epoch, batch, loss);
                            }
                            trainLoss = sum / n;
                            double valLoss = Double.NaN;
                            double valAccuracy = Double.NaN;
                            if (valN > 0) {
                                valLoss = datasetLoss(valX, valY, valN);
                                valAccuracy = accuracy(valX, valY, valN);
                            }
                            events.onEpochEnd(epoch, trainLoss, valLoss, valAccuracy);
                            if (parametersFinite()) {
                                saveLast();
                            }
                            if (valN > 0 && valLoss < best) {
                                best = valLoss;
                                bestEpoch = epoch;
                        $saveBest:L    }
                        $rules:L}
                        $restoreBest:Lreturn new $result:T(EPOCHS, trainLoss, orNaN(best), $reason:T.EPOCHS, 0, 0);
                        """, args))
                .build());
        type.addField(FieldSpec.builder(TypeName.INT, "EPOCHS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The spec's epoch budget for fit.\n")
                .initializer("$L", network.training().epochs()).build());
        type.addMethod(MethodSpec.methodBuilder("orNaN").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "best")
                .addStatement("return best == Double.POSITIVE_INFINITY ? Double.NaN : best").build());
        type.addMethod(MethodSpec.methodBuilder("datasetLoss").addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addJavadoc("The mean loss over n samples in batches of MAX_BATCH, regularisation included"
                        + " once.\n")
                .addParameter(vec, "x").addParameter(vec, "y").addParameter(TypeName.INT, "n")
                .addCode(snippet.code("""
                        double total = 0.0;
                        for (int start = 0; start < n; start += MAX_BATCH) {
                            int m = Math.min(MAX_BATCH, n - start);
                            rows(x, y, start, m);
                            forward(m);
                            total += lossValue(m) * m;
                        }
                        return total / n;
                        """))
                .build());
    }

    private static String doubleLiteral(double value) {
        return new dev.nncompile.sym.JavaPrinter(dev.nncompile.sym.JavaPrinter.Type.DOUBLE).literal(value);
    }

    private void addShuffleAndGather(TypeSpec.Builder type) {
        Map<String, Object> names = Map.of("xBatch", fields.require(Buffer.Kind.INPUT, 0).name(),
                "yBatch", fields.require(Buffer.Kind.TARGET, 0).name());
        if (network.training().shuffle()) {
            type.addMethod(MethodSpec.methodBuilder("shuffle").addModifiers(Modifier.PRIVATE)
                    .addJavadoc("Fisher–Yates over order[0 .. n) with the seeded generator.\n")
                    .addParameter(TypeName.INT, "n")
                    .addCode(snippet.code("""
                            for (int i = n - 1; i > 0; i--) {
                                int j = (int) Long.remainderUnsigned(nextLong(), i + 1);
                                int swap = order[i];
                                order[i] = order[j];
                                order[j] = swap;
                            }
                            """))
                    .build());
        }
        TypeName vec = real.vector();
        type.addMethod(MethodSpec.methodBuilder("gather").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Copies samples order[start .. start + m) into rows 0 .. m of the workspace.\n")
                .addParameter(vec, "x").addParameter(vec, "y").addParameter(TypeName.INT, "start")
                .addParameter(TypeName.INT, "m")
                .addCode(snippet.code("""
                        for (int s = 0; s < m; s++) {
                            int row = order[start + s];
                            System.arraycopy(x, row * INPUTS, $xBatch:L[s], 0, INPUTS);
                            System.arraycopy(y, row * OUTPUTS, $yBatch:L[s], 0, OUTPUTS);
                        }
                        """, names))
                .build());
    }
}
