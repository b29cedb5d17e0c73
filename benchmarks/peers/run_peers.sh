#!/usr/bin/env bash
# The HH population benchmark against its peers, in one run: noneq-population (double and float
# SIMD batches with exact rates, and both with the gates' rate table, --rates table), NEURON 8.2
# (Debian python3-neuron, hh.mod with its default rate tables and CVode.cache_efficient) and
# Brian2 2.5 cpp_standalone (Debian python3-brian, one thread, exponential_euler) on the same model: N HH point cells at 6.3 C, dt 0.025 ms, 100 ms, cell i
# driven by 0.1 + 0.1 (i mod 10)/10 nA on an 18.8 um x 18.8 um cylinder, from -65 mV. Spikes are
# upward crossings of 0 mV; times are the stepping only (each simulator's setup and compilation
# excluded), one core.
#
# usage: benchmarks/peers/run_peers.sh [BUILD_DIR]
#   env: NS="1000 10000 100000" (cell counts), T=100 (ms), DT=0.025 (ms)
# Installs python3-neuron and python3-brian through scripts/install-deps.sh if missing (root or
# sudo), configures BUILD_DIR (default: build-peers) if needed and (re)builds noneq-population.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-peers}
NS=${NS:-"1000 10000 100000"}
T=${T:-100}
DT=${DT:-0.025}
PY=/usr/bin/python3 # Debian's interpreter: the one python3-neuron and python3-brian install into

if ! dpkg-query -W -f='${Status}' python3-neuron python3-brian 2>/dev/null |
    grep -c "install ok installed" | grep -q 2; then
  "$root/scripts/install-deps.sh" python3-neuron python3-brian
fi
exe=$build/bin/noneq-population
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --parallel 1 --target noneq-population >/dev/null # incremental: never a stale binary

# key=value output -> value of one key
val() { sed -n "s/^$1=//p" | head -n 1; }

neuron_version=$("$PY" -c 'from neuron import h; print(h.nrnversion(5))' 2>/dev/null | tail -n 1)
brian_version=$("$PY" -c 'import brian2; print(brian2.__version__)' 2>/dev/null | tail -n 1)
echo "cpu: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(nproc) logical cores"
echo "NEURON $neuron_version (python3-neuron), Brian2 $brian_version (python3-brian, cpp_standalone)"
echo "model: HH (hh.mod) point cells, 6.3 C, dt $DT ms, $T ms; times: stepping only, one core"
echo

printf '%-8s | %-20s | %-20s | %-20s | %-20s | %-22s | %-20s | %-24s | %-24s\n' N \
  "noneq double" "noneq float" "noneq double table" "noneq float table" "NEURON" "Brian2" \
  "x NEURON d/f/dt/ft" "x Brian2 d/f/dt/ft"
printf -- '%s\n' "$(printf '%.0s-' $(seq 1 206))"
for n in $NS; do
  d=$("$exe" --n "$n" --t "$T" --dt "$DT" --precision double)
  f=$("$exe" --n "$n" --t "$T" --dt "$DT" --precision float)
  t=$("$exe" --n "$n" --t "$T" --dt "$DT" --precision double --rates table)
  u=$("$exe" --n "$n" --t "$T" --dt "$DT" --precision float --rates table)
  nr=$("$PY" "$here/neuron_hh_population.py" --n "$n" --t "$T" --dt "$DT" 2>/dev/null)
  br=$(cd "${TMPDIR:-/tmp}" && "$PY" "$here/brian2_hh_population.py" --n "$n" --t "$T" --dt "$DT" 2>/dev/null)
  dns=$(echo "$d" | val cpu_ns_per_cell_step); dw=$(echo "$d" | val ns_per_cell_step)
  fns=$(echo "$f" | val cpu_ns_per_cell_step); fw=$(echo "$f" | val ns_per_cell_step)
  tns=$(echo "$t" | val cpu_ns_per_cell_step); tw=$(echo "$t" | val ns_per_cell_step)
  uns=$(echo "$u" | val cpu_ns_per_cell_step); uw=$(echo "$u" | val ns_per_cell_step)
  nns=$(echo "$nr" | val cpu_ns_per_cell_step); nw=$(echo "$nr" | val ns_per_cell_step)
  bns=$(echo "$br" | val cpu_ns_per_cell_step)
  dsp=$(echo "$d" | val spikes); fsp=$(echo "$f" | val spikes); tsp=$(echo "$t" | val spikes)
  usp=$(echo "$u" | val spikes)
  nsp=$(echo "$nr" | val spikes); bsp=$(echo "$br" | val spikes)
  cell() { printf '%.2f/%.2f (%s)' "$1" "$2" "$3"; }
  ratios() { awk -v a="$1" -v b="$dns" -v c="$fns" -v d="$tns" -v e="$uns" \
    'BEGIN{printf "%.1f / %.1f / %.1f / %.1f", a/b, a/c, a/d, a/e}'; }
  printf '%-8s | %-20s | %-20s | %-20s | %-20s | %-22s | %-20s | %-24s | %-24s\n' "$n" \
    "$(cell "$dns" "$dw" "$dsp")" "$(cell "$fns" "$fw" "$fsp")" "$(cell "$tns" "$tw" "$tsp")" \
    "$(cell "$uns" "$uw" "$usp")" "$(cell "$nns" "$nw" "$nsp")" \
    "$(printf '%.2f/- (%s)' "$bns" "$bsp")" "$(ratios "$nns")" "$(ratios "$bns")"
done
echo
for n in $NS; do
  s=$("$exe" --n "$n" --t "$T" --dt "$DT" --coupling simultaneous | val spikes)
  echo "N=$n: noneq with Brian2's simultaneous exponential Euler (--coupling simultaneous): spikes=$s"
done
echo
echo "Cells: CPU ns / wall ns per cell-step (spike count). CPU time is what Brian2 itself reports"
echo "(std::clock in its network.cpp); on a shared machine wall time also counts waiting for a core."
echo
echo "x NEURON d/f/dt/ft, x Brian2 d/f/dt/ft: their CPU ns per cell-step over noneq's (double /"
echo "float / double table / float table). Table: the gates' per-step coefficients interpolated"
echo "from a 0.01 mV grid built once from the exact rates (double, 1000 cells, 100 ms: same spikes,"
echo "|dV| <= 2.5e-4 mV; float: float's own rounding dominates; see tests/test_population.cpp)."
echo "Spikes: noneq's staggered coupling and NEURON agree with dt -> 0 (78 per 10 cells in 100 ms);"
echo "Brian2's exponential_euler updates V and the gates from the same old state and lags (76 per 10)."
