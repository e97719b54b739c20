package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;

/** An identifier as written: a model, activation, parameter, setting or variable name. */
public record Name(String text, SourceSpan span) implements Node {}
