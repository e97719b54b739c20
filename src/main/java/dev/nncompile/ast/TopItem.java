package dev.nncompile.ast;

/** What a file holds at the top level: a model block, or an activation or loss definition. */
public sealed interface TopItem extends Node permits ModelDecl, Definition {}
