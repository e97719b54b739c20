package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Structural equality of AST values ignoring every {@link SourceSpan}: the round-trip property compares a parsed
 * AST with the AST of its printed form, whose positions differ. Returns the path to the first difference.
 */
public final class AstEquality {
    private AstEquality() {}

    /** null when equal, else where and how they differ. */
    public static String difference(Object a, Object b) {
        return difference(a, b, "root");
    }

    private static String difference(Object a, Object b, String path) {
        if (a instanceof SourceSpan && b instanceof SourceSpan) {
            return null;
        }
        if (a == null || b == null) {
            return a == b ? null : path + ": " + a + " vs " + b;
        }
        if (a.getClass() != b.getClass()) {
            return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return path + ": " + la.size() + " vs " + lb.size() + " elements";
            }
            for (int i = 0; i < la.size(); i++) {
                String d = difference(la.get(i), lb.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.getClass().isRecord()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                try {
                    String d = difference(c.getAccessor().invoke(a), c.getAccessor().invoke(b),
                            path + "." + c.getName());
                    if (d != null) {
                        return d;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + ": " + a + " vs " + b;
    }
}
