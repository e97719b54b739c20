package dev.nncompile.maven;

import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.emit.Kernels;
import dev.nncompile.maven.GenerationOutcome.GeneratedFile;
import dev.nncompile.maven.Manifest.OutputRecord;
import dev.nncompile.maven.Manifest.SpecRecord;
import dev.nncompile.model.Precision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One incremental generation run, the recipe the Mojos follow: scan the specs, read the previous manifest, compile
 * only the stale specs, and, only if no spec has an error, write the changed classes, delete the obsolete ones and
 * promote the new manifest. A failed run touches nothing, so the next run starts from the same state.
 *
 * <pre>{@code
 * GenerationOutcome outcome = new SpecGeneration(request, GeneratedFiles.PLAIN).run();
 * if (!outcome.succeeded()) { ... report outcome.diagnostics() ... }
 * }</pre>
 */
final class SpecGeneration {
    private final GenerationRequest request;
    private final GeneratedFiles files;
    private final Compilation compilation;

    /** How one spec is compiled; {@link SpecCompiler#compile} but for tests of the bookkeeping alone. */
    @FunctionalInterface
    interface Compilation {
        SpecCompiler.Compiled compile(SpecInput spec, String packageName, Precision precision, Kernels kernels);
    }

    SpecGeneration(GenerationRequest request, GeneratedFiles files) {
        this(request, files, SpecCompiler::compile);
    }

    SpecGeneration(GenerationRequest request, GeneratedFiles files, Compilation compilation) {
        this.request = request;
        this.files = files;
        this.compilation = compilation;
    }

    /**
     * @throws IOException when a spec cannot be read or an output cannot be written; the manifest is then not
     *                     promoted, so the next run redoes the work
     */
    GenerationOutcome run() throws IOException {
        List<SpecInput> specs = SpecTree.scan(request.sourceRoot());
        Manifest previous = Manifest.read(request.manifestFile());
        SortedMap<String, String> settings = request.settings();
        Map<String, String> digests = new LinkedHashMap<>();
        Map<String, SpecInput> byPath = new LinkedHashMap<>();
        for (SpecInput spec : specs) {
            digests.put(spec.relativePath(), spec.digest());
            byPath.put(spec.relativePath(), spec);
        }
        IncrementalPlan plan = IncrementalPlan.of(digests, previous, settings, this::intact);

        List<SpecCompiler.Compiled> compiled = new ArrayList<>();
        for (String path : plan.stale()) {
            compiled.add(compilation.compile(byPath.get(path), request.packageName(), request.precision(),
                    request.kernels()));
        }
        List<String> problems = clashes(plan, compiled);
        long errors = compiled.stream().mapToLong(SpecCompiler.Compiled::errorCount).sum() + problems.size();
        long warnings = compiled.stream().mapToLong(SpecCompiler.Compiled::warningCount).sum();
        if (errors > 0 || (request.failOnWarning() && warnings > 0)) {
            return new GenerationOutcome(specs.size(), compiled, List.copyOf(plan.upToDate().keySet()), problems,
                    List.of(), List.of(), false);
        }

        List<GeneratedFile> generated = new ArrayList<>();
        Map<String, SpecRecord> records = new TreeMap<>();
        for (SpecCompiler.Compiled c : compiled) {
            List<OutputRecord> outputs = new ArrayList<>();
            for (CompiledModel model : c.models()) {
                byte[] bytes = model.source().getBytes(StandardCharsets.UTF_8);
                Path target = request.outputRoot().resolve(model.relativePath());
                boolean changed = files.write(target, bytes);
                generated.add(new GeneratedFile(model.qualifiedName(), target, changed));
                outputs.add(new OutputRecord(model.relativePath(), Sha256.hex(bytes)));
            }
            records.put(c.spec().relativePath(), new SpecRecord(c.spec().digest(), outputs));
        }
        Manifest next = plan.next(settings, records);
        List<Path> removed = new ArrayList<>();
        for (String obsolete : IncrementalPlan.obsolete(previous, next)) {
            Path file = request.outputRoot().resolve(obsolete);
            if (files.delete(file)) {
                removed.add(file);
                pruneEmptyFolders(file.getParent());
            }
        }
        next.promote(request.manifestFile());
        return new GenerationOutcome(specs.size(), compiled, List.copyOf(plan.upToDate().keySet()), List.of(),
                generated, removed, true);
    }

    /** A recorded output still on disk with the bytes the run that recorded it wrote. */
    private boolean intact(OutputRecord output) {
        Path file = request.outputRoot().resolve(output.path());
        try {
            return Sha256.hex(file).equals(output.digest());  // hashed in blocks: never held in memory
        } catch (IOException e) {
            // missing, not a regular file, or unreadable: regenerate it, and let the write report a real I/O problem
            return false;
        }
    }

    /** Two specs must not generate the same class: the second would silently overwrite the first. */
    private static List<String> clashes(IncrementalPlan plan, List<SpecCompiler.Compiled> compiled) {
        Map<String, String> producer = new TreeMap<>();
        plan.upToDate().forEach((spec, record) -> record.outputs().forEach(o -> producer.put(o.path(), spec)));
        List<String> problems = new ArrayList<>();
        for (SpecCompiler.Compiled c : compiled) {
            for (CompiledModel model : c.models()) {
                String other = producer.putIfAbsent(model.relativePath(), c.spec().relativePath());
                if (other != null) {
                    problems.add(c.spec().file() + ": error: model " + model.qualifiedName()
                            + " is also generated from " + other + "; rename one model or give it another package");
                }
            }
        }
        return problems;
    }

    /** Removes the package folders an obsolete class leaves empty, up to (not including) the output root. */
    private void pruneEmptyFolders(Path folder) throws IOException {
        Path root = request.outputRoot().toAbsolutePath().normalize();
        Path current = folder == null ? null : folder.toAbsolutePath().normalize();
        while (current != null && current.startsWith(root) && !current.equals(root)) {
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
            current = current.getParent();
        }
    }
}
