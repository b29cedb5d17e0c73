// noneq-climb: the osmotic force of a vacancy supersaturation on an edge dislocation in Al or Cu,
// the climb velocity it drives, and (with --t-quench) the decay of the supersaturation after a
// quench, integrated with Boost.Odeint. Output: key=value lines (%.12g).
// Bad input: one line on stderr naming the argument and its allowed range, exit code 2.
//
//   noneq-climb --material Al --ratio 10 --kelvin 400
//   noneq-climb --material Cu --ratio 2 --kelvin 900 --rho 1e13
//   noneq-climb --material Al --kelvin 400 --t-quench 900 --tau-cool 0.5 --csv anneal.csv
#include <noneq/materials/dislocation_climb.hpp>
#include <noneq/materials/fcc_metal.hpp>
#include <noneq/materials/vacancy_anneal.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <string>

using noneq_example::kv;

int main(int argc, char** argv) {
    using namespace noneq;
    using namespace noneq::materials;
    CLI::App app{"noneq-climb: osmotic force, dislocation climb and vacancy annealing"};
    std::string material = "Al", csv_path;
    double ratio = 2.0, T = 600.0, rho = 1e12, t_quench = 0.0, tau_cool = 0.0, t_end_tau = 5.0;
    app.add_option("--material", material, "Al | Cu")->check(CLI::IsMember({"Al", "Cu"}));
    app.add_option("--ratio", ratio, "vacancy supersaturation c/c0 (> 0; default 2)")
        ->check(noneq_example::positive_finite());
    app.add_option("--kelvin", T, "temperature, K (1..5000; default 600)")
        ->check(CLI::Range(1.0, 5000.0));
    app.add_option("--rho", rho, "dislocation density, m^-2 (1e6..1e17; default 1e12)")
        ->check(CLI::Range(1e6, 1e17));
    app.add_option("--t-quench", t_quench, "quench-from temperature, K: runs the anneal ODE")
        ->check(CLI::Range(1.0, 5000.0));
    app.add_option("--tau-cool", tau_cool, "Newtonian cooling time, s (>= 0; default 0)")
        ->check(CLI::Range(0.0, 1e9));
    app.add_option("--t-end", t_end_tau, "anneal length in isothermal decay times (default 5)")
        ->check(CLI::Range(1e-6, 1e6));
    app.add_option("--csv", csv_path, "write the anneal time course");
    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-climb"); rc >= 0) return rc;
    return noneq_example::run([&] {
        const auto& m = fcc_metal_by_name(material);
        const auto Tq = temperature<double>::from_value(T);
        const double L = sink_log_factor(m, rho);
        std::printf("material=%s\n", material.c_str());
        kv("T_K", T);
        kv("burgers_m", in_m(m.burgers()));
        kv("atomic_volume_m3", in_m3(m.atomic_volume()));
        kv("c0", equilibrium_vacancy_fraction(m, Tq));
        kv("D_v_m2_per_s", vacancy_diffusivity(m, Tq));
        kv("ln_R_over_rc", L);
        kv("force_N_per_m", in_N_per_m(osmotic_force(m, ratio, Tq)));
        kv("stress_MPa", in_MPa(osmotic_stress(m, ratio, Tq)));
        kv("climb_velocity_m_per_s", in_m_per_s(climb_velocity(m, ratio, Tq, L)));
        if (app.count("--t-quench") == 0) return 0;
        const anneal_conditions a{temperature<double>::from_value(t_quench), Tq,
                                  noneq::time<double>::from_value(tau_cool), rho};
        const double tau = anneal_time_constant(m, a);
        const auto res = anneal(m, a, noneq::time<double>::from_value(t_end_tau * tau), 200);
        const auto& last = res.samples.back();
        kv("anneal_tau_s", tau);
        // c0(T_quench) / c0(T_anneal): the supersaturation an instantaneous quench leaves.
        kv("quench_supersaturation", res.samples.front().c / equilibrium_vacancy_fraction(m, Tq));
        kv("final_time_s", last.t_s);
        kv("final_supersaturation", last.supersaturation);
        kv("final_climb_m", last.climb_m);
        if (tau_cool == 0.0)
            kv("exact_final_supersaturation", anneal_exact(m, a, last.t_s).supersaturation);
        if (!csv_path.empty()) {
            std::ofstream out(csv_path);
            if (!out) {
                std::fprintf(stderr, "noneq-climb: argument --csv = '%s' cannot be written\n",
                             csv_path.c_str());
                return 2;
            }
            out << "t_s,T_K,c,supersaturation,climb_m\n";
            char line[160];
            for (const auto& s : res.samples) {
                std::snprintf(line, sizeof line, "%.12g,%.12g,%.12g,%.12g,%.12g\n", s.t_s, s.T_K,
                              s.c, s.supersaturation, s.climb_m);
                out << line;
            }
        }
        return 0;
    });
}
