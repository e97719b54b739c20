package dev.nncompile.derive;

import dev.nncompile.model.Network;
import java.util.List;

/**
 * The derivation of one network, as ordered statements over named buffers: what {@code emit} renders and
 * {@code explain} prints.
 *
 * @param buffers  every buffer, parameters first, in a deterministic order
 * @param forward  x → output activations (predict runs these)
 * @param loss     the loss terms: data loss, then regularisation
 * @param backward every δ and gradient (regularisation gradients included)
 * @param update   the optimizer step: scalars, then one elementwise update per parameter
 * @param notes    the numerics choices and conventions, one sentence each ("relu′(0) = 0", fusions)
 */
public record TrainingPlan(Network network, List<Buffer> buffers, List<Step> forward, List<Step> loss,
                           List<Step> backward, List<Step> update, List<String> notes) {
    public TrainingPlan {
        buffers = List.copyOf(buffers);
        forward = List.copyOf(forward);
        loss = List.copyOf(loss);
        backward = List.copyOf(backward);
        update = List.copyOf(update);
        notes = List.copyOf(notes);
    }
}
