// noneq/devices/spectrum.hpp — solar spectra for detailed-balance calculations: a tabulated
// spectrum (ASTM G173-03, read from its CSV) and the blackbody sun.
//
// Tabulated spectra are integrated with the trapezoid rule on the file's own non-uniform grid
// (0.5 nm to 280-400 nm, 1 nm to 1700 nm, 5 nm beyond), as the detailed-balance literature does
// (e.g. Ruhle, Solar Energy 130 (2016) 139). The photon flux density is the spectral irradiance
// times lambda/(h c); the flux above a gap E_g integrates it over lambda <= lambda_g = h c/E_g,
// the last partial interval by the trapezoid on the linearly interpolated integrand.
//
// ASTM G173-03 (NREL, SMARTS 2.9.2) ships as data/astm_g173.csv (via pvlib-python, BSD-3-Clause;
// see data/README.md). Its columns: wavelength (nm), extraterrestrial, global tilt (AM1.5G),
// direct+circumsolar, in W m^-2 nm^-1.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

namespace noneq::devices {

/// Photon flux density, photons per m^2 per s.
template <class V = double>
using photon_flux = quantity<unit_quotient<unit::frequency, unit::area>, V>;

/// A tabulated spectrum with its cumulative photon flux, ready for fast queries of the photon
/// flux above any gap (a band-gap scan costs one binary search per gap).
class tabulated_spectrum {
public:
    /// wavelength_nm strictly increasing, irradiance in W m^-2 nm^-1 (>= 0), same length >= 2.
    tabulated_spectrum(std::vector<double> wavelength_nm, std::vector<double> irradiance)
        : lambda_(std::move(wavelength_nm)), irr_(std::move(irradiance)) {
        require(lambda_.size() >= 2 && lambda_.size() == irr_.size(), "spectrum size",
                double(lambda_.size()), ">= 2 points, as many irradiances as wavelengths");
        require_each(irr_, "irradiance", ">= 0, finite",
                     [](double x) { return x >= 0 && std::isfinite(x); });
        require_each(lambda_, "wavelength_nm", "> 0, finite",
                     [](double x) { return x > 0 && std::isfinite(x); });
        for (std::size_t i = 1; i < lambda_.size(); ++i)
            require(lambda_[i] > lambda_[i - 1], "wavelength_nm (increasing)", lambda_[i],
                    "> the previous wavelength");
        const double hc_nm = constants::h.value() * constants::c.value() * 1e9; // J nm
        phi_.resize(lambda_.size());
        for (std::size_t i = 0; i < lambda_.size(); ++i)
            phi_[i] = irr_[i] * lambda_[i] / hc_nm;
        cum_phi_.assign(lambda_.size(), 0.0);
        cum_pow_.assign(lambda_.size(), 0.0);
        for (std::size_t i = 1; i < lambda_.size(); ++i) {
            const double d = lambda_[i] - lambda_[i - 1];
            cum_phi_[i] = cum_phi_[i - 1] + 0.5 * d * (phi_[i] + phi_[i - 1]);
            cum_pow_[i] = cum_pow_[i - 1] + 0.5 * d * (irr_[i] + irr_[i - 1]);
        }
    }

    /// Total irradiance (trapezoid over the whole table).
    power_density<double> irradiance() const {
        return power_density<double>::from_value(cum_pow_.back());
    }

    /// Photon flux with photon energy >= E_g (wavelength <= h c / E_g).
    photon_flux<double> flux_above(const energy<double>& E_g) const {
        require_positive("E_g", E_g.value(), "J");
        const double lg = constants::h.value() * constants::c.value() / E_g.value() * 1e9;
        if (lg <= lambda_.front()) return photon_flux<double>::from_value(0.0);
        if (lg >= lambda_.back()) return photon_flux<double>::from_value(cum_phi_.back());
        const auto it = std::upper_bound(lambda_.begin(), lambda_.end(), lg);
        const auto i = static_cast<std::size_t>(it - lambda_.begin()) - 1;
        const double t = (lg - lambda_[i]) / (lambda_[i + 1] - lambda_[i]);
        const double phig = phi_[i] + t * (phi_[i + 1] - phi_[i]);
        return photon_flux<double>::from_value(cum_phi_[i] +
                                               0.5 * (lg - lambda_[i]) * (phi_[i] + phig));
    }

    const std::vector<double>& wavelength_nm() const { return lambda_; }
    const std::vector<double>& spectral_irradiance() const { return irr_; }

private:
    std::vector<double> lambda_, irr_, phi_, cum_phi_, cum_pow_;
};

/// Which ASTM G173-03 column to read.
enum class g173_column { extraterrestrial = 1, global = 2, direct = 3 };

/// Reads the ASTM G173-03 CSV (two header lines, then wavelength,etr,global,direct). Throws
/// domain_error naming the file if it cannot be opened or a data line cannot be parsed.
inline tabulated_spectrum load_astm_g173(const std::string& path,
                                         g173_column column = g173_column::global) {
    std::ifstream in(path);
    if (!in) throw domain_error("cannot open spectrum file '" + path + "'");
    std::vector<double> lambda, irr;
    std::string line;
    std::size_t lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (line.empty() || !(std::isdigit(static_cast<unsigned char>(line[0])))) continue;
        std::stringstream ss(line);
        std::string cell;
        double v[4];
        int n = 0;
        while (n < 4 && std::getline(ss, cell, ',')) {
            try {
                v[n++] = std::stod(cell);
            } catch (const std::exception&) {
                break;
            }
        }
        if (n != 4)
            throw domain_error("spectrum file '" + path + "' line " + std::to_string(lineno) +
                               ": expected 4 numeric columns");
        lambda.push_back(v[0]);
        irr.push_back(v[static_cast<int>(column)]);
    }
    if (lambda.size() < 2)
        throw domain_error("spectrum file '" + path + "' holds fewer than 2 data lines");
    return tabulated_spectrum(std::move(lambda), std::move(irr));
}

/// integral_x^inf t^n/(e^t - 1) dt for integer n in [1, 10] and x >= 0 (the incomplete
/// Bose-Einstein integral). x >= 2: the exact series sum_k e^{-kx} sum_m n!/m! x^m/k^{n-m+1};
/// x < 2: n! zeta(n+1) minus the Bernoulli series of integral_0^x (radius 2 pi). Relative
/// accuracy about 1e-15.
inline double bose_einstein_tail(int n, double x) {
    require(n >= 1 && n <= 10, "n", n, "1 <= n <= 10");
    require_nonnegative("x", x);
    double fact[11] = {1};
    for (int i = 1; i <= 10; ++i)
        fact[i] = fact[i - 1] * i;
    if (x >= 2.0) {
        double sum = 0.0;
        for (int k = 1; k < 400; ++k) {
            const double ek = std::exp(-k * x);
            double inner = 0.0, xm = 1.0;
            for (int m = 0; m <= n; ++m) {
                inner += fact[n] / fact[m] * xm / std::pow(double(k), n - m + 1);
                xm *= x;
            }
            const double term = ek * inner;
            sum += term;
            if (term < 1e-18 * sum) break;
        }
        return sum;
    }
    // integral_0^x t^n B(t) with t/(e^t-1) = sum_j B_j t^j / j!: sum_j B_j x^{n+j} / ((n+j) j!)
    static constexpr double B[] = {1.0,
                                   -0.5,
                                   1.0 / 6,
                                   0.0,
                                   -1.0 / 30,
                                   0.0,
                                   1.0 / 42,
                                   0.0,
                                   -1.0 / 30,
                                   0.0,
                                   5.0 / 66,
                                   0.0,
                                   -691.0 / 2730,
                                   0.0,
                                   7.0 / 6,
                                   0.0,
                                   -3617.0 / 510,
                                   0.0,
                                   43867.0 / 798,
                                   0.0,
                                   -174611.0 / 330,
                                   0.0,
                                   854513.0 / 138,
                                   0.0,
                                   -236364091.0 / 2730,
                                   0.0,
                                   8553103.0 / 6,
                                   0.0,
                                   -23749461029.0 / 870,
                                   0.0,
                                   8615841276005.0 / 14322};
    double head = 0.0, jfact = 1.0;
    for (int j = 0; j <= 30; ++j) {
        if (j > 0) jfact *= j;
        head += B[j] * std::pow(x, n + j) / ((n + j) * jfact);
    }
    // zeta(n+1) for n = 1..10 (DLMF 25.6.1 for even arguments; odd ones to 17 digits).
    static constexpr double pi2 = std::numbers::pi * std::numbers::pi;
    static constexpr double zeta[] = {0.0,
                                      pi2 / 6,
                                      1.2020569031595943,
                                      pi2 * pi2 / 90,
                                      1.0369277551433699,
                                      pi2 * pi2 * pi2 / 945,
                                      1.0083492773819228,
                                      pi2 * pi2 * pi2 * pi2 / 9450,
                                      1.0020083928260822,
                                      pi2 * pi2 * pi2 * pi2 * pi2 / 93555,
                                      1.0004941886041195};
    return fact[n] * zeta[n] - head;
}

/// A blackbody sun: temperature and the dilution factor f = (solid angle of the sun)/pi
/// (2.16e-5 as seen from Earth; Shockley & Queisser, J. Appl. Phys. 32 (1961) 510, used
/// T_s = 6000 K). Incident photon flux f * (hemispherical blackbody emission).
struct blackbody_sun {
    temperature<double> T;
    double dilution;
    void validate() const {
        require_positive("T_sun", T.value(), "K");
        require(dilution > 0.0 && dilution <= 1.0, "dilution", dilution, "0 < f <= 1");
    }
};

/// Hemispherical photon flux of a blackbody at T above E_g:
/// (2 pi (k T)^3 / (h^3 c^2)) integral_{x_g}^inf x^2/(e^x - 1) dx, x_g = E_g/(k T).
inline photon_flux<double> blackbody_flux_above(const energy<double>& E_g,
                                                const temperature<double>& T) {
    require_nonnegative("E_g", E_g.value(), "J");
    require_positive("T", T.value(), "K");
    const double kT = constants::k_B.value() * T.value();
    const double h = constants::h.value(), c = constants::c.value();
    const double pref = 2.0 * std::numbers::pi * kT * kT * kT / (h * h * h * c * c);
    return photon_flux<double>::from_value(pref * bose_einstein_tail(2, E_g.value() / kT));
}

/// Incident photon flux above E_g from a blackbody sun.
inline photon_flux<double> flux_above(const blackbody_sun& sun, const energy<double>& E_g) {
    sun.validate();
    return sun.dilution * blackbody_flux_above(E_g, sun.T);
}

/// Incident power density from a blackbody sun: f sigma T^4.
inline power_density<double> irradiance(const blackbody_sun& sun) {
    sun.validate();
    const double T = sun.T.value();
    return power_density<double>::from_value(sun.dilution * constants::stefan_boltzmann_si * T * T *
                                             T * T);
}

} // namespace noneq::devices
