// noneq-solar: the Shockley-Queisser detailed-balance limit of a single-junction cell under the
// ASTM G173-03 AM1.5G spectrum or a blackbody sun, the band-gap scan, and the comparison of the
// photovoltage with the water-splitting potential. Output: key=value lines (%.12g).
// Bad input: one line on stderr naming the argument and its allowed range, exit code 2.
//
//   noneq-solar --eg 1.34 --spectrum am15g
//   noneq-solar --eg 1.1 --spectrum blackbody --t-sun 6000 --dilution 2.16e-5 --t-cell 300
//   noneq-solar --eg 1.34 --csv jv.csv                  (the J-V curve)
//   noneq-solar --scan --csv scan.csv --plot scan.png   (efficiency against band gap)
//   noneq-solar --eg 1.12 --si                          (crystalline-Si QFLS and implied V_oc)
#include <noneq/devices/detailed_balance.hpp>
#include <noneq/devices/photoelectrochemistry.hpp>
#include <noneq/devices/recombination.hpp>
#include <noneq/devices/spectrum.hpp>

#include "cli.hpp"
#include "plot.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#ifndef NONEQ_DATA_DIR
#define NONEQ_DATA_DIR "data"
#endif

using noneq_example::kv;

namespace {

/// Plot the scan CSV with gnuplot, if it is installed; otherwise a note on stderr.
void plot_scan(const std::string& csv, const std::string& png, const std::string& title,
               double best_eg, double best_eff) {
    std::ostringstream gp;
    gp << "set terminal pngcairo size 900,560 font ',11'\n"
       << "set output '" << png << "'\n"
       << "set datafile separator ','\n"
       << "set xlabel 'band gap (eV)'\nset ylabel 'efficiency (%)'\n"
       << "set title '" << title << "'\nset grid\nset key top right\n"
       << "set yrange [0:*]\nset offsets 0, 0, 4, 0\n";
    char label[160];
    std::snprintf(label, sizeof label,
                  "set label 1 sprintf('maximum %%.1f %%%% at %%.3f eV', %.6f, %.6f) at %.6f,%.6f "
                  "offset 1,1\n",
                  100 * best_eff, best_eg, best_eg, 100 * best_eff);
    gp << label << "plot '" << csv << "' every ::1 using 1:($2*100) with lines lw 2 title "
       << "'detailed-balance limit', '-' using 1:2 with points pt 7 ps 1.2 notitle\n"
       << best_eg << ',' << 100 * best_eff << "\ne\n";
    noneq_example::gnuplot("noneq-solar", gp.str());
}
} // namespace

int main(int argc, char** argv) {
    using namespace noneq;
    using namespace noneq::devices;
    CLI::App app{"noneq-solar: detailed-balance (Shockley-Queisser) limit of a solar cell"};
    std::string spectrum_name = "am15g", spectrum_file, csv_path, plot_path;
    double eg = 1.34, t_sun = 6000.0, dilution = 2.16e-5, t_cell = 300.0;
    double eg_min = 0.5, eg_max = 3.0, eg_step = 0.005, overpotential = 0.0;
    bool scan = false, si = false;
    app.add_option("--eg", eg, "band gap, eV (0.05..10; default 1.34)")
        ->check(CLI::Range(0.05, 10.0));
    app.add_option("--spectrum", spectrum_name, "am15g | blackbody")
        ->check(CLI::IsMember({"am15g", "blackbody"}));
    app.add_option("--spectrum-file", spectrum_file, "ASTM G173 CSV (default: shipped copy)");
    app.add_option("--t-sun", t_sun, "blackbody sun temperature, K (default 6000)")
        ->check(CLI::Range(100.0, 1e5));
    app.add_option("--dilution", dilution, "solid-angle factor f (0..1; default 2.16e-5)")
        ->check(CLI::Range(1e-12, 1.0));
    app.add_option("--t-cell", t_cell, "cell temperature, K (default 300)")
        ->check(CLI::Range(1.0, 2000.0));
    app.add_flag("--scan", scan, "scan the band gap and report the optimum");
    app.add_option("--eg-min", eg_min, "scan start, eV")->check(CLI::Range(0.05, 10.0));
    app.add_option("--eg-max", eg_max, "scan end, eV")->check(CLI::Range(0.05, 10.0));
    app.add_option("--eg-step", eg_step, "scan step, eV")->check(CLI::Range(1e-4, 1.0));
    app.add_option("--csv", csv_path, "write the scan (with --scan) or the J-V curve");
    app.add_option("--plot", plot_path, "PNG of the scan (needs gnuplot)");
    app.add_option("--overpotential", overpotential,
                   "catalytic overpotential added to 1.229 V for water splitting, V (>= 0)")
        ->check(CLI::Range(0.0, 10.0));
    app.add_flag("--si", si, "also the crystalline-Si QFLS and implied V_oc for this J_sc");
    const int rc = noneq_example::parse(app, argc, argv, "noneq-solar", [&] {
        if (scan && !(eg_max > eg_min))
            throw CLI::ValidationError("--eg-max", "must exceed --eg-min");
        if (!plot_path.empty() && (!scan || csv_path.empty()))
            throw CLI::ValidationError("--plot", "needs --scan and --csv FILE");
    });
    if (rc >= 0) return rc;
    return noneq_example::run([&] {
        const auto Tc = temperature<double>::from_value(t_cell);
        const double eV = constants::e.value();
        std::optional<tabulated_spectrum> am15;
        const blackbody_sun sun{temperature<double>::from_value(t_sun), dilution};
        if (spectrum_name == "am15g")
            am15.emplace(load_astm_g173(spectrum_file.empty()
                                            ? std::string(NONEQ_DATA_DIR) + "/astm_g173.csv"
                                            : spectrum_file));
        const auto cell_at = [&](double g) {
            const auto E = energy<double>::from_value(g * eV);
            return am15 ? detailed_balance_cell(E, *am15, Tc) : detailed_balance_cell(E, sun, Tc);
        };
        std::printf("spectrum=%s\n", spectrum_name.c_str());
        if (scan) {
            std::ofstream out;
            if (!csv_path.empty()) {
                out.open(csv_path);
                if (!out) {
                    std::fprintf(stderr, "noneq-solar: argument --csv = '%s' cannot be written\n",
                                 csv_path.c_str());
                    return 2;
                }
                out << "eg_eV,efficiency,jsc_mA_per_cm2,voc_V,ff\n";
            }
            double best_g = eg_min, best = -1.0;
            char line[160];
            const int n = static_cast<int>((eg_max - eg_min) / eg_step + 1e-9);
            for (int k = 0; k <= n; ++k) {
                const double g = eg_min + k * eg_step;
                const auto c = cell_at(g);
                if (!(c.J_sc.value() > 0)) continue; // no photons above this gap in the table
                const auto r = max_power_point(c);
                if (r.efficiency > best) best = r.efficiency, best_g = g;
                if (out.is_open()) {
                    std::snprintf(line, sizeof line, "%.12g,%.12g,%.12g,%.12g,%.12g\n", g,
                                  r.efficiency, in_mA_per_cm2(c.J_sc), in_V(r.V_oc), r.fill_factor);
                    out << line;
                }
            }
            kv("optimum_eg_eV", best_g);
            kv("optimum_efficiency", best);
            if (!spectrum_name.compare("blackbody"))
                kv("ultimate_efficiency_at_optimum",
                   ultimate_efficiency(energy<double>::from_value(best_g * eV), sun.T));
            if (!plot_path.empty()) {
                out.close();
                plot_scan(csv_path, plot_path,
                          spectrum_name == "am15g"
                              ? "Shockley-Queisser limit, AM1.5G (ASTM G173-03), cell " +
                                    std::to_string(static_cast<int>(t_cell)) + " K"
                              : "Shockley-Queisser limit, blackbody sun",
                          best_g, best);
            }
            return 0;
        }
        const auto c = cell_at(eg);
        const auto r = max_power_point(c);
        kv("eg_eV", eg);
        kv("T_cell_K", t_cell);
        kv("p_in_W_per_m2", in_W_per_m2(c.P_in));
        kv("jsc_mA_per_cm2", in_mA_per_cm2(c.J_sc));
        kv("j0_mA_per_cm2", in_mA_per_cm2(c.J_0));
        kv("voc_V", in_V(r.V_oc));
        kv("vmp_V", in_V(r.V_mp));
        kv("jmp_mA_per_cm2", in_mA_per_cm2(r.J_mp));
        kv("ff", r.fill_factor);
        kv("efficiency", r.efficiency);
        if (spectrum_name == "blackbody")
            kv("ultimate_efficiency", ultimate_efficiency(c.E_g, sun.T));
        // The photovoltage against the Nernst potential of water splitting at the cell
        // temperature (unit activities) plus any overpotential.
        const auto E_w = water_splitting_potential(Tc);
        auto verdict = [&](const voltage<double>& v) {
            return assess_drive(v, E_w, voltage<double>::from_value(overpotential));
        };
        const auto d = verdict(r.V_oc);
        kv("water_splitting_V", in_V(E_w));
        kv("water_margin_V", in_V(d.margin));
        std::printf("can_drive_water_splitting=%s\n", d.can_drive ? "yes" : "no");
        std::printf("cells_in_series_needed=%d\n", d.cells_in_series_needed);
        if (si) {
            const auto st = quasi_fermi_splitting(crystalline_si(), c.J_sc);
            kv("si_excess_density_cm3", st.dn_cm3);
            kv("si_implied_voc_V", in_V(st.qfls));
            kv("si_auger_fraction", st.rates.auger / st.rates.total());
            std::printf("si_can_drive_water_splitting=%s\n",
                        verdict(st.qfls).can_drive ? "yes" : "no");
        }
        if (!csv_path.empty()) {
            std::ofstream out(csv_path);
            if (!out) {
                std::fprintf(stderr, "noneq-solar: argument --csv = '%s' cannot be written\n",
                             csv_path.c_str());
                return 2;
            }
            out << "V,J_mA_per_cm2,P_mW_per_cm2\n";
            char line[128];
            for (int k = 0; k <= 400; ++k) {
                const auto V = voltage<double>::from_value(in_V(r.V_oc) * k / 400.0);
                const double J = in_mA_per_cm2(current_at(c, V));
                std::snprintf(line, sizeof line, "%.12g,%.12g,%.12g\n", in_V(V), J, J * in_V(V));
                out << line;
            }
        }
        return 0;
    });
}
