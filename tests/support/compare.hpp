// tests/support/compare.hpp — the suite's one way to compare a computed number with an expected
// one: relative to the expected value, with an absolute floor only where it is asked for.
//
//   CHECK(x == rel(expected, 1e-12));          // |x - expected| <= 1e-12 |expected|
//   CHECK(x == rel(0.0, 1e-12, 1e-300));       // zero is the answer: an explicit floor
//   CHECK(i == rel(2.5e-9_A, 1e-12));          // quantities: units must agree, values compared
//
// Why not doctest::Approx: doctest 2.4.9 passes |a - b| < eps (scale + max(|a|, |b|)) with scale
// 1, so for SI values far below 1 (1e-9 A, 1e-3 V) its epsilon is an absolute tolerance and a
// check of a nanoampere current at "1e-12" accepts any value within 1e-12 A, i.e. anything.
// Here the tolerance scales with |expected| alone; NaN never matches.
#pragma once

#include <doctest/doctest.h>

#include <boost/units/quantity.hpp>

#include <cmath>
#include <ostream>
#include <type_traits>

namespace noneq::test {

namespace detail {
template <class T>
struct magnitude {
    using unit = void;
    static long double of(const T& x) { return static_cast<long double>(x); }
};
template <class U, class V>
struct magnitude<boost::units::quantity<U, V>> {
    using unit = U;
    static long double of(const boost::units::quantity<U, V>& q) {
        return static_cast<long double>(q.value());
    }
};
template <class A, class B>
inline constexpr bool same_unit_v =
    std::is_same_v<typename magnitude<A>::unit, typename magnitude<B>::unit>;
} // namespace detail

/// An expected value with a relative tolerance `rtol` and an absolute floor `atol` (same unit as
/// the value; zero unless given).
template <class T>
struct Rel {
    T expected;
    double rtol;
    T atol;

    template <class X>
    bool matches(const X& x) const {
        static_assert(detail::same_unit_v<X, T>, "compared quantities must have the same unit");
        const long double a = detail::magnitude<X>::of(x);
        const long double e = detail::magnitude<T>::of(expected);
        const long double floor = detail::magnitude<T>::of(atol);
        if (std::isnan(a) || std::isnan(e)) return false;
        if (std::isinf(e)) return a == e;
        return std::fabs(a - e) <= static_cast<long double>(rtol) * std::fabs(e) + floor;
    }
};

/// `x == rel(expected, rtol)` holds when |x - expected| <= rtol |expected| (+ atol).
template <class T>
requires(!std::is_arithmetic_v<T>) Rel<T> rel(const T& expected, double rtol, const T& atol = T{}) {
    return Rel<T>{expected, rtol, atol};
}
/// Plain numbers: a float result against a double reference compares as long double.
inline Rel<double> rel(double expected, double rtol, double atol = 0.0) {
    return Rel<double>{expected, rtol, atol};
}

template <class X, class T>
requires detail::same_unit_v<X, T>
bool operator==(const X& x, const Rel<T>& r) {
    return r.matches(x);
}

/// The relative difference |a - b| / |b|, for messages and for checks on an error's size.
template <class A, class B>
requires detail::same_unit_v<A, B>
double rel_diff(const A& a, const B& b) {
    const long double x = detail::magnitude<A>::of(a);
    const long double y = detail::magnitude<B>::of(b);
    return static_cast<double>(std::fabs(x - y) / std::fabs(y));
}

template <class T>
std::ostream& operator<<(std::ostream& os, const Rel<T>& r) {
    const auto old = os.precision(17);
    os << "rel(" << detail::magnitude<T>::of(r.expected) << " +- " << r.rtol << " relative";
    if (detail::magnitude<T>::of(r.atol) != 0) os << " + " << detail::magnitude<T>::of(r.atol);
    os << ')';
    os.precision(old);
    return os;
}

} // namespace noneq::test
