// noneq/kernels/arrays.hpp — how the array kernels take their arguments: contiguous arrays
// (std::span, std::vector, xt::xtensor and other contiguous containers) and broadcast quantities
// as inputs, loaded batch by batch with a padded tail, and the output array. The conventions are
// in kernels/simd.hpp.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/units.hpp>

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

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

} // namespace detail
} // namespace noneq::kernels
