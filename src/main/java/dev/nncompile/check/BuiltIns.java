package dev.nncompile.check;

import dev.nncompile.ast.Definition;
import dev.nncompile.ast.TopItem;
import dev.nncompile.model.Init;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Optimizer;
import dev.nncompile.parse.SpecParser;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of built-in names. Activations and losses come from {@code prelude.nn}, written in the spec
 * language and parsed once; softmax (row-wise, not a formula), the optimizers, init schemes and regularizers are
 * Java tables here. Unmodifiable, in a fixed order (suggestions are deterministic).
 *
 * <pre>{@code
 * Definition relu = BuiltIns.ACTIVATIONS.get("relu");
 * }</pre>
 */
final class BuiltIns {
    static final String PRELUDE_PATH = "prelude.nn";
    static final String SOFTMAX = "softmax";

    static final Map<String, Definition> ACTIVATIONS;
    static final Map<String, Definition> LOSSES;

    static {
        SourceFile prelude = new SourceFile(PRELUDE_PATH, readPrelude());
        Diagnostics diagnostics = new Diagnostics(prelude);
        List<TopItem> items = SpecParser.parse(prelude, diagnostics).items();
        if (diagnostics.size() > 0) {
            throw new IllegalStateException("the prelude does not parse:\n"
                    + DiagnosticRenderer.renderAll(diagnostics.sorted()));
        }
        Map<String, Definition> activations = new LinkedHashMap<>();
        Map<String, Definition> losses = new LinkedHashMap<>();
        for (TopItem item : items) {
            Definition d = (Definition) item;
            (d.kind() == Definition.Kind.ACTIVATION ? activations : losses).put(d.name().text(), d);
        }
        ACTIVATIONS = Collections.unmodifiableMap(activations);
        LOSSES = Collections.unmodifiableMap(losses);
    }

    /** Activations whose layers default to He initialisation (He et al. 2015); all others to Xavier uniform. */
    static final Set<String> RELU_FAMILY = Set.of("relu", "leaky_relu", "elu", "gelu", "gelu_tanh", "swish", "silu");

    static final Map<String, Loss.Kind> LOSS_KINDS = Map.of(
            "mse", Loss.Kind.MSE, "half_sse", Loss.Kind.HALF_SSE, "bce", Loss.Kind.BCE,
            "cross_entropy", Loss.Kind.CROSS_ENTROPY, "huber", Loss.Kind.HUBER);

    /** PyTorch's reductions: mse, bce, huber average over every element; half_sse and cross_entropy over the batch. */
    static Loss.Reduction reduction(Loss.Kind kind) {
        return switch (kind) {
            case HALF_SSE, CROSS_ENTROPY -> Loss.Reduction.MEAN_OVER_BATCH;
            case MSE, BCE, HUBER, CUSTOM -> Loss.Reduction.MEAN_OVER_ALL;
        };
    }

    /** Every activation name a layer may use, built-ins first. */
    static List<String> activationNames() {
        List<String> names = new java.util.ArrayList<>(ACTIVATIONS.keySet());
        names.add(SOFTMAX);
        return names;
    }

    // ---- optimizers: PyTorch's names and defaults ---------------------------------------------------------------

    record OptimizerSpec(Optimizer.Kind kind, boolean nesterov, List<ParamSpec> params) {}

    private static final ParamSpec LR_REQUIRED = ParamSpec.positive("lr", null);

    static final Map<String, OptimizerSpec> OPTIMIZERS = ordered(
            "sgd", new OptimizerSpec(Optimizer.Kind.SGD, false, List.of(LR_REQUIRED,
                    ParamSpec.fraction("momentum", 0.0), ParamSpec.truth("nesterov", false))),
            "momentum", new OptimizerSpec(Optimizer.Kind.SGD, false, List.of(LR_REQUIRED,
                    ParamSpec.fraction("momentum", 0.9))),
            "nesterov", new OptimizerSpec(Optimizer.Kind.SGD, true, List.of(LR_REQUIRED,
                    ParamSpec.fraction("momentum", 0.9))),
            "adam", new OptimizerSpec(Optimizer.Kind.ADAM, false, List.of(ParamSpec.positive("lr", 1e-3),
                    ParamSpec.openFraction("beta1", 0.9), ParamSpec.openFraction("beta2", 0.999),
                    ParamSpec.positive("eps", 1e-8))),
            "adamw", new OptimizerSpec(Optimizer.Kind.ADAMW, false, List.of(ParamSpec.positive("lr", 1e-3),
                    ParamSpec.openFraction("beta1", 0.9), ParamSpec.openFraction("beta2", 0.999),
                    ParamSpec.positive("eps", 1e-8), ParamSpec.nonNegative("weight_decay", 0.01))),
            "rmsprop", new OptimizerSpec(Optimizer.Kind.RMSPROP, false, List.of(ParamSpec.positive("lr", 1e-2),
                    ParamSpec.fraction("alpha", 0.99), ParamSpec.positive("eps", 1e-8),
                    ParamSpec.fraction("momentum", 0.0))));

    // ---- init schemes -----------------------------------------------------------------------------------------

    record InitSpec(Init.Kind kind, List<ParamSpec> params) {}

    private static final InitSpec XAVIER_UNIFORM = new InitSpec(Init.Kind.XAVIER_UNIFORM, List.of());
    private static final InitSpec XAVIER_NORMAL = new InitSpec(Init.Kind.XAVIER_NORMAL, List.of());
    private static final InitSpec HE_NORMAL = new InitSpec(Init.Kind.HE_NORMAL, List.of());
    private static final InitSpec HE_UNIFORM = new InitSpec(Init.Kind.HE_UNIFORM, List.of());

    /** PyTorch's nn.init defaults: uniform on [0, 1), normal N(0, 1). */
    static final Map<String, InitSpec> INITS = ordered(
            "zeros", new InitSpec(Init.Kind.ZEROS, List.of()),
            "uniform", new InitSpec(Init.Kind.UNIFORM, List.of(ParamSpec.number("a", 0.0),
                    ParamSpec.number("b", 1.0))),
            "normal", new InitSpec(Init.Kind.NORMAL, List.of(ParamSpec.number("mean", 0.0),
                    ParamSpec.nonNegative("std", 1.0))),
            "xavier", XAVIER_UNIFORM, "glorot", XAVIER_UNIFORM, "xavier_uniform", XAVIER_UNIFORM,
            "glorot_uniform", XAVIER_UNIFORM, "xavier_normal", XAVIER_NORMAL, "glorot_normal", XAVIER_NORMAL,
            "he", HE_NORMAL, "kaiming", HE_NORMAL, "he_normal", HE_NORMAL, "kaiming_normal", HE_NORMAL,
            "he_uniform", HE_UNIFORM, "kaiming_uniform", HE_UNIFORM);

    // ---- regularizers -----------------------------------------------------------------------------------------

    static final List<ParamSpec> REGULARIZER_PARAMS = List.of(ParamSpec.nonNegative("lambda", null));
    static final List<String> REGULARIZERS = List.of("l1", "l2");

    private BuiltIns() {}

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static String readPrelude() {
        try (InputStream in = BuiltIns.class.getResourceAsStream(PRELUDE_PATH)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PRELUDE_PATH);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
