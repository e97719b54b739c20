package dev.nncompile.check;

import dev.nncompile.ast.Definition;
import dev.nncompile.ast.FnRef;
import dev.nncompile.ast.ModelDecl;
import dev.nncompile.ast.Node;
import dev.nncompile.ast.SignedNumber;
import dev.nncompile.ast.Statement;
import dev.nncompile.ast.TrainItem;
import dev.nncompile.model.Activation;
import dev.nncompile.model.Init;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Optimizer;
import dev.nncompile.model.Precision;
import dev.nncompile.model.Regularizer;
import dev.nncompile.model.StopRule;
import dev.nncompile.model.Training;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.Quoted;
import dev.nncompile.source.SourceSpan;
import dev.nncompile.source.Suggestions;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code model} block → a {@link Network}: statements counted (duplicates and missing pieces reported), names
 * resolved against the built-ins and the file's definitions, sizes chained, hyper-parameters typed and
 * range-checked, defaults filled in, and the warnings of {@link SuspiciousSpecs}. Returns null if the model had an
 * error; every error is reported regardless.
 *
 * <p>Defaults: precision float, seed 0, batch 32, epochs 10, shuffle true, validation 0; a layer without an init
 * takes the model's {@code init}, else He normal after a ReLU-family activation (relu, leaky_relu, elu, gelu,
 * gelu_tanh, swish, silu) and Xavier uniform after any other.
 */
final class ModelChecker {
    static final int MAX_UNITS = 1_000_000;
    static final long MAX_PARAMETERS = 100_000_000L;
    static final int MAX_BATCH = 1_000_000;
    static final int MAX_EPOCHS = 100_000_000;

    private static final List<String> SETTINGS = List.of("batch", "epochs", "shuffle", "validation");
    private static final List<String> METRICS = List.of("val_loss", "grad_norm", "loss_delta");

    private final Diagnostics diagnostics;
    private final DefinitionChecker definitions;
    private final Formulas formulas;
    private final Arguments arguments;
    private final Set<String> used;
    private final int errorsBefore;

    /** @param used collects the user definitions this model uses (for the unused-definition warning) */
    ModelChecker(Diagnostics diagnostics, DefinitionChecker definitions, Set<String> used) {
        this.diagnostics = diagnostics;
        this.definitions = definitions;
        this.formulas = definitions.formulas();
        this.arguments = new Arguments(diagnostics);
        this.used = used;
        this.errorsBefore = countErrors();
    }

    // ---- the statements, gathered ------------------------------------------------------------------------------

    private Statement.Input input;
    private final List<Statement.Dense> dense = new ArrayList<>();
    private Statement.Loss lossStatement;
    private Statement.Optimizer optimizerStatement;
    private final Map<String, Statement.Regularize> regularizeStatements = new LinkedHashMap<>();
    private Statement.Init initStatement;
    private Node seedStatement;
    private SignedNumber seedValue;
    private Statement.Precision precisionStatement;
    private Statement.Train trainStatement;

    Network check(ModelDecl model, String packageName) {
        boolean syntaxErrors = diagnostics.hasErrorWithin(model.span());
        gather(model);
        if (!syntaxErrors) {
            requirePieces(model);
        }
        Integer inputs = input == null ? null : size(input.size());
        Init modelInit = initStatement == null ? null : init(initStatement.scheme());
        List<Layer> layers = layers(inputs, modelInit);
        checkParameterCount(model, layers);
        Loss loss = lossStatement == null ? null : loss(lossStatement.loss());
        Optimizer optimizer = optimizerStatement == null ? null : optimizer(optimizerStatement.optimizer());
        List<Regularizer> regularizers = regularizers();
        Long seed = seedValue == null ? Long.valueOf(0) : seed(seedValue);
        Precision precision = precisionStatement == null ? Precision.FLOAT : precision(precisionStatement);
        Training training = trainStatement == null ? new Training(32, 10, true, 0.0, List.of())
                : training(trainStatement);

        new SuspiciousSpecs(diagnostics).check(dense, layers, lossStatement, loss, optimizerStatement, optimizer,
                trainStatement, training);

        if (countErrors() > errorsBefore || inputs == null || layers == null || loss == null || optimizer == null
                || regularizers == null || seed == null || precision == null || training == null) {
            return null;
        }
        return new Network(model.name().text(), packageName, model.span(), inputs, layers, loss, optimizer,
                regularizers, seed, precision, training);
    }

    private void gather(ModelDecl model) {
        for (Statement s : model.statements()) {
            if (s instanceof Statement.Input i) {
                if (input != null) {
                    duplicate(s, "input", input);
                } else {
                    input = i;
                    if (!dense.isEmpty()) {
                        diagnostics.report(DiagnosticCode.NN203, s.span(),
                                "'input' must come before the first 'dense' layer",
                                "move it up: the first dense layer is on line " + line(dense.get(0)));
                    }
                }
            } else if (s instanceof Statement.Dense d) {
                dense.add(d);
            } else if (s instanceof Statement.Loss l) {
                lossStatement = once(s, "loss", lossStatement, l);
            } else if (s instanceof Statement.Optimizer o) {
                optimizerStatement = once(s, "optimizer", optimizerStatement, o);
            } else if (s instanceof Statement.Regularize r) {
                String kind = r.regularizer().name().text();
                if (regularizeStatements.containsKey(kind)) {
                    duplicate(s, "regularize " + kind, regularizeStatements.get(kind));
                } else {
                    regularizeStatements.put(kind, r);
                }
            } else if (s instanceof Statement.Init i) {
                initStatement = once(s, "init", initStatement, i);
                if (i.seed() != null) {
                    seed(s, i.seed());
                }
            } else if (s instanceof Statement.Seed seed) {
                seed(s, seed.seed());
            } else if (s instanceof Statement.Precision p) {
                precisionStatement = once(s, "precision", precisionStatement, p);
            } else if (s instanceof Statement.Train t) {
                trainStatement = once(s, "train", trainStatement, t);
            }
        }
    }

    private <T extends Statement> T once(Statement s, String what, T existing, T candidate) {
        if (existing != null) {
            duplicate(s, what, existing);
            return existing;
        }
        return candidate;
    }

    private void seed(Statement s, SignedNumber seed) {
        if (seedStatement != null) {
            duplicate(seed, "seed", seedStatement);
        } else {
            seedStatement = s;
            seedValue = seed;
        }
    }

    private void duplicate(Node again, String what, Node first) {
        diagnostics.report(DiagnosticCode.NN115, again.span(), "duplicate " + what + ": the model already has one",
                "the first is on line " + line(first));
    }

    private void requirePieces(ModelDecl model) {
        String name = Quoted.of(model.name().text());
        SourceSpan at = model.name().span();
        if (input == null) {
            diagnostics.report(DiagnosticCode.NN116, at, "model " + name + " has no 'input' statement",
                    "add e.g. 'input 784' as its first statement");
        }
        if (dense.isEmpty()) {
            diagnostics.report(DiagnosticCode.NN116, at, "model " + name + " has no 'dense' layer",
                    "add e.g. 'dense 10 softmax'");
        }
        if (lossStatement == null) {
            diagnostics.report(DiagnosticCode.NN116, at, "model " + name + " has no 'loss' statement",
                    "add e.g. 'loss mse'");
        }
        if (optimizerStatement == null) {
            diagnostics.report(DiagnosticCode.NN116, at, "model " + name + " has no 'optimizer' statement",
                    "add e.g. 'optimizer adam(lr = 1e-3)'");
        }
    }

    // ---- layers ------------------------------------------------------------------------------------------------

    private List<Layer> layers(Integer inputs, Init modelInit) {
        List<Layer> layers = new ArrayList<>();
        boolean ok = true;
        Integer previous = inputs;
        for (int i = 0; i < dense.size(); i++) {
            Statement.Dense d = dense.get(i);
            Integer units = size(d.size());
            boolean output = i == dense.size() - 1;
            Activation activation = activation(d.activation(), output);
            Init init = d.init() != null ? init(d.init()) : modelInit;
            if (init == null && d.init() == null && activation != null) {
                Init.Kind kind = BuiltIns.RELU_FAMILY.contains(activation.name()) ? Init.Kind.HE_NORMAL
                        : Init.Kind.XAVIER_UNIFORM;
                init = new Init(kind, 0, 0);
            }
            if (units == null || previous == null || activation == null || init == null) {
                ok = false;
            } else {
                layers.add(new Layer(i + 1, previous, units, activation, init, d.span()));
            }
            previous = units;
        }
        return ok ? layers : null;
    }

    /** A layer size: a whole number from 1 to {@value #MAX_UNITS}. */
    private Integer size(SignedNumber n) {
        BigDecimal value = decimal(n);
        String written = Quoted.of(n.written());
        if (value == null) {
            return null;
        }
        if (value.signum() <= 0) {
            diagnostics.report(DiagnosticCode.NN201, n.span(), "a layer size must be at least 1, got " + written,
                    null);
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0) {
            diagnostics.report(DiagnosticCode.NN201, n.span(), "a layer size must be a whole number, got "
                    + written, null);
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(MAX_UNITS)) > 0) {
            diagnostics.report(DiagnosticCode.NN201, n.span(), "a layer size must be at most 1,000,000, got "
                    + written, null);
            return null;
        }
        return value.intValueExact();
    }

    private BigDecimal decimal(SignedNumber n) {
        try {
            BigDecimal v = new BigDecimal(n.text());
            if (Math.abs((long) v.scale()) > 10_000) {
                throw new NumberFormatException("exponent too large");
            }
            return n.negative() ? v.negate() : v;
        } catch (NumberFormatException | ArithmeticException e) {
            diagnostics.report(DiagnosticCode.NN302, n.span(), "expected a whole number, got "
                    + Quoted.of(n.written()), null);
            return null;
        }
    }

    private void checkParameterCount(ModelDecl model, List<Layer> layers) {
        if (layers == null) {
            return;
        }
        long count = 0;
        for (Layer l : layers) {
            count += (long) l.units() * l.inputs() + l.units();
        }
        if (count > MAX_PARAMETERS) {
            diagnostics.report(DiagnosticCode.NN202, model.name().span(), String.format(java.util.Locale.ROOT,
                    "model %s has %,d parameters; the limit is %,d", Quoted.of(model.name().text()), count,
                    MAX_PARAMETERS), "use fewer or narrower layers");
        }
    }

    private Activation activation(FnRef ref, boolean output) {
        String name = ref.name().text();
        if (name.equals(BuiltIns.SOFTMAX)) {
            boolean ok = true;
            if (!ref.args().isEmpty()) {
                diagnostics.report(DiagnosticCode.NN118, ref.args().get(0).span(), "softmax takes no arguments",
                        null);
                ok = false;
            }
            if (!output) {
                diagnostics.report(DiagnosticCode.NN204, ref.name().span(),
                        "softmax is supported on the output layer only", "use relu or tanh in hidden layers");
                ok = false;
            }
            return ok ? Activation.ofSoftmax() : null;
        }
        Definition def = formulas.activation(name);
        if (def == null) {
            List<String> names = new ArrayList<>(BuiltIns.activationNames());
            names.addAll(definitions.activations().keySet());
            diagnostics.report(DiagnosticCode.NN101, ref.name().span(), "unknown activation " + Quoted.of(name),
                    Suggestions.hint(name, names));
            return null;
        }
        used.add(name);
        Map<String, Double> params = arguments.bind(ref, "activation " + Quoted.of(name), paramSpecs(def));
        if (params == null || definitions.isBroken(def)) {
            return null;
        }
        Expr formula = formulas.instantiate(def, List.of(Exprs.var(Activation.Z)), constants(params));
        return formula == null ? null : Activation.ofFormula(name, formula);
    }

    private Loss loss(FnRef ref) {
        String name = ref.name().text();
        Definition def = BuiltIns.LOSSES.get(name);
        if (def == null) {
            def = definitions.losses().get(name);
        }
        if (def == null) {
            List<String> names = new ArrayList<>(BuiltIns.LOSSES.keySet());
            names.addAll(definitions.losses().keySet());
            diagnostics.report(DiagnosticCode.NN102, ref.name().span(), "unknown loss " + Quoted.of(name),
                    Suggestions.hint(name, names));
            return null;
        }
        used.add(name);
        Map<String, Double> params = arguments.bind(ref, "loss " + Quoted.of(name), paramSpecs(def));
        if (params == null || definitions.isBroken(def)) {
            return null;
        }
        Expr term = formulas.instantiate(def, List.of(Exprs.var(Loss.P), Exprs.var(Loss.Y)), constants(params));
        Loss.Kind kind = BuiltIns.LOSSES.containsKey(name) ? BuiltIns.LOSS_KINDS.get(name) : Loss.Kind.CUSTOM;
        return term == null ? null : new Loss(name, kind, term, BuiltIns.reduction(kind));
    }

    /** A definition's parameters as a {@link ParamSpec} list: any finite number, the written default if any. */
    private List<ParamSpec> paramSpecs(Definition def) {
        List<ParamSpec> specs = new ArrayList<>();
        Constants silent = new Constants(new Diagnostics(diagnostics.file()));
        for (Definition.Param p : def.params()) {
            Value v = p.defaultValue() == null ? null : silent.evaluate(p.defaultValue());
            specs.add(ParamSpec.number(p.name().text(), v == null || v.isTruth() ? null : v.number()));
        }
        return specs;
    }

    private static Map<String, Expr> constants(Map<String, Double> values) {
        Map<String, Expr> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Exprs.constant(v)));
        return out;
    }

    private Init init(FnRef ref) {
        String name = ref.name().text();
        BuiltIns.InitSpec spec = BuiltIns.INITS.get(name);
        if (spec == null) {
            diagnostics.report(DiagnosticCode.NN104, ref.name().span(), "unknown init scheme " + Quoted.of(name),
                    Suggestions.hint(name, BuiltIns.INITS.keySet()));
            return null;
        }
        Map<String, Double> v = arguments.bind(ref, "init " + Quoted.of(name), spec.params());
        if (v == null) {
            return null;
        }
        return switch (spec.kind()) {
            case UNIFORM -> {
                if (v.get("a") > v.get("b")) {
                    diagnostics.report(DiagnosticCode.NN304, ref.span(), "uniform(a, b) needs a <= b, got a = "
                            + ParamSpec.format(v.get("a")) + " and b = " + ParamSpec.format(v.get("b")), null);
                    yield null;
                }
                yield new Init(Init.Kind.UNIFORM, v.get("a"), v.get("b"));
            }
            case NORMAL -> new Init(Init.Kind.NORMAL, v.get("mean"), v.get("std"));
            default -> new Init(spec.kind(), 0, 0);
        };
    }

    // ---- optimizer, regularizers, seed, precision ------------------------------------------------------------

    private Optimizer optimizer(FnRef ref) {
        String name = ref.name().text();
        BuiltIns.OptimizerSpec spec = BuiltIns.OPTIMIZERS.get(name);
        if (spec == null) {
            diagnostics.report(DiagnosticCode.NN103, ref.name().span(), "unknown optimizer " + Quoted.of(name),
                    Suggestions.hint(name, BuiltIns.OPTIMIZERS.keySet()));
            return null;
        }
        Map<String, Double> v = arguments.bind(ref, "optimizer " + Quoted.of(name), spec.params());
        if (v == null) {
            return null;
        }
        double lr = v.get("lr");
        return switch (spec.kind()) {
            case SGD -> {
                boolean nesterov = spec.nesterov() || v.getOrDefault("nesterov", 0.0) == 1.0;
                double momentum = v.get("momentum");
                if (nesterov && momentum == 0.0) {
                    // PyTorch refuses this too: Nesterov momentum needs a momentum
                    diagnostics.report(DiagnosticCode.NN304, ref.span(), "Nesterov momentum needs momentum > 0",
                            "add momentum = 0.9");
                    yield null;
                }
                yield new Optimizer(Optimizer.Kind.SGD, lr, momentum, nesterov, 0, 0, 0, 0, 0);
            }
            case ADAM -> new Optimizer(Optimizer.Kind.ADAM, lr, 0, false, v.get("beta1"), v.get("beta2"),
                    v.get("eps"), 0, 0);
            case ADAMW -> new Optimizer(Optimizer.Kind.ADAMW, lr, 0, false, v.get("beta1"), v.get("beta2"),
                    v.get("eps"), 0, v.get("weight_decay"));
            case RMSPROP -> new Optimizer(Optimizer.Kind.RMSPROP, lr, v.get("momentum"), false, 0, 0, v.get("eps"),
                    v.get("alpha"), 0);
        };
    }

    private List<Regularizer> regularizers() {
        List<Regularizer> out = new ArrayList<>();
        boolean ok = true;
        for (Statement.Regularize r : regularizeStatements.values()) {
            FnRef ref = r.regularizer();
            String name = ref.name().text();
            if (!BuiltIns.REGULARIZERS.contains(name)) {
                diagnostics.report(DiagnosticCode.NN105, ref.name().span(), "unknown regularizer " + Quoted.of(name),
                        Suggestions.hint(name, BuiltIns.REGULARIZERS) != null
                                ? Suggestions.hint(name, BuiltIns.REGULARIZERS) : "use l1(lambda) or l2(lambda)");
                ok = false;
                continue;
            }
            Map<String, Double> v = arguments.bind(ref, "regularizer " + Quoted.of(name), BuiltIns.REGULARIZER_PARAMS);
            if (v == null) {
                ok = false;
                continue;
            }
            out.add(new Regularizer(name.equals("l1") ? Regularizer.Kind.L1 : Regularizer.Kind.L2, v.get("lambda")));
        }
        return ok ? out : null;
    }

    private Long seed(SignedNumber n) {
        BigDecimal value = decimal(n);
        if (value == null) {
            return null;
        }
        BigInteger whole;
        try {
            whole = value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            diagnostics.report(DiagnosticCode.NN302, n.span(), "a seed must be a whole number, got "
                    + Quoted.of(n.written()), null);
            return null;
        }
        if (whole.signum() < 0 || whole.bitLength() > 63) {
            diagnostics.report(DiagnosticCode.NN301, n.span(), "a seed must be from 0 to " + Long.MAX_VALUE
                    + ", got " + Quoted.of(n.written()), null);
            return null;
        }
        return whole.longValue();
    }

    private Precision precision(Statement.Precision p) {
        String name = p.precision().text();
        for (Precision candidate : Precision.values()) {
            if (candidate.javaType().equals(name)) {
                return candidate;
            }
        }
        diagnostics.report(DiagnosticCode.NN114, p.precision().span(), "unknown precision " + Quoted.of(name),
                Suggestions.hint(name, List.of("float", "double")) != null
                        ? Suggestions.hint(name, List.of("float", "double")) : "use float or double");
        return null;
    }

    // ---- training ----------------------------------------------------------------------------------------------

    private Training training(Statement.Train t) {
        Map<String, TrainItem.Setting> settings = new LinkedHashMap<>();
        Map<String, TrainItem> stops = new LinkedHashMap<>();
        for (TrainItem item : t.items()) {
            if (item instanceof TrainItem.Setting s) {
                String key = s.key().text();
                if (!SETTINGS.contains(key)) {
                    String hint = Suggestions.hint(key, SETTINGS);
                    diagnostics.report(DiagnosticCode.NN111, s.key().span(), "unknown train setting " + Quoted.of(key),
                            hint != null ? hint : "the settings are " + String.join(", ", SETTINGS));
                } else if (settings.containsKey(key)) {
                    duplicate(s, "setting '" + key + "'", settings.get(key));
                } else {
                    settings.put(key, s);
                }
            } else {
                Map.Entry<String, Node> rule = stopRule(item);
                if (rule != null) {
                    if (stops.containsKey(rule.getKey())) {
                        duplicate(item, "rule 'stop when " + rule.getKey() + "'", stops.get(rule.getKey()));
                    } else {
                        stops.put(rule.getKey(), item);
                    }
                }
            }
        }
        Arguments.Setting batch = setting(settings.get("batch"), ParamSpec.whole("batch", 32.0, 1, MAX_BATCH));
        Arguments.Setting epochs = setting(settings.get("epochs"), ParamSpec.whole("epochs", 10.0, 1, MAX_EPOCHS));
        Arguments.Setting shuffle = setting(settings.get("shuffle"), ParamSpec.truth("shuffle", true));
        Arguments.Setting validation = setting(settings.get("validation"),
                ParamSpec.fraction("validation", 0.0));
        List<StopRule> rules = new ArrayList<>();
        boolean ok = batch.ok() && epochs.ok() && shuffle.ok() && validation.ok();
        for (TrainItem item : stops.values()) {
            StopRule rule = stopValue(item);
            if (rule == null) {
                ok = false;
            } else {
                rules.add(rule);
            }
        }
        if (!ok) {
            return null;
        }
        return new Training((int) batch.value(), (int) epochs.value(), shuffle.value() == 1.0, validation.value(),
                rules);
    }

    private Arguments.Setting setting(TrainItem.Setting s, ParamSpec spec) {
        return arguments.setting(s, spec);
    }

    /** The rule's kind, or null after reporting an unknown metric or a wrong form. */
    private Map.Entry<String, Node> stopRule(TrainItem item) {
        dev.nncompile.ast.Name metric = item instanceof TrainItem.StopBelow b ? b.metric()
                : ((TrainItem.StopStalls) item).metric();
        String name = metric.text();
        if (!METRICS.contains(name)) {
            String hint = Suggestions.hint(name, METRICS);
            diagnostics.report(DiagnosticCode.NN112, metric.span(), "unknown stopping rule: cannot watch "
                    + Quoted.of(name), hint != null ? hint : "watch val_loss, grad_norm or loss_delta");
            return null;
        }
        boolean stalls = item instanceof TrainItem.StopStalls;
        if (name.equals("val_loss") != stalls) {
            String form = stalls ? "'stop when " + name + " < epsilon'" : "'stop when val_loss stalls for N epochs'";
            diagnostics.report(DiagnosticCode.NN112, item.span(), "this stopping rule is written " + form, null);
            return null;
        }
        if (item instanceof TrainItem.StopBelow b
                && b.op() != dev.nncompile.ast.CompareOp.LT && b.op() != dev.nncompile.ast.CompareOp.LE) {
            diagnostics.report(DiagnosticCode.NN112, item.span(), "a stopping rule compares with '<': 'stop when "
                    + name + " < epsilon'", null);
            return null;
        }
        if (item instanceof TrainItem.StopStalls s && s.unit() != null && !s.unit().text().equals("epochs")
                && !s.unit().text().equals("epoch")) {
            diagnostics.report(DiagnosticCode.NN112, s.unit().span(), "patience is counted in epochs, not "
                    + Quoted.of(s.unit().text()), null);
            return null;
        }
        return Map.entry(name, item);
    }

    private StopRule stopValue(TrainItem item) {
        if (item instanceof TrainItem.StopStalls s) {
            BigDecimal n = decimal(s.count());
            if (n == null) {
                return null;
            }
            if (n.stripTrailingZeros().scale() > 0 || n.signum() <= 0 || n.compareTo(BigDecimal.valueOf(MAX_EPOCHS)) > 0) {
                diagnostics.report(DiagnosticCode.NN301, s.count().span(), "patience must be a whole number of epochs "
                        + "from 1 to " + ParamSpec.format(MAX_EPOCHS) + ", got " + Quoted.of(s.count().written()), null);
                return null;
            }
            return new StopRule.Patience(n.intValueExact());
        }
        TrainItem.StopBelow b = (TrainItem.StopBelow) item;
        Arguments.Setting eps = arguments.setting(new TrainItem.Setting(b.metric(), b.value(), b.span()),
                ParamSpec.positive(b.metric().text() + " threshold", null));
        if (!eps.ok()) {
            return null;
        }
        return b.metric().text().equals("grad_norm") ? new StopRule.GradientNormBelow(eps.value())
                : new StopRule.LossDeltaBelow(eps.value());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private int line(Node n) {
        return diagnostics.file().line(n.span().start());
    }

    private int countErrors() {
        return diagnostics.errorCount();
    }
}
