#!/usr/bin/env python3
"""The noneq-population model in Brian2 (cpp_standalone, one thread): N HH point cells.

hh.mod's rates (NEURON), q10 = 3^((celsius - 6.3)/10) at 6.3 C, area pi d L with
d = L = 18.8 um, Cm 1 uF/cm^2, cell i driven by 0.1 + 0.1 (i mod 10)/10 nA from t = 0,
v = -65 mV with gates at steady state. Integration: Brian2's exponential_euler, dt 0.025 ms.
Spikes: threshold v > 0 mV, refractory while v > 0 mV (upward crossings of 0 mV).
Brian2's exprel(x) is (e^x - 1)/x, so hh.mod's vtrap(x, y) = y / exprel(x/y).
Timing: Brian2's own measurement of the network run (device._last_run_time, which its
network.cpp takes with std::clock(), i.e. CPU time), compilation and setup excluded. Prints
key=value lines.
"""
import argparse
import os
import shutil
import tempfile

import brian2
from brian2 import (NeuronGroup, SpikeMonitor, defaultclock, device, ms, mV, nA, prefs, run,
                    set_device, um, uF, cm, msiemens)
import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--t", type=float, default=100.0, help="ms")
    ap.add_argument("--dt", type=float, default=0.025, help="ms")
    ap.add_argument("--dir", default=None, help="build directory (default: a temporary one)")
    a = ap.parse_args()

    workdir = a.dir or tempfile.mkdtemp(prefix="brian2_hh_")
    set_device("cpp_standalone", directory=workdir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0  # one thread, no OpenMP
    # compiler flags: Brian2's defaults (-O3 -ffast-math -fno-finite-math-only -march=native)
    defaultclock.dt = a.dt * ms

    area = np.pi * 18.8 * um * 18.8 * um
    ns = dict(Cm=1 * uF / cm**2 * area, gl=0.3 * msiemens / cm**2 * area,
              gna=120 * msiemens / cm**2 * area, gk=36 * msiemens / cm**2 * area,
              El=-54.3 * mV, ENa=50 * mV, EK=-77 * mV, q10=3.0 ** ((6.3 - 6.3) / 10.0))
    eqs = """
    dv/dt = (gl*(El - v) - gna*m**3*h*(v - ENa) - gk*n**4*(v - EK) + I)/Cm : volt
    dm/dt = q10*(alpham*(1 - m) - betam*m) : 1
    dh/dt = q10*(alphah*(1 - h) - betah*h) : 1
    dn/dt = q10*(alphan*(1 - n) - betan*n) : 1
    alpham = 0.1*10/exprel(-(v/mV + 40)/10)/ms : Hz
    betam = 4*exp(-(v/mV + 65)/18)/ms : Hz
    alphah = 0.07*exp(-(v/mV + 65)/20)/ms : Hz
    betah = 1/(exp(-(v/mV + 35)/10) + 1)/ms : Hz
    alphan = 0.01*10/exprel(-(v/mV + 55)/10)/ms : Hz
    betan = 0.125*exp(-(v/mV + 65)/80)/ms : Hz
    I : amp (constant)
    """
    g = NeuronGroup(a.n, eqs, threshold="v > 0*mV", refractory="v > 0*mV",
                    method="exponential_euler", namespace=ns)
    g.v = -65 * mV
    g.m = "alpham/(alpham + betam)"
    g.h = "alphah/(alphah + betah)"
    g.n = "alphan/(alphan + betan)"
    g.I = "(0.1 + 0.1*(i % 10)/10.0)*nA"
    mon = SpikeMonitor(g, record=False)
    run(a.t * ms)
    device.build(directory=workdir, compile=True, run=True, debug=False)
    run_time = device._last_run_time  # seconds of CPU time (std::clock)
    steps = round(a.t / a.dt)
    counts = np.asarray(mon.count[:])
    print("simulator=Brian2")
    print("brian2_version=%s" % brian2.__version__)
    print("n=%d" % a.n)
    print("steps=%d" % steps)
    print("spikes=%d" % int(counts.sum()))
    print("spikes_cell0=%d" % int(counts[0]))
    print("v_cell0_mV=%.12g" % float(g.v[0] / mV))
    print("run_time_s=%.12g" % run_time)
    print("ns_per_cell_step=%.12g" % (run_time * 1e9 / (a.n * steps)))
    print("cpu_ns_per_cell_step=%.12g" % (run_time * 1e9 / (a.n * steps)))  # std::clock(): CPU
    if a.dir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
