// noneq-seebeck: the Seebeck coefficient of a conductor from the electron-gas picture to the
// Fermi-Dirac form, the open-circuit voltage over a temperature difference, and (with --zt) the
// maximum efficiency of a thermoelectric generator. Output: key=value lines (%.12g).
// Bad input: one line on stderr naming the argument and its allowed range, exit code 2.
//
//   noneq-seebeck --model classical
//   noneq-seebeck --model semiconductor --eta -3 --r -0.5
//   noneq-seebeck --model metal --ef-ev 3.24 --kelvin 300
//   noneq-seebeck --model general --eta 2 --r 0 --csv s_vs_eta.csv
//   noneq-seebeck --model general --ef-ev 3.24           (eta = E_F / k T)
//   noneq-seebeck --model classical --zt 1 --t-hot 500 --t-cold 300
//   noneq-seebeck --model semiconductor --eta -1 --r-int 0.01 --k-thermal 0.005 --r-load 0.02
#include <noneq/devices/seebeck.hpp>
#include <noneq/devices/teg.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <string>

using noneq_example::kv;

int main(int argc, char** argv) {
    using namespace noneq;
    using namespace noneq::devices;
    CLI::App app{"noneq-seebeck: Seebeck coefficient, open-circuit voltage, TEG efficiency"};
    std::string model = "classical", carrier_name = "electron", csv_path;
    double T = 300.0, r = 0.0, eta = -3.0, ef_ev = 0.0, delta_t = 10.0;
    double zt_value = -1.0, t_hot = 500.0, t_cold = 300.0;
    app.add_option("--model", model, "electron-gas | classical | semiconductor | metal | general")
        ->check(CLI::IsMember({"electron-gas", "classical", "semiconductor", "metal", "general"}));
    app.add_option("--kelvin", T, "temperature, K (> 0; default 300)")
        ->check(CLI::Range(1e-3, 1e5));
    app.add_option("--r", r, "scattering exponent, tau ~ E^r (-0.5..10; default 0)")
        ->check(CLI::Range(-0.5, 10.0));
    app.add_option("--eta", eta,
                   "reduced Fermi level (E_F - E_C)/kT (semiconductor, general; -1e4..1e4)")
        ->check(CLI::Range(-1e4, 1e4));
    app.add_option("--ef-ev", ef_ev, "Fermi energy above the band edge, eV (metal; general)")
        ->check(CLI::Range(1e-6, 1e3));
    app.add_option("--carrier", carrier_name, "electron | hole")
        ->check(CLI::IsMember({"electron", "hole"}));
    app.add_option("--delta-t", delta_t, "temperature difference for the voltage, K (>= 0)")
        ->check(CLI::Range(0.0, 1e5));
    app.add_option("--zt", zt_value, "figure of merit ZT for the TEG efficiency (>= 0)")
        ->check(CLI::Range(0.0, 1e6));
    app.add_option("--t-hot", t_hot, "TEG hot side, K")->check(CLI::Range(1e-3, 1e5));
    app.add_option("--t-cold", t_cold, "TEG cold side, K")->check(CLI::Range(1e-3, 1e5));
    double r_int = 0.0, k_th = 0.0, r_load = -1.0;
    app.add_option("--r-int", r_int, "TEG internal resistance, ohm (> 0; with --k-thermal)")
        ->check(CLI::Range(1e-12, 1e12));
    app.add_option("--k-thermal", k_th, "TEG thermal conductance, W/K (> 0; with --r-int)")
        ->check(CLI::Range(1e-12, 1e12));
    app.add_option("--r-load", r_load, "TEG load resistance, ohm (>= 0; default: matched)")
        ->check(CLI::Range(0.0, 1e12));
    app.add_option("--csv", csv_path, "write S against eta (-10..40) for the general model");
    const int rc = noneq_example::parse(app, argc, argv, "noneq-seebeck", [&] {
        if (app.count("--r-int") + app.count("--k-thermal") == 1)
            throw CLI::ValidationError("--r-int/--k-thermal", "give both (each > 0) or neither");
    });
    if (rc >= 0) return rc;
    return noneq_example::run([&] {
        const auto c = carrier_name == "hole" ? carrier::hole : carrier::electron;
        const auto Tq = temperature<double>::from_value(T);
        const double kT_eV = thermal_voltage(Tq).value(); // kT / e in V is kT in eV
        const bool have_ef = app.count("--ef-ev") > 0;
        std::printf("model=%s\n", model.c_str());
        seebeck_coefficient<double> S;
        if (model == "electron-gas") {
            S = seebeck_electron_gas(c);
        } else if (model == "classical") {
            S = seebeck_classical(c);
        } else if (model == "semiconductor") {
            S = seebeck_nondegenerate(r, eta, c);
            kv("eta", eta);
        } else if (model == "metal") {
            if (!have_ef) {
                std::fprintf(stderr, "noneq-seebeck: argument --ef-ev is required for --model "
                                     "metal (> 0 eV)\n");
                return 2;
            }
            S = seebeck_free_electron_metal(
                Tq, energy<double>::from_value(ef_ev * constants::e.value()), r, c);
            kv("E_F_eV", ef_ev);
            kv("kT_over_E_F", kT_eV / ef_ev);
        } else {
            if (have_ef) eta = ef_ev / kT_eV;
            S = seebeck_fermi_dirac(r, eta, c);
            kv("eta", eta);
            kv("S_nondegenerate_uV_per_K", in_uV_per_K(seebeck_nondegenerate(r, eta, c)));
            if (eta > 0)
                kv("S_mott_uV_per_K",
                   in_uV_per_K(seebeck_free_electron_metal(
                       Tq, energy<double>::from_value(eta * kT_eV * constants::e.value()), r, c)));
        }
        kv("T_K", T);
        kv("S_uV_per_K", in_uV_per_K(S));
        kv("S_over_k_over_e",
           S.value() / thermal_voltage(temperature<double>::from_value(1.0)).value());
        // V_cold - V_hot over delta_t around T (the cold end is negative for electrons).
        const auto Th = temperature<double>::from_value(T + 0.5 * delta_t);
        const auto Tc = temperature<double>::from_value(T - 0.5 * delta_t);
        if (Tc.value() > 0) kv("voltage_uV", in_uV(seebeck_voltage(S, Th, Tc)));
        if (app.count("--r-int")) {
            // A generator whose legs have this model's S, between --t-hot and --t-cold.
            const teg<double> g{S, resistance<double>::from_value(r_int),
                                thermal_conductance<double>::from_value(k_th),
                                temperature<double>::from_value(t_hot),
                                temperature<double>::from_value(t_cold)};
            const auto RL = resistance<double>::from_value(r_load >= 0 ? r_load : r_int);
            kv("teg_voc_V", in_V(open_circuit_voltage(g)));
            kv("teg_zt", zt(g));
            kv("teg_p_max_W", in_W(max_power(g)));
            kv("teg_load_ohm", RL.value());
            kv("teg_p_load_W", in_W(load_power(g, RL)));
            kv("teg_efficiency_load", efficiency(g, RL));
            kv("teg_eta_max", max_efficiency(zt(g), g.T_hot, g.T_cold));
            kv("teg_carnot", carnot_efficiency(g.T_hot, g.T_cold));
        }
        if (zt_value >= 0) {
            const auto h = temperature<double>::from_value(t_hot);
            const auto cl = temperature<double>::from_value(t_cold);
            kv("teg_carnot", carnot_efficiency(h, cl));
            kv("teg_eta_max", max_efficiency(zt_value, h, cl));
        }
        if (!csv_path.empty()) {
            std::ofstream out(csv_path);
            if (!out) {
                std::fprintf(stderr, "noneq-seebeck: argument --csv = '%s' cannot be written\n",
                             csv_path.c_str());
                return 2;
            }
            out << "eta,S_general_uV_per_K,S_nondegenerate_uV_per_K,S_mott_uV_per_K\n";
            char line[160];
            for (int k = 0; k <= 500; ++k) {
                const double e = -10.0 + 0.1 * k;
                const int n = std::snprintf(line, sizeof line, "%.12g,%.12g,%.12g,", e,
                                            in_uV_per_K(seebeck_fermi_dirac(r, e, c)),
                                            in_uV_per_K(seebeck_nondegenerate(r, e, c)));
                if (e > 0) // the Mott limit exists only for a Fermi level inside the band
                    std::snprintf(
                        line + n, sizeof line - n, "%.12g",
                        in_uV_per_K(seebeck_free_electron_metal(
                            Tq, energy<double>::from_value(e * kT_eV * constants::e.value()), r,
                            c)));
                out << line << '\n';
            }
        }
        return 0;
    });
}
