package dev.nncompile.emit;

import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every array field of a generated class: one {@link Storage} per plan buffer, in plan order, plus the transposed
 * scratch rows the plain backward pass uses and the sizes of the vector kernels' packing scratch, with Java names
 * that cannot clash with the class's own members and locals.
 *
 * <p>With {@link Kernels#SIMD}, every row whose columns are a layer's units is allocated {@link #pad}-aligned, so the
 * vector kernels work on whole vectors only. The padding is zero and stays zero: elementwise steps, updates and
 * every accessor loop over the real units only, and the kernels write into padding only sums of products with zero
 * padding (a padded unit's weights, bias and delta are all zero).
 */
final class Fields {
    /** The most weights a layer may have for its products to be written out term by term (see {@link #small}). */
    static final int SMALL_LAYER_WEIGHTS = 64;

    /**
     * Row alignment of the SIMD layout, in elements: two vectors of 512 bits (32 floats, 16 doubles), so that every
     * register block of two vectors, of any width up to the 512 bits the class allows, tiles a padded row exactly.
     */
    static int pad(Precision precision) {
        return precision == Precision.FLOAT ? 32 : 16;
    }

    /** Names the generated methods use for parameters, locals and other fields. */
    private static final Set<String> RESERVED = new TreeSet<>(List.of(
            "x", "y", "n", "s", "s0", "s1", "j", "k", "k0", "k1", "out", "offset", "loss", "sum", "max", "step",
            "seed", "N", "t", "acc", "value", "layer", "sample", "epoch", "batch", "order", "listener", "in",
            "valX", "valY", "valN", "random", "spare", "hasSpare", "h", "i", "m", "e", "inv", "dot", "total",
            "parameterView", "gradientView", "scratch", "panels", "quads", "p", "q", "c", "row",
            // the SIMD kernels' constants and the worker pool's members and locals
            "SPECIES", "LANES", "THREADS", "CHUNKS", "workers", "dispatched", "task", "taskSamples", "claims",
            "finished", "chunkFailure", "closed", "seen", "spins", "worker", "chunks", "claim", "next", "end",
            "chunk", "front", "failure", "from", "to",
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield"));

    private final Network network;
    private final Kernels kernels;
    private final Map<String, Storage> byBuffer = new LinkedHashMap<>();
    private final Map<String, Storage> transposed = new LinkedHashMap<>();
    private final Set<String> used = new TreeSet<>(RESERVED);

    Fields(TrainingPlan plan, Kernels kernels) {
        this.network = plan.network();
        this.kernels = kernels;
        for (Buffer b : plan.buffers()) {
            add(b);
        }
        for (List<Step> phase : List.of(plan.forward(), plan.loss(), plan.backward(), plan.update())) {
            for (Step step : phase) {
                for (Buffer b : StepBuffers.of(step)) {
                    if (!byBuffer.containsKey(b.name())) {
                        add(b);   // a plan that forgot to list a buffer still compiles
                    }
                }
                if (step instanceof Step.BackpropDelta d && !small(d.weight()) && !kernels.vectorApi()) {
                    // the plain kernel's transposed copies; small layers are written out term by term, and the
                    // vector kernels pack (VectorKernels.addScratch)
                    transposedOf(d.next());
                    transposedOf(d.delta());
                }
            }
        }
    }

    private void add(Buffer b) {
        String name = switch (b.kind()) {
            case INPUT -> "xBatch";
            case TARGET -> "yBatch";
            default -> javaName(b.name());
        };
        name = unique(name);
        Storage.Shape shape = shapeOf(b);
        int cols = shape == Storage.Shape.PER_SAMPLE ? perSampleCols(b) : layer(b).units();
        boolean data = b.kind() == Buffer.Kind.INPUT || b.kind() == Buffer.Kind.TARGET;
        int stride = data ? cols : padded(cols);
        Storage s = switch (shape) {
            case PER_SAMPLE -> new Storage(b, name, shape, network.training().batch(), cols, stride);
            case MATRIX -> new Storage(b, name, shape, layer(b).inputs(), cols, stride);
            case VECTOR -> new Storage(b, name, shape, 1, cols, stride);
        };
        byBuffer.put(b.name(), s);
    }

    /** The allocated row length for {@code cols} units under this class's kernels. */
    private int padded(int cols) {
        int pad = pad(network.precision());
        return kernels.vectorApi() ? (cols + pad - 1) / pad * pad : cols;
    }

    private int perSampleCols(Buffer b) {
        return switch (b.kind()) {
            case INPUT -> network.inputs();
            case TARGET -> network.outputs();
            default -> b.layer() >= 1 && b.layer() <= network.layers().size() ? layer(b).units() : b.cols();
        };
    }

    private static Storage.Shape shapeOf(Buffer b) {
        Buffer.Kind kind = b.kind() == Buffer.Kind.OPTIMIZER_STATE && b.of() != null ? b.of().kind() : b.kind();
        return switch (kind) {
            case WEIGHT, WEIGHT_GRADIENT -> Storage.Shape.MATRIX;
            case BIAS, BIAS_GRADIENT -> Storage.Shape.VECTOR;
            case INPUT, TARGET, PRE_ACTIVATION, ACTIVATION, DELTA, OUTPUT_GRADIENT -> Storage.Shape.PER_SAMPLE;
            case OPTIMIZER_STATE -> throw new IllegalStateException("optimizer state without a parameter: " + b);
        };
    }

    private Layer layer(Buffer b) {
        return network.layers().get(b.layer() - 1);
    }

    /** The scratch {@code [cols][MAX_BATCH]} transpose of a per-sample buffer. */
    private void transposedOf(Buffer b) {
        Storage s = get(b);
        if (!transposed.containsKey(b.name())) {
            transposed.put(b.name(), new Storage(b, unique(s.name() + "T"), Storage.Shape.MATRIX, s.cols(), s.rows(),
                    s.rows()));
        }
    }

    /**
     * Whether the layer of this buffer (a weight, a gradient) is small enough, at most {@value #SMALL_LAYER_WEIGHTS}
     * weights, for its products to be written out term by term rather than as loops: on layers like xor's 2 × 4 the
     * loop control outweighs the arithmetic, and C2 compiles straight-line code several times faster, which decides
     * the speed of a short training run. Such layers never use the vector kernels either.
     */
    boolean small(Buffer b) {
        Layer l = layer(b);
        return l.inputs() * l.units() <= SMALL_LAYER_WEIGHTS;
    }

    Kernels kernels() {
        return kernels;
    }

    Network network() {
        return network;
    }

    Storage get(Buffer b) {
        Storage s = byBuffer.get(b.name());
        if (s == null) {
            throw new IllegalStateException("buffer not in plan: " + b.name());
        }
        return s;
    }

    Storage transposed(Buffer b) {
        return transposed.get(b.name());
    }

    List<Storage> all() {
        List<Storage> out = new ArrayList<>(byBuffer.values());
        out.addAll(transposed.values());
        return out;
    }

    List<Storage> buffers() {
        return new ArrayList<>(byBuffer.values());
    }

    /** The first buffer of the given kind and layer, or null. */
    Storage find(Buffer.Kind kind, int layer) {
        for (Storage s : byBuffer.values()) {
            if (s.buffer().kind() == kind && (s.buffer().layer() == layer || kind == Buffer.Kind.INPUT
                    || kind == Buffer.Kind.TARGET)) {
                return s;
            }
        }
        return null;
    }

    /** The gradient buffer of a parameter, or null. */
    Storage gradientOf(Storage parameter) {
        Buffer.Kind kind = parameter.buffer().kind() == Buffer.Kind.WEIGHT
                ? Buffer.Kind.WEIGHT_GRADIENT : Buffer.Kind.BIAS_GRADIENT;
        for (Storage s : byBuffer.values()) {
            Buffer b = s.buffer();
            if (b.kind() == kind && (b.of() != null ? b.of().name().equals(parameter.buffer().name())
                    : b.layer() == parameter.buffer().layer())) {
                return s;
            }
        }
        return null;
    }

    /** Weight then bias of every layer: the order of parameters(), safetensors and the initialiser. */
    List<Storage> parameters() {
        List<Storage> out = new ArrayList<>();
        for (Layer l : network.layers()) {
            out.add(require(Buffer.Kind.WEIGHT, l.index()));
            out.add(require(Buffer.Kind.BIAS, l.index()));
        }
        return out;
    }

    Storage require(Buffer.Kind kind, int layer) {
        Storage s = find(kind, layer);
        if (s == null) {
            throw new IllegalStateException("plan has no " + kind + " buffer for layer " + layer);
        }
        return s;
    }

    /** The network's output: the last layer's activation, or its pre-activation when no activation is kept. */
    Storage output() {
        int last = network.layers().size();
        Storage a = find(Buffer.Kind.ACTIVATION, last);
        return a != null ? a : require(Buffer.Kind.PRE_ACTIVATION, last);
    }

    /** The activation of a layer as the forward pass reads it: the input for layer 0. */
    Storage activation(int layer) {
        return layer == 0 ? require(Buffer.Kind.INPUT, 0) : find(Buffer.Kind.ACTIVATION, layer);
    }

    /** A fresh Java identifier derived from {@code base}, distinct from every name handed out or reserved. */
    String unique(String base) {
        String name = base;
        for (int i = 2; used.contains(name); i++) {
            name = base + i;
        }
        used.add(name);
        return name;
    }

    static String javaName(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = out.length() == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
            out.append(ok && c < 128 && c != '$' ? c : '_');
        }
        return out.length() == 0 ? "buffer" : out.toString();
    }
}
