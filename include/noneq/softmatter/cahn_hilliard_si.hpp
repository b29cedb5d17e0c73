// noneq/softmatter/cahn_hilliard_si.hpp — the Cahn-Hilliard solver (cahn_hilliard.hpp) in SI
// quantities, for the double well f = (a/4)(phi^2 - 1)^2 with a in J/m^3:
//     d phi/dt = div(M grad mu),  mu = a phi (phi^2 - 1) - kappa lap phi + mu_ext(x)   [J/m^3]
// M in m^5/(J s), kappa in J/m, cells of width dx (m), steps of dt (s).
//
// It runs the reduced solver (which stays available as it was) in the natural units of the
// problem: lengths in dx, energy densities in a, times in tau = dx^2 / (M a). Then
//     kappa' = kappa / (a dx^2),  M' = 1,  dx' = 1,  dt' = dt / tau,  mu_ext' = mu_ext / a,
// and the read-outs convert back: time() = t' tau, the interface width w = sqrt(2 kappa / a),
// the tension sigma = (2 sqrt 2 / 3) sqrt(kappa a) (J/m^2), the free energy F = F' a dx^Dim
// (J/m^2 in 1D, J/m in 2D: per unit cross-section or thickness).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/softmatter/cahn_hilliard.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <cstddef>

namespace noneq {
namespace unit {
/// Cahn-Hilliard mobility: (m^2/s) per (J/m^3) = m^5/(J s).
using ch_mobility = unit_quotient<unit_quotient<si::area, si::time>, si::pressure>;
} // namespace unit
template <class V>
using ch_mobility = quantity<unit::ch_mobility, V>;
} // namespace noneq

namespace noneq::softmatter {

struct ch_si_parameters {
    ch_mobility<double> mobility;
    pressure<double> a;     ///< double-well height scale, J/m^3 (f = (a/4)(phi^2 - 1)^2)
    force<double> kappa;    ///< gradient energy coefficient, J/m
    length<double> dx;      ///< cell width
    noneq::time<double> dt; ///< time step
    fft_backend backend = fft_backend::automatic;
};

template <std::size_t Dim>
class cahn_hilliard_si {
public:
    using field = xt::xtensor<double, Dim>;

    cahn_hilliard_si(const ch_si_parameters& p, const field& phi0, boundary bc)
        : p_(checked(p)), tau_(p.dx.value() * p.dx.value() / (p.mobility.value() * p.a.value())),
          ch_(double_well{1.0}, phi0, reduced(p, tau_), bc) {}

    /// Take `steps` steps of dt (see cahn_hilliard::advance; its report's time is in s here).
    ch_report advance(std::size_t steps) {
        ch_report r = ch_.advance(steps);
        r.time *= tau_;
        return r;
    }
    /// mu_ext(x) in J/m^3 (same shape as phi).
    void set_external_potential(const field& mu_ext) {
        const field reduced_mu = mu_ext / p_.a.value();
        ch_.set_external_potential(reduced_mu);
    }
    const field& phi() const { return ch_.phi(); }
    noneq::time<double> time() const { return noneq::time<double>::from_value(ch_.time() * tau_); }
    /// The time unit of the reduced solver, tau = dx^2 / (M a).
    noneq::time<double> time_unit() const { return noneq::time<double>::from_value(tau_); }
    /// F in J/m^(3 - Dim): the reduced free energy times a dx^Dim.
    double free_energy_si() const {
        return ch_.free_energy() * p_.a.value() * std::pow(p_.dx.value(), double(Dim));
    }
    /// The equilibrium interface width w = sqrt(2 kappa / a) and tension (2 sqrt 2/3) sqrt(kappa
    /// a).
    length<double> interface_width() const {
        return length<double>::from_value(std::sqrt(2.0 * p_.kappa.value() / p_.a.value()));
    }
    force_per_length<double> tension() const {
        return force_per_length<double>::from_value(2.0 * std::sqrt(2.0) / 3.0 *
                                                    std::sqrt(p_.kappa.value() * p_.a.value()));
    }
    /// The reduced solver underneath (lengths in dx, energies in a, times in tau).
    const cahn_hilliard<Dim, double_well>& reduced_solver() const { return ch_; }

private:
    static const ch_si_parameters& checked(const ch_si_parameters& p) {
        require_positive("mobility", p.mobility.value(), "m^5/(J s)");
        require_positive("a", p.a.value(), "J/m^3");
        require_positive("kappa", p.kappa.value(), "J/m");
        require_positive("dx", p.dx.value(), "m");
        require_positive("dt", p.dt.value(), "s");
        return p;
    }
    static ch_parameters reduced(const ch_si_parameters& p, double tau) {
        ch_parameters r;
        r.mobility = 1.0;
        r.kappa = p.kappa.value() / (p.a.value() * p.dx.value() * p.dx.value());
        r.dx = 1.0;
        r.dt = p.dt.value() / tau;
        r.backend = p.backend;
        return r;
    }

    ch_si_parameters p_;
    double tau_;
    cahn_hilliard<Dim, double_well> ch_;
};

} // namespace noneq::softmatter
