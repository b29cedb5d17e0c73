// noneq/bioenergetics/ratchet.hpp — the kinetic ratchet of electroconformational coupling: a
// four-state carrier of a neutral substrate S whose conformational changes move charge through
// the membrane field, pumping S uphill when the field fluctuates or oscillates with zero mean
// (Tsong & Astumian 1986, Bioelectrochem. Bioenerg. 15:457; Westerhoff, Tsong, Chock, Chen &
// Astumian 1986, PNAS 83:4734; Markin, Tsong, Astumian & Robertson 1990, J. Chem. Phys. 93:5062;
// Astumian 1997, Science 276:917 "Thermodynamics and kinetics of a Brownian motor").
//
// States and steps (the forward turn carries one S from out to in):
//   0 E_out --(binds S from out)--> 1 ES_out --(charge +q, split d_a)--> 2 ES_in
//     --(releases S inside)--> 3 E_in --(charge -q, split d_b)--> 0 E_out
// The conformational step of the loaded carrier moves charge q out -> in; the empty carrier's
// return moves it back, so no net charge crosses per turn and a constant field cannot pump: the
// cycle closes (prod k+/prod k- = c_out/c_in at every V) and the flux vanishes at c_in = c_out.
// (A charged substrate, substrate_valence = z, makes the empty return carry z - q; a constant
// field then sets the equilibrium ratio c_in/c_out = exp(-z F V / RT); stall_ratio stays the
// c_in/c_out of zero mean flux.)
// A zero-mean changing field breaks this only kinetically: the asymmetric rates (d_a != d_b,
// different base rates) rectify the field's fluctuations into net transport (the ratchet). The
// flux counted is the net release of S inside (step 2 -> 3), per carrier.
#pragma once

#include <noneq/bioenergetics/driven_chain.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/flux/markov_cycle.hpp>

#include <boost/math/tools/minima.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace noneq {

/// Rates of the four-state carrier (at V = 0); consistency is checked by markov_cycle. The
/// defaults are illustrative, not fitted: turnover rates of 1e3-1e4 /s, an effective gating
/// charge of 2 e and opposite load-splitting of the loaded (0.1) and empty (0.9) transitions put
/// the pumping optimum in the 1-100 kHz range, the range where oscillating fields drive
/// Na,K-ATPase transport (Rb+ uptake optimal near 1 kHz: Liu, Astumian & Tsong 1990,
/// J. Biol. Chem. 265:7260).
struct carrier_parameters {
    double k_on_out = 1e4; ///< E_out + S_out -> ES_out, 1/(s mM)
    double K_out = 1.0;    ///< dissociation constant facing out, mM
    double k_on_in = 1e4;  ///< E_in + S_in -> ES_in, 1/(s mM)
    double K_in = 1.0;     ///< dissociation constant facing in, mM
    double alpha_f = 1e4;  ///< ES_out -> ES_in, 1/s
    double alpha_b = 1e4;  ///< ES_in -> ES_out, 1/s
    double split_a = 0.1;  ///< load-splitting of the loaded step
    double beta_f = 1e3;   ///< E_in -> E_out, 1/s
    double beta_b =
        1e3; ///< E_out -> E_in, 1/s (for consistency, = alpha_f beta_f K_in / (alpha_b K_out))
    double split_b = 0.9;      ///< load-splitting of the empty return step
    double charge = 2.0;       ///< e carried out -> in by the loaded conformational change
    int substrate_valence = 0; ///< z of S; the empty return then carries z - charge (in e)
};

/// The shape of the zero-mean driving field.
enum class drive_kind { none, telegraph, square, sine };

/// A zero-mean driving field: telegraph flips at mean rate 2 f (as many sign changes per second
/// as a square wave of frequency f); square and sine have frequency f. kind none (or f = 0)
/// means a constant zero field.
struct drive {
    drive_kind kind = drive_kind::none;
    double amplitude = 0.0; ///< V
    double frequency = 0.0; ///< Hz
};

class four_state_carrier {
public:
    static constexpr std::size_t states = 4;
    static constexpr counted_step release_inside{2, 3};

    explicit four_state_carrier(const carrier_parameters& p = {}, double T_kelvin = 298.15)
        : p_(p), T_(T_kelvin), cycle_(make_cycle(p)) {
        require_positive("T", T_kelvin, "K");
    }

    /// The default parameters with beta_b closing the cycle exactly.
    static carrier_parameters consistent_defaults() {
        carrier_parameters p;
        p.beta_b = p.alpha_f * p.beta_f * p.K_in / (p.alpha_b * p.K_out);
        return p;
    }

    const markov_cycle<4, 1>& cycle() const { return cycle_; }
    const carrier_parameters& parameters() const { return p_; }
    double temperature_K() const { return T_; }

    /// Off-diagonal rates q[i][j] (j -> i) at voltage v (V) and concentrations (mM, >= 0).
    linalg::matrix<double, 4> rates(double v, double c_in, double c_out) const {
        require(std::isfinite(v), "v", v, "finite", "V");
        require(c_in >= 0 && std::isfinite(c_in), "c_in", c_in, ">= 0, finite", "mM");
        require(c_out >= 0 && std::isfinite(c_out), "c_out", c_out, ">= 0, finite", "mM");
        const auto r = cycle_.rates(
            unchecked, voltage<double>::from_value(v), {concentration<double>::from_value(c_in)},
            {concentration<double>::from_value(c_out)}, temperature<double>::from_value(T_));
        auto q = linalg::zero_matrix<double, 4>();
        for (std::size_t i = 0; i < 4; ++i) {
            const std::size_t j = (i + 1) % 4;
            q[j][i] = r.forward[i];
            q[i][j] = r.backward[i];
        }
        return q;
    }

    /// Net inward turnover per carrier (1/s) at a constant voltage v.
    double steady_flux(double v, double c_in, double c_out) const {
        check(c_in, c_out);
        require_finite("v", v, "V");
        const auto q = rates(v, c_in, c_out);
        return step_flux(q, linalg::stationary(q), release_inside);
    }

    /// Exact time-averaged net inward turnover per carrier (1/s) under a zero-mean drive.
    double mean_flux(const drive& d, double c_in, double c_out) const {
        check(c_in, c_out);
        check_drive(d);
        if (d.kind == drive_kind::none || d.frequency == 0.0 || d.amplitude == 0.0)
            return steady_flux(0.0, c_in, c_out);
        const auto chain = [&](double v) { return rates(v, c_in, c_out); };
        switch (d.kind) {
        case drive_kind::telegraph:
            return telegraph_average<4>(chain, d.amplitude, 2 * d.frequency, release_inside).flux;
        case drive_kind::square:
            return periodic_average<4>(chain, square_wave(d.amplitude, d.frequency), release_inside)
                .flux;
        default:
            return sine_average<4>(chain, d.amplitude, d.frequency, release_inside).flux;
        }
    }

    /// The concentration ratio c_in/c_out at which the mean flux under drive d vanishes (the
    /// static head of the pump), found by TOMS 748 on ln(ratio) at fixed c_out (mM). Under no
    /// drive it is 1 (equilibrium) up to the root tolerance.
    double stall_ratio(const drive& d, double c_out = 1.0) const {
        require_positive("c_out", c_out, "mM");
        const auto f = [&](double x) { return mean_flux(d, c_out * std::exp(x), c_out); };
        const double f0 = f(0.0);
        if (f0 == 0.0) return 1.0;
        const double dir = f0 > 0 ? 1.0 : -1.0;
        double lo = 0.0, hi = dir * 0.5;
        while (f(hi) * f0 > 0) {
            lo = hi;
            hi *= 2;
            if (std::abs(hi) > 64)
                throw domain_error("stall_ratio: no sign change of the flux for c_in/c_out up to "
                                   "e^64; the drive pumps without a static head");
        }
        const auto r = find_root(f, std::min(lo, hi), std::max(lo, hi), 40);
        return std::exp(r.x);
    }

    /// The frequency (Hz) in [f_lo, f_hi] at which the stall ratio under a drive of this shape and
    /// amplitude (V) is largest, and that ratio: a scan at 4 points per decade, refined by Brent's
    /// method on log10 f (to ~1e-4 decades).
    struct stall_optimum {
        double frequency, stall_ratio;
    };
    stall_optimum optimal_frequency(drive_kind kind, double amplitude, double f_lo = 1.0,
                                    double f_hi = 1e8) const {
        require(kind != drive_kind::none, "kind", 0, "telegraph, square or sine");
        require_positive("f_lo", f_lo, "Hz");
        require(f_hi > f_lo && std::isfinite(f_hi), "f_hi", f_hi, "> f_lo, finite", "Hz");
        const auto stall = [&](double lf) {
            return stall_ratio(drive{kind, amplitude, std::pow(10.0, lf)});
        };
        const double a = std::log10(f_lo), b = std::log10(f_hi);
        const int n = std::max(2, int(std::ceil(4 * (b - a))));
        int best = 0;
        double s_best = 0;
        for (int k = 0; k <= n; ++k) {
            const double s = stall(a + (b - a) * k / n);
            if (s > s_best) s_best = s, best = k;
        }
        const double lo = a + (b - a) * std::max(0, best - 1) / n;
        const double hi = a + (b - a) * std::min(n, best + 1) / n;
        std::uintmax_t it = 100;
        const auto r = boost::math::tools::brent_find_minima([&](double lf) { return -stall(lf); },
                                                             lo, hi, 16, it);
        if (-r.second >= s_best) return {std::pow(10.0, r.first), -r.second};
        return {std::pow(10.0, a + (b - a) * best / n), s_best};
    }

private:
    static markov_cycle<4, 1> make_cycle(const carrier_parameters& p) {
        const ligand s_out{0, membrane_side::out}, s_in{0, membrane_side::in};
        return markov_cycle<4, 1>(
            "four-state carrier", {cycle_species{"S", p.substrate_valence}},
            {cycle_transition{p.k_on_out, p.k_on_out * p.K_out, 0.0, 0.5, s_out, {}},
             cycle_transition{p.alpha_f, p.alpha_b, p.charge, p.split_a, {}, {}},
             cycle_transition{p.k_on_in * p.K_in, p.k_on_in, 0.0, 0.5, {}, s_in},
             cycle_transition{
                 p.beta_f, p.beta_b, p.substrate_valence - p.charge, p.split_b, {}, {}}});
    }
    static void check(double c_in, double c_out) {
        require_positive("c_in", c_in, "mM");
        require_positive("c_out", c_out, "mM");
    }
    static void check_drive(const drive& d) {
        require(std::isfinite(d.amplitude), "amplitude", d.amplitude, "finite", "V");
        require(d.frequency >= 0 && std::isfinite(d.frequency), "frequency", d.frequency,
                ">= 0, finite", "Hz");
    }

    carrier_parameters p_;
    double T_;
    markov_cycle<4, 1> cycle_;
};

} // namespace noneq
