// noneq/cellml/quantity.hpp — the compile-time unit check of models imported from CellML.
//
// A CellML model declares arbitrary derived units (mM/ms, pA/pF, uL/(F ms), ...). The converter
// (tools/cellml, noneq-cellml) reduces each one to SI base dimensions and a scale factor and
// converts every value to coherent SI at the model's boundary (initial values, constants,
// literals, the state in and the rates out), so that inside a generated right-hand side only the
// DIMENSION of a value remains to be checked. That is what `q<D, V>` does: one value of any value
// type V (double, float, an xsimd batch) tagged with a dimension vector D (exponents of kg, m, s,
// A, K, mol, cd). Adding metres to seconds, taking exp() of a voltage, or returning mM/s as the
// rate of a voltage does not compile. The tag costs nothing at run time (the struct is the value).
//
// Why not Boost.Units: a model has a few hundred equations, and each CellML unit would need a
// Boost.Units unit type built from its base dimensions; with 64 corpus models and xsimd value
// types that is far slower to compile than one small dimension vector, and buys nothing more
// (the scale factors are already gone: everything is coherent SI). Quantities cross into the rest
// of noneq as plain SI values (si_value), as they do in every kernel.
#pragma once

#include <noneq/core/exprel.hpp>
#include <noneq/core/value_traits.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>

namespace noneq::cellml {

/// Exponents of the SI base dimensions kg, m, s, A, K, mol, cd, as numerators over a common
/// denominator (a Hill term's [Ca]^1.9 is m^-5.7 mol^1.9: numerators -57 and 19 over 10), always
/// reduced, so that one dimension has one type.
struct exponents {
    int n[7];
    int den;
};

namespace detail {
constexpr int gcd(int a, int b) {
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b != 0) {
        const int t = a % b;
        a = b;
        b = t;
    }
    return a;
}
constexpr exponents reduce(exponents e) {
    if (e.den < 0) {
        e.den = -e.den;
        for (int& x : e.n)
            x = -x;
    }
    int g = e.den;
    for (int x : e.n)
        g = gcd(g, x);
    if (g > 1) {
        e.den /= g;
        for (int& x : e.n)
            x /= g;
    }
    return e;
}
constexpr exponents combine(exponents a, exponents b, int sign) {
    exponents r{};
    r.den = a.den * b.den;
    for (int i = 0; i < 7; ++i)
        r.n[i] = a.n[i] * b.den + sign * b.n[i] * a.den;
    return reduce(r);
}
constexpr exponents scale(exponents a, int num, int den) {
    exponents r{};
    r.den = a.den * den;
    for (int i = 0; i < 7; ++i)
        r.n[i] = a.n[i] * num;
    return reduce(r);
}
} // namespace detail

/// A dimension, by its reduced exponents.
template <exponents E>
struct basic_dim {
    static constexpr exponents value = E;
};

/// dim<kg, m, s, A, K, mol, cd> (integer exponents), or with an 8th argument their common
/// denominator: dim<0, -57, 0, 0, 0, 19, 0, 10> is (mol/m^3)^1.9.
template <int Kg, int M, int S, int A, int K, int Mol, int Cd, int Den = 1>
using dim = basic_dim<detail::reduce(exponents{{Kg, M, S, A, K, Mol, Cd}, Den})>;
using dimless = dim<0, 0, 0, 0, 0, 0, 0>;

template <class D1, class D2>
using dim_mul = basic_dim<detail::combine(D1::value, D2::value, 1)>;
template <class D1, class D2>
using dim_div = basic_dim<detail::combine(D1::value, D2::value, -1)>;
template <class D, int N, int Den = 1>
using dim_pow = basic_dim<detail::scale(D::value, N, Den)>;

/// One value of dimension D in coherent SI.
template <class D, class V>
struct q {
    using dimension = D;
    using value_type = V;
    V v;
};

namespace detail {
template <class A, class B>
using common = std::remove_cvref_t<decltype(std::declval<A>() + std::declval<B>())>;
template <class T, class V>
T as(const V& v) {
    return T(v);
}
template <class C>
constexpr bool is_batch_bool = !std::is_same_v<std::remove_cvref_t<C>, bool>;
} // namespace detail

/// A value computed from constants only, as the value type of a right-hand side.
template <class V, class D, class U>
q<D, V> widen(const q<D, U>& x) {
    return {V(scalar_t<V>(x.v))};
}

/// A value of dimension D from an SI number (a literal or constant of the model).
template <class D, class V>
q<D, V> lit(const V& v) {
    return {v};
}

template <class D, class A, class B>
auto operator+(const q<D, A>& a, const q<D, B>& b) {
    using C = detail::common<A, B>;
    return q<D, C>{C(a.v) + C(b.v)};
}
template <class D, class A, class B>
auto operator-(const q<D, A>& a, const q<D, B>& b) {
    using C = detail::common<A, B>;
    return q<D, C>{C(a.v) - C(b.v)};
}
template <class D, class A>
q<D, A> operator-(const q<D, A>& a) {
    return {-a.v};
}
template <class D1, class D2, class A, class B>
auto operator*(const q<D1, A>& a, const q<D2, B>& b) {
    using C = detail::common<A, B>;
    return q<dim_mul<D1, D2>, C>{C(a.v) * C(b.v)};
}
template <class D1, class D2, class A, class B>
auto operator/(const q<D1, A>& a, const q<D2, B>& b) {
    using C = detail::common<A, B>;
    return q<dim_div<D1, D2>, C>{C(a.v) / C(b.v)};
}

// Relations: between values of one dimension; bool for scalars, a batch_bool for batches.
#define NONEQ_CELLML_RELATION(op)                                                                  \
    template <class D, class A, class B>                                                           \
    auto operator op(const q<D, A>& a, const q<D, B>& b) {                                         \
        using C = detail::common<A, B>;                                                            \
        return C(a.v) op C(b.v);                                                                   \
    }
NONEQ_CELLML_RELATION(<)
NONEQ_CELLML_RELATION(>)
NONEQ_CELLML_RELATION(<=)
NONEQ_CELLML_RELATION(>=)
NONEQ_CELLML_RELATION(==)
NONEQ_CELLML_RELATION(!=)
#undef NONEQ_CELLML_RELATION

// Logic over conditions (bool, or a batch's mask; a scalar condition meets a mask as a mask).
template <class A, class B>
auto land(const A& a, const B& b) {
    if constexpr (!detail::is_batch_bool<A> && !detail::is_batch_bool<B>)
        return a && b;
    else if constexpr (!detail::is_batch_bool<A>)
        return B(a) & b;
    else if constexpr (!detail::is_batch_bool<B>)
        return a & A(b);
    else
        return a & b;
}
template <class A, class B>
auto lor(const A& a, const B& b) {
    if constexpr (!detail::is_batch_bool<A> && !detail::is_batch_bool<B>)
        return a || b;
    else if constexpr (!detail::is_batch_bool<A>)
        return B(a) | b;
    else if constexpr (!detail::is_batch_bool<B>)
        return a | A(b);
    else
        return a | b;
}
template <class A>
auto lnot(const A& a) {
    return !a;
}

/// piecewise: `c ? a : b` for a scalar condition, a lane-wise select for a mask (both branches
/// evaluated; the one not taken is discarded, so a NaN there does no harm).
template <class Cond, class D, class A, class B>
auto pick(const Cond& c, const q<D, A>& a, const q<D, B>& b) {
    using C = detail::common<A, B>;
    if constexpr (!detail::is_batch_bool<Cond>) {
        return q<D, C>{c ? C(a.v) : C(b.v)};
    } else { // a mask: the values as batches of its kind (constants broadcast)
        using Bt = typename Cond::batch_type;
        return q<D, Bt>{xsimd::select(c, Bt(a.v), Bt(b.v))};
    }
}

/// A piecewise without `otherwise` outside all its pieces: NaN (CellML leaves it undefined).
template <class D>
q<D, double> undefined() {
    return {std::numeric_limits<double>::quiet_NaN()};
}

/// The rate d(state)/d(time) leaving a right-hand side: compiles only if the expression has the
/// dimension of the state over time; its SI value times the factor to the state's model units.
template <class D, class V>
V rate(const q<D, V>& r, double to_model_units) {
    return r.v * V(scalar_t<V>(to_model_units));
}

// Functions of dimless values.
#define NONEQ_CELLML_FUNCTION(f)                                                                   \
    template <class V>                                                                             \
    q<dimless, V> f(const q<dimless, V>& x) {                                                      \
        using std::f;                                                                              \
        using xsimd::f;                                                                            \
        return {f(x.v)};                                                                           \
    }
NONEQ_CELLML_FUNCTION(exp)
NONEQ_CELLML_FUNCTION(log)
NONEQ_CELLML_FUNCTION(log10)
NONEQ_CELLML_FUNCTION(sin)
NONEQ_CELLML_FUNCTION(cos)
NONEQ_CELLML_FUNCTION(tan)
NONEQ_CELLML_FUNCTION(asin)
NONEQ_CELLML_FUNCTION(acos)
NONEQ_CELLML_FUNCTION(atan)
NONEQ_CELLML_FUNCTION(sinh)
NONEQ_CELLML_FUNCTION(cosh)
NONEQ_CELLML_FUNCTION(tanh)
NONEQ_CELLML_FUNCTION(asinh)
NONEQ_CELLML_FUNCTION(acosh)
NONEQ_CELLML_FUNCTION(atanh)
#undef NONEQ_CELLML_FUNCTION

/// x / (exp(x) - 1), exact through x = 0 (core/exprel.hpp): the converter's rewrite of the
/// singular GHK and rate terms.
template <class V>
q<dimless, V> exprel(const q<dimless, V>& x) {
    return {noneq::exprel(x.v)};
}

/// pow of dimless values with any exponent.
template <class A, class B>
auto pow(const q<dimless, A>& x, const q<dimless, B>& y) {
    using std::pow;
    using xsimd::pow;
    using C = detail::common<A, B>;
    return q<dimless, C>{pow(C(x.v), C(y.v))};
}

/// x^(N/Den) of a dimensioned x, the exponent a constant of the equation.
template <int N, int Den = 1, class D, class V>
q<dim_pow<D, N, Den>, V> rpow(const q<D, V>& x) {
    using std::pow;
    using xsimd::pow;
    if constexpr (Den == 1 && N >= 0 && N <= 4) {
        if constexpr (N == 0) return {V(1)};
        if constexpr (N == 1) return {x.v};
        if constexpr (N == 2) return {x.v * x.v};
        if constexpr (N == 3) return {x.v * x.v * x.v};
        if constexpr (N == 4) return {(x.v * x.v) * (x.v * x.v)};
    } else if constexpr (N == 1 && Den == 2) {
        using std::sqrt;
        using xsimd::sqrt;
        return {sqrt(x.v)};
    } else {
        return {pow(x.v, V(scalar_t<V>(double(N) / double(Den))))};
    }
}

/// x^y of a dimensioned x whose exponent y is a model constant: the dimension is the one the
/// converter found for y's value when it converted the model (written into the header as R).
template <class R, class D, class A, class B>
auto pow_as(const q<D, A>& x, const q<dimless, B>& y) {
    using std::pow;
    using xsimd::pow;
    using C = detail::common<A, B>;
    return q<R, C>{pow(C(x.v), C(y.v))};
}

template <class D, class V>
q<D, V> abs(const q<D, V>& x) {
    using std::abs;
    using xsimd::abs;
    return {abs(x.v)};
}
template <class D, class V>
q<D, V> floor(const q<D, V>& x) {
    using std::floor;
    using xsimd::floor;
    return {floor(x.v)};
}
template <class D, class V>
q<D, V> ceil(const q<D, V>& x) {
    using std::ceil;
    using xsimd::ceil;
    return {ceil(x.v)};
}
template <class D, class A, class B>
auto min(const q<D, A>& a, const q<D, B>& b) {
    using std::fmin;
    using xsimd::fmin;
    using C = detail::common<A, B>;
    return q<D, C>{fmin(C(a.v), C(b.v))};
}
template <class D, class A, class B>
auto max(const q<D, A>& a, const q<D, B>& b) {
    using std::fmax;
    using xsimd::fmax;
    using C = detail::common<A, B>;
    return q<D, C>{fmax(C(a.v), C(b.v))};
}
/// MathML rem: the remainder with the sign of a (C's fmod).
template <class D, class A, class B>
auto rem(const q<D, A>& a, const q<D, B>& b) {
    using std::fmod;
    using xsimd::fmod;
    using C = detail::common<A, B>;
    return q<D, C>{fmod(C(a.v), C(b.v))};
}

/// A condition used as a number (MathML lets a relation be a term): 1 or 0.
template <class V, class Cond>
q<dimless, V> as_number(const Cond& c) {
    if constexpr (!detail::is_batch_bool<Cond>)
        return {c ? V(1) : V(0)};
    else
        return {xsimd::select(c, V(1), V(0))};
}

} // namespace noneq::cellml
