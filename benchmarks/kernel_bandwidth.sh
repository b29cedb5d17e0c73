#!/usr/bin/env bash
# The array kernels' memory bandwidth at N = 10^7 as a fraction of the triad's, measured side by
# side: ROUNDS rounds, each running the triad and every kernel back to back (one thread, and all
# threads), then per kernel the median over rounds of (kernel bytes/s) / (triad bytes/s of the
# same round). A shared machine's bandwidth drifts by tens of percent between minutes; a ratio
# taken within one round does not.
#
# usage: benchmarks/kernel_bandwidth.sh [NONEQ_BENCH]   (default: build/bench/bin/noneq-bench)
#   env: ROUNDS=7, MIN_TIME=0.3 (seconds per benchmark per round)
set -euo pipefail
bench=${1:-build/bench/bin/noneq-bench}
ROUNDS=${ROUNDS:-7}
MIN_TIME=${MIN_TIME:-0.3}
filter='^(triad|triad_f32|nernst|nernst_f32|ghk_current|ghk_voltage|ohmic|total_current)/(plain|simd|threads)/10000000'
for round in $(seq "$ROUNDS"); do
  "$bench" --benchmark_filter="$filter" --benchmark_min_time="$MIN_TIME" \
    --benchmark_format=csv 2>/dev/null | sed "s/^/$round,/"
done | python3 -c '
import csv, statistics, sys
rows = {}
for rec in csv.reader(sys.stdin):
    if len(rec) < 8 or rec[1] == "name":
        continue
    rnd, name, bps = rec[0], rec[1], rec[6]
    if not bps:
        continue
    rows.setdefault(rnd, {})[name.replace("/real_time", "")] = float(bps)
ratios, rates = {}, {}
for rnd, r in rows.items():
    for name, bps in r.items():
        kernel, variant, n = name.split("/")
        if kernel.startswith("triad"):
            continue
        triad = ("triad_f32" if kernel.endswith("_f32") else "triad") + "/" + \
                ("threads" if variant == "threads" else "plain") + "/" + n
        if triad in r:
            ratios.setdefault(name, []).append(bps / r[triad])
            rates.setdefault(name, []).append(bps)
print("kernel | GB/s (median) | share of the triad, median over %d rounds (min-max)" % len(rows))
for name in sorted(ratios):
    q = ratios[name]
    print("%s | %.1f | %.0f %% (%.0f-%.0f %%)" % (name, statistics.median(rates[name]) / 1e9,
          100 * statistics.median(q), 100 * min(q), 100 * max(q)))
for t in ("triad/plain/10000000", "triad_f32/plain/10000000", "triad/threads/10000000"):
    v = [r[t] for r in rows.values() if t in r]
    if v:
        print("%s | %.1f (min %.1f, max %.1f) |" % (t, statistics.median(v) / 1e9, min(v) / 1e9,
              max(v) / 1e9))
'
