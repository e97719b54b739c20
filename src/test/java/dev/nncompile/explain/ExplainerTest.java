package dev.nncompile.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.derive.TrainingPlan;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ExplainerTest {

    private static List<String> lines(TrainingPlan plan) {
        return Explainer.explain(plan, Format.TEXT).lines().map(String::strip).toList();
    }

    @Test
    void sigmoidHiddenLayerDeltaReadsLikeTheTextbook() {
        List<String> text = lines(HandBuiltPlans.mnist());
        assertTrue(text.contains("δ¹ = (W²ᵀ δ²) ⊙ a¹ ⊙ (1 − a¹)"), String.join("\n", text));
        assertTrue(text.contains("∂C/∂W¹ = Σₙ δ¹ xᵀ"));
        assertTrue(text.contains("∂C/∂b² = Σₙ δ²"));
        assertTrue(text.contains("z¹ = W¹x + b¹"));
        assertTrue(text.contains("a¹ = σ(z¹)"));
        assertTrue(text.contains("W¹ ← W¹ − 3·∂C/∂W¹"));
        assertTrue(text.contains("C = (1/N) Σₙₖ 0.5·(a² − y)²"));
    }

    @Test
    void softmaxCrossEntropyDeltaIsTheFusedForm() {
        List<String> text = lines(HandBuiltPlans.iris());
        assertTrue(text.contains("δ² = (a² − y)/N"), String.join("\n", text));
        assertTrue(text.contains("a² = softmax(z²)"));
        assertTrue(text.contains("lse(z²) = m + log Σₖ exp(z²ₖ − m),  m = maxₖ z²ₖ"));
        assertTrue(text.contains("v_W¹ ← 0.999·v_W¹ + 0.001·(∂C/∂W¹)²"));
        assertTrue(text.contains("bc₁ = 1 − 0.9ᵗ"));
    }

    @Test
    void networkSectionListsShapesAndEveryHyperParameter() {
        String text = Explainer.explain(HandBuiltPlans.iris(), Format.TEXT);
        assertTrue(text.contains("W¹ ∈ ℝ⁸ˣ⁴, b¹ ∈ ℝ⁸"), text);
        assertTrue(text.contains("W² ∈ ℝ³ˣ⁸"));
        assertTrue(text.contains("η = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸"));
        assertTrue(text.contains("L2 λ = 0.0001"));
        assertTrue(text.contains("activation swish: a = z·σ(z)"));
        assertTrue(text.contains("precision double"));
        assertTrue(text.contains("seed 42"));
    }

    @Test
    void latexUsesTextbookNotation() {
        String latex = Explainer.explain(HandBuiltPlans.mnist(), Format.LATEX);
        assertTrue(latex.contains("\\[ \\delta^{1} = ({W^{2}}^{\\top} \\delta^{2}) \\odot a^{1} \\odot (1 - a^{1}) \\]"),
                latex);
        assertTrue(latex.contains("\\frac{\\partial C}{\\partial W^{1}} = \\sum_{n} \\delta^{1} {x}^{\\top}"));
        assertTrue(latex.startsWith("% Mnist"));
        assertTrue(latex.contains("\\begin{document}") && latex.endsWith("\\end{document}\n"));
        assertFalse(latex.contains("}^{2}^{"), "no double superscripts");
    }

    @Test
    void markdownIsGitHubMath() {
        String md = Explainer.explain(HandBuiltPlans.iris(), Format.MARKDOWN);
        assertTrue(md.startsWith("# Iris\n"));
        assertTrue(md.contains("\n$$\n\\delta^{2} = \\frac{a^{2} - y}{N}\n$$\n"), md);
        assertTrue(md.contains("- Input $x \\in \\mathbb{R}^{4}$"));
        assertFalse(md.contains("<"), "no HTML in the Markdown");
        // every display block is opened and closed
        assertEquals(0, md.lines().filter("$$"::equals).count() % 2);
    }

    @Test
    void htmlIsOneWellFormedSelfContainedFile() throws Exception {
        String html = Explainer.explain(HandBuiltPlans.iris(), Format.HTML);
        assertTrue(html.startsWith("<!DOCTYPE html>\n"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/", "").contains("http://"));
        assertFalse(html.contains("https://"));
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        var xpath = XPathFactory.newInstance().newXPath();
        assertEquals("Iris — derivation", xpath.evaluate("/*[local-name()='html']/*[local-name()='head']"
                + "/*[local-name()='title']", doc));
        NodeList maths = (NodeList) xpath.evaluate("//*[local-name()='math']", doc, XPathConstants.NODESET);
        NodeList annotations = (NodeList) xpath.evaluate("//*[local-name()='annotation'][@encoding='application/x-tex']",
                doc, XPathConstants.NODESET);
        assertTrue(maths.getLength() > 20);
        assertEquals(maths.getLength(), annotations.getLength(), "every formula keeps its LaTeX");
        assertEquals("http://www.w3.org/1998/Math/MathML", maths.item(0).getNamespaceURI());
        assertTrue(html.contains("<annotation encoding=\"application/x-tex\">\\delta^{2} = \\frac{a^{2} - y}{N}"
                + "</annotation>"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void outputIsDeterministic(Format format) {
        assertEquals(Explainer.explain(HandBuiltPlans.iris(), format), Explainer.explain(HandBuiltPlans.iris(), format));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatShowsEverySection(Format format) {
        String out = Explainer.explain(HandBuiltPlans.mnist(), format);
        for (String section : List.of("Network", "Forward", "Loss", "Backward", "Update", "Numerics")) {
            assertTrue(out.contains(section), format + " lacks " + section);
        }
    }

    @Test
    void derivingAndExplainingABigNetworkIsFast() {
        // 784-512-256-10: the size the issue names; the time is printed, not asserted (shared CI machines)
        long start = System.nanoTime();
        TrainingPlan plan = HandBuiltPlans.sigmoidNetwork("Big", 784, 512, 256, 10);
        int chars = 0;
        for (Format format : Format.values()) {
            chars += Explainer.explain(plan, format).length();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("explain 784-512-256-10, all four formats: " + millis + " ms, " + chars + " chars");
        assertTrue(chars > 0);
    }
}
