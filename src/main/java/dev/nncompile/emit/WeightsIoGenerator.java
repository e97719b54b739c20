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
            puts.addStatement("putMatrix(buffer, $L)", fields.require(Buffer.Kind.WEIGHT, l.index()).name());
            puts.addStatement("putVector(buffer, $L)", fields.require(Buffer.Kind.BIAS, l.index()).name());
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
            reads.addStatement("$L[][] $LRead = new $L[$L][$L]", real.keyword(), w.name(), real.keyword(), w.rows(),
                    w.cols());
            reads.addStatement("readMatrix(header, buffer, data, $S, $LRead)", weightName(l), w.name());
            reads.addStatement("$L[] $LRead = new $L[$L]", real.keyword(), b.name(), real.keyword(), b.cols());
            reads.addStatement("readVector(header, buffer, data, $S, $LRead)", biasName(l), b.name());
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
                        + " untouched.\n", real.dtype())
                .addParameter(InputStream.class, "in")
                .addException(IOException.class)
                .addCode(snippet.code("""
                        byte[] bytes = in.readAllBytes();
                        if (bytes.length < 8) {
                            throw new $io:T("safetensors: " + bytes.length + " bytes, too short for the header length");
                        }
                        $bytes:T buffer = $bytes:T.wrap(bytes).order($order:T.LITTLE_ENDIAN);
                        long headerLength = buffer.getLong(0);
                        if (headerLength < 2 || headerLength > bytes.length - 8) {
                            throw new $io:T("safetensors: header length " + headerLength + " does not fit the " + bytes.length + "-byte stream (truncated?)");
                        }
                        $map:T header = SafetensorsJson.parse(new String(bytes, 8, (int) headerLength, $utf8:T.UTF_8));
                        int data = 8 + (int) headerLength;
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
                .addParameter(ByteBuffer.class, "buffer").addParameter(mat, "w")
                .addCode(snippet.code("""
                        for (int j = 0; j < w[0].length; j++) {
                            for (int k = 0; k < w.length; k++) {
                                buffer.put$suffix:L(w[k][j]);
                            }
                        }
                        """)).build());
        type.addMethod(MethodSpec.methodBuilder("putVector").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(ByteBuffer.class, "buffer").addParameter(vec, "b")
                .addCode(snippet.code("""
                        for (int j = 0; j < b.length; j++) {
                            buffer.put$suffix:L(b[j]);
                        }
                        """)).build());
        type.addMethod(MethodSpec.methodBuilder("readMatrix").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Reads tensor {@code name} of shape [units, inputs] into an input-major matrix.\n")
                .addParameter(headerType, "header").addParameter(ByteBuffer.class, "buffer")
                .addParameter(TypeName.INT, "data").addParameter(String.class, "name").addParameter(mat, "into")
                .addException(IOException.class)
                .addCode(snippet.code("""
                        int at = data + tensorStart(header, buffer.capacity() - data, name, new long[] {into[0].length, into.length});
                        for (int j = 0; j < into[0].length; j++) {
                            for (int k = 0; k < into.length; k++) {
                                into[k][j] = buffer.get$suffix:L(at);
                                at += $size:L;
                            }
                        }
                        """)).build());
        type.addMethod(MethodSpec.methodBuilder("readVector").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(headerType, "header").addParameter(ByteBuffer.class, "buffer")
                .addParameter(TypeName.INT, "data").addParameter(String.class, "name").addParameter(vec, "into")
                .addException(IOException.class)
                .addCode(snippet.code("""
                        int at = data + tensorStart(header, buffer.capacity() - data, name, new long[] {into.length});
                        for (int j = 0; j < into.length; j++) {
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
