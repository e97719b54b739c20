package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;

/** An argument, positional ({@code 0.5}) or named ({@code lr = 0.5}). {@code name} is null when positional. */
public record Arg(Name name, Expr value, SourceSpan span) implements Node {}
