// noneq/core/dual.hpp — forward-mode dual numbers, a value type for sensitivities.
//
//   dual<double> p(0.12, 1.0);          // the parameter, seeded: dp/dp = 1
//   auto y = some_formula(x, p);         // any noneq formula over its value type V
//   y.v, y.d                             // the value, and dy/dp exact to rounding
//
// A dual number a + b eps (eps^2 = 0) carries a value and one directional derivative. Every
// formula written once over its value type V (DESIGN.md) accepts dual<double> as V: arithmetic,
// comparisons (on the value, as branches must), and the math functions exp, expm1, log, log1p,
// sqrt, cbrt, pow, abs, sin, cos, tanh, found by argument-dependent lookup (`using std::exp;
// exp(x)`), so that Boost.Units quantities over dual<double> (quantity<Unit, dual<double>>) work
// too. scalar_t<dual<T>> is T, so `V(scalar_t<V>(c))` makes a constant (derivative 0).
//
// One derivative per number: for k parameters evaluate k times (or use CVODES, integrate/
// cvodes.hpp). A dual is not a batch: lanes() is 1. Branches compare values, so a derivative is
// that of the branch taken (exact away from the branch point, as for finite differences).
#pragma once

#include <noneq/core/value_traits.hpp>

#include <cmath>
#include <concepts>
#include <limits>
#include <ostream>
#include <type_traits>

namespace noneq {

template <class T>
struct dual {
    static_assert(std::is_floating_point_v<T>, "dual<T>: T must be a floating-point type");
    using value_type = T;
    T v{}; ///< the value
    T d{}; ///< its derivative along the seeded direction

    constexpr dual() = default;
    /// A constant (derivative 0): implicit, so that a formula's literals convert as for T.
    template <class A>
    requires std::is_arithmetic_v<A>
    constexpr dual(A x) : v(static_cast<T>(x)) {}
    constexpr dual(T x, T dx) : v(x), d(dx) {}
    /// The value alone, explicitly (an error message naming a bad argument's value).
    template <class A>
    requires std::is_arithmetic_v<A>
    explicit constexpr operator A() const { return static_cast<A>(v); }

    constexpr dual& operator+=(const dual& o) {
        v += o.v;
        d += o.d;
        return *this;
    }
    constexpr dual& operator-=(const dual& o) {
        v -= o.v;
        d -= o.d;
        return *this;
    }
    constexpr dual& operator*=(const dual& o) {
        d = d * o.v + v * o.d;
        v *= o.v;
        return *this;
    }
    constexpr dual& operator/=(const dual& o) {
        const T q = v / o.v;
        d = (d - q * o.d) / o.v;
        v = q;
        return *this;
    }
};

template <class T>
struct scalar_of<dual<T>> {
    using type = T;
};

template <class X>
struct is_dual : std::false_type {};
template <class T>
struct is_dual<dual<T>> : std::true_type {};
template <class X>
inline constexpr bool is_dual_v = is_dual<X>::value;

/// The value and the derivative of a dual; a plain number is its own value, derivative 0.
template <class X>
constexpr auto value_of(const X& x) {
    if constexpr (is_dual_v<X>)
        return x.v;
    else
        return x;
}
template <class X>
constexpr auto derivative_of(const X& x) {
    if constexpr (is_dual_v<X>)
        return x.d;
    else
        return X(0);
}

// ---- arithmetic: dual with dual, and with a plain number on either side -----------------------
template <class T>
constexpr dual<T> operator+(const dual<T>& a) {
    return a;
}
template <class T>
constexpr dual<T> operator-(const dual<T>& a) {
    return {-a.v, -a.d};
}
template <class T>
constexpr dual<T> operator+(dual<T> a, const dual<T>& b) {
    return a += b;
}
template <class T>
constexpr dual<T> operator-(dual<T> a, const dual<T>& b) {
    return a -= b;
}
template <class T>
constexpr dual<T> operator*(dual<T> a, const dual<T>& b) {
    return a *= b;
}
template <class T>
constexpr dual<T> operator/(dual<T> a, const dual<T>& b) {
    return a /= b;
}
#define NONEQ_DUAL_MIXED(op)                                                                       \
    template <class T, class A>                                                                    \
    requires std::is_arithmetic_v<A>                                                               \
    constexpr dual<T> operator op(const dual<T>& a, A b) {                                         \
        return a op dual<T>(b);                                                                    \
    }                                                                                              \
    template <class T, class A>                                                                    \
    requires std::is_arithmetic_v<A>                                                               \
    constexpr dual<T> operator op(A a, const dual<T>& b) {                                         \
        return dual<T>(a) op b;                                                                    \
    }
NONEQ_DUAL_MIXED(+)
NONEQ_DUAL_MIXED(-)
NONEQ_DUAL_MIXED(*)
NONEQ_DUAL_MIXED(/)
#undef NONEQ_DUAL_MIXED

// ---- comparisons: on the value ------------------------------------------------------------------
template <class T>
constexpr bool operator==(const dual<T>& a, const dual<T>& b) {
    return a.v == b.v;
}
template <class T>
constexpr auto operator<=>(const dual<T>& a, const dual<T>& b) {
    return a.v <=> b.v;
}
template <class T, class A>
requires std::is_arithmetic_v<A>
constexpr bool operator==(const dual<T>& a, A b) {
    return a.v == static_cast<T>(b);
}
template <class T, class A>
requires std::is_arithmetic_v<A>
constexpr auto operator<=>(const dual<T>& a, A b) {
    return a.v <=> static_cast<T>(b);
}

// ---- math, found by ADL: f(a + b eps) = f(a) + f'(a) b eps --------------------------------------
template <class T>
dual<T> exp(const dual<T>& a) {
    const T e = std::exp(a.v);
    return {e, e * a.d};
}
template <class T>
dual<T> expm1(const dual<T>& a) {
    return {std::expm1(a.v), std::exp(a.v) * a.d};
}
template <class T>
dual<T> log(const dual<T>& a) {
    return {std::log(a.v), a.d / a.v};
}
template <class T>
dual<T> log1p(const dual<T>& a) {
    return {std::log1p(a.v), a.d / (T(1) + a.v)};
}
template <class T>
dual<T> log10(const dual<T>& a) {
    return {std::log10(a.v), a.d / (a.v * std::log(T(10)))};
}
template <class T>
dual<T> sqrt(const dual<T>& a) {
    const T s = std::sqrt(a.v);
    return {s, a.d / (T(2) * s)};
}
template <class T>
dual<T> cbrt(const dual<T>& a) {
    const T s = std::cbrt(a.v);
    return {s, a.d / (T(3) * s * s)};
}
template <class T>
dual<T> pow(const dual<T>& a, const dual<T>& b) {
    const T p = std::pow(a.v, b.v);
    // d(a^b) = b a^(b-1) da + a^b ln(a) db; the second term only where b varies
    const T db = b.d == T(0) ? T(0) : p * std::log(a.v) * b.d;
    return {p, b.v * std::pow(a.v, b.v - T(1)) * a.d + db};
}
template <class T, class A>
requires std::is_arithmetic_v<A> dual<T> pow(const dual<T>& a, A b) {
    return pow(a, dual<T>(b));
}
template <class T, class A>
requires std::is_arithmetic_v<A> dual<T> pow(A a, const dual<T>& b) {
    return pow(dual<T>(a), b);
}
template <class T>
dual<T> abs(const dual<T>& a) {
    return a.v < T(0) ? -a : a;
}
template <class T>
dual<T> fabs(const dual<T>& a) {
    return abs(a);
}
template <class T>
dual<T> sin(const dual<T>& a) {
    return {std::sin(a.v), std::cos(a.v) * a.d};
}
template <class T>
dual<T> cos(const dual<T>& a) {
    return {std::cos(a.v), -std::sin(a.v) * a.d};
}
template <class T>
dual<T> tanh(const dual<T>& a) {
    const T t = std::tanh(a.v);
    return {t, (T(1) - t * t) * a.d};
}
template <class T>
dual<T> fma(const dual<T>& a, const dual<T>& b, const dual<T>& c) {
    return a * b + c;
}
template <class T>
dual<T> max(const dual<T>& a, const dual<T>& b) {
    return a.v < b.v ? b : a;
}
template <class T>
dual<T> min(const dual<T>& a, const dual<T>& b) {
    return b.v < a.v ? b : a;
}
/// Finite when both the value and the derivative are.
template <class T>
bool isfinite(const dual<T>& a) {
    return std::isfinite(a.v) && std::isfinite(a.d);
}
template <class T>
bool isnan(const dual<T>& a) {
    return std::isnan(a.v) || std::isnan(a.d);
}
template <class T>
bool signbit(const dual<T>& a) {
    return std::signbit(a.v);
}

template <class T>
std::ostream& operator<<(std::ostream& os, const dual<T>& a) {
    return os << a.v << " + " << a.d << " eps";
}

} // namespace noneq

/// The limits of the value type (a formula that asks for dual's min() or epsilon() means T's).
template <class T>
class std::numeric_limits<noneq::dual<T>> : public std::numeric_limits<T> {};
