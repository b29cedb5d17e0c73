// noneq/network/cobahh.hpp — the COBAHH network (Brette et al. 2007, J Comput Neurosci 23:349,
// benchmark 3, as in Brian2's examples/COBAHH.py): n Traub-Miles cells (traub_miles.hpp), the
// first 80 % excitatory (we = 6 nS onto the excitatory synapse, Ee 0 mV, taue 5 ms), the rest
// inhibitory (wi = 67 nS, Ei -80 mV, taui 10 ms), every ordered pair (self-pairs included, as
// Brian2's connect(p=0.02)) connected with probability p = 0.02; threshold -20 mV; Brian2's
// exponential Euler (every variable from the step's start: coupling::simultaneous), dt 0.1 ms.
// Initial state as Brian2's example: V = El + (5 randn - 5) mV, ge = (1.5 randn + 4) 10 nS,
// gi = (12 randn + 20) 10 nS, m = h = n = 0 (Brian2's default for unset variables).
// Delay: 0 by default (Brian2's example: acts from the next step, connection.hpp), any >= 0.
//
// Seeded and rank-independent: cell g's inputs and initial state come from generators seeded by
// (seed, g) alone (splitmix64; each target draws its sources by geometric skips, O(p n) per
// cell), so a rank builds only its own cells' connections and every partition builds the same
// network. (Brian2's own random streams differ: rates agree, rasters do not.)
#pragma once

#include <noneq/network/network.hpp>
#include <noneq/network/traub_miles.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <cstdint>
#include <numbers>

namespace noneq::cobahh {

struct parameters {
    std::uint64_t n = 4000;
    double excitatory_fraction = 0.8;
    double p = 0.02;
    conductance<double> we = make<unit::conductance>(6e-9);
    conductance<double> wi = make<unit::conductance>(67e-9);
    time<double> delay = make<unit::time>(0.0);
    std::uint64_t seed = 1;
};

/// splitmix64 (Steele, Lea & Flood 2014): a small, seedable, well-mixed 64-bit generator.
class rng {
public:
    rng(std::uint64_t seed, std::uint64_t cell, std::uint64_t stream)
        : s_(seed * 0x9E3779B97F4A7C15ull ^ (cell + 1) * 0xD1B54A32D192ED03ull ^ stream) {
        next();
    }
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in (0, 1].
    double uniform() { return (double(next() >> 11) + 1.0) * 0x1.0p-53; }
    /// Standard normal (Box-Muller).
    double normal() {
        const double u = uniform(), v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
    }

private:
    std::uint64_t s_;
};

template <class Real = double>
using cell_network = network<traub_miles::cell, Real>;

/// The engine options of the benchmark: Brian2's scheme, threshold -20 mV; optionally every
/// gate's coefficients from a rate table (membrane/rate_table.hpp).
template <class Real = double>
typename cell_network<Real>::options options(unsigned threads = 1, bool rate_table = false,
                                             bool staggered = false) {
    typename cell_network<Real>::options o;
    o.threads = threads;
    o.threshold_mV = -20.0;
    o.coupling = staggered ? coupling::staggered : coupling::simultaneous;
    o.rates.enabled = rate_table;
    return o;
}

inline void check(const parameters& p) {
    require(p.n >= 1, "n", double(p.n), ">= 1");
    require(p.excitatory_fraction >= 0 && p.excitatory_fraction <= 1, "excitatory_fraction",
            p.excitatory_fraction, "[0, 1]");
    require(p.p >= 0 && p.p < 1, "p", p.p, "[0, 1)");
}

/// This rank's share of the network (cells, connections, initial state), dt 0.1 ms by default.
template <class Net>
void build(Net& net, const parameters& p) {
    check(p);
    const std::uint64_t n = p.n;
    const auto ne = std::uint64_t(std::llround(p.excitatory_fraction * double(n)));
    const double log1mp = std::log1p(-p.p);
    const double a = traub_miles::area_um2 * 1e-8; // cm^2
    const double nS_to_density = 1e-9 * 1e3 / a;   // nS -> mS/cm^2
    const auto& part = net.layout();
    for (std::size_t i = 0; i < net.local_count(); ++i) {
        const std::uint64_t g = part.gid(i);
        if (p.p > 0) {
            rng r(p.seed, g, 1);
            for (double pos = -1;;) {
                pos += std::floor(std::log(r.uniform()) / log1mp) + 1;
                if (!(pos < double(n))) break;
                const auto s = std::uint64_t(pos);
                const bool exc = s < ne;
                net.connect({s, g, exc ? traub_miles::excitatory : traub_miles::inhibitory,
                             exc ? p.we : p.wi, p.delay});
            }
        }
        rng r(p.seed, g, 2);
        net.set_state(g, traub_miles::V, traub_miles::el_mV + (r.normal() * 5 - 5));
        net.set_state(g, traub_miles::GE, (r.normal() * 1.5 + 4) * 10 * nS_to_density);
        net.set_state(g, traub_miles::GI, (r.normal() * 12 + 20) * 10 * nS_to_density);
        net.set_state(g, traub_miles::M, 0.0);
        net.set_state(g, traub_miles::H, 0.0);
        net.set_state(g, traub_miles::N, 0.0);
    }
}

/// A network object for rank `part` of the benchmark (cells at El before build()); Real =
/// double (default) or float (twice the SIMD lanes); staggered: NEURON's coupling instead.
template <class Real = double>
cell_network<Real> make_network(const partition& part, time<double> dt, unsigned threads = 1,
                                bool rate_table = false, bool staggered = false) {
    return cell_network<Real>(
        part, traub_miles::make_cell(), dt, make<unit::voltage>(traub_miles::el_mV * 1e-3),
        traub_miles::cell_area(), options<Real>(threads, rate_table, staggered));
}

} // namespace noneq::cobahh
