// noneq/softmatter/flory_huggins.hpp — the Flory-Huggins lattice free energy of a polymer solution
// (Flory 1942 J Chem Phys 10:51; Huggins 1942 J Phys Chem 46:151; Flory, Principles of Polymer
// Chemistry, 1953, ch. XII-XIII): its exchange chemical potential and osmotic pressure, the
// spinodal (closed form), the critical point, and the binodal by a robust common-tangent solve.
//
// The potential of the design table is the exchange chemical potential mu(phi) = df/dphi; the
// equilibrium reference is coexistence at equal mu and equal osmotic pressure.
//
// Units. f, mu and Pi below are REDUCED: energies in k_B T, per lattice site (site volume v0):
//   f(phi)   = (phi/N) ln phi + (1-phi) ln(1-phi) + chi phi (1-phi)      free energy of mixing
//   mu(phi)  = f'(phi) = (ln phi + 1)/N - ln(1-phi) - 1 + chi (1 - 2 phi)
//   Pi(phi)  = phi f' - f = -ln(1-phi) - (1 - 1/N) phi - chi phi^2       (= Pi_osm v0 / k_B T)
//   f''(phi) = 1/(N phi) + 1/(1-phi) - 2 chi
// phi is the polymer volume fraction, N the chain length in lattice sites (any real N > 0), chi
// the Flory interaction parameter. `osmotic_pressure` and `exchange_chemical_potential` give the
// same in SI (Pa, J) for a temperature T and a site volume v0.
//
// Critical point: f'' = f''' = 0 gives phi_c = 1/(1 + sqrt N), chi_c = (1 + 1/sqrt N)^2 / 2.
// Spinodal: f'' = 0, the roots of 2 chi N phi^2 + (N - 1 - 2 chi N) phi + 1 = 0.
// Binodal: phi_a < phi_b with mu(phi_a) = mu(phi_b) and Pi(phi_a) = Pi(phi_b). Solved as one
// monotone scalar equation in the common chemical potential m (Maxwell construction): for m
// between mu(spinodal_high) and mu(spinodal_low), each stable branch has exactly one phi with
// mu(phi) = m (found in log phi resp. log(1-phi), so phi_a ~ 1e-300 for long chains is fine), and
// G(m) = Pi(phi_a(m)) - Pi(phi_b(m)) decreases strictly (dG/dm = phi_a - phi_b < 0): one bracketed
// TOMS 748 root. The same solver serves any per-site free energy with one spinodal pair
// (shear.hpp uses it with the elastic term added). Conditioning: G ~ (chi - chi_c)^2 near the
// critical point, so within ~1e-8 (relative) of chi_c the coexistence width is resolved only to
// a few per cent, and within ~1e-12 rounding may report no two-phase region at all.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/units.hpp>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <cmath>
#include <concepts>
#include <limits>
#include <utility>

namespace noneq::softmatter {

// ---- the formulas, over any value type V -------------------------------------------------------

/// Free energy of mixing per lattice site, in k_B T. Unchecked: 0 < phi < 1, N > 0.
template <value_type V>
V fh_free_energy(unchecked_t, const V& phi, const V& N, const V& chi) {
    using std::log;
    using std::log1p;
    return phi / N * log(phi) + (V(1) - phi) * log1p(-phi) + chi * phi * (V(1) - phi);
}

/// Exchange chemical potential mu = df/dphi, in k_B T per site. Unchecked.
template <value_type V>
V fh_chemical_potential(unchecked_t, const V& phi, const V& N, const V& chi) {
    using std::log;
    using std::log1p;
    return (log(phi) + V(1)) / N - log1p(-phi) - V(1) + chi * (V(1) - V(2) * phi);
}

/// Reduced osmotic pressure Pi v0 / k_B T = phi f' - f. Unchecked.
template <value_type V>
V fh_osmotic_pressure(unchecked_t, const V& phi, const V& N, const V& chi) {
    using std::log1p;
    return -log1p(-phi) - (V(1) - V(1) / N) * phi - chi * phi * phi;
}

/// Curvature f'' (its zero is the spinodal). Unchecked.
template <value_type V>
V fh_curvature(unchecked_t, const V& phi, const V& N, const V& chi) {
    return V(1) / (N * phi) + V(1) / (V(1) - phi) - V(2) * chi;
}

namespace detail {
template <class V>
void check_fh(const V& phi, const V& N, const V& chi) {
    require(phi > V(0) && phi < V(1), "phi", phi, "0 < phi < 1");
    require_positive("N", N);
    require_finite("chi", chi);
}
} // namespace detail

template <value_type V>
V fh_free_energy(const V& phi, const V& N, const V& chi) {
    detail::check_fh(phi, N, chi);
    return fh_free_energy(unchecked, phi, N, chi);
}
template <value_type V>
V fh_chemical_potential(const V& phi, const V& N, const V& chi) {
    detail::check_fh(phi, N, chi);
    return fh_chemical_potential(unchecked, phi, N, chi);
}
template <value_type V>
V fh_osmotic_pressure(const V& phi, const V& N, const V& chi) {
    detail::check_fh(phi, N, chi);
    return fh_osmotic_pressure(unchecked, phi, N, chi);
}
template <value_type V>
V fh_curvature(const V& phi, const V& N, const V& chi) {
    detail::check_fh(phi, N, chi);
    return fh_curvature(unchecked, phi, N, chi);
}

/// Osmotic pressure in Pa: Pi = (k_B T / v0) * fh_osmotic_pressure.
template <value_type V>
pressure<V> osmotic_pressure(const V& phi, const V& N, const V& chi, const temperature<V>& T,
                             const volume<V>& site_volume) {
    require_positive("T", T.value(), "K");
    require_positive("site_volume", site_volume.value(), "m^3");
    return pressure<V>::from_value(V(constants::k_B.value()) * T.value() / site_volume.value() *
                                   fh_osmotic_pressure(phi, N, chi));
}

/// Exchange chemical potential per lattice site in J: k_B T * fh_chemical_potential.
template <value_type V>
energy<V> exchange_chemical_potential(const V& phi, const V& N, const V& chi,
                                      const temperature<V>& T) {
    require_positive("T", T.value(), "K");
    return energy<V>::from_value(V(constants::k_B.value()) * T.value() *
                                 fh_chemical_potential(phi, N, chi));
}

// ---- critical point, spinodal ------------------------------------------------------------------

struct critical_point {
    double phi; ///< critical volume fraction
    double chi; ///< critical interaction parameter
};

/// phi_c = 1/(1 + sqrt N), chi_c = (1 + 1/sqrt N)^2 / 2 (Flory 1953, ch. XIII).
inline critical_point fh_critical_point(double N) {
    require_positive("N", N);
    const double s = std::sqrt(N);
    return {1.0 / (1.0 + s), 0.5 * (1.0 + 1.0 / s) * (1.0 + 1.0 / s)};
}

/// A pair of compositions (spinodal or binodal). `two_phase` is false (and both NaN) where the
/// homogeneous solution is stable, i.e. chi <= chi_c (or chi < chi_c for the binodal).
struct phase_pair {
    bool two_phase;
    double low, high;
};

inline constexpr double fh_nan = std::numeric_limits<double>::quiet_NaN();

/// Spinodal compositions phi_- < phi_+ where f'' = 0 (closed form, cancellation-free roots).
inline phase_pair fh_spinodal(double N, double chi) {
    require_positive("N", N);
    require_finite("chi", chi);
    const double A = 2.0 * chi * N, B = N - 1.0 - 2.0 * chi * N;
    const double disc = B * B - 4.0 * A;
    if (!(chi > 0.0) || !(disc > 0.0)) return {false, fh_nan, fh_nan};
    const double q = -0.5 * (B + std::copysign(std::sqrt(disc), B));
    double r1 = q / A, r2 = 1.0 / q;
    if (r1 > r2) std::swap(r1, r2);
    return {true, r1, r2};
}

// ---- common tangent for any per-site free energy ------------------------------------------------

/// A per-site free energy the common-tangent solver can use, written in l = ln phi and
/// r = ln(1 - phi) so that a dilute phase of phi = e^-5000 (long chains, large chi) or a dense one
/// within 1e-300 of 1 keeps its precision:
///   mu(l, r): df/dphi;   pi(l, r): phi df/dphi - f.
template <class M>
concept lattice_free_energy = requires(const M& m, double l, double r) {
    { m.mu(l, r) } -> std::convertible_to<double>;
    { m.pi(l, r) } -> std::convertible_to<double>;
};

/// Flory-Huggins as a lattice_free_energy.
struct fh_model {
    double N, chi;
    double mu(double l, double r) const {
        return (l + 1.0) / N - r - 1.0 + chi * (std::exp(r) - std::exp(l));
    }
    double pi(double l, double r) const {
        const double phi = std::exp(l);
        return -r - (1.0 - 1.0 / N) * phi - chi * phi * phi;
    }
};

/// ln phi and ln(1 - phi) of a composition.
inline std::pair<double, double> log_pair(double phi) {
    return {std::log(phi), std::log1p(-phi)};
}

struct coexistence {
    bool two_phase;
    double low, high; ///< coexisting compositions (NaN if !two_phase); low may underflow to 0
    double mu;        ///< common exchange chemical potential (k_B T per site)
    double pi;        ///< common reduced osmotic pressure
    double ln_low;    ///< ln(low), finite even where low underflows
    double ln1m_high; ///< ln(1 - high)
};

inline constexpr coexistence no_coexistence{false, fh_nan, fh_nan, fh_nan, fh_nan, fh_nan, fh_nan};

/// The binodal of model m, given its spinodal s_lo < s_hi (m.mu decreasing on [s_lo, s_hi] and
/// increasing outside). Throws domain_error if a stable branch cannot be bracketed.
template <lattice_free_energy M>
coexistence common_tangent(const M& m, double s_lo, double s_hi) {
    require(s_lo > 0.0 && s_lo < s_hi && s_hi < 1.0, "spinodal_low", s_lo,
            "0 < spinodal_low < spinodal_high < 1");
    constexpr double floor = -1e7; // ln phi below which a branch is not searched
    // Dilute branch phi in (0, s_lo]: solve in l = ln phi (mu increasing in l). Near the spinodal
    // mu is flat; a target a rounding error beyond the branch's end returns the end.
    auto low_branch = [&](double target) {
        auto h = [&](double l) { return m.mu(l, std::log1p(-std::exp(l))) - target; };
        const double hi = std::log(s_lo);
        if (!(h(hi) > 0.0)) return hi;
        double lo = hi, step = 0.5;
        while (!(h(lo) < 0.0)) {
            lo = hi - step;
            step *= 2.0;
            if (lo < floor) throw domain_error("common_tangent: dilute branch not bracketed");
        }
        return find_root(h, lo, hi, 52).x;
    };
    // Dense branch phi in [s_hi, 1): solve in r = ln(1 - phi) (mu decreasing in r).
    auto high_branch = [&](double target) {
        auto h = [&](double r) { return m.mu(std::log1p(-std::exp(r)), r) - target; };
        const double hi = std::log1p(-s_hi);
        if (!(h(hi) < 0.0)) return hi;
        double lo = hi, step = 0.5;
        while (!(h(lo) > 0.0)) {
            lo = hi - step;
            step *= 2.0;
            if (lo < floor) throw domain_error("common_tangent: dense branch not bracketed");
        }
        return find_root(h, lo, hi, 52).x;
    };
    auto G = [&](double target) {
        const double la = low_branch(target), rb = high_branch(target);
        return m.pi(la, std::log1p(-std::exp(la))) - m.pi(std::log1p(-std::exp(rb)), rb);
    };
    const auto [l_lo, r_lo] = log_pair(s_lo);
    const auto [l_hi, r_hi] = log_pair(s_hi);
    const double m_lo = m.mu(l_hi, r_hi), m_hi = m.mu(l_lo, r_lo);
    if (!(m_lo < m_hi)) return no_coexistence;
    const double width = m_hi - m_lo;
    double g_lo = G(m_lo), g_hi = G(m_hi);
    double root;
    if (!(g_lo > 0.0) || !(g_hi < 0.0)) {
        // So close to the critical point that G is rounding noise at both ends: the Maxwell
        // construction cannot resolve the difference; take the middle of the window.
        root = 0.5 * (m_lo + m_hi);
    } else {
        root = find_root(G, m_lo, m_hi, 52, 1e-15 * width + 1e-300).x;
    }
    const double la = low_branch(root), rb = high_branch(root);
    return {true, std::exp(la), -std::expm1(rb), root, m.pi(la, std::log1p(-std::exp(la))), la, rb};
}

/// Flory-Huggins binodal (coexisting compositions) at (N, chi). No two-phase region for
/// chi <= chi_c: two_phase = false, compositions NaN.
inline coexistence fh_binodal(double N, double chi) {
    const auto sp = fh_spinodal(N, chi);
    if (!sp.two_phase) return no_coexistence;
    return common_tangent(fh_model{N, chi}, sp.low, sp.high);
}

// ---- interfacial tension (square-gradient theory) ---------------------------------------------

/// Tension of the flat interface between the coexisting phases in the square-gradient (Cahn &
/// Hilliard 1958) theory with gradient coefficient kappa:
///     sigma = int_{low}^{high} sqrt(2 kappa Delta f(phi)) dphi,
///     Delta f = f(phi) - f(low) - mu (phi - low)   (height above the common tangent).
/// Units: with f in k_B T per site volume v0 and kappa in k_B T l^2 / v0, sigma is in
/// k_B T l / v0 (on a lattice of spacing l = v0^(1/3): k_B T / l^2). Adaptive Gauss-Kronrod;
/// NaN where there is no two-phase region.
inline double fh_interfacial_tension(double N, double chi, double kappa) {
    require_positive("kappa", kappa);
    const auto b = fh_binodal(N, chi);
    if (!b.two_phase) return fh_nan;
    const double f_lo = fh_free_energy(unchecked, b.low, N, chi);
    auto integrand = [&](double phi) {
        if (!(phi > 0.0 && phi < 1.0)) return 0.0;
        const double df = fh_free_energy(unchecked, phi, N, chi) - f_lo - b.mu * (phi - b.low);
        return df > 0.0 ? std::sqrt(2.0 * kappa * df) : 0.0;
    };
    return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(integrand, b.low, b.high,
                                                                         15, 1e-13);
}

// ---- chi(T) ----------------------------------------------------------------------------------

/// chi(T) = A + B / T (enthalpic B, entropic A; Flory 1953). B > 0: upper critical solution
/// temperature; B < 0: lower.
struct chi_law {
    double A;
    temperature<double> B;

    template <value_type V>
    V operator()(const temperature<V>& T) const {
        require_positive("T", T.value(), "K");
        return V(A) + V(B.value()) / T.value();
    }
    /// The temperature at which chi takes the value `chi` (throws if none exists).
    temperature<double> temperature_at(double chi) const {
        const double T = B.value() / (chi - A);
        require(T > 0.0 && std::isfinite(T), "chi", chi, "a value reached at some T > 0");
        return temperature<double>::from_value(T);
    }
    /// Critical temperature for chain length N: chi(T_c) = chi_c(N).
    temperature<double> critical_temperature(double N) const {
        return temperature_at(fh_critical_point(N).chi);
    }
};

} // namespace noneq::softmatter
