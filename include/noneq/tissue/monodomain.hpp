// noneq/tissue/monodomain.hpp — cardiac tissue: the monodomain equation
//     chi (C_m dV/dt + I_ion) = div(sigma grad V) + I_stim
// on a structured 1D/2D/3D grid (grid.hpp, medium.hpp), with cells of any model the population
// engine steps (a composed membrane, or an ODE model through ode_cell: a cardiac cell, an
// imported CellML model) in regions of nodes: monodomain<M1, M2, ...> holds one
// population<Mk> per region (cells in SIMD lanes) and owns the field V at the nodes.
//
// Operator splitting: the reaction step is the population's own step of its cells (the
// exponential / Rush-Larsen step for membranes; for ODE models the ode_cell's step: Rush-Larsen
// where the model gives its linear states' slopes, as models imported from CellML do, else
// forward Euler; optionally several substeps per step), which changes V and the cells' states
// with no coupling; the diffusion step
// (diffusion.hpp) changes V alone, implicitly (backward Euler or Crank-Nicolson), with the
// stimulus as its source. Godunov: R(dt) then D(dt) (first order). Strang: D(dt/2) R(dt) D(dt/2)
// (second order in the splitting; overall order is that of the cell's stepper, first for both
// steppers above). Between the two, V moves between the grid's field and each population
// through population::voltages_mV().
//
// Activation: the time V first crosses `activation_threshold_mV` upward at each node since the
// last reset_activation(), interpolated linearly within the step (the N-version benchmark's
// activation time: the crossing of 0 mV).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/population/population.hpp>
#include <noneq/tissue/diffusion.hpp>
#include <noneq/tissue/grid.hpp>
#include <noneq/tissue/medium.hpp>
#include <noneq/tissue/stimulus.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace noneq::tissue {

enum class splitting { godunov, strang };

/// Cells of model M at the nodes `where` selects (the first region that takes a node owns it),
/// starting at v0 (a membrane's other states at steady state there, an ODE model's at its own
/// initial values).
template <population_model M>
struct region {
    M model;
    voltage<double> v0;
    node_predicate where;
};
template <class M>
region(M, voltage<double>, node_predicate) -> region<M>;

template <population_model... Ms>
class monodomain {
    static_assert(sizeof...(Ms) >= 1, "monodomain needs at least one region of cells");

public:
    struct options {
        time<double> dt = make<unit::time>(1e-5);
        splitting split = splitting::strang;
        diffusion_scheme scheme = diffusion_scheme::crank_nicolson;
        std::size_t reaction_substeps = 1; ///< cell steps of dt / substeps per step
        unsigned threads = 1;              ///< the populations' threads (reaction step)
        double activation_threshold_mV = 0.0;
        double cg_rel_tol = 0.0; ///< 0: derived from the step (diffusion.hpp)
    };

    monodomain(const grid& g, const medium& m, options opt, region<Ms>... regions)
        : grid_(g), diff_(g, m), opt_(opt), v_(diff_.make_field()), vprev_(diff_.make_field()),
          act_(g.size(), std::numeric_limits<double>::quiet_NaN()), owner_(g.size(), npos) {
        require_positive("dt", si_value(opt.dt), "s");
        require(opt.reaction_substeps >= 1, "reaction_substeps", opt.reaction_substeps, ">= 1");
        require(std::isfinite(opt.activation_threshold_mV), "activation_threshold_mV",
                opt.activation_threshold_mV, "finite", "mV");
        require(opt.cg_rel_tol >= 0 && opt.cg_rel_tol < 1, "cg_rel_tol", opt.cg_rel_tol,
                "0 (derived) or in (0, 1)");
        chi_cm_ = si_value(m.chi) * si_value(m.cm);
        assign(std::index_sequence_for<Ms...>{}, regions...);
        for (std::size_t i = 0; i < owner_.size(); ++i)
            require(owner_[i] != npos, "regions", i,
                    "covering every node (node left without cells)");
        gather_all();
        for (std::size_t i = 0; i < g.size(); ++i)
            vprev_[i] = v_[i];
        source_.assign(g.size(), 0.0);
    }

    void add_stimulus(const stimulus& s) {
        s.check();
        stim_.push_back({s, grid_.nodes_in(s.region)});
        require(!stim_.back().nodes.empty(), "stimulus.region", 0, "a box holding >= 1 node");
    }

    const grid& geometry() const { return grid_; }
    const diffusion& diffusion_operator() const { return diff_; }
    time<double> dt() const { return opt_.dt; }
    time<double> now() const { return make<unit::time>(double(steps_) * si_value(opt_.dt)); }
    std::size_t steps_done() const { return steps_; }

    voltage<double> v(std::size_t i) const {
        require(i < grid_.size(), "i", i, "node index < number of nodes");
        return make<unit::voltage>(v_[i] * 1e-3);
    }
    /// V at every node, mV.
    const node_field& v_mV() const { return v_; }
    /// Which region (0, 1, ...) node i belongs to.
    std::size_t region_of(std::size_t i) const {
        require(i < grid_.size(), "i", i, "node index < number of nodes");
        return owner_[i];
    }
    /// Region I's cells (population<M_I>), cell j at node nodes<I>()[j].
    template <std::size_t I>
    const auto& cells() const {
        require(std::get<I>(groups_).pop.has_value(), "I", I, "a region holding >= 1 node");
        return *std::get<I>(groups_).pop;
    }
    template <std::size_t I>
    const std::vector<std::size_t>& nodes() const {
        return std::get<I>(groups_).nodes;
    }

    /// Activation time of node i (first upward crossing since reset_activation), or nullopt.
    std::optional<time<double>> activation(std::size_t i) const {
        require(i < grid_.size(), "i", i, "node index < number of nodes");
        if (std::isnan(act_[i])) return std::nullopt;
        return make<unit::time>(act_[i]);
    }
    /// Every node's activation time in s (NaN: not yet).
    const std::vector<double>& activation_s() const { return act_; }
    void reset_activation() {
        std::fill(act_.begin(), act_.end(), std::numeric_limits<double>::quiet_NaN());
    }

    /// The memory this tissue holds (bytes; its arrays, the populations' states counted from
    /// their layout: two copies of every state, stimulus, parameter, area and spike counters).
    std::size_t memory_bytes() const {
        const std::size_t n = grid_.size(), padded = n + 2 * diff_.padding();
        std::size_t b = (8 + 2) * padded * sizeof(double) // operator, CG, V, V_prev
                        + 2 * n * sizeof(double) + n * sizeof(std::size_t); // act, source, owner
        std::apply(
            [&](const auto&... g) {
                ((b += g.nodes.size() * (sizeof(std::size_t) + cell_bytes(g))), ...);
            },
            groups_);
        return b;
    }

    void step() {
        const double dt = si_value(opt_.dt), t0 = double(steps_) * dt;
        for (std::size_t i = 0; i < grid_.size(); ++i)
            vprev_[i] = v_[i];
        if (opt_.split == splitting::godunov) {
            react();
            diffuse(t0, t0 + dt);
        } else {
            diffuse(t0, t0 + 0.5 * dt);
            react();
            diffuse(t0 + 0.5 * dt, t0 + dt);
        }
        ++steps_;
        record(t0, dt);
    }
    void advance_steps(std::size_t n) {
        for (std::size_t s = 0; s < n; ++s)
            step();
    }
    void advance(time<double> duration) {
        require(std::isfinite(si_value(duration)) && si_value(duration) >= 0, "duration",
                si_value(duration), ">= 0, finite", "s");
        advance_steps(std::size_t(std::llround(si_value(duration) / si_value(opt_.dt))));
    }

private:
    static constexpr std::size_t npos = std::size_t(-1);
    template <class M>
    struct group {
        std::vector<std::size_t> nodes;
        std::optional<population<M>> pop;
    };
    struct placed_stimulus {
        stimulus s;
        std::vector<std::size_t> nodes;
    };

    template <class M>
    static constexpr std::size_t cell_bytes(const group<M>&) {
        return (2 * population<M>::S + 4) * sizeof(double) + 2 * sizeof(std::uint32_t);
    }
    template <std::size_t... I>
    void assign(std::index_sequence<I...>, const region<Ms>&... rs) {
        (assign_one<I>(rs), ...);
    }
    template <std::size_t I, class M>
    void assign_one(const region<M>& r) {
        require(bool(r.where), "region.where", I, "a predicate (e.g. everywhere())");
        auto& gr = std::get<I>(groups_);
        for (std::size_t i = 0; i < grid_.size(); ++i)
            if (owner_[i] == npos && r.where(grid_.at(i))) {
                owner_[i] = I;
                gr.nodes.push_back(i);
            }
        if (gr.nodes.empty()) return;
        typename population<M>::options po;
        po.threads = opt_.threads;
        po.spike_capacity = 0;
        po.block_steps = opt_.reaction_substeps;
        const auto dtc = make<unit::time>(si_value(opt_.dt) / double(opt_.reaction_substeps));
        gr.pop.emplace(gr.nodes.size(), r.model, dtc, r.v0, po);
    }

    template <class F>
    void each_group(F&& f) {
        std::apply([&](auto&... g) { (f(g), ...); }, groups_);
    }
    void gather_all() {
        each_group([&](auto& g) {
            if (!g.pop) return;
            const auto v = g.pop->voltages_mV();
            for (std::size_t j = 0; j < g.nodes.size(); ++j)
                v_[g.nodes[j]] = double(v[j]);
        });
    }
    void react() {
        each_group([&](auto& g) {
            if (!g.pop) return;
            auto v = g.pop->voltages_mV();
            for (std::size_t j = 0; j < g.nodes.size(); ++j)
                v[j] = v_[g.nodes[j]];
            g.pop->advance_steps(opt_.reaction_substeps);
            for (std::size_t j = 0; j < g.nodes.size(); ++j)
                v_[g.nodes[j]] = double(v[j]);
        });
    }
    void diffuse(double t0, double t1) {
        bool any = false;
        for (const auto& p : stim_) {
            const double on = p.s.overlap_s(t0, t1);
            if (on <= 0) continue;
            if (!any) std::fill(source_.begin(), source_.end(), 0.0), any = true;
            const double mv = si_value(p.s.amplitude) / chi_cm_ * on * 1e3; // V/s * s -> mV
            for (std::size_t i : p.nodes)
                source_[i] += mv;
        }
        diff_.step(v_, t1 - t0, opt_.scheme, any ? source_.data() : nullptr, opt_.cg_rel_tol);
    }
    void record(double t0, double dt) {
        const double thr = opt_.activation_threshold_mV;
        for (std::size_t i = 0; i < grid_.size(); ++i) {
            const double a = vprev_[i], b = v_[i];
            if (!std::isnan(act_[i]) || !(a < thr && b >= thr)) continue;
            act_[i] = t0 + dt * (thr - a) / (b - a);
        }
    }

    grid grid_;
    diffusion diff_;
    options opt_;
    node_field v_, vprev_;
    std::vector<double> act_, source_;
    std::vector<std::size_t> owner_;
    std::tuple<group<Ms>...> groups_;
    std::vector<placed_stimulus> stim_;
    double chi_cm_ = 1.0;
    std::size_t steps_ = 0;
};

} // namespace noneq::tissue
