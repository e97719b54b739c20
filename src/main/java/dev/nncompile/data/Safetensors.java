package dev.nncompile.data;

import dev.nncompile.source.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length
 * {@code n}, {@code n} bytes of UTF-8 JSON mapping each tensor name to {@code dtype}, {@code shape} and
 * {@code data_offsets} (relative to the data section), an optional {@code __metadata__} string map, and then the
 * little-endian tensor data.
 *
 * <p>The writer produces the bytes the reference implementation ({@code safetensors.serialize}, which Python's
 * {@code save_file} calls) produces: tensors ordered by dtype (wider first) and then by name, data laid out in that
 * order, {@code __metadata__} first, compact JSON, and the header padded with spaces to a multiple of 8 bytes.
 * Metadata keys are sorted, which the reference leaves to its hash map.
 *
 * <p>The reader treats the file as untrusted: it checks everything the reference's {@code validate} checks, allocates
 * nothing before the header is proven consistent with the file's size, and reports every problem as a
 * {@link DataException} naming the file.
 *
 * <pre>{@code
 * Map<String, Tensor> state = new TreeMap<>();
 * state.put(Safetensors.weightName(1), Tensor.f32(new int[] {2, 2}, new float[] {1, 2, 3, 4}));
 * state.put(Safetensors.biasName(1), Tensor.f32(new int[] {2}, new float[] {0, 0}));
 * Safetensors.write(Path.of("xor.safetensors"), state, Map.of("format", "pt"));
 * SafetensorsFile back = Safetensors.read(Path.of("xor.safetensors"));
 * }</pre>
 */
public final class Safetensors {
    /** The reference implementation's limit on the header (MAX_HEADER_SIZE). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Key of the string→string metadata map in the header. */
    public static final String METADATA_KEY = "__metadata__";

    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private Safetensors() {
    }

    /** PyTorch {@code state_dict} name of the weight of layer {@code layer} (1-based): {@code layers.{l-1}.weight}. */
    public static String weightName(int layer) {
        return "layers." + (layer - 1) + ".weight";
    }

    /** PyTorch {@code state_dict} name of the bias of layer {@code layer} (1-based): {@code layers.{l-1}.bias}. */
    public static String biasName(int layer) {
        return "layers." + (layer - 1) + ".bias";
    }

    // ---------------------------------------------------------------- writing

    /** Writes the file atomically (temp file, fsync, rename). {@code metadata} may be empty or null. */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(path, toBytes(tensors, metadata));
    }

    /** The file's bytes; equal inputs give equal bytes whatever the maps' iteration order. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        List<Map.Entry<String, Tensor>> ordered = new ArrayList<>(tensors.entrySet());
        for (Map.Entry<String, Tensor> e : ordered) {
            if (e.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be called " + METADATA_KEY);
            }
        }
        // safetensors' prepare(): sort by dtype descending, then by name (byte-wise, as Rust compares strings).
        ordered.sort(Comparator.<Map.Entry<String, Tensor>>comparingInt(e -> -e.getValue().dtype().byteSize())
                .thenComparing(Map.Entry::getKey, Safetensors::compareUtf8));

        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            List<String> keys = new ArrayList<>(metadata.keySet());
            keys.sort(Safetensors::compareUtf8);
            appendString(json, METADATA_KEY);
            json.append(":{");
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                appendString(json, keys.get(i));
                json.append(':');
                appendString(json, metadata.get(keys.get(i)));
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : ordered) {
            Tensor t = e.getValue();
            long end = offset + (long) t.size() * t.dtype().byteSize();
            if (json.length() > 1) {
                json.append(',');
            }
            appendString(json, e.getKey());
            json.append(":{\"dtype\":\"").append(t.dtype().name()).append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i > 0 ? "," : "").append(shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = header.length + (8 - header.length % 8) % 8;
        long total = 8L + padded + offset;
        if (total > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("tensors too large for one file: " + total + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(header);
        for (int i = header.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Map.Entry<String, Tensor> e : ordered) {
            Tensor t = e.getValue();
            for (int i = 0; i < t.size(); i++) {
                if (t.dtype() == DType.F32) {
                    out.putFloat((float) t.value(i));
                } else {
                    out.putDouble(t.value(i));
                }
            }
        }
        return out.array();
    }

    /** JSON string as serde_json writes it: short escapes where JSON has them, {@code \\u00xx} for other controls. */
    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- reading

    /** Reads and fully validates a file; I/O problems are reported as {@link DataException}s too. */
    public static SafetensorsFile read(Path path) throws DataException {
        String name = path.toString();
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new DataException(name, "file of " + size + " bytes is larger than the " + MAX_FILE_BYTES
                        + " bytes nncompile reads");
            }
            return read(Files.readAllBytes(path), name);
        } catch (NoSuchFileException e) {
            throw new DataException(name, "no such file");
        } catch (IOException e) {
            throw new DataException(name, "cannot read: " + e.getMessage());
        }
    }

    /** Validates and decodes {@code bytes}; {@code file} names the source in messages. */
    public static SafetensorsFile read(byte[] bytes, String file) throws DataException {
        if (bytes.length < 8) {
            throw new DataException(file, "not a safetensors file: " + bytes.length
                    + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong(0);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new DataException(file, "header length " + Long.toUnsignedString(headerLength)
                    + " is absurd (the limit is " + MAX_HEADER_BYTES + " bytes)");
        }
        if (8 + headerLength > bytes.length) {
            throw new DataException(file, "header length " + headerLength + " exceeds the file size of "
                    + bytes.length + " bytes (truncated file?)");
        }
        String headerText = decodeUtf8(bytes, (int) headerLength, file);
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - dataStart;

        Object parsed = HeaderJson.parse(headerText, file);
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new DataException(file, "the header is not a JSON object");
        }
        Map<String, String> metadata = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> member : header.entrySet()) {
            String key = (String) member.getKey();
            if (key.equals(METADATA_KEY)) {
                readMetadata(member.getValue(), metadata, file);
            } else {
                entries.add(entry(key, member.getValue(), dataLength, file));
            }
        }
        checkCoverage(entries, dataLength, file);

        // Only now, with every offset proven inside the file, are value arrays allocated.
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            double[] values = new double[(int) e.elements];
            int at = dataStart + (int) e.begin;
            for (int i = 0; i < values.length; i++) {
                values[i] = e.dtype == DType.F32
                        ? in.getFloat(at + 4 * i)
                        : in.getDouble(at + 8 * i);
            }
            tensors.put(e.name, new Tensor(e.dtype, e.shape, values));
        }
        return new SafetensorsFile(file, tensors, metadata);
    }

    /** One validated header entry, before its data is decoded. */
    private record Entry(String name, DType dtype, int[] shape, long elements, long begin, long end) {
    }

    private static String decodeUtf8(byte[] bytes, int length, String file) throws DataException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new DataException(file, "the header is not valid UTF-8");
        }
    }

    private static void readMetadata(Object value, Map<String, String> into, String file) throws DataException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new DataException(file, METADATA_KEY + " is not a JSON object");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new DataException(file, METADATA_KEY + " value of " + DataException.quote((String) e.getKey())
                        + " is not a string");
            }
            into.put((String) e.getKey(), s);
        }
    }

    private static Entry entry(String name, Object value, long dataLength, String file) throws DataException {
        String quoted = "tensor " + DataException.quote(name);
        if (!(value instanceof Map<?, ?> info)) {
            throw new DataException(file, quoted + ": expected an object with dtype, shape and data_offsets");
        }
        Object dtypeValue = info.get("dtype");
        if (!(dtypeValue instanceof String dtypeName)) {
            throw new DataException(file, quoted + ": missing or non-string \"dtype\"");
        }
        DType dtype = DType.parse(dtypeName);
        if (dtype == null) {
            throw new DataException(file, quoted + " has dtype " + DataException.quote(dtypeName)
                    + "; nncompile reads F32 and F64");
        }
        List<Long> dims = integers(info.get("shape"), "shape", quoted, file);
        int[] shape = new int[dims.size()];
        long elements = dims.contains(0L) ? 0 : 1;
        for (int i = 0; i < shape.length; i++) {
            long d = dims.get(i);
            if (d > Integer.MAX_VALUE) {
                throw new DataException(file, quoted + ": dimension " + d + " of its shape is too large");
            }
            shape[i] = (int) d;
            elements *= d;
            // Bounded by the data section, which is at most 2^31 bytes: stop before anything can overflow.
            if (elements > dataLength) {
                elements = -1;
                break;
            }
        }
        List<Long> offsets = integers(info.get("data_offsets"), "data_offsets", quoted, file);
        if (offsets.size() != 2) {
            throw new DataException(file, quoted + ": data_offsets must be [begin, end], found "
                    + offsets.size() + " numbers");
        }
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (begin > end || end > dataLength) {
            throw new DataException(file, quoted + ": data_offsets [" + begin + ", " + end
                    + "] are outside the " + dataLength + " data bytes");
        }
        if (elements < 0 || elements * dtype.byteSize() != end - begin) {
            throw new DataException(file, quoted + " has shape " + describeShape(dims) + " of " + dtype
                    + " but data_offsets [" + begin + ", " + end + "] cover " + (end - begin) + " bytes");
        }
        return new Entry(name, dtype, shape, elements, begin, end);
    }

    private static String describeShape(List<Long> dims) {
        return dims.toString();
    }

    private static List<Long> integers(Object value, String field, String quoted, String file) throws DataException {
        if (!(value instanceof List<?> items)) {
            throw new DataException(file, quoted + ": missing or non-array \"" + field + "\"");
        }
        List<Long> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof HeaderJson.Number n) || !isNonNegativeInteger(n.text())) {
                throw new DataException(file, quoted + ": \"" + field + "\" must hold non-negative integers, found "
                        + DataException.quote(String.valueOf(item)));
            }
            // At most 18 digits (checked above), so this cannot overflow.
            out.add(Long.parseLong(n.text()));
        }
        return out;
    }

    private static boolean isNonNegativeInteger(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Like the reference's validate(): the tensors, sorted by offset, tile the data section exactly. */
    private static void checkCoverage(List<Entry> entries, long dataLength, String file) throws DataException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin < expected) {
                throw new DataException(file, "tensors " + DataException.quote(previous.name) + " and "
                        + DataException.quote(e.name) + " overlap in the data section");
            }
            if (e.begin > expected) {
                throw new DataException(file, "data bytes " + expected + ".." + e.begin
                        + " are not covered by any tensor");
            }
            expected = e.end;
            previous = e;
        }
        if (expected != dataLength) {
            throw new DataException(file, "data bytes " + expected + ".." + dataLength
                    + " after the last tensor are not covered by any tensor");
        }
    }
}
