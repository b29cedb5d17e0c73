// noneq/softmatter/cahn_hilliard.hpp — Cahn-Hilliard dynamics of a conserved composition field
// (Cahn & Hilliard, J Chem Phys 28 (1958) 258; Cahn, Acta Metall 9 (1961) 795) in 1D, 2D and 3D
// (periodic) on xtensor fields:
//     d phi/dt = div( M grad mu ),   mu = f'(phi) - kappa lap phi + mu_ext(x),
//     F[phi]   = int [ f(phi) + (kappa/2) |grad phi|^2 + mu_ext phi ] dV.
// The potential is mu, the driving force grad mu, the flux -M grad mu (the design table).
//
// Time stepping: stabilised semi-implicit Fourier spectral (Zhu, Chen, Shen & Tikare, Phys Rev E
// 60 (1999) 3564; Shen & Yang, Discrete Contin Dyn Syst A 28 (2010) 1669):
//     (phi^{n+1} - phi^n)/dt
//         = M lap[ f'(phi^n) - S phi^n + mu_ext + S phi^{n+1} - kappa lap phi^{n+1} ]
//     => phi_k^{n+1} = (phi_k^n - dt M k^2 N_k^n) / (1 + dt M k^2 (S + kappa k^2)),
// N = f'(phi) - S phi + mu_ext. The fourth-order operator is implicit (no dt ~ dx^4 limit); with
// S >= max|f''|/2 over the compositions visited the discrete free energy never increases, for
// any dt (Shen & Yang 2010). Without reactions the k = 0 mode is never touched: total mass is
// conserved to the rounding of one inverse transform (~1e-15 relative), not accumulated.
// Boundaries: periodic (real Fourier) or no-flux (cosine transform), see spectral_grid.hpp; any
// even grid extents with KissFFT, powers of two without it.
// Reduced units: lengths in the unit of dx, energies per unit volume in the unit of f.
//
// Interface (double well f = (a/4)(phi^2 - 1)^2, phases phi = -1, +1): the equilibrium profile
// kappa phi'' = f'(phi) is phi(x) = tanh(x / w) with w = sqrt(2 kappa / a), and the tension
// sigma = int kappa phi'^2 dx = int_{-1}^{1} sqrt(2 kappa f(phi)) dphi
//       = (2 sqrt 2 / 3) sqrt(kappa a).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/softmatter/flory_huggins.hpp>
#include <noneq/softmatter/spectral_grid.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace noneq::softmatter {

/// A local (bulk) free energy density: f(phi), f'(phi), and a stabilisation constant
/// S >= max|f''|/2 over the compositions the dynamics visits.
template <class F>
concept local_free_energy = requires(const F& e, double phi) {
    { e.f(phi) } -> std::convertible_to<double>;
    { e.df(phi) } -> std::convertible_to<double>;
    { e.stabilization() } -> std::convertible_to<double>;
};

/// f = (a/4)(phi^2 - 1)^2. f'' = a (3 phi^2 - 1) lies in [-a, 2a] for |phi| <= 1; S = a (+ margin
/// for the small overshoot of |phi| past 1 at sharp fronts).
struct double_well {
    double a = 1.0;
    double f(double phi) const {
        const double u = phi * phi - 1.0;
        return 0.25 * a * u * u;
    }
    double df(double phi) const { return a * phi * (phi * phi - 1.0); }
    double stabilization() const { return 1.25 * a; }
    double interface_width(double kappa) const { return std::sqrt(2.0 * kappa / a); }
    double tension(double kappa) const { return 2.0 * std::sqrt(2.0) / 3.0 * std::sqrt(kappa * a); }
};

/// Flory-Huggins per site (k_B T): f, f' of flory_huggins.hpp. phi must stay in (0, 1); a step
/// that leaves it stops with a report. S must bound f''/2 at the compositions reached (f'' is
/// unbounded at 0 and 1; S = f''(binodal_low)/2 is a good start).
struct flory_huggins_energy {
    double N, chi, S;
    double f(double phi) const { return fh_free_energy(unchecked, phi, N, chi); }
    double df(double phi) const { return fh_chemical_potential(unchecked, phi, N, chi); }
    double stabilization() const { return S; }
};

struct ch_parameters {
    double mobility = 1.0;
    double kappa = 1.0;
    double dx = 1.0;
    double dt = 0.1;
    /// S of the stabilised scheme; negative: the free energy's own `stabilization()`. Raise it when
    /// mu_ext pushes compositions past the range the energy's default covers.
    double stabilization = -1.0;
    /// Optional chemical reactions (active emulsions): a linearised source -k_r (phi - phi_r),
    /// the conversion of droplet material to solvent and back at rate k_r towards phi_r (Glotzer,
    /// Di Marzio & Muthukumar, Phys Rev Lett 74 (1995) 2034; Zwicker, Hyman & Julicher, Phys Rev
    /// E 92 (2015) 012317). It arrests coarsening at a finite domain size; mass then relaxes to
    /// phi_r and the free energy is no longer a Lyapunov function. Treated implicitly.
    double reaction_rate = 0.0;
    double reaction_target = 0.0;
    /// The FFT (spectral_grid.hpp, fft.hpp): automatic = the own radix-2 FFT on powers of two,
    /// KissFFT on any other even extent.
    fft_backend backend = fft_backend::automatic;
};

/// What an `advance` call did. ok = false: a non-finite chemical potential appeared at `index`
/// (flat index into the field) at `time`; the state is the last good one.
struct ch_report {
    bool ok = true;
    std::size_t steps = 0;
    double time = 0.0;
    std::size_t index = 0;
    std::string message;
};

template <std::size_t Dim, local_free_energy F>
class cahn_hilliard {
public:
    using field = xt::xtensor<double, Dim>;
    using shape_type = typename spectral_grid<Dim>::shape_type;

    cahn_hilliard(F energy, const field& phi0, ch_parameters p, boundary bc)
        : e_(energy), p_(p), grid_(shape_of(phi0), p.dx, bc, p.backend),
          S_(p.stabilization < 0.0 ? energy.stabilization() : p.stabilization), phi_(phi0),
          mu_ext_(grid_.cells(), 0.0), nl_(grid_.cells()), hat_(grid_.size()), work_(grid_.size()),
          lin_(grid_.size()), den_(grid_.size()) {
        require_positive("mobility", p.mobility);
        require_positive("kappa", p.kappa);
        require_nonnegative("stabilization", S_);
        require_nonnegative("reaction_rate", p.reaction_rate);
        require_finite("reaction_target", p.reaction_target);
        require_each(phi0, "phi0", "finite", [](double v) { return std::isfinite(v); });
        set_dt(p.dt);
        grid_.forward(phi_.data(), hat_.data());
    }

    /// Time step (any dt > 0 is stable; accuracy wants dt well below the coarsening time).
    void set_dt(double dt) {
        require_positive("dt", dt);
        p_.dt = dt;
        const auto& k2 = grid_.k2();
        for (std::size_t i = 0; i < k2.size(); ++i) {
            lin_[i] = dt * p_.mobility * k2[i];
            den_[i] = 1.0 / (1.0 + lin_[i] * (S_ + p_.kappa * k2[i]) + dt * p_.reaction_rate);
        }
        // The constant phi_r is the k = 0 coefficient phi_r * cells (unnormalised transform).
        source0_ = dt * p_.reaction_rate * p_.reaction_target * double(grid_.cells());
    }

    /// A position-dependent chemical potential mu_ext(x) (same shape as phi).
    void set_external_potential(const field& mu_ext) {
        require_each(mu_ext, "mu_ext", "finite", [](double v) { return std::isfinite(v); });
        for (std::size_t d = 0; d < Dim; ++d)
            require(mu_ext.shape()[d] == phi_.shape()[d], "mu_ext extent",
                    static_cast<double>(mu_ext.shape()[d]), "equal to phi's");
        std::copy(mu_ext.begin(), mu_ext.end(), mu_ext_.begin());
    }

    /// Take `steps` steps of size dt. Stops early, keeping the last good state, if the chemical
    /// potential turns non-finite (e.g. Flory-Huggins phi leaving (0, 1)).
    ch_report advance(std::size_t steps) {
        ch_report rep;
        const std::size_t n = nl_.size(), m = hat_.size();
        double* phi = phi_.data();
        for (std::size_t s = 0; s < steps; ++s) {
            unsigned bad_any = 0; // an OR reduction vectorises; a floating-point sum would not
            for (std::size_t i = 0; i < n; ++i) {
                const double v = e_.df(phi[i]) - S_ * phi[i] + mu_ext_[i];
                bad_any |= static_cast<unsigned>(!(v - v == 0.0)); // NaN or infinite
                nl_[i] = v;
            }
            if (bad_any != 0) {
                std::size_t bad = 0;
                while (bad < n && std::isfinite(nl_[bad]))
                    ++bad;
                rep.ok = false;
                rep.index = bad;
                rep.message = "cahn_hilliard: non-finite chemical potential at cell " +
                              std::to_string(bad) + " (phi = " + std::to_string(phi[bad]) +
                              "), time " + std::to_string(t_) + "; state kept at that time";
                break;
            }
            grid_.forward(nl_.data(), work_.data());
            hat_[0] += source0_;
            for (std::size_t i = 0; i < m; ++i)
                hat_[i] = (hat_[i] - lin_[i] * work_[i]) * den_[i];
            grid_.inverse(hat_.data(), phi);
            t_ += p_.dt;
            ++rep.steps;
        }
        rep.time = t_;
        return rep;
    }

    const field& phi() const { return phi_; }
    double time() const { return t_; }
    const spectral_grid<Dim>& grid() const { return grid_; }
    const ch_parameters& parameters() const { return p_; }

    /// Total amount int phi dV (compensated sum).
    double mass() const {
        double s = 0.0, c = 0.0;
        for (double v : phi_) {
            const double y = v - c, t = s + y;
            c = (t - s) - y;
            s = t;
        }
        return s * grid_.cell_volume();
    }

    /// The discrete free energy the stepper decreases (gradient term by Parseval).
    double free_energy() const {
        double local = 0.0, grad = 0.0;
        const double* phi = phi_.data();
        for (std::size_t i = 0; i < nl_.size(); ++i)
            local += e_.f(phi[i]) + mu_ext_[i] * phi[i];
        for (std::size_t i = 0; i < hat_.size(); ++i)
            grad += grid_.weight()[i] * grid_.k2()[i] * std::norm(hat_[i]);
        return grid_.cell_volume() * (local + 0.5 * p_.kappa * grad);
    }

    /// mu = f'(phi) - kappa lap phi + mu_ext on the field's cells.
    field chemical_potential() const {
        std::vector<std::complex<double>> w(hat_.size());
        for (std::size_t i = 0; i < w.size(); ++i)
            w[i] = -grid_.k2()[i] * hat_[i];
        field mu = grid_.make_field();
        grid_.inverse(w.data(), mu.data());
        const double* phi = phi_.data();
        double* out = mu.data();
        for (std::size_t i = 0; i < nl_.size(); ++i)
            out[i] = e_.df(phi[i]) - p_.kappa * out[i] + mu_ext_[i];
        return mu;
    }

private:
    static shape_type shape_of(const field& f) {
        shape_type s{};
        for (std::size_t d = 0; d < Dim; ++d)
            s[d] = f.shape()[d];
        return s;
    }

    F e_;
    ch_parameters p_;
    spectral_grid<Dim> grid_;
    double S_;
    field phi_;
    std::vector<double> mu_ext_, nl_;
    std::vector<std::complex<double>> hat_, work_;
    std::vector<double> lin_, den_;
    double source0_ = 0.0;
    double t_ = 0.0;
};

} // namespace noneq::softmatter
