package dev.nncompile.emit;

import com.palantir.javapoet.CodeBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fixed stretches of generated code, written as Java text with JavaPoet named arguments that depend on the
 * precision: {@code $real:T} (float or double), {@code $cast:L} (the cast back from double, empty in double),
 * {@code $widen:L} (the cast to double, empty in double), {@code $suffix:L} (Float or Double), {@code $zero:L}/{@code $one:L}/{@code $half:L} (literals) and the java.base
 * types {@code $arrays:T}, {@code $io:T}, {@code $bytes:T}, {@code $order:T}, {@code $utf8:T}.
 */
final class Snippet {
    private final Map<String, Object> args = new LinkedHashMap<>();

    Snippet(Real real) {
        args.put("real", real.type());
        args.put("cast", real.cast());
        args.put("widen", real.isFloat() ? "(double) " : "");
        args.put("suffix", real.bufferSuffix());
        args.put("zero", real.literal(0));
        args.put("one", real.literal(1));
        args.put("half", real.literal(0.5));
        args.put("dtype", real.dtype());
        args.put("size", real.bytes());
        args.put("arrays", Arrays.class);
        args.put("io", IOException.class);
        args.put("bytes", ByteBuffer.class);
        args.put("order", ByteOrder.class);
        args.put("utf8", StandardCharsets.class);
    }

    /** The text as a code block; {@code extra} adds or overrides named arguments. */
    CodeBlock code(String text, Map<String, ?> extra) {
        Map<String, Object> all = new LinkedHashMap<>(args);
        all.putAll(extra);
        return CodeBlock.builder().addNamed(text, all).build();
    }

    CodeBlock code(String text) {
        return code(text, Map.of());
    }
}
