package dev.nncompile.source;

/**
 * The numbered catalogue of everything nncompile can report about a spec. Codes are stable: a code is never reused
 * for another meaning. Groups: NN0xx lexical and syntax, NN1xx names, NN2xx sizes and shapes, NN3xx
 * hyper-parameters, NN4xx formulas, NN9xx warnings (legal but suspicious specs).
 *
 * <pre>{@code
 * Diagnostic d = DiagnosticCode.NN101.at(file, span, "unknown activation 'rleu'", "did you mean 'relu'?");
 * }</pre>
 */
public enum DiagnosticCode {
    // ---- lexical and syntax ----------------------------------------------------------------------------------
    NN001(Severity.ERROR, "unexpected character: not part of the spec language"),
    NN002(Severity.ERROR, "the input is not text (NUL bytes, or mostly control characters)"),
    NN003(Severity.ERROR, "the file is too large (more than 1,048,576 chars)"),
    NN004(Severity.ERROR, "a formula nests too deeply (more than 200 levels of parentheses and if)"),
    NN005(Severity.ERROR, "syntax error: something else was expected here"),
    NN006(Severity.ERROR, "unterminated block: a '{' is never closed"),
    NN007(Severity.ERROR, "unclosed parenthesis: a '(' is never closed"),
    NN008(Severity.ERROR, "malformed number, e.g. an exponent without digits"),
    NN009(Severity.ERROR, "too many syntax errors: the rest of the file was not read"),
    NN010(Severity.ERROR, "the file defines no model"),
    NN011(Severity.ERROR, "a formula is too long (more than 400 operators deep)"),

    // ---- names -----------------------------------------------------------------------------------------------
    NN101(Severity.ERROR, "unknown activation"),
    NN102(Severity.ERROR, "unknown loss"),
    NN103(Severity.ERROR, "unknown optimizer"),
    NN104(Severity.ERROR, "unknown init scheme"),
    NN105(Severity.ERROR, "unknown regularizer (l1 or l2)"),
    NN106(Severity.ERROR, "unknown parameter name in an argument list"),
    NN107(Severity.ERROR, "two models have the same name (compared ignoring case)"),
    NN108(Severity.ERROR, "the model name cannot be a Java class name (keyword, literal or java.lang class)"),
    NN109(Severity.ERROR, "an activation or loss is defined twice, or redefines a built-in"),
    NN110(Severity.ERROR, "a parameter or argument is given twice"),
    NN111(Severity.ERROR, "unknown train setting"),
    NN112(Severity.ERROR, "unknown stopping rule"),
    NN113(Severity.ERROR, "invalid package name"),
    NN114(Severity.ERROR, "unknown precision (float or double)"),
    NN115(Severity.ERROR, "a statement or setting appears twice in one model"),
    NN116(Severity.ERROR, "a model lacks a required statement (input, dense, loss, optimizer)"),
    NN117(Severity.ERROR, "a required argument is missing"),
    NN118(Severity.ERROR, "too many arguments"),

    // ---- sizes and shapes ------------------------------------------------------------------------------------
    NN201(Severity.ERROR, "a layer size must be a whole number from 1 to 1,000,000"),
    NN202(Severity.ERROR, "the model has more than 100,000,000 parameters"),
    NN203(Severity.ERROR, "'input' must come before the first 'dense' layer"),
    NN204(Severity.ERROR, "softmax is supported on the output layer only"),

    // ---- hyper-parameters ------------------------------------------------------------------------------------
    NN301(Severity.ERROR, "a hyper-parameter is out of its range"),
    NN302(Severity.ERROR, "a value has the wrong type (number, whole number or true/false expected)"),
    NN303(Severity.ERROR, "a value must be a constant"),
    NN304(Severity.ERROR, "conflicting settings"),

    // ---- formulas --------------------------------------------------------------------------------------------
    NN401(Severity.ERROR, "unknown variable in a formula"),
    NN402(Severity.ERROR, "unknown function in a formula"),
    NN403(Severity.ERROR, "a function is called with the wrong number of arguments"),
    NN404(Severity.ERROR, "definitions call each other in a cycle (recursion is not allowed)"),
    NN405(Severity.ERROR, "a condition is used as a number, or a number as a condition"),
    NN406(Severity.ERROR, "a formula is too large once the activations it calls are expanded"),
    NN407(Severity.ERROR, "wrong variables: an activation takes one (z), a loss two (p, y)"),
    NN408(Severity.ERROR, "softmax is row-wise and cannot be called inside a formula"),

    // ---- warnings --------------------------------------------------------------------------------------------
    NN901(Severity.WARNING, "softmax output with bce: use cross_entropy"),
    NN902(Severity.WARNING, "cross_entropy without a softmax output"),
    NN903(Severity.WARNING, "bce with an output that is not in (0, 1): use a sigmoid output"),
    NN904(Severity.WARNING, "a learning rate above 10"),
    NN905(Severity.WARNING, "validation-loss patience without a validation fraction"),
    NN906(Severity.WARNING, "an activation or loss is defined but never used"),
    NN907(Severity.WARNING, "softmax over a single output is always 1"),
    NN908(Severity.WARNING, "a hidden layer with the identity activation adds no expressive power"),

    // ---- the compiler's own failure --------------------------------------------------------------------------
    NN999(Severity.ERROR, "internal error in nncompile (please report it)");

    private final Severity severity;
    private final String description;

    DiagnosticCode(Severity severity, String description) {
        this.severity = severity;
        this.description = description;
    }

    public Severity severity() {
        return severity;
    }

    /** One line for the README's catalogue. */
    public String description() {
        return description;
    }

    /** A diagnostic of this code, with this code's severity. */
    public Diagnostic at(SourceFile file, SourceSpan span, String message, String hint) {
        return new Diagnostic(this, severity, file, span, message, hint);
    }

    public Diagnostic at(SourceFile file, SourceSpan span, String message) {
        return at(file, span, message, null);
    }
}
