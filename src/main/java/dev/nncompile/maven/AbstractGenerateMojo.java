package dev.nncompile.maven;

import dev.nncompile.emit.Kernels;
import dev.nncompile.source.BoundedFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.build.BuildContext;

/**
 * {@code generate} and {@code generate-test}: the same incremental run over different folders, registering a main
 * or a test source root. The work happens in {@link SpecGeneration}; this class turns parameters into a {@link
 * GenerationRequest} and the {@link GenerationOutcome} into log lines, a registered source root or a failure.
 */
public abstract class AbstractGenerateMojo extends AbstractNncompileMojo {
    /**
     * Registers the output directory as a (test) compile source root, so javac and IDEs pick the generated classes
     * up without build-helper-maven-plugin. It is registered on every run, also when nothing was regenerated.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.registerSourceRoot", defaultValue = "true")
    protected boolean registerSourceRoot;

    /**
     * Generates classes whose matrix kernels (the forward products, the backpropagated deltas and the weight
     * gradients) are register-blocked micro-kernels written with the Vector API, {@code jdk.incubator.vector},
     * instead of plain loops: faster on wide layers, and equal to the plain classes up to the roundings a fused
     * multiply-add saves. The CLI's {@code nncompile generate --simd}. Switching it regenerates every class.
     *
     * <p>The Vector API is an incubator module in Java 17, so the project that compiles and runs these classes must
     * add it, to javac and to every JVM that loads them (tests included). javac then warns "using incubating
     * module(s)" and the JVM prints "WARNING: Using incubator modules"; neither can be silenced.
     *
     * <pre>{@code
     * <plugin>
     *   <artifactId>maven-compiler-plugin</artifactId>
     *   <configuration>
     *     <release>17</release>
     *     <compilerArgs>
     *       <arg>--add-modules</arg>
     *       <arg>jdk.incubator.vector</arg>
     *     </compilerArgs>
     *   </configuration>
     * </plugin>
     * <plugin>
     *   <artifactId>maven-surefire-plugin</artifactId>
     *   <configuration>
     *     <argLine>--add-modules jdk.incubator.vector</argLine>
     *   </configuration>
     * </plugin>
     * }</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.simd", defaultValue = "false")
    protected boolean simd;

    /**
     * With {@code simd}: threads per large product and weight update. Each generated class then starts
     * {@code threads − 1} daemon worker threads in its constructor (none when nothing is large enough to split),
     * splits the products by column blocks and the updates by rows, and implements {@link AutoCloseable}
     * ({@code close()} stops the workers). Results are bit-identical for any count. The CLI's {@code --threads}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.threads", defaultValue = "1")
    protected int threads;

    /** Where the staleness manifests live: {@code <goal>/<execution id>/manifest} below it. */
    @Parameter(defaultValue = "${project.build.directory}/maven-status/nncompile", readonly = true, required = true)
    protected File statusDirectory;

    protected AbstractGenerateMojo(BuildContext buildContext) {
        super(buildContext);
    }

    /** The folder with the {@code *.nn} specs. */
    protected abstract File sourceDirectory();

    /** The generated source root. */
    protected abstract File outputDirectory();

    /** Adds the output directory to the project's main or test sources. */
    protected abstract void addSourceRoot(String root);

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("nncompile: skipped (nncompile.skip=true)");
            return;
        }
        GenerationRequest request = new GenerationRequest(sourceDirectory().toPath(), outputDirectory().toPath(),
                manifestFile(), packageOverride(), precisionOverride(), kernels(), failOnWarning, pluginVersion());
        GenerationOutcome outcome;
        try {
            outcome = new SpecGeneration(request, new BuildContextFiles(buildContext)).run();
        } catch (BoundedFiles.Refused e) {
            // a spec too large to read (or not a regular file) is the user's error, not the build's
            throw new MojoFailureException("nncompile: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("nncompile: I/O error: " + e, e);
        } catch (RuntimeException e) {
            // the core never throws for a user's mistake, so this is a bug in nncompile
            throw new MojoExecutionException("nncompile: internal error while compiling the specs in "
                    + shown(sourceDirectory()) + ": " + e, e);
        }
        DiagnosticReport report = new DiagnosticReport(getLog(), buildContext);
        report.clearMarkers(outcome.compiled().stream().map(c -> c.spec().file()).toList());
        report.print(outcome.diagnostics(), outcome.allProblems());
        if (!outcome.succeeded()) {
            throw specFailure(outcome.errorCount(), outcome.warningCount());
        }
        logOutcome(outcome);
        if (registerSourceRoot && (outcome.specCount() > 0 || Files.isDirectory(outputDirectory().toPath()))) {
            addSourceRoot(outputDirectory().getAbsolutePath());
        }
    }

    /** The kernels of {@code <simd>} and {@code <threads>}; {@link Kernels} holds the rules they must follow. */
    private Kernels kernels() throws MojoFailureException {
        try {
            return new Kernels(simd, threads);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("nncompile: <simd>/<threads>: " + e.getMessage());
        }
    }

    private Path manifestFile() {
        return statusDirectory.toPath().resolve(mojoExecution.getGoal()).resolve(mojoExecution.getExecutionId())
                .resolve("manifest");
    }

    private void logOutcome(GenerationOutcome outcome) {
        if (outcome.specCount() == 0 && outcome.removed().isEmpty()) {
            getLog().info("nncompile: no model specs in " + shown(sourceDirectory()));
            return;
        }
        for (GenerationOutcome.GeneratedFile file : outcome.files()) {
            getLog().info("nncompile: " + (file.changed() ? "generated " : "unchanged ") + file.className() + " ("
                    + shown(file.path()) + ")");
        }
        for (Path removed : outcome.removed()) {
            getLog().info("nncompile: removed obsolete " + shown(removed));
        }
        getLog().info("nncompile: " + DiagnosticReport.count(outcome.specCount(), "spec") + " in "
                + shown(sourceDirectory()) + ": " + outcome.compiled().size() + " compiled, "
                + outcome.upToDate().size() + " up to date; " + DiagnosticReport.count(outcome.writtenCount(), "file")
                + " written, " + outcome.removed().size() + " removed"
                + (outcome.warningCount() > 0 ? ", " + DiagnosticReport.count(outcome.warningCount(), "warning") : ""));
    }
}
