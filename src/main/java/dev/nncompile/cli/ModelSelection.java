package dev.nncompile.cli;

import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Picks the model a command works on from a compiled spec, and describes it in one line. */
final class ModelSelection {
    private ModelSelection() {}

    /**
     * The model named {@code name}, or the only model when {@code name} is null; null (after saying why on
     * {@code err}) when there is no such model or the choice is ambiguous.
     */
    static CompiledModel pick(List<CompiledModel> models, String name, Path spec, PrintWriter err) {
        List<String> names = new ArrayList<>();
        for (CompiledModel m : models) {
            names.add(m.network().name());
            if (name != null && m.network().name().equals(name)) {
                return m;
            }
        }
        if (name == null && models.size() == 1) {
            return models.get(0);
        }
        if (models.isEmpty()) {
            err.println("nncompile: " + spec + " defines no model");
        } else if (name == null) {
            err.println("nncompile: " + spec + " defines several models (" + String.join(", ", names)
                    + "); choose one with --model");
        } else {
            err.println("nncompile: no model named '" + name + "' in " + spec + " (models: " + String.join(", ", names)
                    + ")");
        }
        return null;
    }

    /** {@code Iris: 4 → 8 relu → 3 softmax, cross_entropy, adam(lr=0.01), batch 16, 200 epochs, float}. */
    static String describe(Network n) {
        StringBuilder s = new StringBuilder(n.name()).append(": ").append(n.inputs());
        for (Layer l : n.layers()) {
            s.append(" → ").append(l.units()).append(' ').append(l.activation().name());
        }
        var o = n.optimizer();
        s.append(", ").append(n.loss().name()).append(", ").append(o.kind().name().toLowerCase(Locale.ROOT))
                .append("(lr=").append(shortNumber(o.lr()));
        if (o.momentum() > 0) {
            s.append(", momentum=").append(shortNumber(o.momentum())).append(o.nesterov() ? ", nesterov" : "");
        }
        s.append("), batch ").append(n.training().batch()).append(", ").append(n.training().epochs())
                .append(n.training().epochs() == 1 ? " epoch, " : " epochs, ").append(n.precision().javaType());
        return s.toString();
    }

    /** Each layer's activation by name, for the trace's headings and formulas. */
    static List<String> activations(Network n) {
        List<String> out = new ArrayList<>();
        for (Layer l : n.layers()) {
            out.add(l.activation().name());
        }
        return out;
    }

    static String shortNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
