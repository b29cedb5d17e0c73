// noneq-polymer: the Flory-Huggins phase diagram point of a polymer solution (chain length N,
// interaction chi), at rest or in steady shear (Wolf's generalised Gibbs energy). Output:
// key=value lines (%.12g): the critical point, the spinodal, the binodal and (at rest) the square-
// gradient interfacial tension; where the solution is stable (chi below the critical value) the
// compositions are nan and two_phase=false.
// Bad input: one line on stderr naming the argument and its allowed range, exit code 2.
//
//   noneq-polymer --n 1000 --chi 0.6
//   noneq-polymer --n 200 --chi 0.62 --shear 100            (entangled, good solvent: mixing)
//   noneq-polymer --n 200 --chi 0.62 --shear 1000 --b 7 --je-star 1   (p = 2a - b < 1: demixing)
//   noneq-polymer --n 100 --chi 0.7 --csv phase_diagram.csv
#include <noneq/softmatter/flory_huggins.hpp>
#include <noneq/softmatter/shear.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

using noneq_example::kv;

int main(int argc, char** argv) {
    using namespace noneq;
    namespace sm = noneq::softmatter;
    CLI::App app{"noneq-polymer: Flory-Huggins critical point, spinodal and binodal, with shear"};
    double N = 100.0, chi = 0.7, shear = 0.0, T = 300.0, v0 = 1e-28;
    double phi_star = 0.02, eta_s = 1e-3, eta_star = 0.1, a = 3.75, je_star = 1e-2, b = 2.25;
    double kappa = 1.0;
    std::string csv_path;
    app.add_option("--n", N, "chain length in lattice sites (1e-3..1e9; default 100)")
        ->check(CLI::Range(1e-3, 1e9));
    app.add_option("--chi", chi, "Flory interaction parameter (-100..100; default 0.7)")
        ->check(CLI::Range(-100.0, 100.0));
    app.add_option("--shear", shear, "steady shear rate, 1/s (0..1e7; default 0)")
        ->check(CLI::Range(0.0, 1e7));
    app.add_option("--kelvin", T, "temperature, K (default 300)")->check(CLI::Range(1e-3, 1e5));
    app.add_option("--site-volume", v0, "lattice site volume, m^3 (default 1e-28)")
        ->check(CLI::Range(1e-32, 1e-20));
    app.add_option("--phi-star", phi_star, "overlap volume fraction (0..1; default 0.02)")
        ->check(CLI::Range(1e-9, 0.999));
    app.add_option("--eta-s", eta_s, "solvent viscosity, Pa s (default 1e-3)")
        ->check(CLI::Range(0.0, 1e12));
    app.add_option("--eta-star", eta_star, "polymer viscosity at phi*, Pa s (default 0.1)")
        ->check(CLI::Range(1e-12, 1e12));
    app.add_option("--a", a, "semidilute viscosity exponent, eta ~ phi^a (0..20; default 3.75)")
        ->check(CLI::Range(0.0, 20.0));
    app.add_option("--je-star", je_star, "polymer compliance at phi*, 1/Pa (default 1e-2)")
        ->check(CLI::Range(1e-12, 1e12));
    app.add_option("--b", b, "semidilute compliance exponent, J ~ phi^-b (0..20; default 2.25)")
        ->check(CLI::Range(0.0, 20.0));
    app.add_option("--kappa", kappa,
                   "square-gradient coefficient, k_B T l^2 / v0 with l = v0^(1/3) (default 1)")
        ->check(CLI::Range(1e-6, 1e6));
    app.add_option("--csv", csv_path,
                   "write the phase diagram (chi, spinodal, binodal) from chi_c to 3 chi_c");
    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-polymer"); rc >= 0) return rc;
    return noneq_example::run("noneq-polymer", [&] {
        const auto rheo = sm::make_crossover_rheology(phi_star, sm::viscosity<>::from_value(eta_s),
                                                      sm::viscosity<>::from_value(eta_star), a,
                                                      sm::compliance<>::from_value(je_star), b);
        auto model_at = [&](double x) {
            return sm::make_sheared_solution(N, x, rheo, make<unit::frequency>(shear),
                                             make<unit::temperature>(T), make<unit::volume>(v0));
        };
        // Without shear: the closed forms of flory_huggins.hpp; with shear: Wolf's g(phi).
        auto point = [&](double x) {
            struct result {
                sm::critical_point c;
                sm::phase_pair s;
                sm::coexistence bin;
            };
            if (shear == 0.0)
                return result{sm::fh_critical_point(N), sm::fh_spinodal(N, x),
                              sm::fh_binodal(N, x)};
            const auto m = model_at(x);
            return result{sm::sheared_critical_point(m), sm::sheared_spinodal(m),
                          sm::sheared_binodal(m)};
        };
        const auto r = point(chi);
        kv("N", N);
        kv("chi", chi);
        kv("shear_rate_per_s", shear);
        kv("phi_c", r.c.phi);
        kv("chi_c", r.c.chi);
        kv("spinodal_low", r.s.low);
        kv("spinodal_high", r.s.high);
        kv("binodal_low", r.bin.low);
        kv("binodal_high", r.bin.high);
        if (r.bin.two_phase) kv("binodal_ln_low", r.bin.ln_low);
        std::printf("two_phase=%s\n", r.bin.two_phase ? "true" : "false");
        if (shear == 0.0 && r.bin.two_phase) {
            // Square-gradient tension: reduced (k_B T / l^2 units) and in mN/m.
            const double sigma = sm::fh_interfacial_tension(N, chi, kappa);
            const double l = std::cbrt(v0);
            kv("interfacial_tension_reduced", sigma);
            kv("interfacial_tension_mN_per_m", sigma * constants::k_B.value() * T / (l * l) * 1e3);
        }
        if (shear > 0.0) {
            const auto c0 = sm::fh_critical_point(N);
            kv("phi_c_at_rest", c0.phi);
            kv("chi_c_at_rest", c0.chi);
            kv("stored_energy_coefficient_p", rheo.p());
            std::printf("shear_effect=%s\n", r.c.chi > c0.chi ? "mixing" : "demixing");
        }
        if (!csv_path.empty()) {
            std::ofstream out(csv_path);
            if (!out) {
                std::fprintf(stderr, "noneq-polymer: argument --csv = '%s' cannot be written\n",
                             csv_path.c_str());
                return 2;
            }
            out << "chi,spinodal_low,spinodal_high,binodal_low,binodal_high\n";
            char line[200];
            for (int k = 1; k <= 200; ++k) {
                const double x = r.c.chi * (1.0 + 2.0 * k / 200.0);
                const auto p = point(x);
                std::snprintf(line, sizeof line, "%.12g,%.12g,%.12g,%.12g,%.12g", x, p.s.low,
                              p.s.high, p.bin.low, p.bin.high);
                out << line << '\n';
            }
        }
        return 0;
    });
}
