package dev.nncompile.cli;

import dev.nncompile.compiler.CompileRequest;
import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.emit.Kernels;
import dev.nncompile.model.Precision;
import dev.nncompile.parse.Limits;
import dev.nncompile.source.BoundedFiles;
import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading spec files for a command, and printing what the compiler said about them. */
final class SpecFiles {
    private SpecFiles() {}

    /** Thrown when a spec cannot be read; carries the message for the user. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    static CompileRequest request(List<Path> paths, String packageName, Precision precision) throws Unreadable {
        return request(paths, packageName, precision, Kernels.PLAIN);
    }

    static CompileRequest request(List<Path> paths, String packageName, Precision precision, Kernels kernels)
            throws Unreadable {
        List<SourceFile> files = new ArrayList<>();
        for (Path p : paths) {
            files.add(read(p));
        }
        return new CompileRequest(files, packageName, precision, kernels);
    }

    /** The most bytes read from one spec: enough for {@link Limits#MAX_CHARS} chars in UTF-8, plus a BOM. */
    static final int MAX_BYTES = Limits.MAX_BYTES;

    static SourceFile read(Path p) throws Unreadable {
        try {
            // bounded, and regular files only: an enormous file (or /dev/zero, or a FIFO) must not exhaust the heap
            // or hang before the front end's size limit can report it (issue 8 §3); UTF-8 needs at most 3 bytes
            // for each char of a Java string
            byte[] bytes = BoundedFiles.read(p, MAX_BYTES);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                // not UTF-8: decode leniently and let the lexer point at the garbage
                text = new String(bytes, StandardCharsets.UTF_8);
            }
            return new SourceFile(p.toString(), text);
        } catch (BoundedFiles.Refused e) {
            throw new Unreadable(e.getMessage() + (e.detail().startsWith("file too large")
                    ? "; a spec may hold at most " + Limits.MAX_CHARS + " chars" : ""));
        } catch (IOException e) {
            throw new Unreadable(p + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * What a command gets from compiling its specs: the result, or the exit code to stop with after the diagnostics
     * (and why) were printed.
     */
    record Compilation(CompileResult result, int exitCode) {
        boolean failed() {
            return result == null;
        }
    }

    /** Reads and compiles the specs, printing every diagnostic; the one way commands compile. */
    static Compilation compile(List<Path> paths, String packageName, Precision precision, PrintWriter err) {
        return compile(paths, packageName, precision, Kernels.PLAIN, err);
    }

    /** As {@link #compile(List, String, Precision, PrintWriter)}, generating with the given kernels. */
    static Compilation compile(List<Path> paths, String packageName, Precision precision, Kernels kernels,
                               PrintWriter err) {
        CompileResult result;
        try {
            result = NnCompiler.compile(request(paths, packageName, precision, kernels));
        } catch (Unreadable e) {
            err.println("nncompile: " + e.getMessage());
            return new Compilation(null, ExitCode.IO);
        }
        print(result.diagnostics(), err);
        if (result.hasErrors()) {
            err.println(summary(result.errorCount(), result.warningCount()));
            return new Compilation(null, ExitCode.INPUT);
        }
        return new Compilation(result, ExitCode.OK);
    }

    static void print(List<Diagnostic> diagnostics, PrintWriter err) {
        for (Diagnostic d : diagnostics) {
            err.println(DiagnosticRenderer.render(d));
        }
    }

    static String summary(long errors, long warnings) {
        return errors + (errors == 1 ? " error" : " errors") + ", " + warnings + (warnings == 1 ? " warning" : " warnings");
    }
}
