// noneq/kernels/simd.hpp — the machinery every array kernel shares: accepting arrays (std::span,
// std::vector, xt::xtensor and other contiguous containers) and broadcast scalars as inputs,
// validating them once per call, and walking the index range batch by batch with a padded tail.
//
// Array conventions (all kernels):
// - Arrays hold plain numbers in coherent SI units (V, mol/m^3 (= mM), m/s, S/m^2, A/m^2); a
//   per-call scalar is a quantity (unit-checked at compile time) broadcast to every element.
// - All arrays of one call have the same element type, float or double, and the same number of
//   elements as the output; they are read as flat arrays in memory order. Any alignment and any
//   length work: loads are unaligned (as fast as aligned loads on aligned data on current x86),
//   and the last partial batch is loaded into a buffer padded with its own last element, so an
//   element's result never depends on its position or on the length of the array.
// - The output may be the same array as an input (each element is read before it is written),
//   but must not partially overlap one.
// - Inputs are validated once per call, block by block (1024 elements) as they are computed:
//   the loaded batches are summarised on the way (a running minimum and a non-finite flag), and
//   a block whose summary fails is rescanned for its first bad element, which throws
//   noneq::domain_error naming the array, the index and the value (e.g. "argument 'c_in[17]' =
//   -1 mol/m^3 ..."). A call whose output is one of its inputs validates each block before
//   computing it. After a throw, the output's contents are unspecified.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/kernels/parallel.hpp>
#include <noneq/units.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace noneq::kernels {

/// The batch type the kernels use for element type T (the widest the build's target offers).
template <class T>
using batch = xsimd::batch<T>;

/// A contiguous array of float or double: anything with data() and size() (std::vector,
/// std::span, std::array, xt::xtensor, xt::pytensor, a contiguous xt::view). A container that
/// reports is_contiguous() is checked at run time; a view's data_offset() is honoured.
template <class A>
concept contiguous_array = requires(A& a) {
    { a.size() } -> std::convertible_to<std::size_t>;
    requires std::is_pointer_v<decltype(a.data())>;
    requires std::is_floating_point_v<std::remove_cvref_t<decltype(*a.data())>>;
};

/// The element type of a contiguous array.
template <class A>
using element_t = std::remove_cvref_t<decltype(*std::declval<A&>().data())>;

namespace detail {

template <class Q>
struct quantity_traits : std::false_type {};
template <class Unit, class V>
struct quantity_traits<bu::quantity<Unit, V>> : std::true_type {
    using unit_type = Unit;
    using value_t = V;
};

/// A broadcast scalar argument: a quantity over a floating-point value type.
template <class Q>
concept quantity_arg = quantity_traits<std::remove_cvref_t<Q>>::value &&
    std::is_floating_point_v<typename quantity_traits<std::remove_cvref_t<Q>>::value_t>;

/// Pointer to the first element (a strided xtensor view's data() is its container's storage).
template <class A>
auto first_element(A& a) {
    if constexpr (requires { a.data_offset(); })
        return a.data() + a.data_offset();
    else
        return a.data();
}

template <class A>
void require_contiguous(const A& a, std::string_view name) {
    if constexpr (requires {
                      { a.is_contiguous() } -> std::convertible_to<bool>;
                  }) {
        if (!a.is_contiguous())
            throw domain_error("argument '" + std::string(name) +
                               "' is not contiguous in memory (copy it into a container first)");
    }
}

/// An argument's name: a string, or a callable making one (so that a name composed from a list
/// index is only built when it is needed, and a kernel call allocates nothing).
template <class Name>
std::string name_of(const Name& name) {
    if constexpr (std::is_invocable_v<const Name&>)
        return std::string(name());
    else
        return std::string(name);
}

template <class Name>
void require_size(const Name& name, std::size_t got, std::size_t want) {
    if (got != want)
        throw domain_error("argument '" + name_of(name) + "' has " + std::to_string(got) +
                           " elements, expected " + std::to_string(want) +
                           " (the number of elements of the output)");
}

} // namespace detail

/// Loading a whole batch, or the last r < width elements of the array.
struct full_batch {};
struct partial_batch {
    std::size_t r;
};

/// One read-only input of a kernel: a contiguous array, or one value broadcast to all elements.
template <class T>
class input {
public:
    using batch_type = batch<T>;
    static constexpr std::size_t width = batch_type::size;

    /// The value 0 broadcast (a placeholder until assigned).
    input() noexcept : input(nullptr, 0, T(0), true) {}
    static input array(const T* p, std::size_t n) noexcept { return input(p, n, T(0), false); }
    static input broadcast(T value) noexcept { return input(nullptr, 0, value, true); }

    bool is_broadcast() const noexcept { return broadcast_; }
    /// Number of elements of an array input (0 for a broadcast value).
    std::size_t size() const noexcept { return n_; }
    T operator[](std::size_t i) const noexcept { return broadcast_ ? value_ : p_[i]; }
    /// First element of an array input (nullptr for a broadcast value).
    const T* data() const noexcept { return p_; }

    batch_type load(std::size_t i, full_batch) const noexcept {
        return broadcast_ ? batch_type(value_) : batch_type::load_unaligned(p_ + i);
    }
    /// Elements i .. i+r-1; the remaining lanes repeat element i+r-1 (a valid, checked value).
    batch_type load(std::size_t i, partial_batch part) const noexcept {
        if (broadcast_) return batch_type(value_);
        T buf[width];
        std::copy_n(p_ + i, part.r, buf);
        std::fill(buf + part.r, buf + width, p_[i + part.r - 1]);
        return batch_type::load_unaligned(buf);
    }

private:
    input(const T* p, std::size_t n, T v, bool b) noexcept
        : p_(p), n_(n), value_(v), broadcast_(b) {}
    const T* p_;
    std::size_t n_;
    T value_;
    bool broadcast_;
};

/// Stores a whole batch, or its first r lanes.
template <class T>
void store(T* out, std::size_t i, const batch<T>& v, full_batch) noexcept {
    v.store_unaligned(out + i);
}
template <class T>
void store(T* out, std::size_t i, const batch<T>& v, partial_batch part) noexcept {
    T buf[batch<T>::size];
    v.store_unaligned(buf);
    std::copy_n(buf, part.r, out + i);
}

namespace detail {

/// The kernel input for argument `name`: a contiguous array of element type T (checked for
/// contiguity), or a quantity in one of `Units` broadcast to every element.
template <class T, class... Units, class X>
input<T> make_input(const X& x, std::string_view name) {
    if constexpr (quantity_arg<X>) {
        using U = typename quantity_traits<X>::unit_type;
        static_assert((std::is_same_v<U, Units> || ...),
                      "noneq::kernels: this broadcast argument has the wrong unit");
        return input<T>::broadcast(static_cast<T>(x.value()));
    } else {
        static_assert(contiguous_array<const X>,
                      "noneq::kernels: an argument must be a contiguous array (data(), size()) "
                      "or a quantity broadcast to every element");
        static_assert(std::is_same_v<element_t<const X>, T>,
                      "noneq::kernels: all arrays of one call must have the same element type");
        require_contiguous(x, name);
        return input<T>::array(first_element(x), static_cast<std::size_t>(x.size()));
    }
}

/// As above, and an array must have n elements.
template <class T, class... Units, class X>
input<T> make_input(const X& x, std::string_view name, std::size_t n) {
    const input<T> in = make_input<T, Units...>(x, name);
    if (!in.is_broadcast()) require_size(name, in.size(), n);
    return in;
}

/// The output array as (pointer, size), checked for contiguity.
template <class A>
element_t<A>* output_pointer(A& out, std::string_view name) {
    static_assert(!std::is_const_v<std::remove_reference_t<decltype(*out.data())>>,
                  "noneq::kernels: the output array must be writable");
    require_contiguous(out, name);
    return first_element(out);
}

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

/// Calls body(i, full_batch{}) for each whole batch in [b, e), then body(i, partial_batch{r})
/// for the remaining r elements, if any.
template <class T, class Body>
inline void for_each_batch(std::size_t b, std::size_t e, Body&& body) {
    constexpr std::size_t W = batch<T>::size;
    std::size_t i = b;
    for (; i + W <= e; i += W)
        body(i, full_batch{});
    if (i < e) body(i, partial_batch{e - i});
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

/// out[i] = f(in[0][i], in[1][i], ...) over [b, e), with a validation summary of each input.
/// Flattened, and kept out of line so that the attribute holds: the formula template and all it
/// calls are inlined into the loop whatever the inliner's budget for the translation unit (an
/// out-of-line exprel costs the GHK current ~15 %). The inputs and summaries are locals whose
/// address never escapes, so the (may-alias) vector stores to `out` cannot clobber them.
template <class... Pred, class T, class F, std::size_t N, std::size_t... K>
[[gnu::flatten, gnu::noinline]] void
elementwise_block(std::index_sequence<K...>, const F& f, T* out,
                  const std::array<input<T>, N>& inputs, std::size_t b, std::size_t e,
                  std::array<block_summary<T>, N>& summaries) {
    const std::array<input<T>, N> in = inputs;
    // The formula too: a kernel's lambda captures its per-call values (valence, temperature) by
    // value, and a local copy lets the compiler hoist what they determine (RT/zF) out of the loop.
    const F fn = f;
    std::array<block_summary<T>, N> sums;
    for_each_batch<T>(b, e, [&](std::size_t i, auto part) {
        store(out, i, fn(noted<Pred>(sums[K], in[K].load(i, part))...), part);
    });
    summaries = sums;
}

template <class T, class F, class... Pred, std::size_t... K>
void elementwise_impl(std::index_sequence<K...> seq, const execution& ex, T* out, std::size_t n,
                      const F& f, const checked<T, Pred>&... args) {
    (check_broadcast(args.in, args.name, args.unit, args.ok), ...);
    // An output that is one of the inputs is overwritten before a failed block could be
    // rescanned for its first bad index: such calls validate each block before computing it.
    const bool aliased = ((!args.in.is_broadcast() && args.in.data() == out) || ...);
    const std::array<input<T>, sizeof...(K)> in{args.in...};
    run_partitioned(ex, n, [&](std::size_t begin, std::size_t end) {
        std::array<block_summary<T>, sizeof...(K)> sums;
        for (std::size_t b = begin; b < end; b += block_size) {
            const std::size_t e = std::min(end, b + block_size);
            if (aliased) (check_block(args.in, b, e, args.name, args.unit, args.ok), ...);
            // Otherwise validation is fused into the computation: the loaded batches (a partial
            // batch is padded with its own last element) are summarised as they go by, and a
            // block whose summary fails is rescanned for its first bad element, which throws.
            elementwise_block<Pred...>(seq, f, out, in, b, e, sums);
            if (!aliased && !(args.ok(sums[K]) && ...))
                (check_block(args.in, b, e, args.name, args.unit, args.ok), ...);
        }
    });
}

/// out[i] = f(x1[i], x2[i], ...) over [0, n) under `ex`, f taking and returning batch<T>; the
/// inputs are validated once, each element just before or as it is used.
template <class T, class F, class... Pred>
void elementwise(const execution& ex, T* out, std::size_t n, const F& f,
                 const checked<T, Pred>&... args) {
    elementwise_impl(std::index_sequence_for<Pred...>{}, ex, out, n, f, args...);
}

} // namespace detail
} // namespace noneq::kernels
