package dev.nncompile.compiler;

import com.palantir.javapoet.JavaFile;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.emit.Kernels;
import dev.nncompile.model.Network;

/**
 * One model through the whole pipeline: the checked network, its derivation and its generated class, with the
 * kernels it was generated with.
 */
public record CompiledModel(Network network, TrainingPlan plan, JavaFile javaFile, Kernels kernels) {

    /** A model generated with the plain kernels. */
    public CompiledModel(Network network, TrainingPlan plan, JavaFile javaFile) {
        this(network, plan, javaFile, Kernels.PLAIN);
    }

    /** The fully qualified name of the generated class. */
    public String qualifiedName() {
        return network.packageName().isEmpty() ? network.name() : network.packageName() + "." + network.name();
    }

    /** Where the source goes below a source root: {@code com/acme/Mnist.java}. */
    public String relativePath() {
        return qualifiedName().replace('.', '/') + ".java";
    }

    /** The generated Java source text. */
    public String source() {
        return javaFile.toString();
    }
}
