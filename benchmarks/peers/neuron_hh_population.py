#!/usr/bin/env python3
"""The noneq-population model in NEURON: N single-segment HH cells (hh.mod), 6.3 C, fixed step.

Cell i: L = diam = 18.8 um (area pi d L), cm = 1 uF/cm^2, IClamp(0.5) of
0.1 + 0.1 (i mod 10)/10 nA from t = 0, v_init = -65 mV. Spikes: NetCon threshold 0 mV
(upward crossings). Timing: wall and CPU time of continuerun() only (setup and finitialize
excluded).
Prints key=value lines: spikes=, ns_per_cell_step=, neuron_version=, ...
"""
import argparse
import time

from neuron import h


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--t", type=float, default=100.0, help="ms")
    ap.add_argument("--dt", type=float, default=0.025, help="ms")
    ap.add_argument("--no-tables", action="store_true",
                    help="evaluate hh rates exactly (usetable_hh = 0) instead of NEURON's default "
                         "200-interval table")
    ap.add_argument("--no-cache-efficient", action="store_true",
                    help="leave CVode.cache_efficient off (NEURON's default)")
    a = ap.parse_args()

    h.load_file("stdrun.hoc")
    h.celsius = 6.3
    h.dt = a.dt
    h.steps_per_ms = 1.0 / a.dt
    if a.no_tables:
        h.usetable_hh = 0
    cells, stims, ncs = [], [], []
    tvec, idvec = h.Vector(), h.Vector()
    for i in range(a.n):
        s = h.Section(name="c%d" % i)
        s.L = 18.8
        s.diam = 18.8
        s.nseg = 1
        s.cm = 1.0
        s.insert("hh")
        st = h.IClamp(s(0.5))
        st.delay = 0.0
        st.dur = 1e9
        st.amp = 0.1 + 0.1 * (i % 10) / 10.0
        nc = h.NetCon(s(0.5)._ref_v, None, sec=s)
        nc.threshold = 0.0
        nc.record(tvec, idvec, i)
        cells.append(s)
        stims.append(st)
        ncs.append(nc)
    cv = h.CVode()
    cv.active(0)
    cv.cache_efficient(0 if a.no_cache_efficient else 1)
    h.finitialize(-65.0)
    c0 = time.process_time()
    t0 = time.perf_counter()
    h.continuerun(a.t)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    steps = round(a.t / a.dt)
    print("simulator=NEURON")
    print("neuron_version=%s" % h.nrnversion(5))
    print("n=%d" % a.n)
    print("steps=%d" % steps)
    print("tables=%d" % (0 if a.no_tables else 1))
    print("spikes=%d" % int(tvec.size()))
    print("spikes_cell0=%d" % sum(1 for k in idvec if k == 0))
    print("v_cell0_mV=%.12g" % cells[0](0.5).v)
    print("wall_s=%.12g" % wall)
    print("ns_per_cell_step=%.12g" % (wall * 1e9 / (a.n * steps)))
    print("cpu_ns_per_cell_step=%.12g" % (cpu * 1e9 / (a.n * steps)))


if __name__ == "__main__":
    main()
