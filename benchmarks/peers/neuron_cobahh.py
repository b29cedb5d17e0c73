#!/usr/bin/env python3
"""The COBAHH benchmark in NEURON 8.2 (fixed step, one thread): Brian2's examples/COBAHH.py.

Brette et al. 2007 (J Comput Neurosci 23:349), benchmark 3: N single-compartment cells of area
20000 um^2 (L = diam = sqrt(20000/pi) um), cm 1 uF/cm^2, pas g 5e-5 S/cm^2 e -60 mV; the
Traub-Miles Na (m^3 h, 100 mS/cm^2, ENa 50 mV) and Kd (n^4, 30 mS/cm^2, EK -90 mV) channels as
KSChan HH gates (Debian's python3-neuron has no nrnivmodl; KSChan is compiled into NEURON), with
Brian2's rates (VT = -63 mV) in KSChan's forms: linoid A y/(1 - e^-y), exp A e^y,
sigmoid A/(1 + e^y), y = k (v - d):
  alpha_m = linoid(1.28, 0.25, -50)    beta_m = linoid(1.4, -0.2, -23)
  alpha_h = exp(0.128, -1/18, -46)     beta_h = sigmoid(4, -0.2, -23)
  alpha_n = linoid(0.16, 0.2, -48)     beta_n = exp(0.5, -1/40, -53)
Synapses: ExpSyn (e: tau 5 ms, 0 mV, 6 nS; i: tau 10 ms, -80 mV, 67 nS), the first 80 % of
cells excitatory, each ordered pair connected with probability p (numpy, seeded: a different
network of the same statistics), NetCon threshold -20 mV, delay --delay (0 by default, as
Brian2's example), dt 0.1 ms (h.dt; cvode off; cache_efficient off: with KSChan it
segfaults in libnrniv beyond ~1000 cells). Initial state as the example:
V = El + 5 randn - 5 mV, ge and gi as there, m = h = n = 0 (set after finitialize).
Timing: CPU time (time.process_time) of ParallelContext.psolve, setup excluded. Prints key=value lines.
"""
import argparse
import math
import time

import numpy as np
from neuron import h


def rates(ks, gate, alpha, beta):
    tr = ks.trans(gate, gate)
    tr.set_f(0, alpha[0], h.Vector(alpha[1:]))
    tr.set_f(1, beta[0], h.Vector(beta[1:]))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--t", type=float, default=1000.0, help="ms")
    ap.add_argument("--p", type=float, default=0.02)
    ap.add_argument("--delay", type=float, default=0.0, help="ms")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    LINOID, EXP, SIGMOID = 3, 2, 4  # KSChan function types (probed: see the docstring)

    na = h.KSChan(0)
    na.name("tmna")
    na.ion("na")
    na.iv_type(0)
    na.gmax(0.1)
    m = na.add_hhstate("m")
    hh_ = na.add_hhstate("h")
    na.gate(0).power(3)
    rates(na, m, (LINOID, 1.28, 0.25, -50.0), (LINOID, 1.4, -0.2, -23.0))
    rates(na, hh_, (EXP, 0.128, -1 / 18.0, -46.0), (SIGMOID, 4.0, -0.2, -23.0))
    kd = h.KSChan(0)
    kd.name("tmkd")
    kd.ion("k")
    kd.iv_type(0)
    kd.gmax(0.03)
    n = kd.add_hhstate("n")
    kd.gate(0).power(4)
    rates(kd, n, (LINOID, 0.16, 0.2, -48.0), (EXP, 0.5, -1 / 40.0, -53.0))

    rng = np.random.default_rng(a.seed)
    side = math.sqrt(20000.0 / math.pi)
    area_cm2 = 20000e-8
    cells, esyn, isyn = [], [], []
    for i in range(a.n):
        s = h.Section(name="c%d" % i)
        s.L = s.diam = side
        s.cm = 1.0
        s.insert("pas")
        s.g_pas = 5e-5
        s.e_pas = -60.0
        s.insert("tmna")
        s.insert("tmkd")
        s.ena = 50.0
        s.ek = -90.0
        e = h.ExpSyn(s(0.5))
        e.tau, e.e = 5.0, 0.0
        g = h.ExpSyn(s(0.5))
        g.tau, g.e = 10.0, -80.0
        cells.append(s)
        esyn.append(e)
        isyn.append(g)
    ne = int(round(0.8 * a.n))
    ncs = []
    for t in range(a.n):
        src = np.nonzero(rng.random(a.n) < a.p)[0]
        for s in src:
            syn = esyn[t] if s < ne else isyn[t]
            nc = h.NetCon(cells[s](0.5)._ref_v, syn, sec=cells[s])
            nc.threshold = -20.0
            nc.delay = a.delay
            nc.weight[0] = 0.006 if s < ne else 0.067  # uS
            ncs.append(nc)
    tvec, idvec = h.Vector(), h.Vector()
    rec = []
    for i, s in enumerate(cells):
        nc = h.NetCon(s(0.5)._ref_v, None, sec=s)
        nc.threshold = -20.0
        nc.record(tvec, idvec, i)
        rec.append(nc)
    h.dt = 0.1
    pc = h.ParallelContext()
    pc.set_maxstep(10)
    cv = h.CVode()
    cv.active(0)
    cv.cache_efficient(0)  # 1 crashes NEURON 8.2.2 with KSChan channels beyond ~1000 cells
    v0 = -60.0 + (rng.standard_normal(a.n) * 5 - 5)
    ge0 = (rng.standard_normal(a.n) * 1.5 + 4) * 10 * 1e-3  # uS
    gi0 = (rng.standard_normal(a.n) * 12 + 20) * 10 * 1e-3
    h.finitialize(-65.0)
    for i, s in enumerate(cells):
        s(0.5).v = v0[i]
        esyn[i].g = ge0[i]
        isyn[i].g = gi0[i]
        s(0.5).tmna.m = s(0.5).tmna.h = s(0.5).tmkd.n = 0.0  # as Brian2 (unset: 0)
    h.fcurrent()
    c0 = time.process_time()
    pc.psolve(a.t)
    cpu = time.process_time() - c0
    steps = round(a.t / 0.1)
    spikes = int(tvec.size())
    print("simulator=NEURON")
    print("neuron_version=%s" % h.nrnversion(5))
    print("n=%d" % a.n)
    print("steps=%d" % steps)
    print("synapses=%d" % len(ncs))
    print("spikes=%d" % spikes)
    print("rate_hz=%.12g" % (spikes / a.n / (a.t * 1e-3)))
    print("run_time_s=%.12g" % cpu)
    print("cpu_ns_per_cell_step=%.12g" % (cpu * 1e9 / (a.n * steps)))


if __name__ == "__main__":
    main()
