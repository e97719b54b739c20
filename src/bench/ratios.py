#!/usr/bin/env python3
"""The ratio table of a benchmark run: nncompile's samples/s divided by each peer's, per config.

Usage: python3 src/bench/ratios.py RUNS.jsonl [--loads LOADS.txt]

RUNS.jsonl holds the harness's JSON lines (../shared/bench/README.md, "Output contract"); several lines per
(peer, config) are reduced to their median. Prints Markdown: the environment (machine, JDKs, OPENBLAS_CORETYPE,
load average during the run), samples/s per peer and config, and the ratios. Standard library only.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys

CONFIGS = ["xor", "iris", "seed-mnist", "mlp-adam", "mlp-wide"]
OURS = ["nncompile", "nncompile-jdk25", "nncompile-simd", "nncompile-simd-jdk25"]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def java_version(java):
    if not java:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
        return out.splitlines()[0] if out else None
    except (OSError, subprocess.SubprocessError):
        return None


def fmt(v):
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs")
    ap.add_argument("--loads")
    a = ap.parse_args()
    rows = {}
    cpu = {}
    acc = {}
    with open(a.runs) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            key = (r["peer"], r["config"], r.get("threads", 1))
            rows.setdefault(key, []).append(r["samples_per_second"])
            acc.setdefault(key, []).append(r.get("test_accuracy"))
            if r.get("cpu_seconds"):
                # samples per second of process CPU time: on a loaded, shared machine a single-threaded
                # peer's wall time counts the time it waited for a core, its CPU time does not
                samples = r["samples_per_second"] * r["train_seconds"]
                cpu.setdefault(key, []).append(samples / r["cpu_seconds"])
    if not rows:
        print("no runs", file=sys.stderr)
        return 1
    med = {k: statistics.median(v) for k, v in rows.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    peers = []
    for (p, _, t) in med:
        if (p, t) not in peers:
            peers.append((p, t))
    ours = [pt for pt in peers if pt[0] in OURS]
    theirs = [pt for pt in peers if pt[0] not in OURS]
    configs = [c for c in CONFIGS if any(k[1] == c for k in med)]

    print("## Environment\n")
    print(f"- machine: {cpu_model()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
    print(f"- JDK: {java_version(os.environ.get('JAVA', 'java'))}"
          + (f"; JDK 25: {java_version(os.environ['JAVA25'])}" if os.environ.get("JAVA25") else ""))
    print(f"- OPENBLAS_CORETYPE: {os.environ.get('OPENBLAS_CORETYPE', '(unset)')} "
          "(pytorch-avx512 overrides it with SkylakeX)")
    if a.loads and os.path.exists(a.loads):
        with open(a.loads) as f:
            loads = [l.split() for l in f if l.strip()]
        one = [float(l[0]) for l in loads]
        print(f"- load average (1 min) at the start of each config: min {min(one):.1f}, "
              f"median {statistics.median(one):.1f}, max {max(one):.1f} (2 cores)")
    reps = max(len(v) for v in rows.values())
    print(f"- runs per (peer, config): up to {reps}; figures are medians\n")

    print("## Samples per second (median) and test accuracy\n")
    head = "| config | " + " | ".join(p if t == 1 else f"{p} ({t} thr)" for p, t in peers) + " |"
    print(head)
    print("|---|" + "---:|" * len(peers))
    for c in configs:
        cells = []
        for p, t in peers:
            k = (p, c, t)
            if k in med:
                accs = [x for x in acc[k] if x is not None]
                cells.append(f"{fmt(med[k])} ({statistics.median(accs):.3f})" if accs else fmt(med[k]))
            else:
                cells.append("—")
        print(f"| {c} | " + " | ".join(cells) + " |")
    print()
    for title, table in (("samples/s (wall clock)", med), ("samples per CPU-second (process CPU time)", med_cpu)):
        for op, ot in (ours if theirs else []):
            print(f"## Ratios: {op}{'' if ot == 1 else f' ({ot} thr)'} ÷ peer, {title}\n")
            print("| config | " + " | ".join(p if t == 1 else f"{p} ({t} thr)" for p, t in theirs) + " |")
            print("|---|" + "---:|" * len(theirs))
            for c in configs:
                o = table.get((op, c, ot))
                cells = []
                for p, t in theirs:
                    v = table.get((p, c, t))
                    cells.append(f"{o / v:.2f}×" if o and v else "—")
                print(f"| {c} | " + " | ".join(cells) + " |")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
