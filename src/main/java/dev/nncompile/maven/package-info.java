/**
 * The Maven face of nncompile: thin Mojos that turn their parameters into one {@link
 * dev.nncompile.maven.GenerationRequest} and hand it to {@link dev.nncompile.maven.SpecGeneration}, the incremental
 * driver. This is the only package that imports {@code org.apache.maven} (DESIGN.md §1); everything below the Mojos
 * ({@link dev.nncompile.maven.Manifest}, {@link dev.nncompile.maven.IncrementalPlan}, {@link
 * dev.nncompile.maven.SpecTree}) is plain Java and unit-tested without Maven.
 *
 * <p>Modelled on ascopes/protobuf-maven-plugin (content-digest staleness promoted only after success, source root
 * registered even on a no-op) and antlr4-maven-plugin (folders give the Java package, status under
 * {@code target/maven-status}).
 */
package dev.nncompile.maven;
