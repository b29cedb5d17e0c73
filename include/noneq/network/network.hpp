// noneq/network/network.hpp — one rank's share of a network of point cells of ANY composed
// membrane whose synapses are event parts (synapses.hpp), stepped by the population engine's step
// (population/stepping.hpp: the exponential step over xsimd batches, structure of arrays) with
// events between steps.
//
// Per epoch of E steps (E = floor(min delay / dt) + 1, connection.hpp):
//   step_epoch(E, out): each group of SIMD batches stays in registers for the E steps; before
//     each step the weights that arrive then are added to the synapses' states (receive());
//     upward threshold crossings are appended to `out` with their interpolated times.
//   deliver(all): the epoch's spikes of ALL ranks, sorted by (time, source): for each, its
//     connections onto this rank's cells add their weight density to a per-cell queue: a ring of
//     slots indexed by arrival step (the slot of step k holds, per synapse and cell, the sum of
//     what arrives at k, added in spike order). Spikes arrive at >= the next epoch, so an epoch
//     never waits for its own spikes.
// The summation order of every cell's input is the spike order (time, then source id) and each
// cell's arithmetic is lane-wise, so the spikes do not depend on the number of ranks or threads
// (threads share the batches of an epoch; the delivery is done by one).
// Connections are stored on the target's rank, sorted by source: a spike's targets are a range
// found by binary search. Errors: bad input names the argument; a non-finite state at an epoch's
// end throws domain_error naming the cell's global id, the variable and the time.
#pragma once

#include <noneq/core/crossing.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/threads.hpp>
#include <noneq/network/connection.hpp>
#include <noneq/network/partition.hpp>
#include <noneq/network/spike.hpp>
#include <noneq/network/synapses.hpp>
#include <noneq/population/stepping.hpp>
#include <noneq/units.hpp>

#include <xsimd/xsimd.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <sstream>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace noneq {

template <membrane_population_model Model, class Real = double>
requires std::is_floating_point_v<Real>
class network {
public:
    using batch = xsimd::batch<Real>;
    using array_type = std::vector<Real, xsimd::aligned_allocator<Real>>;
    using stepping = population_stepping<Model>;
    static constexpr std::size_t S = stepping::size;
    static constexpr std::size_t W = batch::size;

private:
    using parts = typename Model::parts_type;
    static constexpr std::size_t n_parts = std::tuple_size_v<parts>;
    template <std::size_t... I>
    static constexpr std::size_t count_events(std::index_sequence<I...>) {
        return (std::size_t{0} + ... + (event_part<std::tuple_element_t<I, parts>> ? 1 : 0));
    }

public:
    /// Number of event parts (synapses) of Model; a connection's synapse index is < this.
    static constexpr std::size_t n_synapses = count_events(std::make_index_sequence<n_parts>{});
    static_assert(n_synapses > 0, "a network's membrane needs at least one event part (synapse)");

    struct options {
        unsigned threads = 1;      ///< threads sharing the batches (results do not depend on it)
        double threshold_mV = 0.0; ///< spike: upward crossing of this potential
        noneq::coupling coupling = noneq::coupling::staggered; ///< NEURON's (or Brian2's)
        table_grid rates{};
    };

    /// This rank's cells of `part`, every one a `model` of area `cell_area` at v0 (other states
    /// at steady state).
    network(partition part, Model model, time<double> dt, voltage<double> v0,
            area<double> cell_area, options opt)
        : part_(part), model_(std::move(model)), opt_(opt), n_(part.local_count()),
          np_((n_ + W - 1) / W * W) {
        require_positive("dt", si_value(dt), "s");
        require_finite("v0", si_value(v0), "V");
        require_positive("cell_area", si_value(cell_area), "m^2");
        require_finite("threshold_mV", opt.threshold_mV, "mV");
        dt_ms_ = si_value(dt) * 1e3;
        area_cm2_ = in_cm2(cell_area);
        if (opt_.threads == 0) opt_.threads = 1;
        k_ = stepping::template prepare<Real>(model_, dt_ms_, opt.rates);
        const auto x0 = stepping::initial(model_, in_mV(v0));
        for (std::size_t j = 0; j < S; ++j)
            x_[j].assign(np_, static_cast<Real>(x0[j]));
        stim_.assign(np_, Real(0));
        out_.resize(opt_.threads);
    }

    const partition& layout() const { return part_; }
    std::size_t local_count() const { return n_; }
    double dt_ms() const { return dt_ms_; }
    std::size_t steps_done() const { return step_; }
    /// Steps per exchange epoch (after prepare()).
    std::size_t epoch_steps() const { return epoch_; }

    /// State k of cell `gid` (local), in the model's units (0: V in mV).
    void set_state(std::uint64_t gid, std::size_t k, double value) {
        require(k < S, "k", k, "state index < state size");
        require_finite("value", value);
        x_[k][local(gid)] = static_cast<Real>(value);
    }
    double state(std::uint64_t gid, std::size_t k) const {
        require(k < S, "k", k, "state index < state size");
        return double(x_[k][local(gid)]);
    }
    /// Injected current of cell `gid` (depolarising positive).
    void set_stimulus(std::uint64_t gid, current<double> I) {
        require_finite("I", si_value(I), "A");
        stim_[local(gid)] = static_cast<Real>(in_nA(I) * 1e-3 / area_cm2_);
    }

    /// Adds a connection onto one of this rank's cells (its target must be local).
    void connect(const connection& c) {
        require(c.source < part_.global_count(), "source", double(c.source), "< number of cells");
        require(part_.is_local(c.target), "target", double(c.target), "a cell of this rank");
        require(c.synapse < n_synapses, "synapse", c.synapse, "< number of event parts");
        stored s{c.source, std::uint32_t(part_.local_index(c.target)), c.synapse,
                 density(c.synapse, c.weight), delay_steps(c.delay, dt_ms_ * 1e-3)};
        conns_.push_back(s);
        prepared_ = false;
    }
    /// An external event onto local cell `target`: weight w acts at the first grid time >= t.
    void inject(std::uint64_t target, std::uint32_t synapse,
                const std::variant<conductance<double>, current<double>>& w, time<double> t) {
        require(synapse < n_synapses, "synapse", synapse, "< number of event parts");
        const double ts = si_value(t) * 1e3 / dt_ms_;
        require(std::isfinite(ts) && ts >= double(step_), "t", si_value(t), ">= now, finite", "s");
        inputs_.push_back({std::uint64_t(std::ceil(ts - 1e-9)), std::uint32_t(local(target)),
                           synapse, density(synapse, w)});
        std::stable_sort(inputs_.begin(), inputs_.end(),
                         [](const input& a, const input& b) { return a.step < b.step; });
    }

    /// Sorts the connections and returns the smallest delay in steps (+inf without connections).
    double prepare() {
        std::sort(conns_.begin(), conns_.end(), [](const stored& a, const stored& b) {
            return std::tie(a.source, a.target, a.synapse, a.w, a.d) <
                   std::tie(b.source, b.target, b.synapse, b.w, b.d);
        });
        // The distinct sources and where each one's connections start: a spike's search runs
        // over these (a few kB that stay in cache) instead of over every connection (a search
        // through ~10 MB for COBAHH, which missed the cache at every level).
        sources_.clear(), first_.clear();
        for (std::size_t i = 0; i < conns_.size(); ++i)
            if (i == 0 || conns_[i].source != conns_[i - 1].source)
                sources_.push_back(conns_[i].source), first_.push_back(i);
        first_.push_back(conns_.size());
        double dmin = std::numeric_limits<double>::infinity(), dmax = 0;
        for (const auto& c : conns_)
            dmin = std::min(dmin, c.d), dmax = std::max(dmax, c.d);
        dmax_ = dmax;
        prepared_ = true;
        return dmin;
    }
    /// Sets the epoch from the GLOBAL minimum delay in steps (all ranks must agree on it).
    void set_min_delay(double dmin_steps) {
        epoch_ = std::isfinite(dmin_steps) ? std::size_t(std::floor(dmin_steps)) + 1 : 64;
        // A power of two, so that a step's slot is a mask, not a 64-bit division: the delivery
        // of every event computes one (the division was a third of COBAHH's run time).
        ring_len_ =
            std::bit_ceil(std::max<std::size_t>(std::size_t(std::ceil(dmax_)) + 2, epoch_ + 1));
        ring_.assign(ring_len_ * n_synapses * np_, Real(0));
    }

    /// Steps `len` (<= epoch_steps()) steps; this rank's spikes are appended to `out`.
    void step_epoch(std::size_t len, std::vector<spike>& out) {
        require(prepared_ && !ring_.empty(), "network", 0, "prepare() and set_min_delay() first");
        require(len <= epoch_, "len", len, "<= epoch_steps()");
        for (; next_input_ < inputs_.size() && inputs_[next_input_].step < step_ + len;
             ++next_input_) {
            const input& e = inputs_[next_input_];
            slot(e.step, e.synapse)[e.target] += static_cast<Real>(e.w);
        }
        const std::size_t nb = np_ / W;
        const std::size_t T = std::min<std::size_t>(opt_.threads, std::max<std::size_t>(nb, 1));
        for (auto& o : out_)
            o.clear();
        const auto task = [&](std::size_t t) {
            std::size_t b = nb * t / T;
            const std::size_t e = nb * (t + 1) / T;
            for (; b + G <= e; b += G)
                run_group<G>(b, len, out_[t]);
            for (; b < e; ++b)
                run_group<1>(b, len, out_[t]);
        };
        // An epoch can be one step (COBAHH's zero delay): threads started per epoch would cost
        // more than the epoch, so the network keeps a pool, created at the first threaded epoch.
        if (T > 1) {
            if (!pool_ || pool_->size() != T) pool_ = std::make_unique<thread_pool>(T);
            pool_->run(T, task);
        } else {
            task(0);
        }
        for (std::size_t t = 0; t < T; ++t)
            out.insert(out.end(), out_[t].begin(), out_[t].end());
        step_ += len;
        check_finite();
    }

    /// The epoch's spikes of all ranks, sorted by (time, source): queue their events.
    void deliver(const std::vector<spike>& all) {
        for (const spike& s : all) {
            const auto k = std::lower_bound(sources_.begin(), sources_.end(), s.source);
            if (k == sources_.end() || *k != s.source) continue; // no target on this rank
            const auto j = std::size_t(k - sources_.begin());
            for (auto c = conns_.begin() + first_[j], e = conns_.begin() + first_[j + 1]; c != e;
                 ++c) {
                const std::uint64_t a =
                    std::max<std::uint64_t>(std::uint64_t(std::ceil(s.t_steps + c->d)), step_);
                slot(a, c->synapse)[c->target] += static_cast<Real>(c->w);
            }
        }
    }

private:
    struct stored {
        std::uint64_t source;
        std::uint32_t target, synapse;
        double w, d; // weight density (mS/cm^2 or uA/cm^2), delay in steps
    };
    struct input {
        std::uint64_t step;
        std::uint32_t target, synapse;
        double w;
    };
    static constexpr std::size_t G = 4; // batches in flight together

    std::size_t local(std::uint64_t gid) const {
        require(part_.is_local(gid), "gid", double(gid), "a cell of this rank");
        return part_.local_index(gid);
    }
    Real* slot(std::uint64_t step, std::size_t j) {
        return ring_.data() + ((step & (ring_len_ - 1)) * n_synapses + j) * np_;
    }
    // The part index of each event part, in synapse order.
    static constexpr std::array<std::size_t, n_synapses> event_index = [] {
        std::array<std::size_t, n_synapses> r{};
        std::size_t j = 0;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (..., (event_part<std::tuple_element_t<I, parts>> ? void(r[j++] = I) : void()));
        }
        (std::make_index_sequence<n_parts>{});
        return r;
    }();
    // f<I, J>() for each event part: I its part index, J its synapse index.
    template <class F>
    static void each_event(F&& f) {
        [&]<std::size_t... J>(std::index_sequence<J...>) {
            (f.template operator()<event_index[J], J>(), ...);
        }
        (std::make_index_sequence<n_synapses>{});
    }
    // The weight kind of synapse j.
    static synapse_weight kind_of(std::size_t j) {
        synapse_weight k = synapse_weight::conductance;
        each_event([&]<std::size_t I, std::size_t J>() {
            if (J == j) k = std::tuple_element_t<I, parts>::weight_kind;
        });
        return k;
    }
    double density(std::size_t j,
                   const std::variant<conductance<double>, current<double>>& w) const {
        const bool is_g = std::holds_alternative<conductance<double>>(w);
        require(is_g == (kind_of(j) == synapse_weight::conductance), "weight", double(j),
                "a conductance for a conductance synapse, a current for a current synapse");
        const double v = is_g ? si_value(std::get<0>(w)) * 1e3 : si_value(std::get<1>(w)) * 1e6;
        require_finite("weight", v, is_g ? "mS" : "uA");
        return v / area_cm2_; // mS/cm^2 or uA/cm^2
    }

    // NG batches from batch b, `len` steps from step_, in registers.
    template <std::size_t NG>
    NONEQ_FLATTEN void run_group(std::size_t b, std::size_t len, std::vector<spike>& out) {
        std::array<std::array<batch, S>, NG> x;
        std::array<batch, NG> I;
        for (std::size_t g = 0; g < NG; ++g) {
            for (std::size_t j = 0; j < S; ++j)
                x[g][j] = batch::load_aligned(&x_[j][(b + g) * W]);
            I[g] = batch::load_aligned(&stim_[(b + g) * W]);
        }
        const batch thr(static_cast<Real>(opt_.threshold_mV)), zero(Real(0)), P(Real(0));
        for (std::size_t s = 0; s < len; ++s) {
            const std::size_t step = step_ + s;
            for (std::size_t g = 0; g < NG; ++g) {
                const std::size_t c0 = (b + g) * W;
                each_event([&]<std::size_t Ip, std::size_t J>() {
                    Real* q = slot(step, J) + c0;
                    const batch w = batch::load_aligned(q);
                    model_.template part<Ip>().receive(&x[g][Model::template offset<Ip>()], w);
                    zero.store_aligned(q);
                });
                const batch old = x[g][0];
                stepping::step(model_, x[g], I[g], P, double(step) * dt_ms_, dt_ms_, k_,
                               opt_.coupling);
                const auto up = (old < thr) & (x[g][0] >= thr);
                if (xsimd::any(up)) record(c0, step, old, x[g][0], up, out);
            }
        }
        bool ok = true;
        for (std::size_t g = 0; g < NG; ++g)
            for (std::size_t j = 0; j < S; ++j) {
                ok = ok && xsimd::all(xsimd::isfinite(x[g][j]));
                x[g][j].store_aligned(&x_[j][(b + g) * W]);
            }
        if (!ok) bad_.store(true, std::memory_order_relaxed);
    }
    template <class Mask>
    void record(std::size_t c0, std::size_t step, const batch& vo, const batch& vn, const Mask& up,
                std::vector<spike>& out) const {
        for (std::size_t l = 0; l < W; ++l) {
            if (!up.get(l) || c0 + l >= n_) continue;
            const double t = linear_crossing(double(step), double(vo.get(l)), double(step) + 1.0,
                                             double(vn.get(l)), opt_.threshold_mV);
            out.push_back({t, part_.gid(c0 + l)});
        }
    }
    void check_finite() {
        if (!bad_.load()) return;
        for (std::size_t j = 0; j < S; ++j)
            for (std::size_t i = 0; i < n_; ++i)
                if (!std::isfinite(double(x_[j][i]))) {
                    std::ostringstream os;
                    os << "network: state '" << Model::variable_name(j) << "' of cell "
                       << part_.gid(i) << " became non-finite by t = " << double(step_) * dt_ms_
                       << " ms";
                    throw domain_error(os.str());
                }
    }

    partition part_;
    Model model_;
    options opt_;
    std::size_t n_, np_;
    double dt_ms_ = 0, area_cm2_ = 0, dmax_ = 0;
    typename stepping::template data<Real> k_;
    std::array<array_type, S> x_;
    array_type stim_, ring_;
    std::size_t ring_len_ = 0, epoch_ = 1, step_ = 0, next_input_ = 0;
    std::vector<stored> conns_;
    std::vector<std::uint64_t> sources_; // distinct sources of conns_, ascending
    std::vector<std::size_t> first_;     // conns_ of sources_[j]: [first_[j], first_[j + 1])
    std::vector<input> inputs_;
    std::vector<std::vector<spike>> out_;
    std::unique_ptr<thread_pool> pool_; // threads > 1 only
    bool prepared_ = false;
    std::atomic<bool> bad_{false};
};

} // namespace noneq
