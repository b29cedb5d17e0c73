#!/usr/bin/env bash
# The COBAHH benchmark against its peers, in one run: noneq-network (double with exact rates;
# float with the gates' rate table), Brian2 2.5 cpp_standalone (its examples/COBAHH.py) and
# NEURON 8.2 (the same network: KSChan Traub-Miles gates, ExpSyn), one core each, N cells
# (4000), T ms (1000), p 0.02, dt 0.1 ms, delay 0. CPU ns per cell-step of the simulation loop
# (construction, code generation and compilation excluded) and the mean rate of each.
#
# usage: benchmarks/peers/run_network_peers.sh [BUILD_DIR]     env: N=4000 T=1000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-peers}
N=${N:-4000}
T=${T:-1000}
PY=/usr/bin/python3
if ! dpkg-query -W -f='${Status}' python3-neuron python3-brian 2>/dev/null |
    grep -c "install ok installed" | grep -q 2; then
  "$root/scripts/install-deps.sh" python3-neuron python3-brian
fi
exe=$build/bin/noneq-network
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --parallel 1 --target noneq-network >/dev/null
val() { sed -n "s/^$1=//p" | head -n 1; }

d=$("$exe" --n "$N" --t "$T")
f=$("$exe" --n "$N" --t "$T" --precision float --rates table)
b=$(cd "${TMPDIR:-/tmp}" && "$PY" "$here/brian2_cobahh.py" --n "$N" --t "$T" 2>/dev/null)
n=$("$PY" "$here/neuron_cobahh.py" --n "$N" --t "$T" 2>/dev/null)
echo "cpu: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(nproc) logical cores"
echo "COBAHH: $N cells, $T ms, dt 0.1 ms; CPU ns per cell-step (rate Hz)"
printf '%-28s %10s %10s\n' simulator ns rate_hz
for row in "noneq double exact|$d" "noneq float table|$f" "Brian2 cpp_standalone|$b" "NEURON|$n"; do
  name=${row%%|*}; out=${row#*|}
  printf '%-28s %10.2f %10.3f\n' "$name" "$(echo "$out" | val cpu_ns_per_cell_step)" \
    "$(echo "$out" | val rate_hz)"
done
bd=$(echo "$b" | val cpu_ns_per_cell_step); nd=$(echo "$n" | val cpu_ns_per_cell_step)
for row in "double exact|$d" "float table|$f"; do
  name=${row%%|*}; ns=$(echo "${row#*|}" | val cpu_ns_per_cell_step)
  echo "noneq $name: x Brian2 $(echo "$bd / $ns" | bc -l | cut -c1-5), x NEURON $(echo "$nd / $ns" | bc -l | cut -c1-5)"
done
