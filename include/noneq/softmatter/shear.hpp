// noneq/softmatter/shear.hpp — a polymer solution in steady shear: Wolf's generalised Gibbs energy
// (B. A. Wolf, Macromolecules 17 (1984) 615; R. Horst & B. A. Wolf, Rheol Acta 33 (1994) 99,
// for the criterion below). To the Gibbs energy of mixing of the quiescent solution Wolf adds
// the energy the flow stores elastically, per volume
//     E_s / V = eta0(phi)^2 J_e0(phi) gamma_dot^2                (Newtonian limit, steady shear)
// with eta0 the zero-shear viscosity and J_e0 the steady-state recoverable compliance. Per lattice
// site (volume v0) and in k_B T this adds
//     g(phi) = f_FH(phi) + s E(phi),   s = v0 gamma_dot^2 / (k_B T),   E = eta0^2 J_e0 [Pa s^2]
// and the phase diagram of g is the shear-shifted one (spinodal g'' = 0, critical point, binodal
// by the same common tangent as flory_huggins.hpp).
//
// Which way shear shifts the phase diagram: only the curvature of E enters g'' (a part of E linear
// in phi shifts mu and Pi equally in both phases and changes no coexistence):
//     d^2 E / d phi^2 > 0  ->  g'' raised: spinodal narrows, chi_c rises: SHEAR-INDUCED MIXING
//     d^2 E / d phi^2 < 0  ->  g'' lowered: spinodal widens, chi_c falls: SHEAR-INDUCED DEMIXING
//
// Composition dependence (crossover_rheology). E = eta0^2 J_e0 is the first moment of the
// polymer's relaxation modulus, int t G(t) dt; the solvent (purely viscous) stores nothing. With
// x = phi / phi* (phi* the overlap volume fraction), the polymer part of the viscosity and its
// compliance cross over smoothly from the dilute laws to semidilute power laws:
//     eta_p = eta* x (1 + x^2)^((a-1)/2)    dilute: linear in phi (intrinsic viscosity)
//                                           semidilute: eta_p ~ phi^a
//     J_p   = J* / x (1 + x^2)^((1-b)/2)    dilute: J = 0.4 (Rouse), 0.206 (Zimm) M/(cRT) ~ 1/phi
//                                           semidilute: J_p ~ phi^-b
//     eta0 = eta_s + eta_p,   E = eta_p^2 J_p = K x (1 + x^2)^((p-1)/2),
//     K = eta*^2 J*,   p = 2a - b,
//     J_e0 = E / eta0^2 (the solution's compliance; -> 0.4 M/(cRT) (eta_p/eta0)^2 when dilute).
// d^2E/dphi^2 = 2 r K x (1+x^2)^(r-2) (3 + p x^2) / phi*^2 with r = (p-1)/2: for p >= 0 its
// sign is the sign of p - 1 at every phi (for p < 0, E ~ phi^p is convex again beyond
// x^2 = -3/p, so mixing returns in the semidilute range). Scaling theory for semidilute solutions
// (de Gennes, Scaling Concepts in Polymer Physics, 1979, ch. VIII; Graessley, Adv Polym Sci 16
// (1974) 1):
//     entangled, good solvent: eta0 ~ c^(15/4), J_e0 ~ 1/G_N ~ c^(-9/4)  -> p = 5.25 (mixing)
//     entangled, theta solvent: eta0 ~ c^(14/3), J_e0 ~ c^(-7/3)         -> p = 7    (mixing)
//     unentangled (Rouse), good solvent: eta0 ~ c^(5/4), J_e0 ~ c^-1      -> p = 1.5  (mixing)
// so this Newtonian-limit term predicts shear-induced mixing for such solutions, the behaviour
// Wolf's group reports as typical of polymer solutions. Demixing needs p < 1 (a compliance that
// falls faster than eta^2 rises, b > 2a - 1), i.e. a measured E(phi) concave in phi; observed
// shear-induced demixing (high molar masses, blends, higher shear rates; e.g. polystyrene in
// dioctyl phthalate, Rangel-Nafaile, Metzner & Wissbrun, Macromolecules 17 (1984) 1187) also
// involves the shear-rate dependence of eta and J_e (shear thinning), which this term leaves out.
#pragma once

#include <noneq/softmatter/flory_huggins.hpp>

#include <boost/math/tools/minima.hpp>

#include <cmath>
#include <cstdint>

namespace noneq::softmatter {

namespace unit_sm {
using viscosity = unit_product<unit::pressure, unit::time>;            // Pa s
using compliance = unit_quotient<unit::dimensionless, unit::pressure>; // 1/Pa
using stored_coefficient = unit_product<viscosity, unit::time>;        // Pa s^2
} // namespace unit_sm

template <class V = double>
using viscosity = quantity<unit_sm::viscosity, V>;
template <class V = double>
using compliance = quantity<unit_sm::compliance, V>;

/// Zero-shear viscosity and steady-state compliance versus polymer volume fraction (see the header
/// comment for the laws). Build with `make_crossover_rheology`, which checks the parameters.
struct crossover_rheology {
    double phi_star; ///< overlap volume fraction
    double eta_s;    ///< solvent viscosity, Pa s
    double eta_star; ///< polymer viscosity scale at phi*, Pa s
    double a;        ///< semidilute viscosity exponent (eta_p ~ phi^a)
    double J_star;   ///< polymer compliance scale at phi*, 1/Pa
    double b;        ///< semidilute compliance exponent (J_p ~ phi^-b)

    double p() const { return 2.0 * a - b; }
    double K() const { return eta_star * eta_star * J_star; }

    /// E(phi) = eta0^2 J_e0 in Pa s^2, and its first and second derivatives in phi.
    double stored(double phi) const {
        const double x = phi / phi_star, r = 0.5 * (p() - 1.0);
        return K() * x * std::pow(1.0 + x * x, r);
    }
    double stored_d1(double phi) const {
        const double x = phi / phi_star, r = 0.5 * (p() - 1.0), u = 1.0 + x * x;
        return K() / phi_star * std::pow(u, r - 1.0) * (1.0 + (1.0 + 2.0 * r) * x * x);
    }
    double stored_d2(double phi) const {
        const double x = phi / phi_star, r = 0.5 * (p() - 1.0), u = 1.0 + x * x;
        return K() / (phi_star * phi_star) * 2.0 * r * x * std::pow(u, r - 2.0) *
               (3.0 + p() * x * x);
    }
    /// phi E' - E (enters the osmotic pressure), written without cancellation.
    double stored_legendre(double phi) const {
        const double x = phi / phi_star, r = 0.5 * (p() - 1.0);
        return 2.0 * r * K() * x * x * x * std::pow(1.0 + x * x, r - 1.0);
    }

    viscosity<double> eta0(double phi) const {
        const double x = phi / phi_star;
        return viscosity<double>::from_value(eta_s +
                                             eta_star * x * std::pow(1.0 + x * x, 0.5 * (a - 1.0)));
    }
    compliance<double> je0(double phi) const {
        const double e = eta0(phi).value();
        return compliance<double>::from_value(stored(phi) / (e * e));
    }
};

inline crossover_rheology make_crossover_rheology(double phi_star, viscosity<double> eta_s,
                                                  viscosity<double> eta_star, double a,
                                                  compliance<double> J_star, double b) {
    require(phi_star > 0.0 && phi_star < 1.0, "phi_star", phi_star, "0 < phi_star < 1");
    require_nonnegative("eta_s", eta_s.value(), "Pa s");
    require_positive("eta_star", eta_star.value(), "Pa s");
    require(a >= 0.0 && a <= 20.0, "a", a, "0 <= a <= 20");
    require_positive("J_star", J_star.value(), "1/Pa");
    require(b >= 0.0 && b <= 20.0, "b", b, "0 <= b <= 20");
    return {phi_star, eta_s.value(), eta_star.value(), a, J_star.value(), b};
}

/// Stored elastic energy density eta0^2 J_e0 gamma_dot^2, in Pa (= J/m^3).
inline pressure<double> stored_energy_density(const crossover_rheology& r, double phi,
                                              frequency<double> shear_rate) {
    require(phi > 0.0 && phi < 1.0, "phi", phi, "0 < phi < 1");
    require_finite("shear_rate", shear_rate.value(), "1/s");
    const double g = shear_rate.value();
    return pressure<double>::from_value(r.stored(phi) * g * g);
}

/// Flory-Huggins plus Wolf's stored energy, per site in k_B T: a lattice_free_energy.
struct sheared_solution {
    double N, chi;
    crossover_rheology rheology;
    double s; ///< v0 gamma_dot^2 / (k_B T), in 1/(Pa s^2)

    double free_energy(double phi) const {
        return fh_free_energy(unchecked, phi, N, chi) + s * rheology.stored(phi);
    }
    double mu(double l, double r) const {
        return fh_model{N, chi}.mu(l, r) + s * rheology.stored_d1(std::exp(l));
    }
    double pi(double l, double r) const {
        return fh_model{N, chi}.pi(l, r) + s * rheology.stored_legendre(std::exp(l));
    }
    /// h(phi) = g'' + 2 chi, independent of chi: the spinodal is h = 2 chi.
    double h(double phi) const {
        return 1.0 / (N * phi) + 1.0 / (1.0 - phi) + s * rheology.stored_d2(phi);
    }
    double curvature(double phi) const { return h(phi) - 2.0 * chi; }
};

inline sheared_solution make_sheared_solution(double N, double chi, const crossover_rheology& r,
                                              frequency<double> shear_rate, temperature<double> T,
                                              volume<double> site_volume) {
    require_positive("N", N);
    require_finite("chi", chi);
    require_finite("shear_rate", shear_rate.value(), "1/s");
    require_positive("T", T.value(), "K");
    require_positive("site_volume", site_volume.value(), "m^3");
    const double g = shear_rate.value();
    return {N, chi, r, site_volume.value() * g * g / (constants::k_B.value() * T.value())};
}

namespace detail {
// phi on a logistic grid: fine resolution near both 0 and 1.
inline double logistic(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}
inline constexpr int scan_points = 4000;
inline constexpr double z_span = 36.0; // phi from ~2e-16 to 1 - 2e-16
inline double grid_z(int i) {
    return -z_span + 2.0 * z_span * i / scan_points;
}
} // namespace detail

/// Critical point of the sheared solution: the global minimum of h(phi) = g'' + 2 chi, at which
/// chi_c = h_min / 2 (the first composition to turn unstable as chi rises). Without shear it
/// reproduces fh_critical_point.
inline critical_point sheared_critical_point(const sheared_solution& m) {
    int best = 0;
    double hbest = m.h(detail::logistic(detail::grid_z(0)));
    for (int i = 1; i <= detail::scan_points; ++i) {
        const double hv = m.h(detail::logistic(detail::grid_z(i)));
        if (hv < hbest) hbest = hv, best = i;
    }
    const double zlo = detail::grid_z(best > 0 ? best - 1 : 0);
    const double zhi = detail::grid_z(best < detail::scan_points ? best + 1 : best);
    std::uintmax_t it = 200;
    const auto r = boost::math::tools::brent_find_minima(
        [&](double z) { return m.h(detail::logistic(z)); }, zlo, zhi, 52, it);
    const double phi = detail::logistic(r.first);
    return {phi, 0.5 * m.h(phi)};
}

/// Spinodal of the sheared solution at m.chi: the interval around the critical composition where
/// g'' < 0 (two_phase = false if there is none).
inline phase_pair sheared_spinodal(const sheared_solution& m) {
    const auto c = sheared_critical_point(m);
    if (!(m.chi > c.chi)) return {false, fh_nan, fh_nan};
    const double zc = std::log(c.phi / (1.0 - c.phi));
    auto g2 = [&](double z) { return m.curvature(detail::logistic(z)); };
    auto outward = [&](double dir) {
        double z0 = zc, step = 1e-3;
        for (;;) {
            const double z1 = z0 + dir * step;
            if (std::abs(z1) > 2.0 * detail::z_span)
                throw domain_error("sheared_spinodal: no stable composition found");
            if (g2(z1) >= 0.0) {
                const auto r = dir < 0 ? find_root(g2, z1, z0, 52) : find_root(g2, z0, z1, 52);
                return detail::logistic(r.x);
            }
            z0 = z1;
            step *= 1.5;
        }
    };
    return {true, outward(-1.0), outward(1.0)};
}

/// Binodal of the sheared solution at m.chi (common tangent on g).
inline coexistence sheared_binodal(const sheared_solution& m) {
    const auto sp = sheared_spinodal(m);
    if (!sp.two_phase) return no_coexistence;
    return common_tangent(m, sp.low, sp.high);
}

} // namespace noneq::softmatter
