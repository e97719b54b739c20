package dev.nncompile.model;

import java.util.List;

/**
 * Training settings.
 *
 * @param batch      mini-batch size (MAX_BATCH of the generated class)
 * @param epochs     the most epochs {@code fit} runs
 * @param shuffle    a fresh seeded permutation every epoch
 * @param validation fraction of the data held out for validation by the CLI, 0 for none
 */
public record Training(int batch, int epochs, boolean shuffle, double validation, List<StopRule> stops) {
    public Training {
        stops = List.copyOf(stops);
    }
}
