package dev.nncompile.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> ACTIVATIONS = List.of("identity", "relu", "leaky_relu", "elu", "gelu",
            "sigmoid", "tanh", "softplus", "swish", "softmax");

    @Test
    void suggestsTheClosestName() {
        assertEquals(Optional.of("relu"), Suggestions.closest("rleu", ACTIVATIONS));
        assertEquals(Optional.of("sigmoid"), Suggestions.closest("sigmod", ACTIVATIONS));
        assertEquals(Optional.of("softmax"), Suggestions.closest("softmx", ACTIVATIONS));
        assertEquals(Optional.of("float"), Suggestions.closest("flaot", List.of("float", "double")));
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertEquals(Optional.empty(), Suggestions.closest("frobnicate", ACTIVATIONS));
        assertEquals(Optional.empty(), Suggestions.closest("x".repeat(10_000), ACTIVATIONS));
        assertEquals(Optional.empty(), Suggestions.closest("relu", List.of("relu")));
    }

    @Test
    void tiesGoToTheFirstCandidate() {
        assertEquals(Optional.of("elu"), Suggestions.closest("xlu", List.of("elu", "relu")));
        assertEquals(Optional.of("ab"), Suggestions.closest("aa", List.of("ab", "ba")));
        assertEquals(2, Suggestions.distance("kitten", "sittin"));
        assertEquals(1, Suggestions.distance("ab", "ba"));
    }
}
