package dev.nncompile.maven;

import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.codehaus.plexus.build.BuildContext;

/**
 * The test twin of {@code generate}: compiles the model specs in {@code src/test/nn} into {@code
 * target/generated-test-sources/nncompile} and adds that folder to the test compile sources, with the same
 * incremental behaviour. By hand: {@code mvn nncompile:generate-test}.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.NONE)
public class GenerateTestMojo extends AbstractGenerateMojo {
    /**
     * The folder with the test model specs ({@code *.nn}). Folders below it give the Java package.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.testSourceDirectory", defaultValue = "${project.basedir}/src/test/nn",
            required = true)
    private File sourceDirectory;

    /**
     * Where the generated test classes go.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/nncompile", required = true)
    private File outputDirectory;

    @Inject
    public GenerateTestMojo(BuildContext buildContext) {
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
        project.addTestCompileSourceRoot(root);
    }
}
