#!/usr/bin/env bash
# nncompile benchmark: the generated trainers next to the peers of ../shared/bench, one command.
#
#   src/bench/run.sh [-r REPS] [-c CONFIG[,CONFIG...]] [-p PEER[,PEER...] | --no-peers] [--no-peak] [-o FILE.jsonl]
#
# What it does:
#   1. generates the five benchmark specs' classes into package nncompile.bench.gen (target/bench/src)
#        xor -> specs/xor.nn, iris -> specs/iris.nn, seed-mnist -> specs/mnist.nn,
#        mlp-adam -> specs/mnist-relu.nn, mlp-wide -> specs/mnist-wide.nn
#   2. instantiates src/bench/adapter/ModelBench.java.template once per class (text substitution: the timed path
#      calls the generated class directly) and compiles it with the harness's bench.common sources (javac 17)
#   3. per rep and config, in fresh JVMs: nncompile on JDK 17 (peer "nncompile"), on JDK 25 if present (peer
#      "nncompile-jdk25"), the same classes generated with --simd (peers "nncompile-simd", "nncompile-simd-jdk25";
#      compiled into package nncompile.bench.simd and run with --add-modules jdk.incubator.vector) and with
#      --simd --threads 2 (peer "nncompile-simd", threads 2, JDK 17), then the peers through
#      ../shared/bench/run_peers.sh (-r 1, same config), so every ratio compares runs made minutes apart under the
#      same machine load
#   4. per rep, before the configs, this machine's practical fp32 peak as the issue defines it: OpenBLAS sgemm
#      through numpy on 1 and 2 threads (../shared/bench/peak/blas_peak.py: 2048³ and the configs' own GEMM shapes,
#      OpenBLAS's kernels for this CPU and, with AVX-512, its SkylakeX ones; needs python3-numpy; --no-peak leaves it
#      out), into FILE-peak.jsonl beside FILE
#   5. prints one JSON line per run (the harness's contract) to stdout/FILE and, at the end, the ratio table
#      (src/bench/ratios.py): nncompile samples/s ÷ each peer's, medians per config, with machine, JDKs,
#      OPENBLAS_CORETYPE and the load average; then GFLOP/s and % of the practical peak of every runner
#      (../shared/bench/analyze.py: the harness's FLOP model, the best peak measured in this run).
#
# Defaults: -r 1, every config, peers handjava-tuned,pytorch,pytorch-avx512 (pytorch needs Debian's python3-torch;
# pytorch-avx512 is left out on CPUs without AVX-512; handjava-tuned-jdk25 pairs with nncompile-jdk25; dl4j needs a
# first `mvn package` of the peer, see ../shared/bench/README.md).
# Environment: BENCH_DIR (default ../shared/bench beside the checkout, or ../../shared/bench from a worktree),
# JAVA (default java, must be 17+), SIMD (default 1; 0 leaves the --simd classes out), JAVA25 (default
# /usr/lib/jvm/temurin-25-jdk-amd64/bin/java if it exists; JAVA25=none skips it), JAVA_OPTS (extra JVM flags for
# nncompile's runs), PYTHON (default /usr/bin/python3, for the peak), FASHION_MNIST_DIR / IRIS_CSV.
# Requirements: python3-sklearn (iris.csv), dataset-fashion-mnist; python3-numpy for the peak.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
REPS=1
CONFIGS="xor,iris,seed-mnist,mlp-adam,mlp-wide"
PEERS="handjava-tuned,pytorch,pytorch-avx512"
OUT=""
PEAK=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -r) REPS="$2"; shift 2 ;;
    -c) CONFIGS="$2"; shift 2 ;;
    -p) PEERS="$2"; shift 2 ;;
    --no-peers) PEERS=""; shift ;;
    --no-peak) PEAK=0; shift ;;
    -o) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

log() { echo "[nncompile-bench $(date +%H:%M:%S)] $*" >&2; }

if [[ -z "${BENCH_DIR:-}" ]]; then
  for c in "$repo/../shared/bench" "$repo/../../shared/bench"; do
    if [[ -f "$c/configs.json" ]]; then BENCH_DIR="$(cd "$c" && pwd)"; break; fi
  done
fi
if [[ -z "${BENCH_DIR:-}" || ! -f "$BENCH_DIR/configs.json" ]]; then
  echo "the peer harness was not found beside the checkout (../shared/bench); set BENCH_DIR" >&2
  exit 2
fi
JAVA="${JAVA:-java}"
if [[ -z "${JAVA25:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  JAVA25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
[[ "${JAVA25:-}" == none ]] && JAVA25=""
export JAVA25   # run_peers.sh's handjava-tuned-jdk25 (-p handjava-tuned-jdk25) reads it
JAVA_OPTS="${JAVA_OPTS:-}"

# data locations, resolved once as run_peers.sh does
if [[ -z "${FASHION_MNIST_DIR:-}" ]]; then
  f="$(dpkg -L dataset-fashion-mnist 2>/dev/null | grep 'train-images-idx3-ubyte.gz$' || true)"
  [[ -n "$f" ]] && export FASHION_MNIST_DIR="$(dirname "$f")"
fi
if [[ -z "${IRIS_CSV:-}" ]]; then
  f="$(dpkg -L python3-sklearn 2>/dev/null | grep '/sklearn/datasets/data/iris.csv$' || true)"
  [[ -n "$f" ]] && export IRIS_CSV="$f"
fi
export BENCH_CONFIGS="$BENCH_DIR/configs.json"

# pytorch-avx512 forces OpenBLAS's SkylakeX kernels: on a CPU without AVX-512 it dies of SIGILL, so leave it out
if [[ ",$PEERS," == *",pytorch-avx512,"* ]] && ! grep -q -w avx512f /proc/cpuinfo 2>/dev/null; then
  log "this CPU has no AVX-512: leaving out pytorch-avx512"
  PEERS="$(echo ",$PEERS," | sed -e 's/,pytorch-avx512,/,/' -e 's/^,//' -e 's/,$//')"
fi

# ---- 1. generate, 2. adapt and compile
work="$repo/target/bench"
pkg=nncompile.bench.gen
simd_pkg=nncompile.bench.simd
SIMD="${SIMD:-1}"
rm -rf "$work"
mkdir -p "$work/src" "$work/classes" "$work/simd-src" "$work/simd-classes"
model_of() {
  case "$1" in
    xor) echo "xor Xor" ;;
    iris) echo "iris Iris" ;;
    seed-mnist) echo "mnist Mnist" ;;
    mlp-adam) echo "mnist-relu MnistRelu" ;;
    mlp-wide) echo "mnist-wide MnistWide" ;;
    *) echo "unknown config $1" >&2; return 2 ;;
  esac
}
IFS=',' read -r -a cfg_list <<< "$CONFIGS"
specs=()
for cfg in "${cfg_list[@]}"; do
  read -r spec model <<< "$(model_of "$cfg")"
  specs+=("$repo/specs/$spec.nn")
done
log "generating ${#specs[@]} classes into $pkg"
"$repo/nncompile" generate -d "$work/src" --package "$pkg" "${specs[@]}" >&2
gen_dir="$work/src/${pkg//.//}"
for cfg in "${cfg_list[@]}"; do
  read -r spec model <<< "$(model_of "$cfg")"
  sed -e "s/@PACKAGE@/$pkg/g" -e "s/@MODEL@/$model/g" -e "s#@SPEC@#specs/$spec.nn#g" -e "s/@THREADS@/1/g" \
    "$here/adapter/ModelBench.java.template" > "$gen_dir/${model}Bench.java"
done
log "compiling (javac --release 17)"
javac --release 17 -nowarn -d "$work/classes" $(find "$work/src" "$BENCH_DIR/peers/javacommon/src" -name '*.java') >&2
if [[ "$SIMD" == 1 ]]; then
  log "generating the same classes with --simd into $simd_pkg"
  "$repo/nncompile" generate --simd -d "$work/simd-src" --package "$simd_pkg" "${specs[@]}" >&2
  "$repo/nncompile" generate --simd --threads 2 -d "$work/simd-src" --package "$simd_pkg.t2" "${specs[@]}" >&2
  for p in "$simd_pkg" "$simd_pkg.t2"; do
    dir="$work/simd-src/${p//.//}" threads=1
    [[ "$p" == *.t2 ]] && threads=2
    for cfg in "${cfg_list[@]}"; do
      read -r spec model <<< "$(model_of "$cfg")"
      sed -e "s/@PACKAGE@/$p/g" -e "s/@MODEL@/$model/g" -e "s#@SPEC@#specs/$spec.nn (--simd, $threads thr)#g" \
        -e "s/@THREADS@/$threads/g" "$here/adapter/ModelBench.java.template" > "$dir/${model}Bench.java"
    done
  done
  # javac 17 always warns that an incubator module is used; nothing else is expected
  javac --release 17 -nowarn --add-modules jdk.incubator.vector -d "$work/simd-classes" \
    $(find "$work/simd-src" "$BENCH_DIR/peers/javacommon/src" -name '*.java') 2>&1 \
    | grep -v -e 'using incubating module' -e '^1 warning$' >&2 || true
fi

# ---- 3. run
jsonl="$work/runs.jsonl"
: > "$jsonl"
emit() { # one JSON line
  echo "$1"
  echo "$1" >> "$jsonl"
  [[ -n "$OUT" ]] && echo "$1" >> "$OUT"
  return 0
}
[[ -n "$OUT" ]] && : > "$OUT"
peak_jsonl="$work/peak.jsonl"
: > "$peak_jsonl"
PY="${PYTHON:-/usr/bin/python3}"   # Debian's, as run_peers.sh: its numpy and PyTorch share the system OpenBLAS
if [[ "$PEAK" == 1 ]] && ! "$PY" -c 'import numpy' 2>/dev/null; then
  log "numpy is missing (Debian: python3-numpy): no practical-peak measurement"
  PEAK=0
fi
peers_built=0
loads=()
for ((rep = 1; rep <= REPS; rep++)); do
  if [[ "$PEAK" == 1 ]]; then
    log "rep $rep/$REPS  practical peak: OpenBLAS sgemm, 1 and 2 threads"
    # the kernels OpenBLAS picks for this CPU and, with AVX-512, its SkylakeX kernels too (the issue's peak; they
    # die of SIGILL without AVX-512); analyze.py takes the best
    coretypes=env
    grep -q -w avx512f /proc/cpuinfo 2>/dev/null && coretypes=env,SkylakeX
    "$PY" "$BENCH_DIR/peak/blas_peak.py" --reps 3 --coretypes "$coretypes" | grep '^{' >> "$peak_jsonl" \
      || log "FAILED: practical peak"
  fi
  for cfg in "${cfg_list[@]}"; do
    read -r spec model <<< "$(model_of "$cfg")"
    loads+=("$(cut -d' ' -f1-3 /proc/loadavg)")
    for variant in jdk17 jdk25 simd17 simd25 simd2t17; do
      java_bin="$JAVA" label=nncompile classes="$work/classes" main="$pkg.${model}Bench" flags=()
      if [[ $variant == *25 ]]; then
        [[ -z "${JAVA25:-}" ]] && continue
        java_bin="$JAVA25" label=nncompile-jdk25
      fi
      if [[ $variant == simd* ]]; then
        [[ "$SIMD" != 1 ]] && continue
        label="${label/nncompile/nncompile-simd}" classes="$work/simd-classes" main="$simd_pkg.${model}Bench"
        flags=(--add-modules jdk.incubator.vector)
        [[ $variant == simd2t* ]] && main="$simd_pkg.t2.${model}Bench"   # two threads: "threads": 2 in the JSON
      fi
      log "rep $rep/$REPS  $label  $cfg  (load $(cut -d' ' -f1 /proc/loadavg))"
      line="$("$java_bin" $JAVA_OPTS ${flags[@]+"${flags[@]}"} -cp "$classes" "$main" --config "$cfg" \
        --label "$label" 2> >(grep -v 'Using incubator modules' >&2) | grep '^{' || true)"
      if [[ -z "$line" ]]; then log "FAILED: $label $cfg"; else emit "$line"; fi
    done
    if [[ -n "$PEERS" ]]; then
      flags=(-r 1 -p "$PEERS" -c "$cfg")
      [[ $peers_built -eq 1 ]] && flags+=(--no-build)
      peers_built=1
      while IFS= read -r line; do
        [[ "$line" == "{"* ]] && emit "$line"
      done < <(JAVA="$JAVA" "$BENCH_DIR/run_peers.sh" "${flags[@]}")
    fi
  done
done

# ---- 5. the ratio table, then GFLOP/s and % of the practical peak
[[ -n "$OUT" && -s "$peak_jsonl" ]] && cp "$peak_jsonl" "${OUT%.jsonl}-peak.jsonl"
printf '%s\n' "${loads[@]}" > "$work/loads.txt"
JAVA="$JAVA" JAVA25="${JAVA25:-}" python3 "$here/ratios.py" "$jsonl" --loads "$work/loads.txt"
if [[ -s "$peak_jsonl" ]]; then
  echo "## GFLOP/s and % of this machine's practical peak (../shared/bench/analyze.py)"
  echo
  python3 "$BENCH_DIR/analyze.py" "$jsonl" --peak "$peak_jsonl" --configs "$BENCH_DIR/configs.json"
fi
