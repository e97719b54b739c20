package dev.nncompile.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.nncompile.derive.Buffer;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * {@code writeWeights}/{@code readWeights}: the parameters as a safetensors file (8-byte little-endian header length,
 * a JSON header, then little-endian data) with PyTorch's {@code nn.Linear} names and shapes,
 * {@code layers.{l-1}.weight} [units, inputs] and {@code layers.{l-1}.bias} [units]. The header is a constant
 * computed here; reading parses JSON with a small parser inside the generated class and validates names, dtype,
 * shapes and offsets before it touches the model.
 */
final class WeightsIoGenerator {
    private final Network network;
    private final Fields fields;
    private final Real real;
    private final Snippet snippet;

    WeightsIoGenerator(Network network, Fields fields, Real real, Snippet snippet) {
        this.network = network;
        this.fields = fields;
        this.real = real;
        this.snippet = snippet;
    }

    void addTo(TypeSpec.Builder type) {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (Layer l : network.layers()) {
            long weightBytes = (long) l.units() * l.inputs() * real.bytes();
            header.append(",\"").append(weightName(l)).append("\":{\"dtype\":\"").append(real.dtype())
                    .append("\",\"shape\":[").append(l.units()).append(',').append(l.inputs())
                    .append("],\"data_offsets\":[").append(offset).append(',').append(offset + weightBytes)
                    .append("]}");
            offset += weightBytes;
            long biasBytes = (long) l.units() * real.bytes();
            header.append(",\"").append(biasName(l)).append("\":{\"dtype\":\"").append(real.dtype())
                    .append("\",\"shape\":[").append(l.units()).append("],\"data_offsets\":[").append(offset)
                    .append(',').append(offset + biasBytes).append("]}");
            offset += biasBytes;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');   // safetensors pads the header so the data starts 8-byte aligned
        }
        type.addField(FieldSpec.builder(String.class, "SAFETENSORS_HEADER", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The JSON header writeWeights emits: every tensor's name, dtype, shape and byte range.\n")
                .initializer("$S", header.toString()).build());
        type.addField(FieldSpec.builder(TypeName.INT, "SAFETENSORS_DATA_BYTES", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL).initializer("$L", offset).build());
        addWrite(type);
        addRead(type);
        addTensorIo(type);
        type.addType(SafetensorsJson.type(snippet));
    }

    private static String weightName(Layer l) {
        return "layers." + (l.index() - 1) + ".weight";
    }

    private static String biasName(Layer l) {
        return "layers." + (l.index() - 1) + ".bias";
    }

    private void addWrite(TypeSpec.Builder type) {
        CodeBlock.Builder puts = CodeBlock.builder();
        for (Layer l : network.layers()) {
            Storage w = fields.require(Buffer.Kind.WEIGHT, l.index());
            Storage b = fields.require(Buffer.Kind.BIAS, l.index());
            puts.addStatement("putMatrix(buffer, $L, $L)", w.name(), w.cols());
            puts.addStatement("putVector(buffer, $L, $L)", b.name(), b.cols());
        }
        type.addMethod(MethodSpec.methodBuilder("writeWeights").addModifiers(Modifier.PUBLIC)
                .addJavadoc("Writes every weight and bias as safetensors ($L, little-endian) with PyTorch's names:"
                        + "\n{@code layers.i.weight} [units, inputs] and {@code layers.i.bias} [units], i = layer − 1."
                        + " Loadable with\n{@code safetensors.torch.load_file} into an {@code nn.Sequential}-like"
                        + " module named {@code layers}.\n", real.dtype())
                .addParameter(OutputStream.class, "out")
                .addException(IOException.class)
                .addCode(snippet.code("""
                        byte[] header = SAFETENSORS_HEADER.getBytes($utf8:T.UTF_8);
                        $bytes:T buffer = $bytes:T.allocate(8 + header.length + SAFETENSORS_DATA_BYTES).order($order:T.LITTLE_ENDIAN);
                        buffer.putLong(header.length);
                        buffer.put(header);
                        $puts:L""", Map.of("puts", puts.build())))
                .addStatement("out.write(buffer.array())")
                .build());
    }

    private void addRead(TypeSpec.Builder type) {
        CodeBlock.Builder reads = CodeBlock.builder();
        CodeBlock.Builder commits = CodeBlock.builder();
        StringBuilder names = new StringBuilder();
        for (Layer l : network.layers()) {
            Storage w = fields.require(Buffer.Kind.WEIGHT, l.index());
            Storage b = fields.require(Buffer.Kind.BIAS, l.index());
            reads.addStatement("$L[][] $LRead = $L", real.keyword(), w.name(), w.allocation(real));
            reads.addStatement("readMatrix(header, buffer, data, $S, $LRead, $L)", weightName(l), w.name(), w.cols());
            reads.addStatement("$L[] $LRead = $L", real.keyword(), b.name(), b.allocation(real));
            reads.addStatement("readVector(header, buffer, data, $S, $LRead, $L)", biasName(l), b.name(), b.cols());
            commits.addStatement("copy($LRead, $L)", w.name(), w.name());
            commits.addStatement("copy($LRead, $L)", b.name(), b.name());
            names.append(names.length() == 0 ? "" : ", ").append('"').append(weightName(l)).append("\", \"")
                    .append(biasName(l)).append('"');
        }
        TypeName headerType = ParameterizedTypeName.get(ClassName.get(Map.class), WildcardTypeName.subtypeOf(Object.class),
                WildcardTypeName.subtypeOf(Object.class));
        type.addMethod(MethodSpec.methodBuilder("readWeights").addModifiers(Modifier.PUBLIC)
                .addJavadoc("Reads weights written by {@link #writeWeights} (or by PyTorch with the same names)."
                        + " Every tensor\nmust be present with dtype $L and the layer's shape, and nothing else;"
                        + " on any error this throws\nan IOException saying what is wrong and leaves the model"
                        + " untouched.\nReads the header and then exactly the PARAMETERS values the model needs, never"
                        + " more; bytes after\nthem are left in the stream.\n", real.dtype())
                .addParameter(InputStream.class, "in")
                .addException(IOException.class)
                .addCode(snippet.code("""
                        // bounded reads: never more than the header declares (up to the reference limit) and the
                        // PARAMETERS values the model needs, so an endless or lying stream cannot exhaust the heap
                        byte[] lengthBytes = in.readNBytes(8);
                        if (lengthBytes.length < 8) {
                            throw new $io:T("safetensors: " + lengthBytes.length + " bytes, too short for the header length");
                        }
                        long headerLength = $bytes:T.wrap(lengthBytes).order($order:T.LITTLE_ENDIAN).getLong(0);
                        if (headerLength < 2 || headerLength > 100_000_000L) {
                            throw new $io:T("safetensors: header length " + headerLength + " is absurd (the limit is 100000000 bytes)");
                        }
                        byte[] headerBytes = in.readNBytes((int) headerLength);
                        if (headerBytes.length < headerLength) {
                            throw new $io:T("safetensors: header length " + headerLength + " does not fit the " + (8 + headerBytes.length) + "-byte stream (truncated?)");
                        }
                        $map:T header = SafetensorsJson.parse(new String(headerBytes, $utf8:T.UTF_8));
                        $bytes:T buffer = $bytes:T.wrap(in.readNBytes(PARAMETERS * $size:L)).order($order:T.LITTLE_ENDIAN);
                        int data = 0;
                        for (Object name : header.keySet()) {
                            boolean known = switch (String.valueOf(name)) {
                                case "__metadata__", $names:L -> true;
                                default -> false;
                            };
                            if (!known) {
                                throw new $io:T("safetensors: unexpected tensor " + name);
                            }
                        }
                        $reads:L$commits:L""", Map.of("map", headerType, "names", names.toString(),
                        "reads", reads.build(), "commits", commits.build())))
                .build());
    }

    private void addTensorIo(TypeSpec.Builder type) {
        TypeName headerType = ParameterizedTypeName.get(ClassName.get(Map.class), WildcardTypeName.subtypeOf(Object.class),
                WildcardTypeName.subtypeOf(Object.class));
        TypeName vec = real.vector();
        TypeName mat = real.matrix();
        type.addMethod(MethodSpec.methodBuilder("putMatrix").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Writes an input-major matrix in PyTorch's [units][inputs] order.\n")
                .addParameter(ByteBuffer.class, "buffer").addParameter(mat, "w").addParameter(TypeName.INT, "units")
                .addCode(snippet.code("""
                        for (int j = 0; j < units; j++) {
                            for (int k = 0; k < w.length; k++) {
                                buffer.put$suffix:L(w[k][j]);
                            }
                        }
                        """)).build());
        type.addMethod(MethodSpec.methodBuilder("putVector").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(ByteBuffer.class, "buffer").addParameter(vec, "b").addParameter(TypeName.INT, "units")
                .addCode(snippet.code("""
                        for (int j = 0; j < units; j++) {
                            buffer.put$suffix:L(b[j]);
                        }
                        """)).build());
        type.addMethod(MethodSpec.methodBuilder("readMatrix").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Reads tensor {@code name} of shape [units, inputs] into an input-major matrix.\n")
                .addParameter(headerType, "header").addParameter(ByteBuffer.class, "buffer")
                .addParameter(TypeName.INT, "data").addParameter(String.class, "name").addParameter(mat, "into")
                .addParameter(TypeName.INT, "units")
                .addException(IOException.class)
                .addCode(snippet.code("""
                        int at = data + tensorStart(header, buffer.capacity() - data, name, new long[] {units, into.length});
                        for (int j = 0; j < units; j++) {
                            for (int k = 0; k < into.length; k++) {
                                into[k][j] = buffer.get$suffix:L(at);
                                at += $size:L;
                            }
                        }
                        """)).build());
        type.addMethod(MethodSpec.methodBuilder("readVector").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(headerType, "header").addParameter(ByteBuffer.class, "buffer")
                .addParameter(TypeName.INT, "data").addParameter(String.class, "name").addParameter(vec, "into")
                .addParameter(TypeName.INT, "units")
                .addException(IOException.class)
                .addCode(snippet.code("""
                        int at = data + tensorStart(header, buffer.capacity() - data, name, new long[] {units});
                        for (int j = 0; j < units; j++) {
                            into[j] = buffer.get$suffix:L(at);
                            at += $size:L;
                        }
                        """)).build());
        type.addMethod(MethodSpec.methodBuilder("tensorStart").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.INT)
                .addJavadoc("Validates tensor {@code name}'s dtype, shape and byte range; returns its first byte"
                        + " within the data.\n")
                .addParameter(headerType, "header").addParameter(TypeName.INT, "dataLength")
                .addParameter(String.class, "name").addParameter(ArrayTypeName.of(TypeName.LONG), "shape")
                .addException(IOException.class)
                .addCode(snippet.code("""
                        Object entry = header.get(name);
                        if (!(entry instanceof $map:T)) {
                            throw new $io:T("safetensors: missing tensor " + name);
                        }
                        $map:T tensor = ($map:T) entry;
                        Object dtype = tensor.get("dtype");
                        if (!"$dtype:L".equals(dtype)) {
                            throw new $io:T("safetensors: tensor " + name + " has dtype " + dtype + ", expected $dtype:L");
                        }
                        long[] actual = SafetensorsJson.longs(tensor.get("shape"), name + ".shape");
                        if (!$arrays:T.equals(actual, shape)) {
                            throw new $io:T("safetensors: tensor " + name + " has shape " + $arrays:T.toString(actual) + ", expected " + $arrays:T.toString(shape));
                        }
                        long[] offsets = SafetensorsJson.longs(tensor.get("data_offsets"), name + ".data_offsets");
                        long count = 1;
                        for (long d : shape) {
                            count *= d;
                        }
                        if (offsets.length != 2 || offsets[0] < 0 || offsets[1] > dataLength || offsets[1] - offsets[0] != count * $size:L) {
                            throw new $io:T("safetensors: tensor " + name + " has data_offsets " + $arrays:T.toString(offsets) + ", expected " + count * $size:L + " bytes within the " + dataLength + "-byte data section (truncated?)");
                        }
                        return (int) offsets[0];
                        """, Map.of("map", headerType))).build());
    }
}
