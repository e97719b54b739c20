package dev.nncompile.parse;

import dev.nncompile.ast.SpecFile;
import dev.nncompile.parse.antlr.NnParser;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.SourceFile;
import dev.nncompile.source.SourceSpan;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Spec text → AST, every problem a {@link dev.nncompile.source.Diagnostic}. Never throws for any input and never
 * prints: ANTLR's console listeners are removed.
 *
 * <p>Order of work: the size bound ({@code NN003}); NUL bytes mean a binary file ({@code NN002}); the lexical pass
 * with the nesting bound ({@link TokenScan}); then the two-stage parse ANTLR recommends — fast SLL prediction that
 * bails at the first error, and only for a file it rejects a second, full-LL parse with friendly recovery
 * ({@link SyntaxErrorStrategy}); last the {@link AstBuilder}. A fatal problem yields an empty {@link SpecFile}.
 *
 * <pre>{@code
 * Diagnostics diagnostics = new Diagnostics(file);
 * SpecFile ast = SpecParser.parse(file, diagnostics);
 * }</pre>
 */
public final class SpecParser {
    private SpecParser() {}

    public static SpecFile parse(SourceFile file, Diagnostics diagnostics) {
        String text = file.text();
        SpecFile empty = new SpecFile(null, List.of(), new SourceSpan(0, text.length()));
        if (text.length() > Limits.MAX_CHARS) {
            diagnostics.report(DiagnosticCode.NN003, new SourceSpan(Limits.MAX_CHARS, Limits.MAX_CHARS + 1),
                    "file too large: " + text.length() + " chars, the limit is " + Limits.MAX_CHARS,
                    "a spec describes a network, it should be a few lines long");
            return empty;
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            diagnostics.report(DiagnosticCode.NN002, new SourceSpan(nul, nul + 1),
                    "this is not a text file: it holds a NUL byte", "is this the right file?");
            return empty;
        }
        int control = firstOfManyControlChars(text);
        if (control >= 0) {
            diagnostics.report(DiagnosticCode.NN002, new SourceSpan(control, control + 1),
                    "this does not look like a text file: it is full of control characters", "is this the right file?");
            return empty;
        }
        List<Token> tokens = TokenScan.scan(text, diagnostics);
        if (tokens == null) {
            return empty;
        }
        NnParser.SpecFileContext tree = parseTree(tokens, diagnostics, text);
        return tree == null ? empty : new AstBuilder(diagnostics).file(tree);
    }

    /**
     * A binary file read as text: more than 5% control characters (tab, line breaks and form feed aside) in a
     * file of some length. Returns the offset of the first one, or -1 for text.
     */
    private static int firstOfManyControlChars(String text) {
        int count = 0;
        int first = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        return count >= 8 && count * 20 > text.length() ? first : -1;
    }

    private static NnParser.SpecFileContext parseTree(List<Token> tokens, Diagnostics diagnostics, String text) {
        NnParser parser = new NnParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.specFile();
        } catch (ParseCancellationException firstStageFailed) {
            // fall through to the careful parse, which also reports
        }
        SyntaxErrorStrategy strategy = new SyntaxErrorStrategy(diagnostics, text);
        parser = new NnParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        parser.setErrorHandler(strategy);
        try {
            return parser.specFile();
        } catch (ParseCancellationException tooManyErrors) {
            Token at = parser.getCurrentToken();
            int start = Math.max(0, Math.min(at.getStartIndex(), text.length()));
            diagnostics.report(DiagnosticCode.NN009, new SourceSpan(start, start),
                    "too many syntax errors (" + Limits.MAX_SYNTAX_ERRORS + "): the rest of the file was not read",
                    "fix the first errors and run again");
            return null;
        }
    }
}
