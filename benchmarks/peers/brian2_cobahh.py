#!/usr/bin/env python3
"""The COBAHH benchmark in Brian2 (cpp_standalone, one thread): Brian2's examples/COBAHH.py.

Brette et al. 2007 (J Comput Neurosci 23:349), benchmark 3: N Traub-Miles cells of area
20000 um^2, the first 80 % excitatory (ge += 6 nS, Ee 0 mV, taue 5 ms), the rest inhibitory
(gi += 67 nS, Ei -80 mV, taui 10 ms), every ordered pair connected with probability p (0.02),
threshold v > -20 mV, refractory 3 ms, exponential_euler, dt 0.1 ms, synaptic delay --delay
(0: the example's). Initial state as the example. Equations copied from the example.
Timing: Brian2's own measurement of the run (device._last_run_time, std::clock() in its
network.cpp: CPU time), code generation and compilation excluded. Prints key=value lines.
"""
import argparse
import shutil
import tempfile

import brian2
from brian2 import (Equations, NeuronGroup, SpikeMonitor, Synapses, cm, defaultclock, device, exp,
                    msiemens, ms, mV, nS, prefs, run, second, seed, set_device, siemens, ufarad,
                    umetre)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--t", type=float, default=1000.0, help="ms")
    ap.add_argument("--p", type=float, default=0.02)
    ap.add_argument("--delay", type=float, default=0.0, help="ms")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default=None, help="build directory (default: a temporary one)")
    a = ap.parse_args()

    workdir = a.dir or tempfile.mkdtemp(prefix="brian2_cobahh_")
    set_device("cpp_standalone", directory=workdir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0  # one thread, no OpenMP
    defaultclock.dt = 0.1 * ms
    seed(a.seed)

    area = 20000 * umetre**2
    Cm = (1 * ufarad * cm**-2) * area
    gl = (5e-5 * siemens * cm**-2) * area
    El = -60 * mV
    EK = -90 * mV
    ENa = 50 * mV
    g_na = (100 * msiemens * cm**-2) * area
    g_kd = (30 * msiemens * cm**-2) * area
    VT = -63 * mV
    taue = 5 * ms
    taui = 10 * ms
    Ee = 0 * mV
    Ei = -80 * mV
    we = 6 * nS
    wi = 67 * nS
    eqs = Equations('''
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
             g_na*(m*m*m)*h*(v-ENa)-
             g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*(13*mV-v+VT)/
             (exp((13*mV-v+VT)/(4*mV))-1.)/ms : Hz
    beta_m = 0.28*(mV**-1)*(v-VT-40*mV)/
            (exp((v-VT-40*mV)/(5*mV))-1)/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*(15*mV-v+VT)/
             (exp((15*mV-v+VT)/(5*mV))-1.)/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    ''')
    P = NeuronGroup(a.n, model=eqs, threshold='v>-20*mV', refractory=3 * ms,
                    method='exponential_euler')
    ne = int(round(0.8 * a.n))
    Pe = P[:ne]
    Pi = P[ne:]
    Ce = Synapses(Pe, P, on_pre='ge+=we', delay=a.delay * ms)
    Ci = Synapses(Pi, P, on_pre='gi+=wi', delay=a.delay * ms)
    Ce.connect(p=a.p)
    Ci.connect(p=a.p)
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    mon = SpikeMonitor(P, record=False)
    run(a.t * ms)
    device.build(directory=workdir, compile=True, run=True, debug=False)
    run_time = device._last_run_time  # seconds of CPU time (std::clock)
    steps = round(a.t / 0.1)
    spikes = int(mon.num_spikes)
    print("simulator=Brian2")
    print("brian2_version=%s" % brian2.__version__)
    print("n=%d" % a.n)
    print("steps=%d" % steps)
    print("synapses=%d" % (len(Ce) + len(Ci)))
    print("spikes=%d" % spikes)
    print("rate_hz=%.12g" % (spikes / a.n / (a.t * 1e-3)))
    print("run_time_s=%.12g" % run_time)
    print("cpu_ns_per_cell_step=%.12g" % (run_time * 1e9 / (a.n * steps)))
    if a.dir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
