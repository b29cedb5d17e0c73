// noneq/core/fermi_dirac.hpp — complete Fermi-Dirac integrals, normalised:
//
//   F_j(eta) = 1/Gamma(j+1) * integral_0^inf x^j / (1 + exp(x - eta)) dx ,   j >= -1/2,
//
// (the "script F" of Blakemore, Solid-State Electronics 25 (1982) 1067, and of NIST DLMF 25.12.16:
// F_j(eta) = -Li_{j+1}(-e^eta)). With this normalisation
//   non-degenerate limit  F_j(eta) -> e^eta                                      (eta -> -inf),
//   degenerate limit      F_j(eta) ~ eta^{j+1}/Gamma(j+2) [1 + (pi^2/6) (j+1) j / eta^2 + ...]
//   derivative            dF_j/deta = F_{j-1},    F_j(0) = (1 - 2^-j) zeta(j+1)  (j != 0),
//   F_0(eta) = ln(1 + e^eta) exactly.
// The unnormalised integral is Gamma(j+1) F_j(eta); `fermi_dirac_unnormalised` returns it.
//
// Method and accuracy (double precision, scalar only: the adaptive quadrature is iterative):
//   j = 0          closed form, within 2 ulp.
//   eta <= -2      the alternating series sum_k (-1)^{k+1} e^{k eta} / k^{j+1} (ratio e^eta <=
//                  0.14), summed to a relative 1e-17; within a few ulp.
//   -2 < eta <= 40 x = t^2 (removes the x^{-1/2} singularity), split at t = sqrt(eta) where the
//                  Fermi step sits, adaptive 61-point Gauss-Kronrod (Boost.Math) to a relative
//                  tolerance of 1e-14; measured within 2e-14 of the known values (tests).
//   eta > 40       eta^{j+1}/(j+1) + integral_0^40 [(eta+u)^j - (eta-u)^j]/(1+e^u) du (the exact
//                  Sommerfeld rearrangement, dropped tail < 1e-17 relative), same quadrature.
#pragma once

#include <noneq/core/error.hpp>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <cmath>
#include <limits>
#include <numbers>

namespace noneq {

namespace detail {
/// 1 / (1 + e^u) without overflow for either sign of u.
inline double fermi_factor(double u) {
    if (u > 0) {
        const double e = std::exp(-u);
        return e / (1.0 + e);
    }
    return 1.0 / (1.0 + std::exp(u));
}

/// Gamma(j+1) F_j(eta) by quadrature (j >= -1/2, eta > -2).
inline double fermi_dirac_quadrature(double j, double eta) {
    using boost::math::quadrature::gauss_kronrod;
    const double p = 2.0 * j + 1.0; // integrand 2 t^{2j+1} / (1 + e^{t^2 - eta})
    const auto g = [=](double t) {
        const double tp = p == 0.0 ? 1.0 : std::pow(t, p);
        return 2.0 * tp * fermi_factor(t * t - eta);
    };
    constexpr double tol = 1e-14;
    constexpr unsigned depth = 20;
    const double inf = std::numeric_limits<double>::infinity();
    if (eta <= 0.0) return gauss_kronrod<double, 61>::integrate(g, 0.0, inf, depth, tol);
    if (eta > 40.0) {
        // Degenerate: with u = |x - eta| the integral is eta^{j+1}/(j+1) plus
        // integral_0^eta [(eta+u)^j - (eta-u)^j]/(1+e^u) du plus integral_eta^inf (eta+u)^j/(1+e^u)
        // du; the parts beyond u = 40 are below e^-40 (eta+u)^j, i.e. < 1e-17 relative.
        const auto h = [=](double u) {
            return (std::pow(eta + u, j) - std::pow(eta - u, j)) * fermi_factor(u);
        };
        return std::pow(eta, j + 1.0) / (j + 1.0) +
               gauss_kronrod<double, 61>::integrate(h, 0.0, 40.0, depth, tol);
    }
    const double t0 = std::sqrt(eta);
    // The step in t has width ~ 1/(2 t0); give it its own panels on both sides.
    const double w = std::min(t0, 20.0 / (2.0 * t0 + 1.0));
    double s = gauss_kronrod<double, 61>::integrate(g, t0 - w, t0, depth, tol);
    if (t0 - w > 0.0) s += gauss_kronrod<double, 61>::integrate(g, 0.0, t0 - w, depth, tol);
    s += gauss_kronrod<double, 61>::integrate(g, t0, t0 + w, depth, tol);
    s += gauss_kronrod<double, 61>::integrate(g, t0 + w, inf, depth, tol);
    return s;
}

/// Normalised F_j(eta) from the series (eta <= -2).
inline double fermi_dirac_series(double j, double eta) {
    const double z = std::exp(eta);
    double zk = z, sum = 0.0, sign = 1.0;
    for (int k = 1; k < 200; ++k) {
        const double term = zk / std::pow(double(k), j + 1.0);
        sum += sign * term;
        if (term < 1e-17 * std::abs(sum)) break;
        zk *= z;
        sign = -sign;
    }
    return sum;
}
} // namespace detail

/// Normalised complete Fermi-Dirac integral F_j(eta) (see the header comment), unchecked.
inline double fermi_dirac(unchecked_t, double j, double eta) {
    if (j == 0.0) return eta > 0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta));
    if (eta <= -2.0) return detail::fermi_dirac_series(j, eta);
    return detail::fermi_dirac_quadrature(j, eta) / std::tgamma(j + 1.0);
}

/// Normalised complete Fermi-Dirac integral F_j(eta) for order j in [-1/2, 20] and finite eta
/// with |eta| <= 1e4 (the quadrature's split keeps its accuracy there). Throws domain_error.
inline double fermi_dirac(double j, double eta) {
    require(j >= -0.5 && j <= 20.0, "j", j, "-0.5 <= j <= 20");
    require(std::abs(eta) <= 1e4, "eta", eta, "|eta| <= 1e4");
    return fermi_dirac(unchecked, j, eta);
}

/// The unnormalised integral integral_0^inf x^j/(1+exp(x-eta)) dx = Gamma(j+1) F_j(eta).
inline double fermi_dirac_unnormalised(double j, double eta) {
    return std::tgamma(j + 1.0) * fermi_dirac(j, eta);
}

/// The Sommerfeld expansion of F_j(eta) for eta >> 1, to order eta^-4 (the first three terms of
/// eta^{j+1}/Gamma(j+2) sum_k 2(1-2^{1-2k}) zeta(2k) (j+1)!/(j+1-2k)! eta^-2k; exponentially
/// small terms cos(pi j) F_j(-eta) are dropped). For tests and for the degenerate limit.
inline double fermi_dirac_sommerfeld(double j, double eta) {
    require(eta > 0.0, "eta", eta, "> 0 (degenerate expansion)");
    constexpr double pi2 = std::numbers::pi * std::numbers::pi;
    const double a1 = pi2 / 6.0 * (j + 1.0) * j;
    const double a2 = 7.0 * pi2 * pi2 / 360.0 * (j + 1.0) * j * (j - 1.0) * (j - 2.0);
    const double e2 = 1.0 / (eta * eta);
    return std::pow(eta, j + 1.0) / std::tgamma(j + 2.0) * (1.0 + a1 * e2 + a2 * e2 * e2);
}

} // namespace noneq
