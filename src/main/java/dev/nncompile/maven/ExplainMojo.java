package dev.nncompile.maven;

import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.explain.Format;
import dev.nncompile.source.BoundedFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.codehaus.plexus.build.BuildContext;

/**
 * Writes the derivation report of every model: the forward pass, the loss, every gradient and the update, as the
 * generated class computes them, to {@code target/nncompile-reports/<Model>/derivation.md} and {@code .html}. Not
 * bound to a phase: run {@code mvn nncompile:explain}. Reports are written only when their bytes change.
 *
 * @since 0.1.0
 */
@Mojo(name = "explain", threadSafe = true, requiresDependencyResolution = ResolutionScope.NONE)
public class ExplainMojo extends AbstractNncompileMojo {
    /**
     * The folder with the model specs ({@code *.nn}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn",
            required = true)
    private File sourceDirectory;

    /**
     * Where the reports go: one folder per model, named after the model (its qualified name when two models share a
     * simple name).
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.reportDirectory", defaultValue = "${project.build.directory}/nncompile-reports",
            required = true)
    private File reportDirectory;

    /**
     * The report formats: any of {@code markdown} ({@code derivation.md}, GitHub math), {@code html} ({@code
     * derivation.html}, MathML, no JavaScript), {@code latex} ({@code derivation.tex}) and {@code text} ({@code
     * derivation.txt}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "nncompile.formats", defaultValue = "markdown,html")
    private List<String> formats;

    @Inject
    public ExplainMojo(BuildContext buildContext) {
        super(buildContext);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("nncompile: skipped (nncompile.skip=true)");
            return;
        }
        Set<Format> wanted = formats();
        String pkg = packageOverride();
        var prec = precisionOverride();
        List<SpecCompiler.Compiled> compiled = new ArrayList<>();
        try {
            for (SpecInput spec : SpecTree.scan(sourceDirectory.toPath())) {
                compiled.add(SpecCompiler.compile(spec, pkg, prec));
            }
        } catch (BoundedFiles.Refused e) {
            // a spec too large to read (or not a regular file) is the user's error, not the build's
            throw new MojoFailureException("nncompile: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("nncompile: I/O error: " + e, e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("nncompile: internal error while compiling the specs in "
                    + shown(sourceDirectory) + ": " + e, e);
        }
        DiagnosticReport report = new DiagnosticReport(getLog(), buildContext);
        long errors = 0;
        long warnings = 0;
        List<CompiledModel> models = new ArrayList<>();
        for (SpecCompiler.Compiled c : compiled) {
            report.print(c.diagnostics(), c.problems());
            errors += c.errorCount();
            warnings += c.warningCount();
            models.addAll(c.models());
        }
        if (errors > 0 || (failOnWarning && warnings > 0)) {
            throw specFailure(errors, warnings);
        }
        if (models.isEmpty()) {
            getLog().info("nncompile: no model specs in " + shown(sourceDirectory));
            return;
        }
        GeneratedFiles files = new BuildContextFiles(buildContext);
        try {
            for (Map.Entry<String, CompiledModel> entry : folders(models).entrySet()) {
                Path folder = reportDirectory.toPath().resolve(entry.getKey());
                for (Format format : wanted) {
                    String text = NnCompiler.explain(entry.getValue(), format);
                    Path file = folder.resolve("derivation." + extension(format));
                    boolean changed = files.write(file, text.getBytes(StandardCharsets.UTF_8));
                    getLog().info("nncompile: " + (changed ? "wrote " : "unchanged ") + shown(file));
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("nncompile: cannot write a report: " + e, e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("nncompile: internal error while explaining: " + e, e);
        }
    }

    private Set<Format> formats() throws MojoFailureException {
        Set<Format> wanted = new LinkedHashSet<>();
        for (String f : formats) {
            for (String part : f.split(",")) {
                String name = part.trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                Format format = switch (name) {
                    case "markdown", "md" -> Format.MARKDOWN;
                    case "html" -> Format.HTML;
                    case "latex", "tex" -> Format.LATEX;
                    case "text", "txt" -> Format.TEXT;
                    default -> throw new MojoFailureException("nncompile: unknown report format '" + part.trim()
                            + "'; use markdown, html, latex or text");
                };
                wanted.add(format);
            }
        }
        return wanted;
    }

    private static String extension(Format format) {
        return switch (format) {
            case MARKDOWN -> "md";
            case HTML -> "html";
            case LATEX -> "tex";
            case TEXT -> "txt";
        };
    }

    /** Report folder per model: the simple name, or the qualified name where simple names clash. */
    private static Map<String, CompiledModel> folders(List<CompiledModel> models) {
        Map<String, Integer> uses = new TreeMap<>();
        models.forEach(m -> uses.merge(m.network().name(), 1, Integer::sum));
        Map<String, CompiledModel> byFolder = new TreeMap<>();
        for (CompiledModel m : models) {
            String simple = m.network().name();
            byFolder.put(uses.get(simple) > 1 ? m.qualifiedName() : simple, m);
        }
        return byFolder;
    }
}
