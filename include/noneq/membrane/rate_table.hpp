// noneq/membrane/rate_table.hpp — linear_table<Real, K>: K functions of one variable tabulated
// on a uniform grid and interpolated linearly, for scalars and xsimd batches.
//
// The functions are evaluated ONCE, in double, by a callable the caller supplies (for a gate:
// the model's own exact rate functions), at the n + 1 grid points and at the n interval
// midpoints. The midpoints give the table's measured interpolation error per function,
// max_i |f(x_i + h/2) - p(x_i + h/2)| with p the stored (Real-rounded) interpolant: for smooth f
// this is the h^2/8 max|f''| bound of linear interpolation, attained where f'' is largest.
// Layout: point-major, the K values of grid point i at [K i, K i + K), so the two points an
// interpolation needs share cache lines; batches gather them (AVX-512, 2K <= 16: each lane's 2K
// values read as a row and the rows transposed in registers, ~2x faster than xsimd 8.1's
// gather, which inserts lane by lane). A lookup outside [lo, hi) reports the lane as outside (the
// caller falls back to the exact functions there) and reads grid point 0 for it.
//
// cnexp_table<Real, G>: for G gates with exact steady states x_inf(V) and time constants
// tau(V), the coefficients of cnexp's update over a step dt (NEURON's cnexp, Rush-Larsen),
// x <- a(V) + b(V) x with b = exp(-dt/tau) and a = x_inf (1 - b), tabulated as one
// linear_table<Real, 2G> (a_0, b_0, a_1, b_1, ...): the step then costs 2G interpolations and
// no exponential.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>

#include <xsimd/xsimd.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace noneq {

template <class Real, std::size_t K>
requires std::is_floating_point_v<Real> &&(K >= 1) class linear_table {
public:
    using value_type = Real;
    static constexpr std::size_t functions = K;

    /// f(x) -> std::array<double, K> (finite) tabulated over [lo, hi] with spacing h (hi is
    /// rounded up to lo + n h, n = ceil((hi - lo)/h) <= 1e8 intervals).
    template <class F>
    linear_table(double lo, double hi, double h, F&& f) : lo_(lo), h_(h) {
        require_finite("lo", lo);
        require(std::isfinite(hi) && hi > lo, "hi", hi, "finite, > lo");
        require(std::isfinite(h) && h > 0 && (hi - lo) / h <= 1e8, "h", h,
                "> 0, (hi - lo)/h <= 1e8");
        n_ = static_cast<std::size_t>(std::ceil((hi - lo) / h - 1e-9));
        n_ = std::max<std::size_t>(n_, 1);
        inv_h_ = 1.0 / h;
        data_.resize((n_ + 1) * K + 16); // 16: the last lookup's whole-row reads
        const auto eval = [&](double x) {
            const std::array<double, K> y = f(x);
            for (std::size_t k = 0; k < K; ++k)
                require(std::isfinite(y[k]), "f(x)", y[k], "finite over the table's range");
            return y;
        };
        for (std::size_t i = 0; i <= n_; ++i) {
            const auto y = eval(x_at(i));
            for (std::size_t k = 0; k < K; ++k)
                data_[i * K + k] = static_cast<Real>(y[k]);
        }
        error_.fill(0.0);
        for (std::size_t i = 0; i < n_; ++i) {
            const auto y = eval(x_at(i) + 0.5 * h_);
            for (std::size_t k = 0; k < K; ++k) {
                const double p = 0.5 * (double(data_[i * K + k]) + double(data_[(i + 1) * K + k]));
                error_[k] = std::max(error_[k], std::abs(y[k] - p));
            }
        }
    }

    double lo() const { return lo_; }
    double hi() const { return x_at(n_); }
    double step() const { return h_; }
    std::size_t intervals() const { return n_; }
    /// Grid point i (0 <= i <= intervals()).
    double x_at(std::size_t i) const { return lo_ + double(i) * h_; }
    /// Measured max interpolation error of function k at the interval midpoints.
    const std::array<double, K>& midpoint_error() const { return error_; }
    /// Stored value of function k at grid point i.
    Real node(std::size_t i, std::size_t k) const { return data_[i * K + k]; }

    /// All K functions at x (scalar Real or xsimd::batch<Real>) into out; returns the mask of
    /// lanes inside [lo, hi) (a bool for scalars). Lanes outside get the values at lo.
    template <class V>
    auto operator()(const V& x, std::array<V, K>& out) const {
        const V u = (x - V(static_cast<Real>(lo_))) * V(static_cast<Real>(inv_h_));
        const auto lo_ok = u >= V(Real(0)), hi_ok = u < V(static_cast<Real>(n_)); // NaN: out
        const auto inside = [&] {
            if constexpr (is_batch_v<V>)
                return lo_ok & hi_ok;
            else
                return lo_ok && hi_ok;
        }();
        const V uc = select(inside, u, V(Real(0)));
        if constexpr (is_batch_v<V>) {
            const auto i = xsimd::to_int(uc); // truncation = floor for uc >= 0
            const V t = uc - xsimd::to_float(i);
            const auto idx = i * decltype(i)(static_cast<xsimd::as_integer_t<Real>>(K));
            const Real* p = data_.data();
#if defined(__AVX512F__)
            if constexpr (std::is_same_v<Real, double> && V::size == 8 && 2 * K <= 16) {
                // Each lane's 2K values (points i, i + 1) are contiguous: two rows of 8 per lane,
                // transposed in registers (xsimd 8.1's gather inserts lane by lane: slower).
                alignas(64) std::array<std::int64_t, 8> ii;
                idx.store_aligned(ii.data());
                __m512d c[16]; // (std::array<__m512d> drops its alignment attribute)
                for (std::size_t half = 0; half < 2; ++half) {
                    __m512d r[8];
                    for (std::size_t l = 0; l < 8; ++l)
                        r[l] = _mm512_loadu_pd(p + ii[l] + 8 * half);
                    transpose8(r);
                    std::copy(r, r + 8, c + 8 * half);
                }
                for (std::size_t k = 0; k < K; ++k) {
                    const V y0(c[k]), y1(c[K + k]);
                    out[k] = fused(t, y1 - y0, y0);
                }
                return inside;
            } else if constexpr (std::is_same_v<Real, float> && V::size == 16 && 2 * K <= 16) {
                alignas(64) std::array<std::int32_t, 16> ii; // one row of 16 per lane
                idx.store_aligned(ii.data());
                __m512 r[16];
                for (std::size_t l = 0; l < 16; ++l)
                    r[l] = _mm512_loadu_ps(p + ii[l]);
                transpose16(r);
                for (std::size_t k = 0; k < K; ++k) {
                    const V y0(r[k]), y1(r[K + k]);
                    out[k] = fused(t, y1 - y0, y0);
                }
                return inside;
            }
#endif
            for (std::size_t k = 0; k < K; ++k) {
                const V y0 = V::gather(p + k, idx), y1 = V::gather(p + K + k, idx);
                out[k] = fused(t, y1 - y0, y0);
            }
            return inside;
        } else {
            const auto i = static_cast<std::size_t>(uc);
            const V t = uc - static_cast<V>(i);
            const Real* p = data_.data() + i * K;
            for (std::size_t k = 0; k < K; ++k)
                out[k] = fma_if_fast(t, p[K + k] - p[k], p[k]);
            return inside;
        }
    }

private:
    // t d + y, fused exactly where the scalar lookup's is (core/value_traits.hpp's fma_if_fast:
    // the FMA instruction where the target has one, a * b + c on a baseline x86-64), so that
    // batch and scalar lookups agree bit for bit on every target.
    template <class V>
    static V fused(const V& t, const V& d, const V& y) {
        return fma_if_fast(t, d, y);
    }

#if defined(__AVX512F__)
    // 8 x 8 doubles, rows to columns: unpack pairs, then two rounds of 128-bit block shuffles.
    static void transpose8(__m512d* r) {
        __m512d t[8], u[8];
        for (std::size_t j = 0; j < 8; j += 2)
            t[j] = _mm512_unpacklo_pd(r[j], r[j + 1]),
            t[j + 1] = _mm512_unpackhi_pd(r[j], r[j + 1]);
        for (std::size_t h = 0; h < 8; h += 4) {
            u[h] = _mm512_shuffle_f64x2(t[h], t[h + 2], 0x88);
            u[h + 1] = _mm512_shuffle_f64x2(t[h], t[h + 2], 0xDD);
            u[h + 2] = _mm512_shuffle_f64x2(t[h + 1], t[h + 3], 0x88);
            u[h + 3] = _mm512_shuffle_f64x2(t[h + 1], t[h + 3], 0xDD);
        }
        r[0] = _mm512_shuffle_f64x2(u[0], u[4], 0x88),
        r[4] = _mm512_shuffle_f64x2(u[0], u[4], 0xDD);
        r[2] = _mm512_shuffle_f64x2(u[1], u[5], 0x88),
        r[6] = _mm512_shuffle_f64x2(u[1], u[5], 0xDD);
        r[1] = _mm512_shuffle_f64x2(u[2], u[6], 0x88),
        r[5] = _mm512_shuffle_f64x2(u[2], u[6], 0xDD);
        r[3] = _mm512_shuffle_f64x2(u[3], u[7], 0x88),
        r[7] = _mm512_shuffle_f64x2(u[3], u[7], 0xDD);
    }
    // 16 x 16 floats: unpack pairs of floats, then of doubles, then the 4 x 4 transpose of
    // 128-bit blocks by two rounds of block shuffles.
    static void transpose16(__m512* r) {
        __m512 t[16], u[16];
        for (std::size_t j = 0; j < 16; j += 2)
            t[j] = _mm512_unpacklo_ps(r[j], r[j + 1]),
            t[j + 1] = _mm512_unpackhi_ps(r[j], r[j + 1]);
        const auto pd = [](__m512 x) { return _mm512_castps_pd(x); };
        const auto ps = [](__m512d x) { return _mm512_castpd_ps(x); };
        for (std::size_t g = 0; g < 16; g += 4) {
            u[g] = ps(_mm512_unpacklo_pd(pd(t[g]), pd(t[g + 2])));
            u[g + 1] = ps(_mm512_unpackhi_pd(pd(t[g]), pd(t[g + 2])));
            u[g + 2] = ps(_mm512_unpacklo_pd(pd(t[g + 1]), pd(t[g + 3])));
            u[g + 3] = ps(_mm512_unpackhi_pd(pd(t[g + 1]), pd(t[g + 3])));
        }
        for (std::size_t e = 0; e < 4; ++e) {
            const __m512 v0 = _mm512_shuffle_f32x4(u[e], u[4 + e], 0x88),
                         v1 = _mm512_shuffle_f32x4(u[e], u[4 + e], 0xDD),
                         v2 = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0x88),
                         v3 = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0xDD);
            r[e] = _mm512_shuffle_f32x4(v0, v2, 0x88),
            r[8 + e] = _mm512_shuffle_f32x4(v0, v2, 0xDD);
            r[4 + e] = _mm512_shuffle_f32x4(v1, v3, 0x88);
            r[12 + e] = _mm512_shuffle_f32x4(v1, v3, 0xDD);
        }
    }
#endif

    double lo_, h_, inv_h_ = 0;
    std::size_t n_ = 0;
    std::vector<Real, xsimd::aligned_allocator<Real>> data_;
    std::array<double, K> error_{};
};

/// Whether, and on which V grid (mV), a fixed-step engine tabulates the gates' per-step
/// coefficients (cnexp_table). At 0.01 mV spacing the HH gates' per-step error is <= 1.3e-8 at
/// dt 0.025 ms (measured by the table at its midpoints); it scales as spacing^2, the speed does
/// not depend on it. V outside the grid: the exact rate functions.
struct table_grid {
    bool enabled = false;
    double lo_mV = -150.0, hi_mV = 100.0, step_mV = 0.01;
};

template <class Real, std::size_t G>
class cnexp_table {
public:
    /// inf_tau(v) -> std::array<double, 2G> = {x_inf_0, tau_0, x_inf_1, tau_1, ...} (exact,
    /// tau in the unit of dt) tabulated over [lo, hi] with spacing h.
    template <class F>
    cnexp_table(double lo, double hi, double h, double dt, F&& inf_tau)
        : t_(lo, hi, h, [&](double v) {
              const std::array<double, 2 * G> r = inf_tau(v);
              std::array<double, 2 * G> c{};
              for (std::size_t g = 0; g < G; ++g) {
                  const double em = std::expm1(-dt / r[2 * g + 1]); // b - 1
                  c[2 * g] = -r[2 * g] * em, c[2 * g + 1] = 1 + em;
              }
              return c;
          }) {
        require_positive("dt", dt);
    }
    const linear_table<Real, 2 * G>& table() const { return t_; }

    /// Steps the gates x over dt at potential v; returns the mask of lanes inside the table
    /// (lanes outside hold meaningless values: the caller computes them exactly).
    template <class V>
    auto step(const V& v, std::array<V, G>& x) const {
        std::array<V, 2 * G> c;
        const auto inside = t_(v, c);
        for (std::size_t g = 0; g < G; ++g)
            x[g] = c[2 * g] + c[2 * g + 1] * x[g];
        return inside;
    }

private:
    linear_table<Real, 2 * G> t_;
};

} // namespace noneq
