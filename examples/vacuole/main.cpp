// noneq-vacuole: the energetics of the plant vacuole — the work of pumping H+ from the cytosol
// into the vacuole, the tonoplast proton motive force, the H+/ATP and H+/PPi stoichiometries the
// hydrolysis free energies allow, the Na+ accumulation the NHX antiporter can reach — and, with
// --simulate S, a kinetic vacuole (V-ATPase, V-PPase, NHX, leaks, buffer) integrated for S
// seconds, written as a CSV time course (--csv FILE, else stdout after the key=value lines).
// Output: key=value lines (%.12g). Bad input: one line on stderr, exit code 2.
//
//   noneq-vacuole                                  # cytosol pH 7.5, vacuole 5.5, +30 mV, 25 C
//   noneq-vacuole --ph-vac 5 --dpsi 20 --celsius 20
//   noneq-vacuole --simulate 3600 --csv vacuole.csv
#include <noneq/bioenergetics/antiporter.hpp>
#include <noneq/bioenergetics/proton_pumps.hpp>
#include <noneq/bioenergetics/vacuole_model.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using noneq_example::kv;

int main(int argc, char** argv) {
    using namespace noneq;
    using namespace noneq::literals;
    CLI::App app{"noneq-vacuole: tonoplast energetics and a kinetic vacuole"};
    double ph_cyt = 7.5, ph_vac = 5.5, dpsi_mV = 30.0, celsius_deg = 25.0, sim = 0.0;
    double atp = 2.0, adp = 0.2, pi = 5.0, ppi = 0.3, na_cyt = 10.0;
    std::string csv_path;
    app.add_option("--ph-cyt", ph_cyt, "cytosolic pH (1..13; default 7.5)")
        ->check(CLI::Range(1.0, 13.0));
    app.add_option("--ph-vac", ph_vac, "vacuolar pH (1..13; default 5.5)")
        ->check(CLI::Range(1.0, 13.0));
    app.add_option("--dpsi", dpsi_mV, "psi_vac - psi_cyt, mV (-300..300; default 30)")
        ->check(CLI::Range(-300.0, 300.0));
    app.add_option("--celsius", celsius_deg, "temperature, C (0..60; default 25)")
        ->check(CLI::Range(0.0, 60.0));
    app.add_option("--atp", atp, "cytosolic ATP, mM (default 2)")->check(CLI::Range(1e-6, 1e3));
    app.add_option("--adp", adp, "cytosolic ADP, mM (default 0.2)")->check(CLI::Range(1e-6, 1e3));
    app.add_option("--pi", pi, "cytosolic Pi, mM (default 5)")->check(CLI::Range(1e-6, 1e3));
    app.add_option("--ppi", ppi, "cytosolic PPi, mM (default 0.3)")->check(CLI::Range(1e-6, 1e3));
    app.add_option("--na-cyt", na_cyt, "cytosolic Na+, mM (default 10)")
        ->check(CLI::Range(1e-3, 1e3));
    app.add_option("--simulate", sim, "simulate the kinetic vacuole for S seconds (0..1e6)")
        ->check(CLI::Range(0.0, 1e6));
    app.add_option("--csv", csv_path, "write the simulated time course to FILE (default stdout)");
    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-vacuole"); rc >= 0) return rc;
    return noneq_example::run([&] {
        using C = concentration<double>;
        const auto T = kelvin(celsius<double>(celsius_deg));
        const auto v = voltage<double>::from_value(dpsi_mV * 1e-3);
        const auto w = vacuolar_proton_work(ph_cyt, ph_vac, v, T);
        const auto g_atp = atp_hydrolysis_free_energy(C::from_value(atp), C::from_value(adp),
                                                      C::from_value(pi), T);
        const auto g_ppi = ppi_hydrolysis_free_energy(C::from_value(ppi), C::from_value(pi), T);
        kv("T_K", in_K(T));
        kv("dG_kJ_per_mol", in_kJ_per_mol(w));
        kv("pmf_mV", in_mV(tonoplast_pmf(ph_cyt, ph_vac, v, T)));
        kv("dG_ATP_kJ_per_mol", in_kJ_per_mol(g_atp));
        kv("dG_PPi_kJ_per_mol", in_kJ_per_mol(g_ppi));
        if (w.value() > 0) {
            kv("H_per_ATP_ceiling", coupling_ceiling(g_atp, w));
            kv("max_H_per_ATP", max_stoichiometry(g_atp, w));
            kv("H_per_PPi_ceiling", coupling_ceiling(g_ppi, w));
            kv("max_H_per_PPi", max_stoichiometry(g_ppi, w));
        } else {
            std::fprintf(stderr, "noneq-vacuole: H+ uptake is downhill here; no stoichiometry "
                                 "bound\n");
        }
        kv("static_head_dpH_2H_per_ATP", static_head_dpH(2, g_atp, v, T));
        kv("static_head_dpH_1H_per_PPi", static_head_dpH(1, g_ppi, v, T));
        kv("max_na_ratio", nhx_max_accumulation(1, ph_cyt, ph_vac, v, T));
        kv("max_na_ratio_2H", nhx_max_accumulation(2, ph_cyt, ph_vac, v, T));
        if (sim <= 0) return 0;

        vacuole_parameters p;
        p.celsius = celsius_deg;
        p.pH_cyt = ph_cyt;
        p.pH_vac0 = ph_cyt;
        p.atp_mM = atp, p.adp_mM = adp, p.pi_mM = pi, p.ppi_mM = ppi;
        p.na_cyt_mM = na_cyt;
        p.na_vac0_mM = na_cyt;
        const vacuole_model m(p);
        auto x = m.initial_state();
        const auto x0 = x;
        std::vector<std::string> rows;
        char line[256];
        int status = 0;
        try {
            m.simulate(
                x, 0.0_s, sim * 1.0_s, sim / 200 * 1.0_s,
                [&](const vacuole_model::state_type& s, double t) {
                    const auto f = m.fluxes(s);
                    std::snprintf(
                        line, sizeof line,
                        "%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g\n", t,
                        m.pH_vac(s), s[vacuole_model::Na], s[vacuole_model::Cl],
                        s[vacuole_model::dpsi] * 1e3, f.h_atpase, f.h_ppase, f.na_nhx, f.h_leak,
                        f.na_leak, f.cl_channel);
                    rows.emplace_back(line);
                });
        } catch (const integration_error& e) {
            std::fprintf(stderr, "noneq-vacuole: simulation stopped: %s\n", e.what());
            status = 1;
        }
        kv("final_pH_vac", m.pH_vac(x));
        kv("final_na_vac_mM", x[vacuole_model::Na]);
        kv("final_na_ratio", x[vacuole_model::Na] / na_cyt);
        kv("final_dpsi_mV", x[vacuole_model::dpsi] * 1e3);
        const auto b = m.bookkeeping(x0, x);
        kv("balance_H_mM", b.h);
        kv("balance_Na_mM", b.na);
        kv("balance_charge_C", b.charge_C);
        const char* header = "t_s,pH_vac,na_vac_mM,cl_vac_mM,dpsi_mV,h_atpase_mM_per_s,"
                             "h_ppase_mM_per_s,na_nhx_mM_per_s,h_leak_mM_per_s,na_leak_mM_per_s,"
                             "cl_in_mM_per_s\n";
        if (csv_path.empty()) {
            std::fputs(header, stdout);
            for (const auto& r : rows)
                std::fputs(r.c_str(), stdout);
        } else {
            std::ofstream out(csv_path);
            if (!out) {
                std::fprintf(stderr, "noneq-vacuole: argument --csv = '%s' cannot be written\n",
                             csv_path.c_str());
                return 2;
            }
            out << header;
            for (const auto& r : rows)
                out << r;
        }
        return status;
    });
}
