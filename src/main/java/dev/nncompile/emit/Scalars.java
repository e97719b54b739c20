package dev.nncompile.emit;

import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The scalars a step's expressions may read besides its operands: {@code N} (the call's batch size, a local), {@code t}
 * (the optimizer step count, a local read from the {@code step} field) and every {@link Step.ScalarDef}, which lives in
 * a field so that the step methods that read it can be separate methods.
 */
final class Scalars {
    private final Map<String, String> fieldByName = new LinkedHashMap<>();

    Scalars(TrainingPlan plan, Fields fields) {
        for (List<Step> phase : List.of(plan.forward(), plan.loss(), plan.backward(), plan.update())) {
            for (Step s : phase) {
                if (s instanceof Step.ScalarDef d && !fieldByName.containsKey(d.name())) {
                    fieldByName.put(d.name(), fields.unique(Fields.javaName(d.name())));
                }
            }
        }
    }

    /** ScalarDef name → field name, in plan order. */
    Map<String, String> fields() {
        return fieldByName;
    }

    String field(String scalar) {
        return fieldByName.get(scalar);
    }

    /**
     * The naming of one step's variables: {@code elements} maps operand names to the Java expression of the current
     * element; everything else must be a scalar.
     */
    Function<String, String> naming(Map<String, String> elements) {
        return v -> {
            String element = elements.get(v);
            if (element != null) {
                return element;
            }
            if (v.equals(Step.BATCH_SIZE)) {
                return "N";
            }
            if (v.equals(Step.STEP_COUNT)) {
                return "t";
            }
            String field = fieldByName.get(v);
            if (field != null) {
                return field;
            }
            throw new IllegalStateException("unbound variable '" + v + "' in a plan step");
        };
    }

    /** Whether any expression reads the scalar {@code name} (and not as an operand). */
    static boolean reads(List<Expr> exprs, Set<String> operands, String name) {
        if (operands.contains(name)) {
            return false;
        }
        for (Expr e : exprs) {
            if (Exprs.freeVariables(e).contains(name)) {
                return true;
            }
        }
        return false;
    }
}
