package dev.nncompile.check;

import java.util.Set;

/**
 * Names a model cannot take, because its name becomes a Java class name (JLS 17 §3.9 keywords and literals, §3.9
 * contextual keywords that cannot name a type) or would hide a java.lang class the generated code relies on.
 */
final class JavaNames {
    static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "_", "true", "false", "null");

    /** Contextual keywords that may not name a class (JLS 17 §3.9: var, yield, record, sealed, permits). */
    static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    static final Set<String> JAVA_LANG = Set.of(
            "Boolean", "Byte", "Character", "Class", "Deprecated", "Double", "Enum", "Error", "Exception", "Float",
            "IllegalArgumentException", "IllegalStateException", "Integer", "Iterable", "Long", "Math", "Number",
            "Object", "Override", "Record", "Runnable", "RuntimeException", "Short", "StrictMath", "String",
            "StringBuilder", "SuppressWarnings", "System", "Thread", "Throwable", "Void");

    private JavaNames() {}

    /** Why {@code name} cannot be a class name, or null if it can. */
    /** The spec language's own keywords, accepted by the parser as a model name only to be reported here. */
    static final Set<String> SPEC_KEYWORDS = Set.of(
            "package", "model", "input", "dense", "loss", "optimizer", "regularize", "init", "seed", "precision",
            "train", "stop", "when", "stalls", "for", "activation", "if", "then", "else", "and", "or", "not");

    static String problemAsClassName(String name) {
        if (KEYWORDS.contains(name)) {
            return "it is a Java keyword";
        }
        if (SPEC_KEYWORDS.contains(name)) {
            return "it is a keyword of the spec language";
        }
        if (RESTRICTED_TYPE_NAMES.contains(name)) {
            return "Java does not allow it as a class name";
        }
        if (JAVA_LANG.contains(name)) {
            return "it would hide java.lang." + name + ", which the generated code uses";
        }
        return null;
    }
}
