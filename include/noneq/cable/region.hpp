// noneq/cable/region.hpp — the compartments of a cable that carry one composed membrane: their
// states, their membrane currents and slope conductances (added into the cable's tree system),
// and the update of their states over a step at the new V (cable.hpp). Two layouts, one set of
// formulas (the membrane's, over any value type):
//   region<V, M> with V = xsimd::batch: each value holds one compartment of W cells (cells in
//     lanes, compartments in sequence; the layout of cell_batch.hpp);
//   region<V, M> with V a scalar: one cell, whose compartments are evaluated W at a time in the
//     lanes of xsimd::batch<V> (their V gathered, their states stored as one padded array per
//     state variable, the results scattered back to the nodes); padding lanes are inert.
#pragma once

#include <noneq/core/value_traits.hpp>
#include <noneq/membrane/rate_table.hpp>

#include <xsimd/xsimd.hpp>

#include <array>
#include <cstddef>
#include <vector>

namespace noneq::cable {

/// Cells in lanes: one V per compartment holds the compartment of every cell.
template <class V, class M>
struct region_lanes {
    using real = scalar_t<V>;
    M m;
    std::vector<std::size_t> nodes{};
    std::vector<real> scale{};
    std::vector<std::array<V, M::size>> x{};
    typename M::template step_data<real> data{};

    void add(std::size_t node, real s, double v0) {
        const auto x0 = m.steady_state(v0);
        std::array<V, M::size> xv;
        for (std::size_t k = 0; k < M::size; ++k)
            xv[k] = V(real(x0[k]));
        nodes.push_back(node);
        scale.push_back(s);
        x.push_back(xv);
    }
    void prepare(double dt, const table_grid& g) { data = m.template prepare_step<real>(dt, g); }
    void currents(const V* v, V* d, V* r, double t) {
        for (std::size_t c = 0; c < nodes.size(); ++c) {
            const std::size_t i = nodes[c];
            x[c][0] = v[i];
            const auto cur = m.current_and_conductance(x[c].data(), t);
            const V s(scale[c]);
            d[i] = d[i] + cur.g * s;
            r[i] = r[i] - cur.i * s;
        }
    }
    void advance(const V* v, double t) {
        for (std::size_t c = 0; c < nodes.size(); ++c) {
            const V vn = v[nodes[c]];
            m.advance_states(x[c].data(), vn, data, t);
            x[c][0] = vn;
        }
    }
};

/// One cell: compartments in lanes.
template <class Real, class M>
struct region_simd {
    using real = Real;
    using batch = xsimd::batch<Real>;
    static constexpr std::size_t W = batch::size, S = M::size;
    using array = std::vector<Real, xsimd::aligned_allocator<Real>>;
    M m;
    std::vector<std::size_t> nodes{};
    array scale{}, vbuf{}, ibuf{}, gbuf{};
    std::array<array, S> x{}; // x[0]: V at the last step; x[k]: state k, padded to W
    typename M::template step_data<real> data{};

    void add(std::size_t node, real s, double v0) {
        const auto x0 = m.steady_state(v0);
        const std::size_t c = nodes.size();
        nodes.push_back(node);
        if (c % W == 0) { // a new batch of W slots, inert until used
            scale.resize(c + W, Real(0));
            for (auto* a : {&vbuf, &ibuf, &gbuf})
                a->resize(c + W, Real(0));
            for (std::size_t k = 0; k < S; ++k)
                x[k].resize(c + W, Real(x0[k]));
        }
        scale[c] = s;
        for (std::size_t k = 0; k < S; ++k)
            x[k][c] = Real(x0[k]);
    }
    void prepare(double dt, const table_grid& g) { data = m.template prepare_step<real>(dt, g); }
    NONEQ_FLATTEN void currents(const Real* v, Real* d, Real* r, double t) {
        const std::size_t n = nodes.size();
        for (std::size_t c = 0; c < n; ++c)
            x[0][c] = v[nodes[c]];
        for (std::size_t b = 0; b < scale.size(); b += W) {
            std::array<batch, S> xb;
            for (std::size_t k = 0; k < S; ++k)
                xb[k] = batch::load_aligned(&x[k][b]);
            const auto cur = m.current_and_conductance(xb.data(), t);
            const batch s = batch::load_aligned(&scale[b]);
            (cur.i * s).store_aligned(&ibuf[b]);
            (cur.g * s).store_aligned(&gbuf[b]);
        }
        for (std::size_t c = 0; c < n; ++c) {
            const std::size_t i = nodes[c];
            d[i] += gbuf[c];
            r[i] -= ibuf[c];
        }
    }
    NONEQ_FLATTEN void advance(const Real* v, double t) {
        const std::size_t n = nodes.size();
        for (std::size_t c = 0; c < n; ++c)
            x[0][c] = v[nodes[c]];
        for (std::size_t b = 0; b < scale.size(); b += W) {
            std::array<batch, S> xb;
            for (std::size_t k = 0; k < S; ++k)
                xb[k] = batch::load_aligned(&x[k][b]);
            m.advance_states(xb.data(), xb[0], data, t);
            for (std::size_t k = 1; k < S; ++k)
                xb[k].store_aligned(&x[k][b]);
        }
    }
};

template <class V, class M>
struct region_of_type {
    using type = region_simd<V, M>;
};
template <class T, class A, class M>
struct region_of_type<xsimd::batch<T, A>, M> {
    using type = region_lanes<xsimd::batch<T, A>, M>;
};
/// The region layout for value type V (see the header comment).
template <class V, class M>
using region_t = typename region_of_type<V, M>::type;

} // namespace noneq::cable
