package dev.nncompile.parse;

import java.util.List;
import java.util.Random;

/**
 * Random spec text that follows the grammar (not necessarily the checker's rules): for the round-trip property and
 * the fuzz test. Seeded, so every failure reproduces.
 */
public final class SpecGenerator {
    private static final List<String> NAMES = List.of("z", "x", "alpha", "beta", "p", "y", "delta", "w", "true",
            "false", "relu", "sigmoid", "tanh", "epochs");
    private static final List<String> FUNCTIONS = List.of("exp", "log", "sqrt", "abs", "tanh", "sigmoid",
            "softplus", "erf", "sin", "cos", "min", "max", "relu", "leaky_relu", "elu", "gelu", "swish", "f", "g");
    private static final List<String> ACTIVATIONS = List.of("relu", "sigmoid", "tanh", "identity", "softmax", "gelu",
            "leaky_relu", "elu", "swish", "silu", "softsign", "softplus", "gelu_tanh", "mish", "rleu", "f");
    private static final List<String> LOSSES = List.of("mse", "half_sse", "bce", "cross_entropy", "huber", "l");
    private static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adam", "adamw",
            "rmsprop", "adma");
    private static final List<String> PARAMS = List.of("lr", "momentum", "beta1", "beta2", "eps", "alpha",
            "weight_decay", "nesterov", "delta", "lambda", "a", "b", "mean", "std");
    private static final List<String> INITS = List.of("zeros", "uniform", "normal", "xavier", "he", "kaiming",
            "glorot", "xavier_normal", "he_uniform", "xaviar");
    private static final List<String> COMPARE = List.of("<", "<=", ">", ">=", "==", "!=");

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    private SpecGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static String generate(long seed) {
        SpecGenerator g = new SpecGenerator(seed);
        g.file();
        return g.out.toString();
    }

    /** One random formula, for printer tests. */
    public static String formula(long seed, int depth) {
        SpecGenerator g = new SpecGenerator(seed);
        g.expr(depth);
        return g.out.toString();
    }

    private void file() {
        if (random.nextInt(4) == 0) {
            out.append("package com.example").append(random.nextInt(3) == 0 ? ".nets" : "").append(";\n");
        }
        int items = 1 + random.nextInt(4);
        for (int i = 0; i < items; i++) {
            switch (random.nextInt(4)) {
                case 0 -> definition("activation", List.of("z"));
                case 1 -> definition("loss", List.of("p", "y"));
                default -> model();
            }
            out.append('\n');
        }
    }

    private void definition(String keyword, List<String> variables) {
        out.append(keyword).append(' ').append(pick(List.of("f", "g", "mish", "l", "smooth"))).append('(')
                .append(String.join(", ", variables));
        if (random.nextBoolean()) {
            out.append("; ");
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                out.append(i > 0 ? ", " : "").append(pick(List.of("alpha", "beta", "delta")));
                if (random.nextInt(4) != 0) {
                    out.append(" = ");
                    number();
                }
            }
        }
        out.append(") = ");
        expr(3);
        out.append('\n');
    }

    private void model() {
        out.append("model ").append(pick(List.of("Xor", "Net", "M", "Mnist", "A1"))).append(" {\n");
        int n = random.nextInt(9);
        for (int i = 0; i < n; i++) {
            out.append("    ");
            statement();
            out.append('\n');
        }
        out.append("}\n");
    }

    private void statement() {
        switch (random.nextInt(10)) {
            case 0 -> out.append("input ").append(size());
            case 1, 2 -> {
                out.append("dense ").append(size()).append(' ');
                use(ACTIVATIONS);
                if (random.nextInt(4) == 0) {
                    out.append(" init ");
                    use(INITS);
                }
            }
            case 3 -> {
                out.append("loss ");
                use(LOSSES);
            }
            case 4 -> {
                out.append("optimizer ");
                use(OPTIMIZERS);
            }
            case 5 -> {
                out.append("regularize ");
                use(List.of("l1", "l2", "l3"));
            }
            case 6 -> {
                out.append("init ");
                use(INITS);
                if (random.nextBoolean()) {
                    out.append(" seed ").append(random.nextInt(100));
                }
            }
            case 7 -> out.append("seed ").append(random.nextInt(1000));
            case 8 -> out.append("precision ").append(pick(List.of("float", "double", "half")));
            default -> train();
        }
    }

    private String size() {
        return (random.nextInt(8) == 0 ? "-" : "") + pick(List.of("1", "2", "4", "10", "784", "0", "2.5", "1e3"));
    }

    private void use(List<String> names) {
        out.append(pick(names));
        int shape = random.nextInt(3);
        if (shape == 0) {
            return;
        }
        out.append('(');
        int n = shape == 1 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.append(i > 0 ? ", " : "");
            if (random.nextBoolean()) {
                out.append(pick(PARAMS)).append(" = ");
            }
            if (random.nextInt(6) == 0) {
                out.append(pick(List.of("true", "false")));
            } else {
                expr(1);
            }
        }
        out.append(')');
    }

    private void train() {
        out.append("train {");
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            out.append(random.nextBoolean() ? "\n        " : i > 0 ? ", " : " ");
            switch (random.nextInt(5)) {
                case 0 -> out.append("stop when ").append(pick(List.of("val_loss", "grad_norm", "loss_delta")))
                        .append(" stalls for ").append(random.nextInt(30))
                        .append(random.nextBoolean() ? " epochs" : "");
                case 1 -> {
                    out.append("stop when ").append(pick(List.of("grad_norm", "loss_delta", "val_loss")))
                            .append(' ').append(pick(COMPARE)).append(' ');
                    number();
                }
                default -> {
                    out.append(pick(List.of("batch", "epochs", "shuffle", "validation", "epoch"))).append(" = ");
                    if (random.nextInt(4) == 0) {
                        out.append(pick(List.of("true", "false")));
                    } else {
                        number();
                    }
                }
            }
        }
        out.append(n > 0 ? "\n    }" : " }");
    }

    private void number() {
        switch (random.nextInt(5)) {
            case 0 -> out.append(random.nextInt(100));
            case 1 -> out.append(random.nextInt(10)).append('.').append(random.nextInt(1000));
            case 2 -> out.append(1 + random.nextInt(9)).append(pick(List.of("e", "E"))).append(pick(List.of("", "-",
                    "+"))).append(random.nextInt(12));
            case 3 -> out.append('.').append(random.nextInt(100));
            default -> out.append(random.nextInt(1000)).append('.');
        }
    }

    // ---- expressions, following the grammar's levels ------------------------------------------------------------

    private void expr(int depth) {
        if (depth > 0 && random.nextInt(6) == 0) {
            out.append("if ");
            expr(depth - 1);
            out.append(" then ");
            expr(depth - 1);
            out.append(" else ");
            expr(depth - 1);
            return;
        }
        repeat(depth, " or ", () -> repeat(depth, " and ", () -> {
            while (random.nextInt(8) == 0) {
                out.append("not ");
            }
            sum(depth);
            if (random.nextInt(5) == 0) {
                out.append(' ').append(pick(COMPARE)).append(' ');
                sum(depth);
            }
        }, 6), 6);
    }

    private void sum(int depth) {
        repeatOps(depth, List.of(" + ", " - "), () -> repeatOps(depth, List.of(" * ", " / "), () -> unary(depth)));
    }

    private void unary(int depth) {
        while (random.nextInt(6) == 0) {
            out.append('-');
        }
        atom(depth);
        while (random.nextInt(6) == 0) {
            out.append('^');
            while (random.nextInt(5) == 0) {
                out.append('-');
            }
            atom(depth);
        }
    }

    private void atom(int depth) {
        int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(8);
        switch (choice) {
            case 0 -> number();
            case 1 -> out.append(pick(NAMES));
            case 2 -> {
                out.append(pick(FUNCTIONS)).append('(');
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? ", " : "");
                    if (i > 0 && random.nextInt(3) == 0) {
                        out.append(pick(PARAMS)).append(" = ");
                    }
                    expr(depth - 2);
                }
                out.append(')');
            }
            case 3 -> {
                out.append('(');
                expr(depth - 1);
                out.append(')');
            }
            default -> {
                if (random.nextBoolean()) {
                    number();
                } else {
                    out.append(pick(NAMES));
                }
            }
        }
    }

    private void repeat(int depth, String separator, Runnable part, int oneIn) {
        part.run();
        while (depth > 0 && random.nextInt(oneIn) == 0) {
            out.append(separator);
            part.run();
        }
    }

    private void repeatOps(int depth, List<String> ops, Runnable part) {
        part.run();
        while (depth > 0 && random.nextInt(3) == 0) {
            out.append(pick(ops));
            part.run();
        }
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
