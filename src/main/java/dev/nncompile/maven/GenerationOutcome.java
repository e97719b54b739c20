package dev.nncompile.maven;

import dev.nncompile.source.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link SpecGeneration} run did, for the Mojo to report. When {@link #succeeded()} is false nothing was
 * written or removed and the previous manifest is still in force.
 *
 * @param specCount every spec found
 * @param compiled  the stale specs, compiled, with their diagnostics
 * @param upToDate  the specs skipped because nothing they depend on changed
 * @param problems  user errors that span specs (two specs generating the same class), rendered
 * @param files     the generated classes of the compiled specs, written or found unchanged
 * @param removed   obsolete outputs deleted
 * @param succeeded false on any error, or on a warning under failOnWarning
 */
record GenerationOutcome(int specCount, List<SpecCompiler.Compiled> compiled, List<String> upToDate,
                         List<String> problems, List<GeneratedFile> files, List<Path> removed, boolean succeeded) {
    GenerationOutcome {
        compiled = List.copyOf(compiled);
        upToDate = List.copyOf(upToDate);
        problems = List.copyOf(problems);
        files = List.copyOf(files);
        removed = List.copyOf(removed);
    }

    /**
     * One generated class.
     *
     * @param changed false when the file already held these bytes and was left alone
     */
    record GeneratedFile(String className, Path path, boolean changed) {}

    /** Every diagnostic, spec by spec in path order, each spec's in source order. */
    List<Diagnostic> diagnostics() {
        List<Diagnostic> all = new ArrayList<>();
        compiled.forEach(c -> all.addAll(c.diagnostics()));
        return all;
    }

    /** Every problem that is not a diagnostic: per spec first, then across specs. */
    List<String> allProblems() {
        List<String> all = new ArrayList<>();
        compiled.forEach(c -> all.addAll(c.problems()));
        all.addAll(problems);
        return all;
    }

    long errorCount() {
        return compiled.stream().mapToLong(SpecCompiler.Compiled::errorCount).sum() + problems.size();
    }

    long warningCount() {
        return compiled.stream().mapToLong(SpecCompiler.Compiled::warningCount).sum();
    }

    long writtenCount() {
        return files.stream().filter(GeneratedFile::changed).count();
    }
}
