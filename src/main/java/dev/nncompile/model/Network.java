package dev.nncompile.model;

import dev.nncompile.source.SourceSpan;
import java.util.List;

/**
 * A checked network: valid by construction, every default filled in. The checker is the only producer.
 *
 * @param name          the model name, a valid Java class name
 * @param packageName   the Java package of the generated class, empty for none
 * @param layers        dense layers, layer i's inputs equal layer i−1's units
 * @param regularizers  zero, one or both of L1 and L2
 */
public record Network(String name, String packageName, SourceSpan span, int inputs, List<Layer> layers, Loss loss,
                      Optimizer optimizer, List<Regularizer> regularizers, long seed, Precision precision,
                      Training training) {

    public Network {
        layers = List.copyOf(layers);
        regularizers = List.copyOf(regularizers);
    }

    public int outputs() {
        return layers.get(layers.size() - 1).units();
    }

    public Layer outputLayer() {
        return layers.get(layers.size() - 1);
    }

    /** Number of trainable scalars: every weight and bias. */
    public long parameterCount() {
        long n = 0;
        for (Layer l : layers) {
            n += (long) l.units() * l.inputs() + l.units();
        }
        return n;
    }
}
