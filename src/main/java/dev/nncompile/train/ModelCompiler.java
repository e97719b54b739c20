package dev.nncompile.train;

import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.derive.Deriver;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.emit.ClassGenerator;
import dev.nncompile.emit.Kernels;
import dev.nncompile.model.Network;
import dev.nncompile.model.Training;
import java.util.List;

/**
 * Turns a compiled model into a running one: re-derives it when the command line overrides a training setting that
 * the generated class bakes in as a constant (epochs, batch size), compiles the Java source in memory, and
 * instantiates it.
 *
 * <pre>{@code
 * CompiledModel iris = NnCompiler.compile(request).models().get(0);
 * GeneratedModel m = ModelCompiler.load(ModelCompiler.withTraining(iris, 50, null), 42);
 * }</pre>
 */
public final class ModelCompiler {
    /** javac options for generated classes: the language level they promise, nothing that could fail a user's run. */
    static final List<String> OPTIONS = List.of("--release", "17", "-proc:none");
    /** The same for a class with SIMD kernels, which imports the Vector API's incubator module. */
    static final List<String> SIMD_OPTIONS = List.of("--release", "17", "-proc:none", "--add-modules",
            "jdk.incubator.vector");

    private ModelCompiler() {}

    /**
     * The model with the given epoch budget and/or batch size (null keeps the spec's); the same model when nothing
     * changes.
     */
    public static CompiledModel withTraining(CompiledModel model, Integer epochs, Integer batch) {
        Network n = model.network();
        Training t = n.training();
        int e = epochs != null ? epochs : t.epochs();
        int b = batch != null ? batch : t.batch();
        if (e == t.epochs() && b == t.batch()) {
            return model;
        }
        Network changed = new Network(n.name(), n.packageName(), n.span(), n.inputs(), n.layers(), n.loss(),
                n.optimizer(), n.regularizers(), n.seed(), n.precision(),
                new Training(b, e, t.shuffle(), t.validation(), t.stops()));
        TrainingPlan plan = Deriver.derive(changed);
        return new CompiledModel(changed, plan, ClassGenerator.generate(plan, model.kernels()), model.kernels());
    }

    /**
     * Compiles the model's class in memory and instantiates it with {@code seed}. A class with SIMD kernels needs
     * this JVM started with {@code --add-modules jdk.incubator.vector} (see
     * {@link InMemoryCompiler#vectorApiLoaded()}).
     */
    public static GeneratedModel load(CompiledModel model, long seed) {
        List<String> options = model.kernels().vectorApi() ? SIMD_OPTIONS : OPTIONS;
        Class<?> type = new InMemoryCompiler(options).compileAndLoad(model.qualifiedName(), model.source());
        return GeneratedModel.instantiate(type, seed, model.network().training().epochs());
    }
}
