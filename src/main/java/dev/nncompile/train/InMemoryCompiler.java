package dev.nncompile.train;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in memory with the running JDK's javac and loads the classes, without touching the
 * disk: how tests and the {@code trace}/{@code train} commands run a generated model class. The sources see the
 * platform classes only (no class path) unless the options name one, and annotation processing is off unless the
 * options say otherwise.
 *
 * <pre>{@code
 * InMemoryCompiler javac = new InMemoryCompiler(InMemoryCompiler.STRICT);
 * InMemoryCompiler.Result r = javac.compile(Map.of("demo.Xor", source));
 * Class<?> xor = r.orThrow().load("demo.Xor");
 * }</pre>
 */
public final class InMemoryCompiler {

    /** The options the generated classes must pass: every lint, warnings as errors, Java 17. */
    public static final List<String> STRICT = List.of("-Xlint:all", "-Werror", "--release", "17");

    /**
     * The options for a class with SIMD kernels: every lint, Java 17, the Vector API module. Not {@code -Werror}:
     * javac 17 warns of any incubator module and has no lint key to silence that one warning.
     */
    public static final List<String> SIMD = List.of("-Xlint:all", "--release", "17", "--add-modules",
            "jdk.incubator.vector");

    /**
     * Whether this JVM can load a class with SIMD kernels: the Vector API module must be in its boot layer, which
     * only {@code --add-modules jdk.incubator.vector} on the java command line puts there.
     */
    public static boolean vectorApiLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private final List<String> options;

    public InMemoryCompiler(List<String> options) {
        this.options = List.copyOf(options);
    }

    /**
     * The outcome of one compilation: the class files by binary name, and javac's diagnostics rendered as
     * {@code Name.java:line:col: error: message} plus the source line.
     */
    public record Result(boolean success, Map<String, byte[]> classFiles, List<String> diagnostics) {
        public Result {
            classFiles = java.util.Collections.unmodifiableMap(new TreeMap<>(classFiles));
            diagnostics = List.copyOf(diagnostics);
        }

        /** This result when it succeeded, else a {@link CompilationException} listing every diagnostic. */
        public Result orThrow() {
            if (!success) {
                throw new CompilationException(diagnostics);
            }
            return this;
        }

        /** A fresh class loader (child of this class's loader) defining every compiled class. */
        public ClassLoader classLoader() {
            orThrow();
            return new MemoryClassLoader(classFiles, InMemoryCompiler.class.getClassLoader());
        }

        /** Loads one compiled class by binary name in a fresh class loader. */
        public Class<?> load(String binaryName) {
            try {
                return Class.forName(binaryName, true, classLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("no class " + binaryName + " among " + classFiles.keySet(), e);
            }
        }
    }

    /** javac rejected the sources; the message lists every diagnostic. */
    public static final class CompilationException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> diagnostics;

        public CompilationException(List<String> diagnostics) {
            super("compilation failed:\n" + String.join("\n", diagnostics));
            this.diagnostics = List.copyOf(diagnostics);
        }

        public List<String> diagnostics() {
            return diagnostics;
        }
    }

    /** Compiles the sources, keyed by the top-level class's qualified name, e.g. {@code demo.Xor}. */
    public Result compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
            units.add(new SourceObject(e.getKey(), e.getValue()));
        }
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(collector, Locale.ROOT, null);
        List<String> all = new ArrayList<>(options);
        boolean ok;
        try (JavaFileManager files = new MemoryFileManager(standard, outputs)) {
            if (!all.contains("-classpath") && !all.contains("-cp") && !all.contains("--class-path")) {
                // generated classes need java.base only; scanning the caller's class path costs seconds
                standard.setLocation(StandardLocation.CLASS_PATH, List.of());
            }
            if (all.stream().noneMatch(o -> o.startsWith("-proc:"))) {
                all.add("-proc:none");   // no annotation processor discovery
            }
            ok = javac.getTask(null, files, collector, all, null, units).call();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            messages.add(render(d, sources));
        }
        Map<String, byte[]> classes = new TreeMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return new Result(ok, classes, messages);
    }

    /** Compiles one class and loads it; throws {@link CompilationException} on any error (or warning, with -Werror). */
    public Class<?> compileAndLoad(String qualifiedName, String source) {
        return compile(Map.of(qualifiedName, source)).orThrow().load(qualifiedName);
    }

    private static String render(Diagnostic<? extends JavaFileObject> d, Map<String, String> sources) {
        String kind = d.getKind().toString().toLowerCase(Locale.ROOT);
        String message = d.getMessage(Locale.ROOT);
        if (d.getSource() == null || d.getLineNumber() < 1) {
            return kind + ": " + message;
        }
        String file = d.getSource().getName();
        String where = file + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": ";
        String line = "";
        if (d.getSource() instanceof SourceObject s) {
            String[] lines = s.text.split("\n", -1);
            if (d.getLineNumber() <= lines.length) {
                line = "\n    " + lines[(int) d.getLineNumber() - 1].strip();
            }
        }
        return where + kind + ": " + message + line;
    }

    private static final class SourceObject extends SimpleJavaFileObject {
        private final String text;

        SourceObject(String qualifiedName, String text) {
            super(URI.create("string:///" + qualifiedName.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class ClassObject extends SimpleJavaFileObject {
        private final ByteArrayOutputStream bytes;

        ClassObject(String binaryName, ByteArrayOutputStream bytes) {
            super(URI.create("mem:///" + binaryName.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
            this.bytes = bytes;
        }

        @Override
        public OutputStream openOutputStream() {
            return bytes;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> outputs;

        MemoryFileManager(StandardJavaFileManager standard, Map<String, ByteArrayOutputStream> outputs) {
            super(standard);
            this.outputs = outputs;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            outputs.put(className, bytes);
            return new ClassObject(className, bytes);
        }
    }

    private static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, byte[]> classFiles;

        MemoryClassLoader(Map<String, byte[]> classFiles, ClassLoader parent) {
            super(parent);
            this.classFiles = classFiles;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classFiles.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
