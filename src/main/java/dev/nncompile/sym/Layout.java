package dev.nncompile.sym;

import java.util.List;

/**
 * The presentation of an {@link Expr}: what a reader sees (a difference, a fraction, a square root), built once by
 * {@link LayoutBuilder} and rendered by each printer in its own markup. Subtraction, division and negation, which
 * the algebra builds from sums, products and powers, reappear here; parentheses the precedence requires are already
 * explicit {@link Fenced} nodes, so a renderer only spells what it is given.
 */
sealed interface Layout {

    /** How tightly the node binds; a renderer fences an operand that binds looser than its context needs. */
    Precedence precedence();

    /** A variable, already spelled by the caller's naming function in the target markup. */
    record Name(String shown) implements Layout {
        public Precedence precedence() {
            return Precedence.ATOM;
        }
    }

    /** A non-negative constant. */
    record Number(Decimal decimal) implements Layout {
        public Precedence precedence() {
            return decimal.isProduct() ? Precedence.PRODUCT : decimal.isScientific() ? Precedence.POWER
                    : Precedence.ATOM;
        }
    }

    /** terms joined by + or −; {@code negated.get(i)} says whether term i is subtracted (term 0: a leading −). */
    record Sum(List<Layout> terms, List<Boolean> negated) implements Layout {
        public Precedence precedence() {
            return Precedence.SUM;
        }
    }

    /** −operand. */
    record Negation(Layout operand) implements Layout {
        public Precedence precedence() {
            return Precedence.SUM;
        }
    }

    /** factors joined by · or, where {@code hadamard.get(i)} holds, by ⊙ before factor i (entry 0 unused). */
    record Product(List<Layout> factors, List<Boolean> hadamard) implements Layout {
        public Precedence precedence() {
            return Precedence.PRODUCT;
        }
    }

    record Fraction(Layout numerator, Layout denominator) implements Layout {
        public Precedence precedence() {
            return Precedence.PRODUCT;
        }
    }

    record Power(Layout base, Layout exponent) implements Layout {
        public Precedence precedence() {
            return Precedence.POWER;
        }
    }

    record Root(Layout radicand) implements Layout {
        public Precedence precedence() {
            return Precedence.ATOM;
        }
    }

    /** e to the exponent: how exp reads in a textbook. */
    record Exponential(Layout exponent) implements Layout {
        public Precedence precedence() {
            return Precedence.POWER;
        }
    }

    /** |operand|. */
    record Magnitude(Layout operand) implements Layout {
        public Precedence precedence() {
            return Precedence.ATOM;
        }
    }

    /** A named function applied to parenthesised arguments: σ(z), log(x), min(a, b). */
    record Application(Fn fn, List<Layout> args) implements Layout {
        public Precedence precedence() {
            return Precedence.ATOM;
        }
    }

    /** (inner). */
    record Fenced(Layout inner) implements Layout {
        public Precedence precedence() {
            return Precedence.ATOM;
        }
    }

    /** if test₁ then value₁ else if … else otherwise. */
    record Cases(List<Branch> branches, Layout otherwise) implements Layout {
        public Precedence precedence() {
            return Precedence.CONDITIONAL;
        }
    }

    record Branch(Condition test, Layout value) {}

    /** The test of a branch. */
    sealed interface Condition permits Relation, Junction, Negated {}

    record Relation(Layout left, Test.Rel rel, Layout right) implements Condition {}

    /** left and/or right; each side fenced by the renderer when it is itself a junction of the other kind. */
    record Junction(Condition left, boolean and, Condition right) implements Condition {}

    record Negated(Condition test) implements Condition {}

    /** Binding strength, loosest first. The one place that ranks the operators. */
    enum Precedence {
        CONDITIONAL, SUM, PRODUCT, POWER, ATOM;

        boolean looserThan(Precedence other) {
            return compareTo(other) < 0;
        }
    }
}
