// noneq/core/simd_math.hpp — the two elementary functions the array kernels spend their time in,
// written for xsimd batches of float and double:
//
//   log_ratio(a, b) = ln(a / b)           with one division, accurate relative to itself (~2 ulp
//                                          measured) even where a ~ b and ln(a/b) ~ 0;
//   exp_exprel(x)   = {e^x, x / (e^x - 1)} from one argument reduction and one polynomial.
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
// Q the Taylor series sum_j 2 z^j / (2j + 3) cut where the next term is below 0.2 ulp (9 terms
// in double, 4 in float). k ln 2 uses fdlibm's split ln 2 = hi + lo, hi with 21 trailing zero
// bits (9 in float), so k hi is exact for every exponent difference. With AVX-512F the split is
// b 2^k directly: k = getexp(q sqrt 2) from q = a rcp14(b) (a / b to 2^-14), scalef(b, k), and
// s = (a - b 2^k) / (a + b 2^k), a third fewer instructions than the bit manipulation.
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
    static constexpr uint max_normal_exponent = 0x7fe; // biased
    static constexpr sint bias = 1023;
    static constexpr uint mantissa_mask = 0x000fffffffffffffULL;
    static constexpr uint one_bits = 0x3ff0000000000000ULL;
    static constexpr double exp_limit = 708.0;
};
template <>
struct ieee<float> {
    using uint = std::uint32_t;
    using sint = std::int32_t;
    static constexpr int mantissa_bits = 23;
    static constexpr uint max_normal_exponent = 0xfe;
    static constexpr sint bias = 127;
    static constexpr uint mantissa_mask = 0x007fffffU;
    static constexpr uint one_bits = 0x3f800000U;
    static constexpr float exp_limit = 87.0f;
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

/// 2 atanh(s) / s - 2 = z Q(z) with z = s^2: Q(z) = sum_j 2 z^j / (2j + 3).
template <class B>
B atanh_series(const B& z) {
    if constexpr (std::is_same_v<typename B::value_type, double>)
        return horner(z, 2.0 / 3, 2.0 / 5, 2.0 / 7, 2.0 / 9, 2.0 / 11, 2.0 / 13, 2.0 / 15, 2.0 / 17,
                      2.0 / 19);
    else
        return horner(z, 2.0 / 3, 2.0 / 5, 2.0 / 7, 2.0 / 9);
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

} // namespace detail

template <class T, class A>
xsimd::batch<T, A> log_ratio_bits(const xsimd::batch<T, A>& a, const xsimd::batch<T, A>& b);

#if XSIMD_WITH_AVX512F
/// AVX-512F form of log_ratio_bits below: the exponent split comes from rcp14/getexp/scalef, so
/// that b 2^k is formed directly, a / (b 2^k) in [1/sqrt 2, sqrt 2] up to rcp14's 2^-14.
template <class T, class A>
xsimd::batch<T, A> log_ratio_avx512(const xsimd::batch<T, A>& a, const xsimd::batch<T, A>& b) {
    using B = xsimd::batch<T, A>;
    B q0, k, bk;
    if constexpr (std::is_same_v<T, double>) {
        q0 = B(_mm512_mul_pd(a, _mm512_rcp14_pd(b)));
        // q0 ~ a / b is outside the normal range when a or b is zero, subnormal, infinite, NaN
        // or negative, or when the quotient itself is not normal (a subnormal q0 has too few
        // bits to place k): log_ratio_bits takes those.
        if (!xsimd::all((q0 >= B(std::numeric_limits<T>::min())) &
                        (q0 <= B(std::numeric_limits<T>::max()))))
            return log_ratio_bits(a, b);
        k = B(_mm512_getexp_pd(q0 * B(static_cast<T>(1.41421356237309504880))));
        bk = B(_mm512_scalef_pd(b, k));
    } else {
        q0 = B(_mm512_mul_ps(a, _mm512_rcp14_ps(b)));
        if (!xsimd::all((q0 >= B(std::numeric_limits<T>::min())) &
                        (q0 <= B(std::numeric_limits<T>::max()))))
            return log_ratio_bits(a, b);
        k = B(_mm512_getexp_ps(q0 * B(static_cast<T>(1.41421356237309504880))));
        bk = B(_mm512_scalef_ps(b, k));
    }
    const B s = (a - bk) / (a + bk); // a - b 2^k exact: the two are within a factor 2
    const B z = s * s;
    const B r = noneq::fma_if_fast(s * z, detail::atanh_series(z),
                                   noneq::fma_if_fast(k, B(detail::ln2_lo<T>), s + s));
    return noneq::fma_if_fast(k, B(detail::ln2_hi<T>), r);
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
    B k = xsimd::to_float(xsimd::bitwise_cast<S>(ea) - xsimd::bitwise_cast<S>(eb));
    const B sqrt2(static_cast<T>(1.41421356237309504880));
    const auto up = ma > mb * sqrt2;   // ma / mb in (sqrt 2, 2): halve the ratio
    const auto down = ma * sqrt2 < mb; // ma / mb in (1/2, 1/sqrt 2): double it
    mb = xsimd::select(up, mb + mb, mb);
    ma = xsimd::select(down, ma + ma, ma);
    k = k + xsimd::select(up, B(1), B(0)) - xsimd::select(down, B(1), B(0));
    const B s = (ma - mb) / (ma + mb);
    const B z = s * s;
    const B r = noneq::fma_if_fast(s * z, detail::atanh_series(z),
                                   noneq::fma_if_fast(k, B(detail::ln2_lo<T>), s + s));
    return noneq::fma_if_fast(k, B(detail::ln2_hi<T>), r);
}

/// ln(a / b) for batches, any instruction set, every lane: log_ratio_normal, with subnormal
/// operands first scaled into the normal range (2^54 or 2^25, taken back as a multiple of
/// ln 2), and zeros, infinities, NaN and negatives given ln of the quotient's IEEE value.
/// (xsimd 8.1's own double log is wrong for subnormal arguments on AVX-512: it gives
/// -746.52 for ln(4.94e-321) = -737.53.)
template <class T, class A>
xsimd::batch<T, A> log_ratio_bits(const xsimd::batch<T, A>& a, const xsimd::batch<T, A>& b) {
    using B = xsimd::batch<T, A>;
    using L = detail::ieee<T>;
    using U = xsimd::batch<typename L::uint, A>;
    const U ea = xsimd::bitwise_cast<U>(a) >> L::mantissa_bits;
    const U eb = xsimd::bitwise_cast<U>(b) >> L::mantissa_bits;
    // Biased exponents in [1, max] for positive normal finite a, b; 0 (zero, subnormal), max + 1
    // (inf, NaN) and a set sign bit all land outside once 1 is subtracted (unsigned wrap).
    if (!xsimd::any(xsimd::max(ea - U(1), eb - U(1)) >= U(L::max_normal_exponent)))
        return log_ratio_normal(a, b);
    const B lo(std::numeric_limits<T>::min()), hi(std::numeric_limits<T>::max());
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

/// {e^x, x / (e^x - 1)} for batches; `fallback(x)` supplies both when a lane is outside the
/// fast path's range (|x| > 708 in double, 87 in float, or NaN).
template <class T, class A, class Fallback>
exp_exprel_result<xsimd::batch<T, A>> exp_exprel(const xsimd::batch<T, A>& x,
                                                 const Fallback& fallback) {
    using B = xsimd::batch<T, A>;
    using L = detail::ieee<T>;
    using U = xsimd::batch<typename L::uint, A>;
    using S = xsimd::batch<typename L::sint, A>;
    if (!xsimd::all(xsimd::abs(x) <= B(L::exp_limit))) return fallback(x);
    const B k = xsimd::nearbyint(x * B(static_cast<T>(1.44269504088896340736)));
    B r = noneq::fma_if_fast(-k, B(detail::ln2_hi<T>), x);
    r = noneq::fma_if_fast(-k, B(detail::ln2_lo<T>), r);
    const B p = noneq::fma_if_fast(r * r, detail::expm1_series(r), r);
    const S ki = xsimd::to_int(k);
    const B scale =
        xsimd::bitwise_cast<B>(xsimd::bitwise_cast<U>(ki + S(L::bias)) << L::mantissa_bits);
    const B e = noneq::fma_if_fast(scale, p, scale);
    const B em1 = noneq::fma_if_fast(scale, p, scale - B(1));
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
