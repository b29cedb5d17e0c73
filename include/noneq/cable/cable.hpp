// noneq/cable/cable.hpp — a multi-compartment neuron: the cable equation on a discretised
// morphology (discretise.hpp), with a composed membrane (membrane/membrane.hpp: HH, leak only,
// a synapse, any parts) on each region, current clamps at any location, stepped as NEURON's
// fixed step (Hines & Carnevale 1997; NEURON's fadvance):
//
//   c_i dV_i/dt = -A_i I_ion,i(V_i, s_i, t) + sum_j g_ij (V_j - V_i) + I_clamp,i(t)
//
// (c_i = cm A_i; g_ij the axial conductances of the layout; zero-area nodes have c_i = 0). Each
// step of dt, at t + dt/2:
//   1. every compartment's membrane gives its current and slope conductance at its states s
//      (which lead V by half a step: NEURON's staggered scheme), linearised about V^n;
//   2. the tree system for the change u of V is solved exactly by the Hines elimination
//      (hines.hpp):  (c/k + A g_ion + G) u = -A I_ion(V^n) - G V^n + I_clamp,
//      with k = dt, V^{n+1} = V^n + u            (backward Euler, first order; NEURON default)
//      or   k = dt/2, V^{n+1} = V^n + 2 u        (Crank-Nicolson, second order; NEURON's
//                                                 secondorder = 2), zero-area nodes then set
//                                                 by their current balance at V^{n+1};
//   3. every compartment's states advance over dt at V^{n+1} by the membrane's own update
//      (advance_states: the one exact relaxation of gates.hpp, as the point population).
// Units inside: mV, ms, nA, uS, nF; quantities at the API.
//
// V is the value type: double (or float) for one cell, whose membranes are then evaluated W
// compartments at a time in SIMD lanes (region.hpp), or xsimd::batch<Real> for a batch of cells
// of the same morphology in SIMD lanes (cells in lanes, compartments in sequence;
// cell_batch.hpp). Every formula is the same template for all of them.
#pragma once

#include <noneq/cable/discretise.hpp>
#include <noneq/cable/hines.hpp>
#include <noneq/cable/point_process.hpp>
#include <noneq/cable/region.hpp>
#include <noneq/core/crossing.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/membrane/membrane.hpp>
#include <noneq/units.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace noneq::cable {

/// The time discretisation of V (the gates are always staggered and exact for frozen V).
enum class time_scheme { backward_euler, crank_nicolson };

template <class V, class... Ms>
class engine {
public:
    using value_type = V;
    using real = scalar_t<V>;
    static constexpr std::size_t n_regions = sizeof...(Ms);
    static_assert(n_regions >= 1, "a cable needs at least one membrane");

    struct options {
        time_scheme scheme = time_scheme::backward_euler;
        /// enabled: every gate's per-step coefficients from one table per membrane (the point
        /// population's option, membrane/rate_table.hpp); default: exact rates.
        table_grid rates{};
    };

    /// `membranes`: one per region; `region_of(tag)` maps a section's tag to a region index
    /// (with one region, every tag maps to it by default). V starts at v0 everywhere with every
    /// state at its steady state there.
    engine(const morphology& m, const discretisation& d, const resistivity<double>& ra,
           std::tuple<Ms...> membranes, const time<double>& dt, const voltage<double>& v0,
           options opt = {}, std::function<std::size_t(int)> region_of = {})
        : regions_(std::apply(
              [](auto... ms) { return std::tuple<region_t<V, Ms>...>{region_t<V, Ms>{ms}...}; },
              std::move(membranes))),
          opt_(opt) {
        dt_ms_ = in_ms(dt);
        require_positive("dt", dt_ms_, "ms");
        require_finite("v0", in_mV(v0), "mV");
        if (!region_of) region_of = [](int) { return std::size_t{0}; };
        auto region_index = [&](int tag) {
            const std::size_t r = region_of(tag);
            require(r < n_regions, "region", double(r), "index < number of membranes");
            return r;
        };
        lay_ = make_layout(m, d, ra, [&](int tag) { return cm_of(region_index(tag)); });
        const std::size_t n = lay_.size();
        const double k = opt_.scheme == time_scheme::crank_nicolson ? 0.5 * dt_ms_ : dt_ms_;
        std::vector<double> dbase(n, 0.0);
        b_.assign(n, real(0));
        for (std::size_t i = 1; i < n; ++i) {
            b_[i] = real(-lay_.g_axial_uS[i]);
            dbase[i] += lay_.g_axial_uS[i];
            dbase[lay_.parent[i]] += lay_.g_axial_uS[i];
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (lay_.area_um2[i] <= 0) {
                zero_area_.push_back(i);
                continue;
            }
            const std::size_t r = region_index(lay_.tag[i]);
            const double scale = lay_.area_um2[i] * 1e-8 * 1e3; // uA/cm^2 -> nA, mS/cm^2 -> uS
            dbase[i] += cm_of(r) * scale / k;                   // nF / ms = uS
            each_region([&]<std::size_t R>(auto& reg) {
                if (R == r) reg.add(i, real(scale), in_mV(v0));
            });
        }
        dbase_.assign(dbase.begin(), dbase.end());
        v_.assign(n, V(real(in_mV(v0))));
        d_.assign(n, V(real(0)));
        r_.assign(n, V(real(0)));
        each_region([&]<std::size_t>(auto& reg) { reg.prepare(dt_ms_, opt_.rates); });
    }

    const layout& geometry() const { return lay_; }
    std::size_t size() const { return lay_.size(); }
    time_scheme scheme() const { return opt_.scheme; }
    time<double> dt() const { return make<unit::time>(dt_ms_ * 1e-3); }
    time<double> now() const { return make<unit::time>(double(steps_) * dt_ms_ * 1e-3); }
    double t_ms() const { return double(steps_) * dt_ms_; }
    std::size_t node(const location& l) const { return lay_.node(l); }

    /// V at a node (mV; one value per lane).
    const V& v_mV(std::size_t node) const {
        require(node < v_.size(), "node", double(node), "index < size()");
        return v_[node];
    }
    const V& v_mV(const location& l) const { return v_[lay_.node(l)]; }

    /// Adds a current clamp; returns its index.
    std::size_t add(const iclamp& c) {
        const double t0 = in_ms(c.delay), dur = in_ms(c.duration);
        require(t0 >= 0 && std::isfinite(t0), "delay", t0, ">= 0, finite", "ms");
        require(dur >= 0, "duration", dur, ">= 0", "ms");
        require_finite("amplitude", in_nA(c.amplitude), "nA");
        clamps_.push_back({lay_.node(c.where), t0, t0 + dur, V(real(in_nA(c.amplitude)))});
        return clamps_.size() - 1;
    }
    /// Adds an alpha-function conductance synapse; returns its index.
    std::size_t add(const alpha_synapse& a) {
        a.check();
        synapses_.push_back({lay_.node(a.where), in_ms(a.onset), in_ms(a.tau),
                             V(real(in_nS(a.gmax) * 1e-3)), real(in_mV(a.e_rev))});
        return synapses_.size() - 1;
    }
    /// Sets clamp k's amplitude in nA, lane by lane (cells in lanes may differ).
    void set_amplitude_nA(std::size_t k, const V& amp) {
        require(k < clamps_.size(), "clamp", double(k), "index < number of clamps");
        clamps_[k].amp = amp;
    }
    const V& clamp_amplitude_nA(std::size_t k) const {
        require(k < clamps_.size(), "clamp", double(k), "index < number of clamps");
        return clamps_[k].amp;
    }

    /// Watches a node for upward crossings of `threshold_mV`; the first crossing time (ms,
    /// interpolated in the step; NaN until it happens) is first_crossing_ms(k).
    std::size_t watch(std::size_t node, double threshold_mV = 0.0) {
        require(node < v_.size(), "node", double(node), "index < size()");
        watches_.push_back({node, real(threshold_mV), V(std::numeric_limits<real>::quiet_NaN())});
        old_.resize(watches_.size());
        return watches_.size() - 1;
    }
    const V& first_crossing_ms(std::size_t k) const {
        require(k < watches_.size(), "watch", double(k), "index < number of watches");
        return watches_[k].t;
    }

    template <std::size_t R>
    const auto& membrane() const {
        return std::get<R>(regions_).m;
    }

    /// Steps; then V is checked once: a non-finite V (a blow-up, e.g. dt far too large for
    /// the membranes) throws domain_error naming the node and the time.
    void advance_steps(std::size_t steps) {
        for (std::size_t s = 0; s < steps; ++s)
            step();
        for (std::size_t i = 0; i < v_.size(); ++i)
            if (any_of(!is_finite(v_[i])))
                throw domain_error("cable: V at node " + std::to_string(i) +
                                   " is not finite at t = " + std::to_string(t_ms()) + " ms");
    }
    void advance(const time<double>& duration) {
        const double ms = in_ms(duration);
        require(ms >= 0 && std::isfinite(ms), "duration", ms, ">= 0, finite", "ms");
        advance_steps(std::size_t(std::llround(ms / dt_ms_)));
    }

    /// One step of dt (see the header comment).
    NONEQ_FLATTEN void step() {
        const double t = double(steps_) * dt_ms_, tm = t + 0.5 * dt_ms_;
        const std::size_t n = v_.size();
        for (std::size_t i = 0; i < n; ++i) {
            d_[i] = V(dbase_[i]);
            r_[i] = V(real(0));
        }
        each_region(
            [&]<std::size_t>(auto& reg) { reg.currents(v_.data(), d_.data(), r_.data(), tm); });
        for (std::size_t i = 1; i < n; ++i) { // axial currents at V^n
            const std::size_t p = lay_.parent[i];
            const V flow = V(-b_[i]) * (v_[p] - v_[i]);
            r_[i] = r_[i] + flow;
            r_[p] = r_[p] - flow;
        }
        for (const auto& c : clamps_)
            if (tm >= c.t0 && tm < c.t1) r_[c.node] = r_[c.node] + c.amp;
        for (const auto& a : synapses_) { // I = g (V - E), linearised as the membranes
            const V g = a.gmax * V(real(alpha_synapse::shape(tm - a.onset, a.tau)));
            d_[a.node] = d_[a.node] + g;
            r_[a.node] = r_[a.node] - g * (v_[a.node] - V(a.e));
        }
        for (const auto& w : watches_)
            old_[&w - watches_.data()] = v_[w.node];
        hines_solve(lay_.parent.data(), b_.data(), d_.data(), r_.data(), n);
        if (opt_.scheme == time_scheme::backward_euler) {
            for (std::size_t i = 0; i < n; ++i)
                v_[i] = v_[i] + r_[i];
        } else {
            const V two(real(2));
            for (std::size_t i = 0; i < n; ++i)
                v_[i] = v_[i] + two * r_[i];
            balance_zero_area(tm);
        }
        each_region([&]<std::size_t>(auto& reg) { reg.advance(v_.data(), t); });
        ++steps_;
        for (std::size_t k = 0; k < watches_.size(); ++k) {
            auto& w = watches_[k];
            const V thr(w.threshold), now = v_[w.node];
            const auto up = all_of3(old_[k] < thr, now >= thr, not_yet(w.t));
            if (any_of(up)) {
                const V s0 = V(real(steps_ - 1)), s1 = V(real(steps_));
                w.t = select(up, linear_crossing(s0, old_[k], s1, now, thr) * V(real(dt_ms_)), w.t);
            }
        }
    }

private:
    struct clamp {
        std::size_t node;
        double t0, t1;
        V amp;
    };
    struct synapse {
        std::size_t node;
        double onset, tau;
        V gmax;
        real e;
    };
    struct watch_t {
        std::size_t node;
        real threshold;
        V t;
    };

    double cm_of(std::size_t r) const {
        double cm = 0;
        each_region([&]<std::size_t R>(const auto& reg) {
            if (R == r) cm = reg.m.capacitance().uF_per_cm2();
        });
        return cm;
    }
    // Crank-Nicolson: a zero-area node has no capacitance, so its current balance is an
    // algebraic constraint; CN imposes it at the half step, and V^{n+1} = 2 V^{n+1/2} - V^n
    // would alternate about it. It is imposed at V^{n+1} instead (its neighbours are
    // compartments, already at V^{n+1}).
    void balance_zero_area(double tm) {
        for (const std::size_t i : zero_area_)
            r_[i] = V(real(0)), d_[i] = V(real(0));
        const std::size_t n = v_.size();
        for (std::size_t i = 1; i < n; ++i) {
            const std::size_t p = lay_.parent[i];
            const V g(-b_[i]);
            if (dbase_is_zero_area(i)) r_[i] = r_[i] + g * v_[p], d_[i] = d_[i] + g;
            if (dbase_is_zero_area(p)) r_[p] = r_[p] + g * v_[i], d_[p] = d_[p] + g;
        }
        for (const auto& c : clamps_)
            if (tm >= c.t0 && tm < c.t1 && dbase_is_zero_area(c.node))
                r_[c.node] = r_[c.node] + c.amp;
        for (const auto& a : synapses_)
            if (dbase_is_zero_area(a.node)) {
                const V g = a.gmax * V(real(alpha_synapse::shape(tm - a.onset, a.tau)));
                r_[a.node] = r_[a.node] + g * V(a.e);
                d_[a.node] = d_[a.node] + g;
            }
        for (const std::size_t i : zero_area_)
            v_[i] = r_[i] / d_[i];
    }
    // NaN: no crossing yet (xsimd's batch != is ordered, false for NaN: isnan instead).
    static auto not_yet(const V& t) {
        if constexpr (is_batch_v<V>)
            return xsimd::isnan(t);
        else
            return std::isnan(t);
    }
    template <class M>
    static M all_of3(const M& a, const M& b, const M& c) {
        if constexpr (std::is_same_v<M, bool>)
            return a && b && c;
        else
            return a & b & c;
    }
    bool dbase_is_zero_area(std::size_t i) const { return lay_.area_um2[i] <= 0; }

    template <class F>
    void each_region(F&& f) {
        [&]<std::size_t... R>(std::index_sequence<R...>) {
            (f.template operator()<R>(std::get<R>(regions_)), ...);
        }
        (std::make_index_sequence<n_regions>{});
    }
    template <class F>
    void each_region(F&& f) const {
        [&]<std::size_t... R>(std::index_sequence<R...>) {
            (f.template operator()<R>(std::get<R>(regions_)), ...);
        }
        (std::make_index_sequence<n_regions>{});
    }

    std::tuple<region_t<V, Ms>...> regions_;
    options opt_;
    layout lay_;
    double dt_ms_ = 0;
    std::vector<real> b_, dbase_;
    std::vector<V> v_, d_, r_;
    std::vector<std::size_t> zero_area_;
    std::vector<clamp> clamps_;
    std::vector<synapse> synapses_;
    std::vector<watch_t> watches_;
    std::vector<V> old_;
    std::size_t steps_ = 0;
};

/// One cell (double precision).
template <class... Ms>
using cell = engine<double, Ms...>;

} // namespace noneq::cable
