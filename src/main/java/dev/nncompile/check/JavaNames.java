package dev.nncompile.check;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * Every public top-level type of java.lang in JDK 17 or 25. A class of that name hides the java.lang type from
     * every class of its package (JLS 17 §6.4.1), the generated class included, which names many of them (Math,
     * Float, NumberFormatException…); a fixed list, so the diagnostics do not depend on the JDK running nncompile.
     */
    static final Set<String> JAVA_LANG_ALL = Set.of(
            "AbstractMethodError", "Appendable", "ArithmeticException", "ArrayIndexOutOfBoundsException",
            "ArrayStoreException", "AssertionError", "AutoCloseable", "Boolean", "BootstrapMethodError", "Byte",
            "CharSequence", "Character", "Class", "ClassCastException", "ClassCircularityError", "ClassFormatError",
            "ClassLoader", "ClassNotFoundException", "ClassValue", "CloneNotSupportedException", "Cloneable",
            "Comparable", "Compiler", "Deprecated", "Double", "Enum", "EnumConstantNotPresentException", "Error",
            "Exception", "ExceptionInInitializerError", "Float", "FunctionalInterface", "IO", "IllegalAccessError",
            "IllegalAccessException", "IllegalArgumentException", "IllegalCallerException",
            "IllegalMonitorStateException", "IllegalStateException", "IllegalThreadStateException",
            "IncompatibleClassChangeError", "IndexOutOfBoundsException", "InheritableThreadLocal",
            "InstantiationError", "InstantiationException", "Integer", "InternalError", "InterruptedException",
            "Iterable", "LayerInstantiationException", "LinkageError", "Long", "MatchException", "Math", "Module",
            "ModuleLayer", "NegativeArraySizeException", "NoClassDefFoundError", "NoSuchFieldError",
            "NoSuchFieldException", "NoSuchMethodError", "NoSuchMethodException", "NullPointerException", "Number",
            "NumberFormatException", "Object", "OutOfMemoryError", "Override", "Package", "Process",
            "ProcessBuilder", "ProcessHandle", "Readable", "Record", "ReflectiveOperationException", "Runnable",
            "Runtime", "RuntimeException", "RuntimePermission", "SafeVarargs", "ScopedValue", "SecurityException",
            "SecurityManager", "Short", "StableValue", "StackOverflowError", "StackTraceElement", "StackWalker",
            "StrictMath", "String", "StringBuffer", "StringBuilder", "StringIndexOutOfBoundsException",
            "SuppressWarnings", "System", "Thread", "ThreadDeath", "ThreadGroup", "ThreadLocal", "Throwable",
            "TypeNotPresentException", "UnknownError", "UnsatisfiedLinkError", "UnsupportedClassVersionError",
            "UnsupportedOperationException", "VerifyError", "VirtualMachineError", "Void", "WrongThreadException");

    /**
     * The nested types every generated class declares (emit's FitGenerator and SafetensorsJson): a class may not
     * share its simple name with a type nested in it (JLS 17 §8.1), so a model of such a name would not compile.
     */
    static final Set<String> GENERATED_NESTED_TYPES =
            Set.of("FitResult", "StopReason", "TrainingListener", "SafetensorsJson");

    private JavaNames() {}

    /** The java.lang types the generated code names (a model of that name would not compile). */
    static final Set<String> JAVA_LANG = Set.of(
            "ArithmeticException", "Boolean", "Byte", "Character", "Class", "Deprecated", "Double", "Enum", "Error",
            "Exception", "Float", "IllegalArgumentException", "IllegalStateException", "Integer", "Iterable", "Long",
            "Math", "Number", "NumberFormatException", "Object", "Override", "Record", "Runnable",
            "RuntimeException", "Short", "StrictMath", "String", "StringBuilder", "SuppressWarnings", "System",
            "Thread", "Throwable", "Void");

    /** The spec language's own keywords, accepted by the parser as a model name only to be reported here. */
    static final Set<String> SPEC_KEYWORDS = Set.of(
            "package", "model", "input", "dense", "loss", "optimizer", "regularize", "init", "seed", "precision",
            "train", "stop", "when", "stalls", "for", "activation", "if", "then", "else", "and", "or", "not");

    /**
     * The longest model name: the class becomes files {@code Name.java} and {@code Name$TrainingListener.class},
     * written through a temporary {@code .Name.java.<random>.tmp}, and common file systems allow 255 bytes a name.
     */
    static final int MAX_NAME_LENGTH = 200;

    /** Why {@code name} cannot be a class name, or null if it can. */
    static String problemAsClassName(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            return "it is " + name.length() + " chars long, and the limit is " + MAX_NAME_LENGTH
                    + " (it becomes file names)";
        }
        if (KEYWORDS.contains(name)) {
            return "it is a Java keyword";
        }
        if (SPEC_KEYWORDS.contains(name)) {
            return "it is a keyword of the spec language";
        }
        if (RESTRICTED_TYPE_NAMES.contains(name)) {
            return "Java does not allow it as a class name";
        }
        if (GENERATED_NESTED_TYPES.contains(name)) {
            return "the generated class declares a nested type " + name;
        }
        if (JAVA_LANG.contains(name)) {
            return "it would hide java.lang." + name + ", which the generated code uses";
        }
        if (JAVA_LANG_ALL.contains(name)) {
            return "it would hide java.lang." + name + " from every class of its package";
        }
        return null;
    }

    /**
     * Why a generated class cannot live in package {@code dotted}, or null if it can: {@code java.*} is reserved
     * (the JVM refuses to define classes there, JVMS §5.3.5 / ClassLoader), and javac rejects a class in a package
     * that a module of the JDK already holds ("package exists in another module", JLS 17 §7.4.3).
     */
    static String problemAsPackage(String dotted) {
        for (String part : dotted.split("\\.")) {
            if (part.length() > MAX_NAME_LENGTH) {
                return "a part of it is " + part.length() + " chars long, and the limit is " + MAX_NAME_LENGTH
                        + " (each part becomes a directory name)";
            }
        }
        if (dotted.equals("java") || dotted.startsWith("java.")) {
            return "packages java and java.* are reserved for the JDK";
        }
        if (JdkPackages.ALL.contains(dotted)) {
            return "the JDK's own module " + JdkPackages.ownerOf(dotted) + " holds that package";
        }
        return null;
    }

    /** The packages of the JDK's modules, read once from the running JDK. */
    private static final class JdkPackages {
        static final Set<String> ALL = new TreeSet<>();

        static {
            for (ModuleReference m : ModuleFinder.ofSystem().findAll()) {
                ALL.addAll(m.descriptor().packages());
            }
        }

        static String ownerOf(String pkg) {
            for (ModuleReference m : ModuleFinder.ofSystem().findAll()) {
                ModuleDescriptor d = m.descriptor();
                if (d.packages().contains(pkg)) {
                    return d.name();
                }
            }
            return "?";
        }
    }
}
