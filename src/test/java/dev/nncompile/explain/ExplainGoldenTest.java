package dev.nncompile.explain;

import dev.nncompile.derive.TrainingPlan;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import java.util.ArrayList;
import java.util.List;

/** Golden explanations of the hand-built plans, all four formats. */
class ExplainGoldenTest {

    @TestFactory
    List<DynamicTest> handBuiltPlansMatchTheirGoldenFiles() {
        Map<String, TrainingPlan> plans = new TreeMap<>();
        plans.put("hand-mnist", HandBuiltPlans.mnist());
        plans.put("hand-iris", HandBuiltPlans.iris());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, TrainingPlan> e : plans.entrySet()) {
            for (Format format : Format.values()) {
                String file = e.getKey() + "." + GoldenFiles.extension(format);
                tests.add(DynamicTest.dynamicTest(file,
                        () -> GoldenFiles.assertMatches(file, Explainer.explain(e.getValue(), format))));
            }
        }
        return tests;
    }
}
