package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;
import java.util.List;

/** {@code package com.acme;} — the dotted parts as written. */
public record PackageDecl(List<Name> parts, SourceSpan span) implements Node {
    public PackageDecl {
        parts = List.copyOf(parts);
    }

    public String dotted() {
        StringBuilder out = new StringBuilder();
        for (Name part : parts) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(part.text());
        }
        return out.toString();
    }
}
