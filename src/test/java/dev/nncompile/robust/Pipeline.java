package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.compiler.CompileRequest;
import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.SourceFile;
import dev.nncompile.train.InMemoryCompiler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Spec text → generated sources → classes compiled in memory with the strict options, for the robust tests. */
final class Pipeline {
    private Pipeline() {}

    static CompileResult compile(String specText) {
        return NnCompiler.compile(CompileRequest.of(new SourceFile("test.nn", specText)));
    }

    /** The one model of a spec that must be accepted. */
    static CompiledModel accept(String specText) {
        CompileResult r = compile(specText);
        assertFalse(r.hasErrors(), () -> "expected the spec to be accepted:\n" + specText + "\n"
                + DiagnosticRenderer.renderAll(r.diagnostics()));
        assertTrue(r.models().size() == 1, "one model expected");
        return r.models().get(0);
    }

    /** Compiles every model's source in one javac run (javac costs about a second a run, not a class). */
    static InMemoryCompiler.Result javac(List<CompiledModel> models) {
        Map<String, String> sources = new TreeMap<>();
        for (CompiledModel m : models) {
            sources.put(m.qualifiedName(), m.source());
        }
        return new InMemoryCompiler(InMemoryCompiler.STRICT).compile(sources);
    }

    /** Compiles and loads one model's class, failing with javac's diagnostics. */
    static Class<?> load(CompiledModel model) {
        InMemoryCompiler.Result r = javac(List.of(model));
        assertTrue(r.success(), () -> String.join("\n", r.diagnostics()));
        return r.load(model.qualifiedName());
    }
}
