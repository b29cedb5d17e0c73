#!/usr/bin/env bash
# The HH cable against NEURON, in one run: noneq-cable (one cell; N cells in SIMD lanes, double
# and float, exact rates and the 0.01 mV rate table) and NEURON 8.2 (benchmarks/peers/
# neuron_hh_cable.py: one cell and N copies, its default hh.mod tables and exact rates) on the
# same axon: the squid axon of Hodgkin & Huxley 1952 (476 um, 35.4 ohm cm, 18.5 C, 60 mm in 600
# compartments, dt 0.01 ms, backward Euler, 10 uA for 0.2 ms at x = 0 from 0.5 ms), T ms.
# Prints CPU ns per compartment-step (stepping only, one core) and cell 0's first spike time at
# the segment holding 15 mm, the agreement of spike times.
#
# usage: benchmarks/peers/run_cable_peers.sh [BUILD_DIR]     env: N=64 (cells), T=5 (ms)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-peers}
N=${N:-64}
T=${T:-5}
PY=/usr/bin/python3 # Debian's interpreter: the one python3-neuron installs into

if ! dpkg-query -W -f='${Status}' python3-neuron 2>/dev/null | grep -q "install ok installed"; then
  "$root/scripts/install-deps.sh" python3-neuron
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --parallel 1 --target noneq-cable >/dev/null
exe=$build/bin/noneq-cable

val() { sed -n "s/^$1=//p" | head -n 1; }
row() { # name, then the command
  local name=$1; shift
  local out; out=$("$@" 2>/dev/null)
  printf "| %s | %s | %s | %s |\n" "$name" "$(echo "$out" | val cpu_ns_per_compartment_step)" \
    "$(echo "$out" | val first_spike_ms_at_15000)" "$(echo "$out" | val velocity_m_per_s)"
}
echo "cpu: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(nproc) logical cores"
echo "NEURON $("$PY" -c 'from neuron import h; print(h.nrnversion(5))' 2>/dev/null | tail -n 1)"
echo "model: HH 1952 axon, 600 compartments, dt 0.01 ms, backward Euler, $T ms; N = $N"
echo
echo "| run | CPU ns per compartment-step | first spike at 15 mm (ms) | velocity (m/s) |"
echo "|---|---|---|---|"
rec=(--t "$T" --record-um 15000)
row "noneq, 1 cell, double, exact" "$exe" "${rec[@]}"
row "noneq, 1 cell, double, table" "$exe" "${rec[@]}" --rates table
row "noneq, $N cells, double, exact" "$exe" "${rec[@]}" --cells "$N"
row "noneq, $N cells, double, table" "$exe" "${rec[@]}" --cells "$N" --rates table
row "noneq, $N cells, float, exact" "$exe" "${rec[@]}" --cells "$N" --precision float
row "noneq, $N cells, float, table" "$exe" "${rec[@]}" --cells "$N" --precision float --rates table
nrn="$here/neuron_hh_cable.py"
row "NEURON, 1 cell, table (default)" "$PY" "$nrn" --t "$T"
row "NEURON, 1 cell, exact" "$PY" "$nrn" --t "$T" --no-tables
row "NEURON, $N cells, table" "$PY" "$nrn" --t "$T" --repeat "$N"
row "NEURON, $N cells, exact" "$PY" "$nrn" --t "$T" --repeat "$N" --no-tables
