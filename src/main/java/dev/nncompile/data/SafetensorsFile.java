package dev.nncompile.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validated contents of a safetensors file: tensors by name and the {@code __metadata__} strings, both sorted by
 * name. Only ever built from a completely checked file, so holding one means the whole file was good.
 *
 * <pre>{@code
 * SafetensorsFile f = Safetensors.read(Path.of("xor.safetensors"));
 * Tensor w1 = f.requireTensor(Safetensors.weightName(1), 2, 2);   // layers.0.weight, [units, inputs]
 * String spec = f.metadata().get("nncompile.spec");
 * }</pre>
 */
public record SafetensorsFile(String file, Map<String, Tensor> tensors, Map<String, String> metadata) {
    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /**
     * The tensor called {@code name}, which must have exactly {@code expectedShape}.
     *
     * @throws DataException "missing tensor 'layers.1.bias'" or
     *     "tensor 'layers.0.weight' has shape [4, 2], the model needs [8, 2]"
     */
    public Tensor requireTensor(String name, int... expectedShape) throws DataException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new DataException(file, "missing tensor " + DataException.quote(name));
        }
        if (!t.hasShape(expectedShape)) {
            throw new DataException(file, "tensor " + DataException.quote(name) + " has shape "
                    + Arrays.toString(t.shape()) + ", the model needs " + Arrays.toString(expectedShape));
        }
        return t;
    }
}
