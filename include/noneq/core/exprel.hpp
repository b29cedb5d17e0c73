// noneq/core/exprel.hpp — exprel(x) = x / (exp(x) - 1) and its relatives, exact through x = 0.
// The GHK current and the Hodgkin-Huxley alpha rates have a removable singularity where the
// denominator exp(x) - 1 vanishes; never divide by it raw (DESIGN.md, Numerics).
//
// Accuracy: for scalars x / expm1(x) is a quotient of two results each within ~1 ulp (libm's
// expm1), so the result is within a few ulp for every finite x; batches with |x| <= 708 use
// core/simd_math.hpp's e^x - 1 from one reduction (within ~2 ulp measured, tests/test_core.cpp);
// x = 0 returns exactly 1.
// Beyond x = 709, where exp(x) - 1 overflows while the result x e^-x is still a (sub)normal
// double, the form (x e^{-x/2}) e^{-x/2} is used (e^x - 1 = e^x exactly there; halving keeps
// each exp normal, since SIMD exp flushes subnormal results to 0). x -> -inf gives -x.
#pragma once

#include <noneq/core/simd_math.hpp>
#include <noneq/core/value_traits.hpp>

#include <cmath>
#include <limits>

namespace noneq {

namespace detail {
/// x / (exp(x) - 1) through the library's expm1 (libm, or xsimd for batches).
template <value_type V>
V exprel_expm1(const V& x) {
    using std::exp;
    using std::expm1;
    using xsimd::exp;
    using xsimd::expm1;
    const V big(scalar_t<V>(std::is_same_v<scalar_t<V>, float> ? 88 : 709));
    const auto tail = [](const V& y) {
        const V h = exp(y * V(scalar_t<V>(-0.5)));
        return (y * h) * h;
    };
    if constexpr (is_batch_v<V>) {
        V q = xsimd::select(x == V(0), V(1), x / expm1(x));
        if (xsimd::any(x > big)) q = xsimd::select(x > big, tail(x), q);
        return q;
    } else {
        if (x == V(0)) return V(1);
        if (x > big) return tail(x);
        return x / expm1(x);
    }
}
/// exp_exprel's lanes beyond the fast range (rare): out of line and cold.
template <value_type V>
[[gnu::noinline, gnu::cold]] simd_math::exp_exprel_result<V> exp_exprel_slow(const V& y) {
    return {xsimd::exp(y), exprel_expm1(y)};
}
} // namespace detail

/// {e^x, x / (e^x - 1)}: the pair a GHK-type formula needs, from one argument reduction for
/// batches (core/simd_math.hpp; xsimd's exp and expm1 outside |x| <= 708), from libm's exp and
/// expm1 for scalars.
template <value_type V>
simd_math::exp_exprel_result<V> exp_exprel(const V& x) {
    if constexpr (is_batch_v<V>) {
        return simd_math::exp_exprel(x, detail::exp_exprel_slow<V>);
    } else {
        using std::exp;
        return {exp(x), detail::exprel_expm1(x)};
    }
}

namespace math {
/// e^x over any value type: libm for scalars, core/simd_math.hpp's reduction for batches.
/// (Qualified calls, noneq::math::exp, so that ADL never has to choose between this and
/// std::exp or xsimd::exp.)
template <value_type V>
V exp(const V& x) {
    if constexpr (is_batch_v<V>)
        return simd_math::exp(x);
    else {
        using std::exp; // libm, or another value type's own exp (core/dual.hpp) by ADL
        return exp(x);
    }
}
/// e^x - 1 over any value type, exact through x = 0.
template <value_type V>
V expm1(const V& x) {
    if constexpr (is_batch_v<V>)
        return simd_math::expm1(x);
    else {
        using std::expm1;
        return expm1(x);
    }
}
} // namespace math

/// phi_1(z) = (e^z - 1) / z (1 at z = 0) = 1 / exprel(z): the first phi-function of
/// exponential integrators. The exact solution of y' = a + b y over h is
/// y + h (a + b y) phi_1(b h), with no division by b, so b = 0 is not special.
template <value_type V>
V phi1(const V& z) {
    const V em1 = math::expm1(z);
    if constexpr (is_batch_v<V>)
        return xsimd::select(z == V(0), V(1), em1 / z);
    else
        return z == V(0) ? V(1) : em1 / z;
}

/// x / (exp(x) - 1); 1 at x = 0. Scalar or batch.
template <value_type V>
V exprel(const V& x) {
    if constexpr (is_batch_v<V>)
        return exp_exprel(x).exprel;
    else
        return detail::exprel_expm1(x);
}

/// The HH "vtrap" form x / (exp(x/y) - 1) = y * exprel(x/y), smooth through x = 0.
template <value_type V>
V vtrap(const V& x, const V& y) {
    return y * exprel(x / y);
}

/// log(a / b) for positive a, b, accurate relative to the result even where a ~ b (a rounded
/// quotient a/b would leave an absolute error of eps there), and finite wherever a and b are,
/// even if a/b is not. Batches: core/simd_math.hpp. Scalars: log1p of the exact difference
/// (Sterbenz) when b/2 <= a <= 3b/2, else log(a / b), or log a - log b if a/b is not normal.
template <value_type V>
V log_ratio(const V& a, const V& b) {
    if constexpr (is_batch_v<V>) {
        return simd_math::log_ratio(a, b);
    } else {
        using std::abs;
        using std::log;
        using std::log1p;
        const V d = a - b;
        if (abs(d) <= V(0.5) * b) return log1p(d / b);
        const V q = a / b;
        if (q >= std::numeric_limits<V>::min() && q <= std::numeric_limits<V>::max()) return log(q);
        return log(a) - log(b); // also the IEEE answer for zeros, infinities and NaN
    }
}

} // namespace noneq
