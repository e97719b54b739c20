package dev.nncompile.maven;

import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.codehaus.plexus.build.BuildContext;

/**
 * Compiles the model specs in {@code src/main/nn} into Java training classes in {@code
 * target/generated-sources/nncompile} and adds that folder to the compile sources. Only specs that changed since the
 * last successful run are compiled again, only classes whose bytes changed are rewritten, and the classes of deleted
 * specs are removed. Runs in every build that declares an execution of it; by hand: {@code mvn nncompile:generate}.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.NONE)
public class GenerateMojo extends AbstractGenerateMojo {
    /**
     * The folder with the model specs ({@code *.nn}). Folders below it give the Java package. A missing folder is
     * not an error: there is simply nothing to generate.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn",
            required = true)
    private File sourceDirectory;

    /**
     * Where the generated classes go, one {@code <package path>/<Model>.java} per model.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/nncompile", required = true)
    private File outputDirectory;

    @Inject
    public GenerateMojo(BuildContext buildContext) {
        super(buildContext);
    }

    @Override
    protected File sourceDirectory() {
        return sourceDirectory;
    }

    @Override
    protected File outputDirectory() {
        return outputDirectory;
    }

    @Override
    protected void addSourceRoot(String root) {
        project.addCompileSourceRoot(root);
    }
}
