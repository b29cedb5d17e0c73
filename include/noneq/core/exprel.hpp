// noneq/core/exprel.hpp — exprel(x) = x / (exp(x) - 1) and its relatives, exact through x = 0.
// The GHK current and the Hodgkin-Huxley alpha rates have a removable singularity where the
// denominator exp(x) - 1 vanishes; never divide by it raw (DESIGN.md, Numerics).
//
// Accuracy: x / expm1(x) is a quotient of two results each within ~1 ulp (libm's expm1, or
// xsimd's), so the result is within a few ulp for every finite x; x = 0 returns exactly 1.
// Beyond x = 709, where exp(x) - 1 overflows while the result x e^-x is still a (sub)normal
// double, the form (x e^{-x/2}) e^{-x/2} is used (e^x - 1 = e^x exactly there; halving keeps
// each exp normal, since SIMD exp flushes subnormal results to 0). x -> -inf gives -x.
#pragma once

#include <noneq/core/value_traits.hpp>

#include <cmath>

namespace noneq {

/// x / (exp(x) - 1); 1 at x = 0. Scalar or batch.
template <value_type V>
V exprel(const V& x) {
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

/// The HH "vtrap" form x / (exp(x/y) - 1) = y * exprel(x/y), smooth through x = 0.
template <value_type V>
V vtrap(const V& x, const V& y) {
    return y * exprel(x / y);
}

/// log(a / b) for positive a, b whose quotient is a normal number (true of any physical
/// concentration ratio); one rounding in the quotient, one in the log.
template <value_type V>
V log_ratio(const V& a, const V& b) {
    using std::log;
    using xsimd::log;
    return log(a / b);
}

} // namespace noneq
