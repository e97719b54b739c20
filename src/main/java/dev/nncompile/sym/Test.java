package dev.nncompile.sym;

/** A boolean condition of a {@link Cond}. */
public sealed interface Test permits Test.Compare, Test.And, Test.Or, Test.Not {

    /** Comparison operators, with their spelling in specs and Java. */
    enum Rel {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String spelling;

        Rel(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }

        public boolean holds(double left, double right) {
            return switch (this) {
                case LT -> left < right;
                case LE -> left <= right;
                case GT -> left > right;
                case GE -> left >= right;
                case EQ -> left == right;
                case NE -> left != right;
            };
        }
    }

    record Compare(Rel rel, Expr left, Expr right) implements Test {}

    record And(Test left, Test right) implements Test {}

    record Or(Test left, Test right) implements Test {}

    record Not(Test test) implements Test {}
}
