package dev.nncompile.maven;

import dev.nncompile.source.AtomicFiles;
import dev.nncompile.source.BoundedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the last successful run read and wrote: the effective settings, the digest of every spec and the digest of
 * every file each spec produced. It lives under {@code target/maven-status/nncompile/} and is replaced (atomically)
 * only after a run succeeded, so a failed run leaves the previous state in force (protobuf-maven-plugin's
 * "write the next cache, move it over the previous one after success").
 *
 * <p>The text form is deterministic: settings and specs sorted by key, outputs sorted by path.
 *
 * <pre>{@code
 * Manifest previous = Manifest.read(file);            // EMPTY when missing or unreadable
 * Manifest next = new Manifest(settings, specs);
 * next.promote(file);
 * }</pre>
 *
 * @param settings what the generated code depends on besides the specs (plugin version, overrides)
 * @param specs    by spec path relative to the spec root, {@code /}-separated
 */
record Manifest(SortedMap<String, String> settings, SortedMap<String, SpecRecord> specs) {
    /** No previous run: every spec is stale and no output is known. */
    static final Manifest EMPTY = new Manifest(new TreeMap<>(), new TreeMap<>());

    /** Bump when the text form changes incompatibly: an old manifest then reads as EMPTY (a full rebuild). */
    static final int FORMAT = 1;

    /**
     * Most bytes read from a manifest (64 MiB, some 300,000 specs with their outputs): a larger one is not one
     * nncompile wrote, and is treated as missing.
     */
    static final int MAX_BYTES = 64 << 20;

    private static final String HEADER =
            "# nncompile: specs and outputs of the last successful run; delete to force a full regeneration";

    Manifest {
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        specs = Collections.unmodifiableSortedMap(new TreeMap<>(specs));
    }

    /**
     * One spec and what it produced.
     *
     * @param digest  {@link Sha256#hex} of the spec's bytes
     * @param outputs the generated files, paths relative to the output root, sorted
     */
    record SpecRecord(String digest, List<OutputRecord> outputs) {
        SpecRecord {
            Objects.requireNonNull(digest, "digest");
            outputs = outputs.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
        }
    }

    /** One generated file: its path relative to the output root ({@code /}-separated) and the digest of its bytes. */
    record OutputRecord(String path, String digest) {
        OutputRecord {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** Every output path of every spec, sorted. */
    SortedSet<String> outputs() {
        SortedSet<String> all = new TreeSet<>();
        for (SpecRecord spec : specs.values()) {
            for (OutputRecord out : spec.outputs()) {
                all.add(out.path());
            }
        }
        return all;
    }

    /** The deterministic text form. */
    String format() {
        StringBuilder text = new StringBuilder();
        text.append(HEADER).append('\n');
        text.append("format ").append(FORMAT).append('\n');
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            text.append("setting ").append(setting.getKey()).append('=').append(setting.getValue()).append('\n');
        }
        for (Map.Entry<String, SpecRecord> spec : specs.entrySet()) {
            text.append("spec ").append(spec.getValue().digest()).append(' ').append(spec.getKey()).append('\n');
            for (OutputRecord out : spec.getValue().outputs()) {
                text.append("output ").append(out.digest()).append(' ').append(out.path()).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException when the text is not a manifest of this {@link #FORMAT}
     */
    static Manifest parse(String text) {
        SortedMap<String, String> settings = new TreeMap<>();
        SortedMap<String, SpecRecord> specs = new TreeMap<>();
        String specPath = null;
        String specDigest = null;
        List<OutputRecord> outputs = new ArrayList<>();
        boolean formatSeen = false;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("not a manifest line: " + line);
            }
            String keyword = line.substring(0, space);
            String rest = line.substring(space + 1);
            switch (keyword) {
                case "format" -> {
                    if (!rest.equals(String.valueOf(FORMAT))) {
                        throw new IllegalArgumentException("manifest format " + rest + ", expected " + FORMAT);
                    }
                    formatSeen = true;
                }
                case "setting" -> {
                    int eq = rest.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("setting without '=': " + line);
                    }
                    settings.put(rest.substring(0, eq), rest.substring(eq + 1));
                }
                case "spec" -> {
                    if (specPath != null) {
                        specs.put(specPath, new SpecRecord(specDigest, outputs));
                    }
                    String[] digestAndPath = digestAndPath(rest, line);
                    specDigest = digestAndPath[0];
                    specPath = digestAndPath[1];
                    outputs = new ArrayList<>();
                }
                case "output" -> {
                    if (specPath == null) {
                        throw new IllegalArgumentException("output before any spec: " + line);
                    }
                    String[] digestAndPath = digestAndPath(rest, line);
                    outputs.add(new OutputRecord(digestAndPath[1], digestAndPath[0]));
                }
                default -> throw new IllegalArgumentException("not a manifest line: " + line);
            }
        }
        if (!formatSeen) {
            throw new IllegalArgumentException("no format line");
        }
        if (specPath != null) {
            specs.put(specPath, new SpecRecord(specDigest, outputs));
        }
        return new Manifest(settings, specs);
    }

    private static String[] digestAndPath(String rest, String line) {
        int space = rest.indexOf(' ');
        if (space <= 0 || space == rest.length() - 1) {
            throw new IllegalArgumentException("expected '<digest> <path>': " + line);
        }
        return new String[] {rest.substring(0, space), rest.substring(space + 1)};
    }

    /**
     * The manifest in {@code file}, or {@link #EMPTY} when there is none or it cannot be used (another format, a
     * hand edit): then every spec is simply regenerated, which is always safe.
     */
    static Manifest read(Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(BoundedFiles.read(file, MAX_BYTES))).toString();
        } catch (BoundedFiles.Refused e) {
            return EMPTY;  // missing, not a regular file, or larger than nncompile writes
        } catch (CharacterCodingException e) {
            return EMPTY;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return EMPTY;
        }
    }

    /** Makes this the manifest in {@code file}: atomically, and without touching the file if nothing changed. */
    void promote(Path file) throws IOException {
        AtomicFiles.writeIfChanged(file, format().getBytes(StandardCharsets.UTF_8));
    }
}
