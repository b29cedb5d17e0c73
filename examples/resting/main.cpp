// noneq-resting: the pump-leak resting potential, a steady state that is not an equilibrium.
// Prints the rest (V, Na_i, K_i, Cl_i), the Nernst potentials, the net current and fluxes (all
// zero at the steady state), the pump current and the ATP it uses. With --block-pump the pump is
// switched off at t = 0 and the gradients run down for --t seconds (CSV with --csv, PNG with
// --plot when gnuplot is present).
#include <noneq/membrane/pump_leak.hpp>

#include "cli.hpp"
#include "plot.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    using namespace noneq::literals;
    CLI::App app{"Pump-leak resting potential: steady state, ATP use, run-down after pump block"};
    bool block = false;
    double t_s = 3600.0 * 4, dt_out = 60.0, dG_kJ = -52.0, celsius = 37.0;
    std::string csv, plot;
    app.add_flag("--block-pump", block, "block the Na/K pump at t = 0 and follow the run-down");
    app.add_option("--t", t_s, "run-down duration, s (> 0)");
    app.add_option("--dt", dt_out, "output interval of the time course, s (> 0)");
    app.add_option("--dg-atp", dG_kJ, "free energy of ATP hydrolysis, kJ/mol (-100 .. < 0)");
    app.add_option("--celsius", celsius, "temperature, degC (-20 .. 60)");
    app.add_option("--csv", csv, "write the run-down time course to this CSV file");
    app.add_option("--plot", plot, "write a PNG of the run-down (needs gnuplot)");
    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-resting"); rc >= 0) return rc;
    if (!(t_s > 0) || !std::isfinite(t_s)) {
        std::fprintf(stderr, "--t = %g is outside the allowed range (> 0, finite)\n", t_s);
        return 2;
    }
    if (!(dt_out > 0) || !(dt_out <= t_s)) {
        std::fprintf(stderr, "--dt = %g is outside the allowed range (0 < dt <= t)\n", dt_out);
        return 2;
    }
    // ATP hydrolysis in living cells releases 40-70 kJ/mol; a positive value would run the pump
    // backwards, beyond -100 kJ/mol no cell holds its ATP.
    if (!(dG_kJ < 0 && dG_kJ >= -100)) {
        std::fprintf(stderr, "--dg-atp = %g is outside the allowed range (-100 <= dG < 0 kJ/mol)\n",
                     dG_kJ);
        return 2;
    }
    if (!(celsius >= -20 && celsius <= 60)) {
        std::fprintf(stderr, "--celsius = %g is outside the allowed range (-20 .. 60)\n", celsius);
        return 2;
    }
    try {
        noneq::pump_leak_parameters p;
        p.T = noneq::kelvin(noneq::celsius<double>(celsius));
        p.pump.dG_atp = dG_kJ * 1.0_kJ_per_mol;
        noneq::pump_leak_cell cell(p);
        const auto x0 = noneq::pump_leak_cell::make_state(-70.0_mV, 12.0_mM, 140.0_mM, 7.0_mM);
        const auto x = cell.steady_state(x0);
        const auto f = cell.fluxes(x);
        const auto E = cell.nernst_mV(x);
        std::printf("v_rest_mV=%.12g\n", x[0]);
        std::printf("na_i_mM=%.12g\nk_i_mM=%.12g\ncl_i_mM=%.12g\n", x[1], x[2], x[3]);
        std::printf("E_Na_mV=%.12g\nE_K_mV=%.12g\nE_Cl_mV=%.12g\n", E[0], E[1], E[2]);
        std::printf("net_current_uA_per_cm2=%.12g\n", noneq::in_uA_per_cm2(f.total));
        std::printf("net_flux_na_mol_per_m2_s=%.12g\n", f.na.value());
        std::printf("net_flux_k_mol_per_m2_s=%.12g\n", f.k.value());
        std::printf("net_flux_cl_mol_per_m2_s=%.12g\n", f.cl.value());
        std::printf("na_leak_mol_per_m2_s=%.12g\n", f.na_leak.value());
        std::printf("pump_current_uA_per_cm2=%.12g\n", noneq::in_uA_per_cm2(f.pump));
        std::printf("pump_cycle_dG_kJ_per_mol=%.12g\n",
                    noneq::in_kJ_per_mol(f.pump_cycle_free_energy));
        std::printf("atp_mol_per_s_per_cm2=%.12g\n", f.atp.value() * 1e-4);
        std::printf("atp_mol_per_s_per_cell=%.12g\n", cell.atp_mol_per_s_per_cell(x));
        std::printf("atp_power_W_per_cm2=%.12g\n",
                    -f.atp.value() * 1e-4 * noneq::si_value(p.pump.dG_atp));
        if (!block) return 0;

        cell.set_pump_activity(0.0);
        std::FILE* out = csv.empty() ? nullptr : std::fopen(csv.c_str(), "w");
        if (!csv.empty() && !out) {
            std::fprintf(stderr, "--csv: cannot open '%s'\n", csv.c_str());
            return 2;
        }
        if (out) std::fprintf(out, "t_s,v_mV,na_i_mM,k_i_mM,cl_i_mM,E_Na_mV,E_K_mV,E_Cl_mV\n");
        auto xr = x;
        cell.run(xr, 0.0_s, t_s * 1.0_s, dt_out * 1.0_s, [&](const auto& s, double t) {
            if (!out) return;
            const auto e = cell.nernst_mV(s);
            std::fprintf(out, "%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g\n", t, s[0], s[1],
                         s[2], s[3], e[0], e[1], e[2]);
        });
        if (out) std::fclose(out);
        const auto Er = cell.nernst_mV(xr);
        std::printf("blocked_t_s=%.12g\n", t_s);
        std::printf("blocked_v_mV=%.12g\n", xr[0]);
        std::printf("blocked_na_i_mM=%.12g\nblocked_k_i_mM=%.12g\nblocked_cl_i_mM=%.12g\n", xr[1],
                    xr[2], xr[3]);
        std::printf("blocked_E_Na_mV=%.12g\nblocked_E_K_mV=%.12g\nblocked_E_Cl_mV=%.12g\n", Er[0],
                    Er[1], Er[2]);
        if (!plot.empty()) {
            if (csv.empty()) {
                std::fprintf(stderr, "note: --plot needs --csv; no plot written\n");
            } else {
                noneq_example::gnuplot(
                    "noneq-resting",
                    "set terminal png size 900,600\nset output '" + plot +
                        "'\nset datafile separator ','\nset xlabel 't (h) after pump block'\n"
                        "set ylabel 'mV'\nf='" +
                        csv +
                        "'\nplot f using ($1/3600):2 skip 1 with lines title 'V', "
                        "f using ($1/3600):6 skip 1 with lines title 'E_{Na}', "
                        "f using ($1/3600):7 skip 1 with lines title 'E_K', "
                        "f using ($1/3600):8 skip 1 with lines title 'E_{Cl}'\n");
            }
        }
    } catch (const noneq::domain_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "noneq-resting: %s\n", e.what());
        return 1;
    }
    return 0;
}
