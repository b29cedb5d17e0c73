#!/usr/bin/env python3
"""The noneq-cable axon in NEURON: one HH cable (hh.mod), fixed step, one core.

The squid giant axon of Hodgkin & Huxley 1952 by default: L = 60000 um, diam = 476 um,
Ra = 35.4 ohm cm, 18.5 C, cm = 1 uF/cm^2, nseg = L / dx, IClamp(0) of 10000 nA from 0.5 ms
for 0.2 ms, v_init = -65 mV (gates at steady state), backward Euler (secondorder = 0; --cn:
Crank-Nicolson, secondorder = 2). Spike times: the first upward crossing of 0 mV of V recorded
every step at the segments at 25 % and 75 % of the length, interpolated linearly within the
step as noneq does (a NetCon would report the step's end). Timing: wall and CPU time of continuerun() only (setup and finitialize excluded).
Prints key=value lines: first_spike_ms_at_<x>=, velocity_m_per_s=, ns_per_compartment_step=, ...
"""
import argparse
import time

from neuron import h


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--length-um", type=float, default=60000.0)
    ap.add_argument("--diam-um", type=float, default=476.0)
    ap.add_argument("--ra", type=float, default=35.4, help="ohm cm")
    ap.add_argument("--dx-um", type=float, default=100.0)
    ap.add_argument("--i-nA", type=float, default=10000.0)
    ap.add_argument("--delay", type=float, default=0.5)
    ap.add_argument("--dur", type=float, default=0.2)
    ap.add_argument("--t", type=float, default=5.0, help="ms")
    ap.add_argument("--dt", type=float, default=0.01, help="ms")
    ap.add_argument("--celsius", type=float, default=18.5)
    ap.add_argument("--cn", action="store_true", help="Crank-Nicolson (secondorder = 2)")
    ap.add_argument("--no-tables", action="store_true",
                    help="exact hh rates (usetable_hh = 0) instead of NEURON's default table")
    ap.add_argument("--repeat", type=int, default=1, help="cells (identical copies) to run")
    a = ap.parse_args()

    h.load_file("stdrun.hoc")
    h.celsius = a.celsius
    h.dt = a.dt
    h.steps_per_ms = 1.0 / a.dt
    h.secondorder = 2 if a.cn else 0
    if a.no_tables:
        h.usetable_hh = 0
    nseg = max(1, int(round(a.length_um / a.dx_um)))
    keep = []
    first = {}
    for c in range(a.repeat):
        s = h.Section(name="axon%d" % c)
        s.L = a.length_um
        s.diam = a.diam_um
        s.Ra = a.ra
        s.nseg = nseg
        s.cm = 1.0
        s.insert("hh")
        st = h.IClamp(s(0))
        st.delay, st.dur, st.amp = a.delay, a.dur, a.i_nA
        keep += [s, st]
        if c == 0:
            for frac in (0.25, 0.75):
                seg = s(frac)
                x_um = seg.x * a.length_um
                vv = h.Vector()
                vv.record(seg._ref_v)
                keep += [vv]
                first[frac] = (x_um, vv)
    cv = h.CVode()
    cv.active(0)
    cv.cache_efficient(1)
    h.finitialize(-65.0)
    c0 = time.process_time()
    t0 = time.perf_counter()
    h.continuerun(a.t)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    steps = int(round(a.t / a.dt))
    comps = nseg * a.repeat
    print("neuron_version=%s" % h.nrnversion(5))
    print("compartments=%d" % comps)
    print("steps=%d" % steps)
    print("scheme=%s" % ("cn" if a.cn else "be"))
    print("rates=%s" % ("exact" if a.no_tables else "table"))
    times = {}
    for frac, (x_um, vv) in first.items():
        times[frac] = float("nan")
        for k in range(1, int(vv.size())):  # vv[k] is V at t = k dt
            if vv[k - 1] < 0.0 <= vv[k]:
                times[frac] = (k - 1 + (0.0 - vv[k - 1]) / (vv[k] - vv[k - 1])) * a.dt
                break
        print("first_spike_ms_at_%g=%.12g" % (x_um, times[frac]))
    (x1, _), (x2, _) = first[0.25], first[0.75]
    print("velocity_m_per_s=%.12g" % ((x2 - x1) * 1e-3 / (times[0.75] - times[0.25])))
    print("wall_s=%.6g" % wall)
    print("ns_per_compartment_step=%.6g" % (wall * 1e9 / (comps * steps)))
    print("cpu_ns_per_compartment_step=%.6g" % (cpu * 1e9 / (comps * steps)))


if __name__ == "__main__":
    main()
