// noneq/kernels/validation.hpp — validating a kernel's inputs once per call: the predicates
// (positive, non-negative, finite, a run-time magnitude bound), the per-block SIMD summary that
// decides whether a block is clean, and the rescan that names the first bad element.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/kernels/arrays.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace noneq::kernels::detail {

// ---- validation predicates -----------------------------------------------------------------
// Each has a scalar test (NaN fails it) and a batch accumulator for the fast pass over a block:
// the running minimum (for the sign) and the running sum, which is non-finite once any x is NaN
// or infinite (and, rarely, when finite values overflow it: then the block is rescanned and
// nothing is found). Both are one cheap operation per batch (a chain of mask ANDs is not, on
// AVX-512), and a block's verdict is read once at its end.
template <class V>
V inf_of() {
    return V(std::numeric_limits<scalar_t<V>>::infinity());
}

template <class T>
struct block_summary {
    batch<T> lo = batch<T>(std::numeric_limits<T>::infinity());
    batch<T> total = batch<T>(T(0));
    void add(const batch<T>& x) { add(x, x); }
    /// Several arrays at once: their elementwise minimum and their sum. The running sum is
    /// non-finite once any term is (inf, NaN); a finite sum that overflows only costs a rescan
    /// that finds nothing. One add, not a multiply and an OR: validation is a visible share of
    /// a kernel's instructions.
    void add(const batch<T>& min_of, const batch<T>& sum_of) {
        lo = xsimd::min(lo, min_of);
        total = total + sum_of;
    }
    bool finite() const { return xsimd::all(total * batch<T>(T(0)) == batch<T>(T(0))); }
};

/// The predicates: a scalar test, a block-summary test, and `prepare`, what of each loaded batch
/// the summary records (the batch itself, unless said otherwise).
struct summarise_as_is {
    template <class T>
    static const batch<T>& prepare(const batch<T>& x) {
        return x;
    }
};
struct positive_finite : summarise_as_is {
    static constexpr std::string_view allowed = "> 0, finite";
    template <class T>
    bool operator()(T x) const {
        return x > T(0) && x < inf_of<T>();
    }
    template <class T>
    bool operator()(const block_summary<T>& s) const {
        return s.finite() && xsimd::all(s.lo > batch<T>(T(0)));
    }
};
struct nonnegative_finite : summarise_as_is {
    static constexpr std::string_view allowed = ">= 0, finite";
    template <class T>
    bool operator()(T x) const {
        return x >= T(0) && x < inf_of<T>();
    }
    template <class T>
    bool operator()(const block_summary<T>& s) const {
        return s.finite() && xsimd::all(s.lo >= batch<T>(T(0)));
    }
};
struct finite : summarise_as_is {
    static constexpr std::string_view allowed = "finite";
    template <class T>
    bool operator()(T x) const {
        return x > -inf_of<T>() && x < inf_of<T>();
    }
    template <class T>
    bool operator()(const block_summary<T>& s) const {
        return s.finite();
    }
};
/// Finite with |x| <= bound (a bound known only at run time, e.g. from T and z); the summary
/// records -|x| (one OR of the sign bit), whose minimum is -max |x|.
struct magnitude_within {
    double bound;
    std::string allowed;
    template <class T>
    bool operator()(T x) const {
        return std::abs(static_cast<double>(x)) <= bound; // NaN and infinities fail
    }
    template <class T>
    static batch<T> prepare(const batch<T>& x) {
        return x | batch<T>(T(-0.0));
    }
    template <class T>
    bool operator()(const block_summary<T>& s) const {
        return s.finite() && xsimd::all(s.lo >= batch<T>(T(-bound)));
    }
};

template <class Name>
[[noreturn]] void throw_bad_element(const Name& name, std::size_t i, long double value,
                                    std::string_view allowed, std::string_view unit) {
    throw domain_error(name_of(name) + '[' + std::to_string(i) + ']', value, allowed, unit);
}

/// Checks elements [b, e) of an array input (a broadcast input is checked once, by
/// check_broadcast). A SIMD pass decides; only a failing block is rescanned for the first bad
/// index.
template <class T, class Name, class Pred>
void check_block(const input<T>& in, std::size_t b, std::size_t e, const Name& name,
                 std::string_view unit, const Pred& ok) {
    if (in.is_broadcast()) return;
    constexpr std::size_t W = batch<T>::size;
    block_summary<T> summary;
    std::size_t i = b;
    for (; i + W <= e; i += W)
        summary.add(Pred::prepare(in.load(i, full_batch{})));
    bool all_good = ok(summary);
    for (; i < e; ++i)
        all_good = all_good && ok(in[i]);
    if (all_good) return;
    for (i = b; i < e; ++i)
        if (!ok(in[i])) throw_bad_element(name, i, in[i], ok.allowed, unit);
}

template <class T, class Name, class Pred>
void check_broadcast(const input<T>& in, const Name& name, std::string_view unit, const Pred& ok) {
    if (in.is_broadcast() && !ok(in[0])) throw domain_error(name_of(name), in[0], ok.allowed, unit);
}

/// An input with its validation: the predicate, and the name and unit a message gives.
template <class T, class Pred>
struct checked {
    input<T> in;
    std::string_view name;
    std::string_view unit;
    Pred ok;
};

template <class Pred, class T>
checked<T, Pred> check_as(const input<T>& in, std::string_view name, std::string_view unit,
                          Pred ok = Pred{}) {
    return {in, name, unit, std::move(ok)};
}

/// The GHK kernels' test of v: finite and |z F v / (R T)| <= 700, the scalar ghk_current's range
/// (flux/ghk_current.hpp), for valence z != 0 at temperature T (K).
inline magnitude_within ghk_voltage_range(int z, double T) {
    const double bound = 700.0 * thermal_voltage(make<unit::temperature>(T)).value() / std::abs(z);
    char text[96];
    std::snprintf(text, sizeof text, "finite, |z F v / (R T)| <= 700 (here |v| <= %.6g V)", bound);
    return {bound, text};
}

/// x, after adding what predicate P records of it to the summary s.
template <class P, class T>
inline const batch<T>& noted(block_summary<T>& s, const batch<T>& x) {
    s.add(P::prepare(x));
    return x;
}

} // namespace noneq::kernels::detail
