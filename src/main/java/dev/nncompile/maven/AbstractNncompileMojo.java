package dev.nncompile.maven;

import dev.nncompile.check.Frontend;
import dev.nncompile.model.Precision;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.build.BuildContext;

/**
 * The parameters every nncompile goal shares, and their validation. Subclasses only add their own defaults and
 * hand an immutable request to a plain-Java driver; no state outlives an execution (the goals are thread-safe).
 */
public abstract class AbstractNncompileMojo extends AbstractMojo {
    /** The plugin's IDE bridge: file refreshes and error markers under m2e, next to nothing on the command line. */
    protected final BuildContext buildContext;

    /**
     * The Java package of every generated class. When unset, a spec's own {@code package} statement decides, and
     * without one the folders below the spec directory do: {@code src/main/nn/com/acme/Mnist.nn} becomes {@code
     * com.acme.Mnist}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.packageName")
    protected String packageName;

    /**
     * {@code float} or {@code double} for every generated class, overriding each spec's {@code precision}
     * statement. When unset, each spec decides (float by default).
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.precision")
    protected String precision;

    /**
     * Skips the goal: nothing is read, generated or registered.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Fails the build when a spec has a warning, as {@code -Werror} does for javac. Nothing is generated then.
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.failOnWarning", defaultValue = "false")
    protected boolean failOnWarning;

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This execution: its goal, its id and the plugin's version name the staleness manifest. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    protected AbstractNncompileMojo(BuildContext buildContext) {
        this.buildContext = buildContext;
    }

    /** The configured precision, or null for each spec's own. */
    protected Precision precisionOverride() throws MojoFailureException {
        if (precision == null || precision.isBlank()) {
            return null;
        }
        String p = precision.trim().toLowerCase(Locale.ROOT);
        for (Precision candidate : Precision.values()) {
            if (candidate.javaType().equals(p)) {
                return candidate;
            }
        }
        throw new MojoFailureException("nncompile: <precision> must be 'float' or 'double', not '" + precision + "'");
    }

    /** The configured package, or null for spec statement, then folders. */
    protected String packageOverride() throws MojoFailureException {
        if (packageName == null) {
            return null;
        }
        String p = packageName.trim();
        String problem = Frontend.packageProblem(p);
        if (problem != null) {
            throw new MojoFailureException("nncompile: <packageName> '" + packageName + "' cannot be used: " + problem);
        }
        return p;
    }

    /** The plugin's version, part of the staleness settings: another version may generate other code. */
    protected String pluginVersion() {
        return mojoExecution.getMojoDescriptor().getPluginDescriptor().getVersion();
    }

    /** A path as the log shows it: relative to the project when inside it, else absolute. */
    protected String shown(Path path) {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(base) && !p.equals(base) ? base.relativize(p).toString() : p.toString();
    }

    protected String shown(File file) {
        return shown(file.toPath());
    }

    /** The failure after errors have been printed: {@code "2 errors in model specs"}. */
    protected static MojoFailureException specFailure(long errors, long warnings) {
        if (errors > 0) {
            return new MojoFailureException(DiagnosticReport.count(errors, "error") + " in model specs");
        }
        return new MojoFailureException(DiagnosticReport.count(warnings, "warning")
                + " in model specs, and failOnWarning is set");
    }
}
