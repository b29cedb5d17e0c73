// Tour: an action potential travelling along the squid giant axon of Hodgkin & Huxley 1952 (a
// cable of hh.mod compartments, noneq/cable/): its arrival at 15 and 45 mm and its velocity
// (HH 1952 computed 18.8 m/s; this discretisation gives 18.59, converging to 18.74 m/s).
#include "tour.hpp"

#include <noneq/cable/cable.hpp>
#include <noneq/membrane/squid_axon.hpp>

namespace {
using namespace noneq::literals;

tour::registrar reg{
    "25", "A travelling spike: the HH 1952 squid axon (476 um, 60 mm, 18.5 C) as a cable", [] {
        using namespace noneq::cable;
        morphology m;
        m.add_section(60000.0_um, 476.0_um);
        const auto hh = noneq::hh::make_axon(noneq::make<noneq::unit::current_density>(0.0), 0.0_ms,
                                             noneq::celsius<double>(18.5));
        cell<noneq::hh::axon> c(m, discretisation::by_length(100.0_um), 35.4_ohm_cm, {hh}, 0.01_ms,
                                -65.0_mV);
        c.add(iclamp{{0, 0.0}, 0.5_ms, 0.2_ms, 10000.0_nA});
        const auto n1 = c.node({0, 0.25}), n2 = c.node({0, 0.75});
        const auto w1 = c.watch(n1), w2 = c.watch(n2);
        c.advance(4.0_ms);
        const double t1 = c.first_crossing_ms(w1), t2 = c.first_crossing_ms(w2);
        const auto& d = c.geometry().distance_um;
        tour::kv("cable_compartments", double(c.geometry().compartments()));
        tour::kv("cable_first_spike_ms_at_15mm", t1);
        tour::kv("cable_first_spike_ms_at_45mm", t2);
        tour::kv("cable_velocity_m_per_s", (d[n2] - d[n1]) * 1e-3 / (t2 - t1));
    }};
} // namespace
