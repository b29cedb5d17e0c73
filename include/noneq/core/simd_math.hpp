// noneq/core/simd_math.hpp — the two elementary functions the array kernels spend their time in,
// written for xsimd batches of float and double:
//
//   log_ratio(a, b) = ln(a / b)           with one division, accurate relative to itself (~2 ulp
//                                          measured) even where a ~ b and ln(a/b) ~ 0;
//   exp_exprel(x)   = {e^x, x / (e^x - 1)} from one argument reduction and one polynomial;
//   exp(x), expm1(x) the two halves of that pair on their own (the membrane step's rates and
//                    relaxations: xsimd 8.1's exp and expm1 cost more instructions for ~1 ulp).
//
// Why not xsimd's log and exp: ln(c_out / c_in) through xsimd 8.1 costs the quotient's division,
// its log's own division and special-case selects, and is only accurate to eps absolute near
// c_out = c_in; the GHK current needs e^{-u} and expm1(-u) of one argument, which xsimd reduces
// twice. (Measured: the Nernst kernel 1.16 -> 1.9 G values/s, the GHK current 0.54 -> 1.0 G/s,
// benchmarks/README.md.) Ordinary lanes take the fast path; a lane with a zero, infinite, NaN or
// negative operand gets the IEEE value of ln(a/b), subnormal operands are rescaled first, and
// |x| beyond the exp's range goes to the caller's fallback (exprel.hpp: xsimd's exp and the
// overflow-safe exprel).
//
// log_ratio: a = 2^ka ma and b = 2^kb mb with ma, mb in [1, 2); doubling ma or mb brings
// ma / mb into [1/sqrt 2, sqrt 2] (k = ka - kb adjusted by one). Then
//   ln(a / b) = k ln 2 + 2 atanh(s),   s = (ma - mb) / (ma + mb),   |s| <= 3 - 2 sqrt 2,
// where ma - mb is exact (Sterbenz: the two are within a factor 2), so s carries only the
// rounding of the sum and of the quotient. 2 atanh(s) = 2s + s z Q(z), z = s^2 <= 0.0295, with
// Q a polynomial of degree 6 (double) or 2 (float), detail::atanh_series. k ln 2 uses fdlibm's
// split ln 2 = hi + lo, hi with 21 trailing zero bits (9 in float), so k hi is exact for every
// exponent difference. With AVX-512F the split is b 2^k directly: k = getexp(q sqrt 2) from q = a
// rcp14(b) (a / b to 2^-14), scalef(b, k), and s = (a - b 2^k) / (a + b 2^k), a third fewer
// instructions than the bit manipulation.
//
// exp_exprel: x = k ln 2 + r, |r| <= ln 2 / 2 (Cody-Waite, with the same split ln 2);
// p = expm1(r) = r + r^2 Q(r), Q the Taylor series sum_j r^j / (j + 2)! cut below 0.1 ulp
// (12 terms in double, 6 in float); then with S = 2^k,
//   e^x = S (1 + p) = fma(S, p, S),   e^x - 1 = fma(S, p, S - 1),
// S - 1 being exact for |k| <= 53 (and its rounding harmless beyond), so e^x - 1 has no
// cancellation anywhere and x / (e^x - 1) is within ~2 ulp, against ~3 ulp for x / expm1(x)
// through xsimd. x = 0 gives exactly 1. The fast path needs |x| <= 708 (double) or 87 (float),
// where 2^k is a normal number.
//
// Every fma here is a fused one (noneq::fma_if_fast: xsimd 8.1 has no AVX-512 fma of its own).
#pragma once

#include <noneq/core/value_traits.hpp>

#include <xsimd/xsimd.hpp>

#include <cstdint>
#include <limits>
#include <type_traits>

namespace noneq::simd_math {

namespace detail {

template <class T>
struct ieee;
template <>
struct ieee<double> {
    using uint = std::uint64_t;
    using sint = std::int64_t;
    static constexpr int mantissa_bits = 52;
    static constexpr sint bias = 1023;
    static constexpr uint mantissa_mask = 0x000fffffffffffffULL;
    static constexpr uint one_bits = 0x3ff0000000000000ULL;
    static constexpr double exp_limit = 708.0;
    // 1.5 2^52: t = y + shifter rounds y to an integer k held in t's low bits (|k| < 2^51),
    // and t - shifter is k as a double: int <-> float without conversion instructions, which
    // AVX2 lacks for 64-bit integers.
    static constexpr double shifter = 6755399441055744.0;
    static constexpr uint shifter_bits = 0x4338000000000000ULL;
};
template <>
struct ieee<float> {
    using uint = std::uint32_t;
    using sint = std::int32_t;
    static constexpr int mantissa_bits = 23;
    static constexpr sint bias = 127;
    static constexpr uint mantissa_mask = 0x007fffffU;
    static constexpr uint one_bits = 0x3f800000U;
    static constexpr float exp_limit = 87.0f;
    static constexpr float shifter = 12582912.0f; // 1.5 2^23
    static constexpr uint shifter_bits = 0x4b400000U;
};

// fdlibm's split of ln 2: hi = 0x3fe62e42fee00000 (21 trailing zero bits), lo = ln 2 - hi.
template <class T>
constexpr T ln2_hi = static_cast<T>(6.93147180369123816490e-01);
template <class T>
constexpr T ln2_lo = static_cast<T>(1.90821492927058770002e-10);
// In float, hi = 0x3f317200 (9 trailing zero bits: k hi exact for |k| <= 512).
template <>
inline constexpr float ln2_hi<float> = 0.693145751953125f;
template <>
inline constexpr float ln2_lo<float> = 1.4286068203094173e-06f;

/// Horner evaluation of c[0] + c[1] x + ... with the coefficients as a pack of constants.
template <class B, class... C>
B horner(const B& x, C... c) {
    constexpr std::size_t n = sizeof...(C);
    const typename B::value_type coef[n] = {static_cast<typename B::value_type>(c)...};
    B acc(coef[n - 1]);
    for (std::size_t i = n - 1; i-- > 0;)
        acc = noneq::fma_if_fast(acc, x, B(coef[i]));
    return acc;
}

/// 2 atanh(s) / s - 2 = z Q(z) with z = s^2, Q(z) = sum_j 2 z^j / (2j + 3), for z in
/// [0, 0.02947] (|s| <= 3 - 2 sqrt 2, widened by 0.1 % for AVX-512's rcp14): the Taylor series
/// to z^24 economised onto Chebyshev polynomials of that interval and cut at degree 6 in double
/// (a tail below 3.2e-16, 0.04 half-ulp of the logarithm) and 2 in float (0.05 half-ulp);
/// coefficients computed in exact rational arithmetic. Two and one fewer terms than the plain
/// Taylor cut, which matters on AVX2.
template <class B>
B atanh_series(const B& z) {
    if constexpr (std::is_same_v<typename B::value_type, double>)
        return horner(z, 0.666666666666667, 0.3999999999989839, 0.2857142862645262,
                      0.2222221106056441, 0.18182894320084278, 0.15331554743280915,
                      0.146184520727148);
    else
        return horner(z, 0.6666668520877038, 0.39988726799620905, 0.2958203680961184);
}

/// (expm1(r) - r) / r^2 = sum_j r^j / (j + 2)!.
template <class B>
B expm1_series(const B& r) {
    if constexpr (std::is_same_v<typename B::value_type, double>)
        return horner(r, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320,
                      1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600,
                      1.0 / 6227020800.0);
    else
        return horner(r, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040);
}

/// k ln 2 + 2 atanh(s) for |s| <= 3 - 2 sqrt 2: the common end of both log_ratio forms.
template <class B>
B k_ln2_plus_2_atanh(const B& k, const B& s) {
    using T = typename B::value_type;
    const B z = s * s;
    const B r =
        noneq::fma_if_fast(s * z, atanh_series(z), noneq::fma_if_fast(k, B(ln2_lo<T>), s + s));
    return noneq::fma_if_fast(k, B(ln2_hi<T>), r);
}

} // namespace detail

template <class T, class A>
xsimd::batch<T, A> log_ratio_bits(const xsimd::batch<T, A>& a, const xsimd::batch<T, A>& b);

#if XSIMD_WITH_AVX512F
namespace detail {
inline __m512d rcp14(__m512d x) {
    return _mm512_rcp14_pd(x);
}
inline __m512 rcp14(__m512 x) {
    return _mm512_rcp14_ps(x);
}
inline __m512d getexp(__m512d x) {
    return _mm512_getexp_pd(x);
}
inline __m512 getexp(__m512 x) {
    return _mm512_getexp_ps(x);
}
inline __m512d scalef(__m512d x, __m512d k) {
    return _mm512_scalef_pd(x, k);
}
inline __m512 scalef(__m512 x, __m512 k) {
    return _mm512_scalef_ps(x, k);
}
} // namespace detail

/// AVX-512F form of log_ratio_bits below: the exponent split comes from rcp14/getexp/scalef, so
/// that b 2^k is formed directly, a / (b 2^k) in [1/sqrt 2, sqrt 2] up to rcp14's 2^-14.
template <class T, class A>
xsimd::batch<T, A> log_ratio_avx512(const xsimd::batch<T, A>& a, const xsimd::batch<T, A>& b) {
    using B = xsimd::batch<T, A>;
    using R = typename B::register_type;
    const B q0 = a * B(detail::rcp14(R(b)));
    // q0 ~ a / b is outside the normal range when a or b is zero, subnormal, infinite, NaN or
    // negative, or when the quotient itself is not normal (a subnormal q0 has too few bits to
    // place k): log_ratio_bits takes those.
    if (!xsimd::all((q0 >= B(std::numeric_limits<T>::min())) &
                    (q0 <= B(std::numeric_limits<T>::max()))))
        return log_ratio_bits(a, b);
    const B k(detail::getexp(R(q0 * B(static_cast<T>(1.41421356237309504880)))));
    const B bk(detail::scalef(R(b), R(k)));
    const B s = (a - bk) / (a + bk); // a - b 2^k exact: the two are within a factor 2
    return detail::k_ln2_plus_2_atanh(k, s);
}
#endif

/// ln(a / b) for positive normal a, b (other lanes: unspecified), any instruction set: the
/// exponent split done on the bits.
template <class T, class A>
xsimd::batch<T, A> log_ratio_normal(const xsimd::batch<T, A>& a, const xsimd::batch<T, A>& b) {
    using B = xsimd::batch<T, A>;
    using L = detail::ieee<T>;
    using U = xsimd::batch<typename L::uint, A>;
    using S = xsimd::batch<typename L::sint, A>;
    const U ia = xsimd::bitwise_cast<U>(a);
    const U ib = xsimd::bitwise_cast<U>(b);
    const U ea = ia >> L::mantissa_bits;
    const U eb = ib >> L::mantissa_bits;
    B ma = xsimd::bitwise_cast<B>((ia & U(L::mantissa_mask)) | U(L::one_bits));
    B mb = xsimd::bitwise_cast<B>((ib & U(L::mantissa_mask)) | U(L::one_bits));
    B k = xsimd::bitwise_cast<B>(
              xsimd::bitwise_cast<U>(xsimd::bitwise_cast<S>(ea) - xsimd::bitwise_cast<S>(eb)) +
              U(L::shifter_bits)) -
          B(L::shifter); // ka - kb as a float (see ieee::shifter)
    const B sqrt2(static_cast<T>(1.41421356237309504880));
    const auto up = ma > mb * sqrt2;   // ma / mb in (sqrt 2, 2): halve the ratio
    const auto down = ma * sqrt2 < mb; // ma / mb in (1/2, 1/sqrt 2): double it
    mb = xsimd::select(up, mb + mb, mb);
    ma = xsimd::select(down, ma + ma, ma);
    k = k + xsimd::select(up, B(1), B(0)) - xsimd::select(down, B(1), B(0));
    const B s = (ma - mb) / (ma + mb);
    return detail::k_ln2_plus_2_atanh(k, s);
}

/// ln(a / b) for batches, any instruction set, every lane: log_ratio_normal, with subnormal
/// operands first scaled into the normal range (2^54 or 2^25, taken back as a multiple of
/// ln 2), and zeros, infinities, NaN and negatives given ln of the quotient's IEEE value.
/// (xsimd 8.1's own double log is wrong for subnormal arguments on AVX-512: it gives
/// -746.52 for ln(4.94e-321) = -737.53.)
template <class T, class A>
xsimd::batch<T, A> log_ratio_bits(const xsimd::batch<T, A>& a, const xsimd::batch<T, A>& b) {
    using B = xsimd::batch<T, A>;
    // Floating-point compares (NaN fails them): AVX2 has no unsigned 64-bit compare or max.
    const B lo(std::numeric_limits<T>::min()), hi(std::numeric_limits<T>::max());
    if (xsimd::all((a >= lo) & (a <= hi) & (b >= lo) & (b <= hi))) return log_ratio_normal(a, b);
    const T scale = std::is_same_v<T, double> ? T(18014398509481984.0) : T(33554432.0);
    const T scale_bits = std::is_same_v<T, double> ? T(54) : T(25);
    const auto sub_a = (a < lo) & (a > B(0));
    const auto sub_b = (b < lo) & (b > B(0));
    const B a2 = xsimd::select(sub_a, a * B(scale), a);
    const B b2 = xsimd::select(sub_b, b * B(scale), b);
    const B shift =
        xsimd::select(sub_b, B(scale_bits), B(0)) - xsimd::select(sub_a, B(scale_bits), B(0));
    const B scaled = noneq::fma_if_fast(
        shift, B(detail::ln2_hi<T>),
        noneq::fma_if_fast(shift, B(detail::ln2_lo<T>), log_ratio_normal(a2, b2)));
    const auto normal = (a2 >= lo) & (a2 <= hi) & (b2 >= lo) & (b2 <= hi);
    return xsimd::select(normal, scaled, xsimd::log(a / b));
}

/// e^x and x / (e^x - 1), the pair every GHK-type formula needs.
template <class V>
struct exp_exprel_result {
    V exp;
    V exprel;
};

namespace detail {
/// e^x = scale (1 + p) with scale = 2^k, k = round(x / ln 2), and p = expm1(r) for the reduced
/// r = x - k ln 2 (|r| <= ln 2 / 2), for |x| within ieee<T>::exp_limit.
template <class B>
struct exp_reduction {
    B scale, p;
};
template <class T, class A>
exp_reduction<xsimd::batch<T, A>> reduce_exp(const xsimd::batch<T, A>& x) {
    using B = xsimd::batch<T, A>;
    using L = ieee<T>;
    using U = xsimd::batch<typename L::uint, A>;
    // k = round(x / ln 2), in t's low bits and as t - shifter (see ieee::shifter).
    const B t = noneq::fma_if_fast(x, B(static_cast<T>(1.44269504088896340736)), B(L::shifter));
    const B k = t - B(L::shifter);
    B r = noneq::fma_if_fast(-k, B(ln2_hi<T>), x);
    r = noneq::fma_if_fast(-k, B(ln2_lo<T>), r);
    const B p = noneq::fma_if_fast(r * r, expm1_series(r), r);
    // 2^k: k + bias into the exponent field (t's bits above the exponent field shift out).
    const B scale =
        xsimd::bitwise_cast<B>((xsimd::bitwise_cast<U>(t) + U(L::bias)) << L::mantissa_bits);
    return {scale, p};
}
// The rare lanes beyond the fast range: out of line and cold, so that the hot loops that inline
// every exp (a population's step) do not carry xsimd's whole exp/expm1 once per call site.
template <class T, class A>
[[gnu::noinline, gnu::cold]] xsimd::batch<T, A> exp_slow(const xsimd::batch<T, A>& x) {
    return xsimd::exp(x);
}
template <class T, class A>
[[gnu::noinline, gnu::cold]] xsimd::batch<T, A> expm1_slow(const xsimd::batch<T, A>& x) {
    return xsimd::expm1(x);
}
template <class T, class A>
bool exp_in_range(const xsimd::batch<T, A>& x) {
    using B = xsimd::batch<T, A>;
    return xsimd::all(xsimd::abs(x) <= B(ieee<T>::exp_limit));
}
} // namespace detail

/// e^x for batches (~1 ulp); xsimd's exp when a lane is outside |x| <= 708 (87 in float) or NaN.
template <class T, class A>
xsimd::batch<T, A> exp(const xsimd::batch<T, A>& x) {
    if (!detail::exp_in_range(x)) [[unlikely]]
        return detail::exp_slow(x);
    const auto e = detail::reduce_exp(x);
    return noneq::fma_if_fast(e.scale, e.p, e.scale);
}

/// e^x - 1 for batches (~1 ulp, exact through x = 0), from the same reduction; xsimd's expm1
/// outside the range of exp above.
template <class T, class A>
xsimd::batch<T, A> expm1(const xsimd::batch<T, A>& x) {
    using B = xsimd::batch<T, A>;
    if (!detail::exp_in_range(x)) [[unlikely]]
        return detail::expm1_slow(x);
    const auto e = detail::reduce_exp(x);
    return noneq::fma_if_fast(e.scale, e.p, e.scale - B(1));
}

/// {e^x, x / (e^x - 1)} for batches; `fallback(x)` supplies both when a lane is outside the
/// fast path's range (|x| > 708 in double, 87 in float, or NaN).
template <class T, class A, class Fallback>
exp_exprel_result<xsimd::batch<T, A>> exp_exprel(const xsimd::batch<T, A>& x,
                                                 const Fallback& fallback) {
    using B = xsimd::batch<T, A>;
    if (!detail::exp_in_range(x)) [[unlikely]]
        return fallback(x);
    const auto r = detail::reduce_exp(x);
    const B e = noneq::fma_if_fast(r.scale, r.p, r.scale);
    const B em1 = noneq::fma_if_fast(r.scale, r.p, r.scale - B(1));
    return {e, xsimd::select(x == B(0), B(1), x / em1)};
}

/// ln(a / b) for batches; see the header comment for the method and its accuracy.
template <class T, class A>
xsimd::batch<T, A> log_ratio(const xsimd::batch<T, A>& a, const xsimd::batch<T, A>& b) {
#if XSIMD_WITH_AVX512F
    if constexpr (std::is_base_of_v<xsimd::avx512f, A>) return log_ratio_avx512(a, b);
#endif
    return log_ratio_bits(a, b);
}

} // namespace noneq::simd_math
