// noneq/cable/cell_batch.hpp — N cells of one morphology stepped together: cells in SIMD lanes,
// compartments in sequence. The cells are grouped by the lane count W of xsimd::batch<Real>; each
// group is one cable::engine over the batch type (cable.hpp), so the membrane formulas, the Hines
// solve and the gate update are the same templates as one cell's, evaluated for W cells at once,
// as the point population does (population/population.hpp). The last group's spare lanes are
// inert copies of cell 0's set-up, never reported.
// The groups are independent: set_threads(k) shares them among k threads (core/threads.hpp)
// with results that do not depend on k. Cells differ by their clamp amplitudes (set_amplitude);
// the morphology, discretisation, membranes, clamp locations and times are shared.
#pragma once

#include <noneq/cable/cable.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/threads.hpp>

#include <xsimd/xsimd.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <thread>
#include <tuple>
#include <vector>

namespace noneq::cable {

template <class Real, class... Ms>
class cell_batch {
public:
    using batch = xsimd::batch<Real>;
    using engine_type = engine<batch, Ms...>;
    static constexpr std::size_t W = batch::size;

    cell_batch(std::size_t n, const morphology& m, const discretisation& d,
               const resistivity<double>& ra, std::tuple<Ms...> membranes, const time<double>& dt,
               const voltage<double>& v0, typename engine_type::options opt = {},
               std::function<std::size_t(int)> region_of = {})
        : n_(n) {
        require(n >= 1, "n", double(n), ">= 1 cell");
        groups_.reserve((n + W - 1) / W);
        for (std::size_t g = 0; g < (n + W - 1) / W; ++g)
            groups_.emplace_back(m, d, ra, membranes, dt, v0, opt, region_of);
    }

    std::size_t size() const { return n_; }
    const layout& geometry() const { return groups_.front().geometry(); }
    std::size_t node(const location& l) const { return groups_.front().node(l); }
    time<double> now() const { return groups_.front().now(); }

    /// The same clamp on every cell; returns its index.
    std::size_t add(const iclamp& c) {
        std::size_t k = 0;
        for (auto& g : groups_)
            k = g.add(c);
        return k;
    }
    /// Clamp k's amplitude in cell i.
    void set_amplitude(std::size_t k, std::size_t i, const current<double>& amp) {
        check(i);
        require_finite("amplitude", in_nA(amp), "nA");
        auto& g = groups_[i / W];
        alignas(64) std::array<Real, W> a{};
        const auto& cur = g.clamp_amplitude_nA(k);
        cur.store_aligned(a.data());
        a[i % W] = Real(in_nA(amp));
        g.set_amplitude_nA(k, batch::load_aligned(a.data()));
    }
    std::size_t watch(std::size_t node, double threshold_mV = 0.0) {
        std::size_t k = 0;
        for (auto& g : groups_)
            k = g.watch(node, threshold_mV);
        return k;
    }
    /// First upward crossing at watch k in cell i (ms; NaN if none yet).
    double first_crossing_ms(std::size_t k, std::size_t i) const {
        check(i);
        return double(groups_[i / W].first_crossing_ms(k).get(i % W));
    }
    /// V (mV) of cell i at a node.
    double v_mV(std::size_t i, std::size_t node) const {
        check(i);
        return double(groups_[i / W].v_mV(node).get(i % W));
    }

    /// Worker threads sharing the lane groups (1: the calling thread alone; 0: one per
    /// hardware thread). The groups are independent, so results do not depend on it.
    void set_threads(unsigned threads) {
        threads_ = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
    }
    void advance_steps(std::size_t steps) {
        const std::size_t T = std::min<std::size_t>(threads_, groups_.size());
        run_on_threads(T, [&](std::size_t t) {
            for (std::size_t g = groups_.size() * t / T; g < groups_.size() * (t + 1) / T; ++g)
                groups_[g].advance_steps(steps);
        });
    }
    void advance(const time<double>& duration) {
        const double ms = in_ms(duration);
        require(ms >= 0 && std::isfinite(ms), "duration", ms, ">= 0, finite", "ms");
        advance_steps(std::size_t(std::llround(ms / in_ms(groups_.front().dt()))));
    }

private:
    void check(std::size_t i) const { require(i < n_, "i", double(i), "cell index < size()"); }
    std::size_t n_;
    std::vector<engine_type> groups_;
    unsigned threads_ = 1;
};

} // namespace noneq::cable
