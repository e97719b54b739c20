#!/usr/bin/env bash
# JMH micro-benchmarks of generated trainers, allocation included (JMH 1.37, -prof gc: gc.alloc.rate.norm, B/op).
#
#   src/bench/jmh/run.sh [JMH ARGS...]      e.g. src/bench/jmh/run.sh -f 1 -wi 2 -i 3 'TrainerBench.xor.*'
#
# Generates specs/{mnist,mnist-relu,mnist-wide,xor,iris}.nn into target/nncompile-sources (package
# nncompile.bench.gen, TrainerBench), specs/{mnist,mnist-relu,mnist-wide}.nn with --simd (package
# nncompile.bench.simd) and specs/mnist-wide.nn with --simd --threads 2 (nncompile.bench.simd.t2; both
# SimdTrainerBench), builds this module (its own pom: needs Maven Central once for JMH), runs
# org.openjdk.jmh.Main -prof gc with the arguments.
# JAVA selects the JVM that runs the benchmarks (default: java). Not part of the main build, not run in CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
rm -rf "$here/target/nncompile-sources"
"$repo/nncompile" generate -d "$here/target/nncompile-sources" --package nncompile.bench.gen \
  "$repo/specs/mnist.nn" "$repo/specs/mnist-relu.nn" "$repo/specs/mnist-wide.nn" "$repo/specs/xor.nn" \
  "$repo/specs/iris.nn" >&2
"$repo/nncompile" generate --simd -d "$here/target/nncompile-sources" --package nncompile.bench.simd \
  "$repo/specs/mnist.nn" "$repo/specs/mnist-relu.nn" "$repo/specs/mnist-wide.nn" >&2
"$repo/nncompile" generate --simd --threads 2 -d "$here/target/nncompile-sources" \
  --package nncompile.bench.simd.t2 "$repo/specs/mnist-wide.nn" >&2
(cd "$here" && mvn -B -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2)
exec "${JAVA:-java}" --add-modules jdk.incubator.vector -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" org.openjdk.jmh.Main \
  -prof gc "$@"
