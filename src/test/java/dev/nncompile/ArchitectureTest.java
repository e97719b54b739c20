package dev.nncompile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way (DESIGN.md §1): a package may use only the packages of earlier stages, and third-party APIs
 * stay in the package that owns them (ANTLR in parse, JavaPoet in emit, picocli in cli, Maven in maven).
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/nncompile");

    private static final Set<String> CORE = Set.of("source", "ast", "parse", "check", "model", "sym", "derive",
            "emit", "explain");

    /** package → the project packages it may use (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("source", Set.of()),
            Map.entry("sym", Set.of()),
            Map.entry("ast", Set.of("source")),
            Map.entry("parse", Set.of("source", "ast")),
            Map.entry("model", Set.of("source", "sym")),
            Map.entry("check", Set.of("source", "ast", "parse", "model", "sym")),
            Map.entry("derive", Set.of("source", "model", "sym")),
            Map.entry("emit", Set.of("derive", "model", "sym")),
            Map.entry("explain", Set.of("derive", "model", "sym")),
            Map.entry("compiler", CORE),
            Map.entry("data", Set.of("source")),
            Map.entry("train", union(CORE, Set.of("compiler", "data"))),
            Map.entry("cli", union(CORE, Set.of("compiler", "data", "train"))),
            Map.entry("maven", union(CORE, Set.of("compiler")))));

    /** third-party package prefix → the project packages allowed to import it. */
    private static final Map<String, Set<String>> THIRD_PARTY = new TreeMap<>(Map.of(
            "org.antlr", Set.of("parse"),
            "com.palantir.javapoet", Set.of("emit", "compiler", "train"),
            "picocli", Set.of("cli"),
            "org.apache.maven", Set.of("maven"),
            "org.codehaus.plexus", Set.of("maven")));

    private static final Pattern PROJECT_REFERENCE = Pattern.compile("\\bdev\\.nncompile\\.([a-z]+)\\b");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void dataFlowsOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = MAIN.relativize(file).getName(0).toString();
            if (!ALLOWED.containsKey(pkg)) {
                violations.add(file + ": package '" + pkg + "' is not in the architecture table");
                continue;
            }
            String code = Files.readString(file).replaceFirst("(?m)^package .*$", "");
            Matcher m = PROJECT_REFERENCE.matcher(code);
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used)) {
                    violations.add(file + ": '" + pkg + "' must not use '" + used + "'");
                }
            }
            Matcher imports = IMPORT.matcher(code);
            while (imports.find()) {
                String imported = imports.group(1);
                for (Map.Entry<String, Set<String>> tp : THIRD_PARTY.entrySet()) {
                    if (imported.startsWith(tp.getKey() + ".") && !tp.getValue().contains(pkg)) {
                        violations.add(file + ": '" + pkg + "' must not import " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void everyPackageIsChecked() throws IOException {
        assertTrue(sources().size() > 20, "no sources found under " + MAIN.toAbsolutePath());
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.TreeSet<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
