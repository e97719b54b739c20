package dev.nncompile.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The generated class's nested JSON reader for safetensors headers: objects, arrays, strings, integers and the
 * literals, enough for any header PyTorch writes, with depth and error checks (malformed input is an IOException,
 * never a crash or a hang).
 */
final class SafetensorsJson {
    private SafetensorsJson() {}

    static TypeSpec type(Snippet snippet) {
        TypeName anyMap = ParameterizedTypeName.get(ClassName.get(Map.class), WildcardTypeName.subtypeOf(Object.class),
                WildcardTypeName.subtypeOf(Object.class));
        TypeName objectMap = ParameterizedTypeName.get(ClassName.get(LinkedHashMap.class), ClassName.get(String.class),
                ClassName.OBJECT);
        TypeName objectList = ParameterizedTypeName.get(ClassName.get(ArrayList.class), ClassName.OBJECT);
        TypeName anyList = ParameterizedTypeName.get(ClassName.get(List.class), WildcardTypeName.subtypeOf(Object.class));
        // the quote character goes in as an argument: QDox (maven-plugin-plugin) cannot lex '"' in a text block
        Map<String, Object> args = Map.of("anyMap", anyMap, "objectMap", objectMap, "objectList", objectList,
                "anyList", anyList, "quote", "'\"'");
        return TypeSpec.classBuilder("SafetensorsJson").addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("A minimal JSON reader for safetensors headers.\n")
                .addField(FieldSpec.builder(String.class, "text", Modifier.PRIVATE, Modifier.FINAL).build())
                .addField(FieldSpec.builder(TypeName.INT, "at", Modifier.PRIVATE).build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                        .addParameter(String.class, "text").addStatement("this.text = text").build())
                .addMethod(MethodSpec.methodBuilder("parse").addModifiers(Modifier.STATIC).returns(anyMap)
                        .addParameter(String.class, "text").addException(IOException.class)
                        .addCode(snippet.code("""
                                SafetensorsJson json = new SafetensorsJson(text);
                                json.skipSpace();
                                Object value = json.value(0);
                                json.skipSpace();
                                if (json.at != text.length()) {
                                    throw json.error("trailing characters");
                                }
                                if (!(value instanceof $anyMap:T)) {
                                    throw json.error("the header is not a JSON object");
                                }
                                return ($anyMap:T) value;
                                """, args)).build())
                .addMethod(MethodSpec.methodBuilder("longs").addModifiers(Modifier.STATIC)
                        .returns(ArrayTypeName.of(TypeName.LONG))
                        .addParameter(Object.class, "value").addParameter(String.class, "what")
                        .addException(IOException.class)
                        .addCode(snippet.code("""
                                if (!(value instanceof $anyList:T)) {
                                    throw new $io:T("safetensors: " + what + " is not a list of integers");
                                }
                                $anyList:T list = ($anyList:T) value;
                                long[] out = new long[list.size()];
                                for (int i = 0; i < out.length; i++) {
                                    Object item = list.get(i);
                                    if (!(item instanceof Long)) {
                                        throw new $io:T("safetensors: " + what + " is not a list of integers");
                                    }
                                    out[i] = (Long) item;
                                }
                                return out;
                                """, args)).build())
                .addMethod(MethodSpec.methodBuilder("value").addModifiers(Modifier.PRIVATE).returns(Object.class)
                        .addParameter(TypeName.INT, "depth").addException(IOException.class)
                        .addCode(snippet.code("""
                                if (depth > 32) {
                                    throw error("nested too deeply");
                                }
                                if (at >= text.length()) {
                                    throw error("unexpected end");
                                }
                                char c = text.charAt(at);
                                if (c == '{') {
                                    at++;
                                    $objectMap:T object = new $objectMap:T();
                                    skipSpace();
                                    if (peek('}')) {
                                        return object;
                                    }
                                    do {
                                        skipSpace();
                                        String key = string();
                                        skipSpace();
                                        expect(':');
                                        skipSpace();
                                        if (object.put(key, value(depth + 1)) != null) {
                                            throw error("duplicate key " + key);
                                        }
                                        skipSpace();
                                    } while (peek(','));
                                    expect('}');
                                    return object;
                                }
                                if (c == '[') {
                                    at++;
                                    $objectList:T list = new $objectList:T();
                                    skipSpace();
                                    if (peek(']')) {
                                        return list;
                                    }
                                    do {
                                        skipSpace();
                                        list.add(value(depth + 1));
                                        skipSpace();
                                    } while (peek(','));
                                    expect(']');
                                    return list;
                                }
                                if (c == $quote:L) {
                                    return string();
                                }
                                if (c == '-' || (c >= '0' && c <= '9')) {
                                    return number();
                                }
                                for (String word : new String[] {"true", "false", "null"}) {
                                    if (text.startsWith(word, at)) {
                                        at += word.length();
                                        return word;
                                    }
                                }
                                throw error("unexpected character '" + c + "'");
                                """, args)).build())
                .addMethod(MethodSpec.methodBuilder("string").addModifiers(Modifier.PRIVATE).returns(String.class)
                        .addException(IOException.class)
                        .addCode(snippet.code("""
                                expect($quote:L);
                                StringBuilder out = new StringBuilder();
                                while (at < text.length()) {
                                    char c = text.charAt(at++);
                                    if (c == $quote:L) {
                                        return out.toString();
                                    }
                                    if (c != '\\\\') {
                                        out.append(c);
                                        continue;
                                    }
                                    if (at >= text.length()) {
                                        break;
                                    }
                                    char e = text.charAt(at++);
                                    switch (e) {
                                        case 'b' -> out.append('\\b');
                                        case 'f' -> out.append('\\f');
                                        case 'n' -> out.append('\\n');
                                        case 'r' -> out.append('\\r');
                                        case 't' -> out.append('\\t');
                                        case 'u' -> {
                                            if (at + 4 > text.length()) {
                                                throw error("short unicode escape");
                                            }
                                            try {
                                                out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                                            } catch (NumberFormatException bad) {
                                                throw error("bad unicode escape");
                                            }
                                            at += 4;
                                        }
                                        default -> out.append(e);
                                    }
                                }
                                throw error("unterminated string");
                                """, args)).build())
                .addMethod(MethodSpec.methodBuilder("number").addModifiers(Modifier.PRIVATE).returns(Object.class)
                        .addException(IOException.class)
                        .addCode(snippet.code("""
                                int start = at;
                                while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                                    at++;
                                }
                                String digits = text.substring(start, at);
                                try {
                                    if (digits.matches("-?[0-9]{1,18}")) {
                                        return Long.valueOf(digits);
                                    }
                                    return Double.valueOf(digits);
                                } catch (NumberFormatException bad) {
                                    throw error("bad number " + digits);
                                }
                                """)).build())
                .addMethod(MethodSpec.methodBuilder("skipSpace").addModifiers(Modifier.PRIVATE)
                        .addCode(snippet.code("""
                                while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                                    at++;
                                }
                                """)).build())
                .addMethod(MethodSpec.methodBuilder("peek").addModifiers(Modifier.PRIVATE).returns(TypeName.BOOLEAN)
                        .addParameter(TypeName.CHAR, "c")
                        .addCode(snippet.code("""
                                if (at < text.length() && text.charAt(at) == c) {
                                    at++;
                                    return true;
                                }
                                return false;
                                """)).build())
                .addMethod(MethodSpec.methodBuilder("expect").addModifiers(Modifier.PRIVATE)
                        .addParameter(TypeName.CHAR, "c").addException(IOException.class)
                        .addCode(snippet.code("""
                                if (!peek(c)) {
                                    throw error("expected '" + c + "'");
                                }
                                """)).build())
                .addMethod(MethodSpec.methodBuilder("error").addModifiers(Modifier.PRIVATE).returns(IOException.class)
                        .addParameter(String.class, "message")
                        .addStatement("return new $T(\"safetensors: malformed header at character \" + at + \": \" + message)",
                                IOException.class)
                        .build())
                .build();
    }
}
