// noneq/core/value_traits.hpp — what the formulas need to know about their value type V:
// scalar (float, double, long double) or xsimd::batch. Lane access, masks and selection work the
// same for both, so each formula is written once.
#pragma once

#include <xsimd/xsimd.hpp>

#include <cmath>
#include <cstddef>
#include <type_traits>

/// [[gnu::flatten]] on the hot per-step functions of optimised builds (every call inside them
/// inlined, so batches stay in registers); nothing in sanitized builds, where inlining whole
/// models into each instantiated loop makes a test file take many minutes to compile.
#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
#define NONEQ_FLATTEN
#else
#define NONEQ_FLATTEN [[gnu::flatten]]
#endif

namespace noneq {

template <class V>
struct is_batch : std::false_type {};
template <class T, class A>
struct is_batch<xsimd::batch<T, A>> : std::true_type {};
template <class V>
inline constexpr bool is_batch_v = is_batch<V>::value;

/// The scalar element type: V itself, or the batch's element type.
template <class V>
struct scalar_of {
    using type = V;
};
template <class T, class A>
struct scalar_of<xsimd::batch<T, A>> {
    using type = T;
};
template <class V>
using scalar_t = typename scalar_of<V>::type;

/// A value type the formulas accept: a floating-point scalar or a batch of them.
template <class V>
concept value_type = std::is_floating_point_v<scalar_t<V>>;

/// Number of lanes (1 for a scalar).
template <class V>
constexpr std::size_t lanes() {
    if constexpr (is_batch_v<V>)
        return V::size;
    else
        return 1;
}

/// Lane i of a value (the value itself for a scalar).
template <class V>
scalar_t<V> lane(const V& v, std::size_t i) {
    if constexpr (is_batch_v<V>)
        return v.get(i);
    else {
        (void)i;
        return v;
    }
}

/// Lane i of a mask (a bool for scalars).
template <class M>
bool mask_lane(const M& m, std::size_t i) {
    if constexpr (std::is_same_v<M, bool>) {
        (void)i;
        return m;
    } else {
        return m.get(i);
    }
}

/// True if any lane of the mask is set.
template <class M>
bool any_of(const M& m) {
    if constexpr (std::is_same_v<M, bool>)
        return m;
    else
        return xsimd::any(m);
}

/// Elementwise choice: c ? a : b.
template <class M, class V>
V select(const M& c, const V& a, const V& b) {
    if constexpr (std::is_same_v<M, bool>)
        return c ? a : b;
    else
        return xsimd::select(c, a, b);
}

/// Elementwise finiteness test.
template <class V>
auto is_finite(const V& v) {
    if constexpr (is_batch_v<V>)
        return xsimd::isfinite(v);
    else {
        using std::isfinite; // or another value type's own (core/dual.hpp), by ADL
        return isfinite(v);
    }
}

/// a * b + c, rounded once wherever that is cheap: batches use the FMA instruction (xsimd::fma,
/// or the AVX-512 intrinsic, since xsimd 8.1 has no AVX-512 fma and falls back to a * b + c,
/// which the compiler may or may not contract); scalars use std::fma only where <cmath> says it
/// is fast (FP_FAST_FMA / FP_FAST_FMAF), never a slow software fma. Without FMA hardware this
/// is a * b + c, so code using it for an exact residual must be right when the residual is 0.
template <class V>
V fma_if_fast(const V& a, const V& b, const V& c) {
    if constexpr (is_batch_v<V>) {
#if XSIMD_WITH_AVX512F
        using A = typename V::arch_type;
        using T = typename V::value_type;
        if constexpr (std::is_base_of_v<xsimd::avx512f, A> && std::is_same_v<T, double>)
            return V(_mm512_fmadd_pd(a, b, c));
        else if constexpr (std::is_base_of_v<xsimd::avx512f, A> && std::is_same_v<T, float>)
            return V(_mm512_fmadd_ps(a, b, c));
        else
#endif
            return xsimd::fma(a, b, c);
    } else {
#if defined(FP_FAST_FMA)
        if constexpr (std::is_same_v<V, double>) return std::fma(a, b, c);
#endif
#if defined(FP_FAST_FMAF)
        if constexpr (std::is_same_v<V, float>) return std::fma(a, b, c);
#endif
        return a * b + c;
    }
}

} // namespace noneq
