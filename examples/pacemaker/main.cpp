// noneq-pacemaker: the rabbit sinoatrial node cell of Severi, Fantini, Charawi & DiFrancesco
// (2012, J Physiol 590:4483-4499), run from its published initial state under the chosen rate
// modulation, measured over the cycles of the last 3 s (or of the second half of a shorter run).
//
//   noneq-pacemaker [--t S] [--if-block FRACTION] [--cs] [--ivabradine] [--ach NM] [--iso UM]
//                   [--csv FILE] [--png FILE] [--sensitivity g_f|g_CaL|g_NaK]
//
// --sensitivity NAME adds d(cycle length)/d(parameter) of the last complete cycle, for the I_f
// conductances (g_f,Na and g_f,K together), P_CaL or i_NaK,max: forward sensitivities by dual
// numbers through the same model (integrate/sensitivity.hpp), RODAS4 at the run's tolerance;
// printed per unit relative change (d CL / d ln p) and per unit of the parameter.
//
// --cs is the paper's 5 mM Cs+, --ivabradine its 3 uM ivabradine (66 % block of g_f); --iso takes
// 0 or 1 (the paper models 1 uM only). Prints the cycle metrics as key=value lines (nan, exit 1,
// if the cell does not beat in the measured window; with g_f fully blocked it does not: the model
// has no other diastolic inward current). --csv writes the last two cycles, or the whole measured
// window if there are fewer (0.1 ms samples: t, V, dV/dt, I_f and its Na+/K+ parts, I_CaL, I_CaT,
// I_NaCa, I_Kr, Ca_sub, Cai); --png plots V and I_f over them with gnuplot (skipped with a note if
// gnuplot is not installed).
#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/severi2012.hpp>
#include <noneq/integrate/sensitivity.hpp>

#include "cli.hpp"
#include "plot.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace sv = noneq::severi2012;

namespace {
/// d(cycle length)/d(scale of one conductance) over the last complete cycle of a run from the
/// published initial state to t_s, in s (NaN if fewer than two upstrokes).
double cycle_length_sensitivity(const sv::model& mdl, const std::string& name, double t_s) {
    const auto f = [&mdl, name](const auto& x, auto& dx, double, const auto& p) {
        using V = typename std::decay_t<decltype(x)>::value_type;
        sv::conductance_scales<V> s;
        (name == "g_f" ? s.g_f : name == "g_CaL" ? s.g_CaL : s.g_NaK) = p;
        mdl.rhs(x, dx, s);
    };
    using sys_t = noneq::forward_sensitivity<decltype(f), sv::n_states, noneq::seconds>;
    const sys_t sys(f, 1.0, sv::state_scale);
    auto z = sys_t::initial(sv::initial_state);
    std::vector<noneq::dual<double>> ups;
    double tp = 0;
    auto zp = z;
    noneq::run(sys, z, noneq::time<double>::from_value(0.0), noneq::time<double>::from_value(t_s),
               noneq::method::rodas4, noneq::cardiac::cell_options(),
               [&](const sys_t::state_type& zz, double t) {
                   if (t > 0 && zp[sv::V] < -20.0 && zz[sv::V] >= -20.0)
                       ups.push_back(noneq::hermite_crossing(
                           tp, sys_t::split(zp)[sv::V], sys.derivative(zp, tp)[sv::V], t,
                           sys_t::split(zz)[sv::V], sys.derivative(zz, t)[sv::V], -20.0));
                   zp = zz;
                   tp = t;
               });
    if (ups.size() < 2) return NAN;
    return (ups[ups.size() - 1] - ups[ups.size() - 2]).d;
}

struct sample {
    double t, v, dvdt, i_f, i_fna, i_fk, i_cal, i_cat, i_naca, i_kr, ca_sub, cai;
};

bool write_csv(const std::string& path, const std::vector<sample>& s, double t0, double t1) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) return false;
    std::fprintf(f, "t_s,V_mV,dVdt_V_per_s,i_f_nA,i_fNa_nA,i_fK_nA,i_CaL_nA,i_CaT_nA,i_NaCa_nA,"
                    "i_Kr_nA,Ca_sub_mM,Cai_mM\n");
    for (const auto& x : s)
        if (x.t >= t0 && x.t <= t1)
            std::fprintf(
                f, "%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g\n", x.t,
                x.v, x.dvdt, x.i_f, x.i_fna, x.i_fk, x.i_cal, x.i_cat, x.i_naca, x.i_kr, x.ca_sub,
                x.cai);
    return std::fclose(f) == 0;
}

int plot(const std::string& csv, const std::string& png, const std::string& title) {
    std::ostringstream g;
    g << "set terminal pngcairo size 900,640 font 'sans,11'\n"
      << "set output '" << png << "'\n"
      << "set datafile separator ','\nset key autotitle columnhead\n"
      << "set multiplot layout 2,1 title '" << title << "'\n"
      << "set lmargin 12\nset grid\nunset key\n"
      << "set ylabel 'V (mV)'\nset format x ''\n"
      << "plot '" << csv << "' using ($1*1000):2 with lines lw 2 lc rgb '#1f4e9c'\n"
      << "set ylabel 'I_f (pA)'\nset xlabel 't (ms)'\nset format x '%g'\nset key top right\n"
      << "plot '" << csv
      << "' using ($1*1000):($4*1000) with lines lw 2 lc rgb '#b22222' "
         "title 'I_f', '' using ($1*1000):($5*1000) with lines dt 2 lw 1.5 lc rgb '#d2691e' "
         "title "
         "'I_{f,Na}', '' using ($1*1000):($6*1000) with lines dt 3 lw 2 lc rgb '#2e8b57' title "
         "'I_{f,K}'\n"
      << "unset multiplot\n";
    return noneq_example::gnuplot("noneq-pacemaker", g.str()) == noneq_example::plot_status::failed
               ? 1
               : 0;
}
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Severi 2012 rabbit sinoatrial node pacemaker cell"};
    double t_s = 10.0;
    sv::parameters p;
    bool cs = false;
    std::string csv, png;
    app.add_option("--t", t_s, "simulated time, s (1 .. 3600)");
    app.add_option("--if-block", p.if_block, "fractional block of g_f (0 .. 1)");
    app.add_flag("--cs", cs, "5 mM Cs+ (the paper's I_f block)");
    app.add_flag("--ivabradine", p.ivabradine, "3 uM ivabradine (66 % block of g_f)");
    app.add_option("--ach", p.ach_nM, "acetylcholine, nM (0 .. 1000)");
    app.add_option("--iso", p.iso_uM, "isoprenaline, uM (0 or 1)");
    app.add_option("--csv", csv, "write the last two cycles to this CSV file");
    app.add_option("--png", png, "plot V and I_f over the last two cycles to this PNG (gnuplot)");
    std::string sens;
    app.add_option(
        "--sensitivity", sens,
        "print d(cycle length)/d(parameter) for g_f, g_CaL (P_CaL) or g_NaK (i_NaK,max)");
    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-pacemaker"); rc >= 0) return rc;
    if (!(t_s >= 1.0 && t_s <= 3600.0)) {
        std::fprintf(stderr, "--t = %g is outside the allowed range (1 .. 3600 s)\n", t_s);
        return 2;
    }
    // The model checks the rest (if-block in [0, 1], iso 0 or 1) before anything is printed;
    // acetylcholine is bounded here at 1 uM, far above vagal levels (tens of nM).
    if (!(p.ach_nM >= 0.0 && p.ach_nM <= 1000.0)) {
        std::fprintf(stderr, "--ach = %g is outside the allowed range (0 .. 1000 nM)\n", p.ach_nM);
        return 2;
    }
    if (!sens.empty() && sens != "g_f" && sens != "g_CaL" && sens != "g_NaK") {
        std::fprintf(stderr, "--sensitivity = '%s' is not one of g_f, g_CaL, g_NaK\n",
                     sens.c_str());
        return 2;
    }
    if (cs) p.cs_mM = 5.0;
    return noneq_example::run([&] {
        const sv::model mdl(p);
        const double t_keep = std::max(t_s / 2.0, t_s - 3.0);
        std::vector<sample> s;
        auto x0 = sv::initial_state;
        noneq::cardiac::run_cell(
            mdl, x0, sv::state_scale, noneq::time<double>::from_value(0.0),
            noneq::time<double>::from_value(t_s),
            [&](const sv::state& x, double t) {
                if (t < t_keep) return;
                sv::state dx;
                mdl.rhs(x, dx);
                const auto f = mdl.currents(x);
                s.push_back({t, x[sv::V], dx[sv::V] * 1e-3, f.i_f, f.i_fna, f.i_fk, f.i_cal,
                             f.i_cat, f.i_naca, f.i_kr, x[sv::Ca_sub], x[sv::Cai]});
            },
            noneq::cardiac::cell_options(), noneq::method::rodas4, sv::state_names.data());
        std::vector<double> t, v, d;
        for (const auto& x : s)
            t.push_back(x.t), v.push_back(x.v), d.push_back(x.dvdt);
        noneq::cycle_options opt;
        opt.t_start_s = t_keep;
        const auto m = noneq::measure_cycles(t, v, d, opt);
        std::printf("cycles=%zu\n", m.n_cycles);
        std::printf("cycle_length_ms=%.12g\n", m.cycle_length_s * 1e3);
        std::printf("rate_bpm=%.12g\n", m.rate_bpm);
        std::printf("mdp_mV=%.12g\n", m.mdp_mV);
        std::printf("overshoot_mV=%.12g\n", m.overshoot_mV);
        std::printf("apa_mV=%.12g\n", m.apa_mV);
        std::printf("apd50_ms=%.12g\n", m.apd50_s * 1e3);
        std::printf("dvdt_max_V_per_s=%.12g\n", m.dvdt_max_V_per_s);
        std::printf("ddr_mV_per_s=%.12g\n", m.ddr_mV_per_s);
        std::printf("top_mV=%.12g\n", m.top_mV);
        if (!sens.empty()) {
            // per unit relative change, then per unit of the parameter (nS, nA/mM, pA)
            const double d = cycle_length_sensitivity(mdl, sens, t_s) * 1e3;
            const double value = sens == "g_f"     ? p.i_f.g_f_Na.value() * 1e9
                                 : sens == "g_CaL" ? p.P_CaL.value() * 1e9
                                                   : p.nak.i_NaK_max.value() * 1e12;
            const char* unit = sens == "g_f"     ? "ms_per_nS"
                               : sens == "g_CaL" ? "ms_per_nA_per_mM"
                                                 : "ms_per_pA";
            std::printf("sensitivity=%s\n", sens.c_str());
            std::printf("dcl_dlog_%s_ms=%.12g\n", sens.c_str(), d);
            std::printf("dcl_d%s_%s=%.12g\n", sens.c_str(), unit, d / value);
        }
        // the last two complete cycles: from the third-last upstroke crossing of -20 mV, 20 ms
        // early so the plot starts in diastole
        double t_two = t.front(), t_end = t.back();
        int seen = 0;
        for (std::size_t i = v.size() - 1; i > 0; --i)
            if (v[i - 1] < -20.0 && v[i] >= -20.0) {
                ++seen;
                if (seen == 1) t_end = t[i] - 0.02;
                if (seen == 3) {
                    t_two = std::max(t.front(), t[i] - 0.02);
                    break;
                }
            }
        if (seen < 3) t_end = t.back();
        std::optional<noneq_example::scratch_dir> scratch; // --png without --csv: the data
        std::string data = csv;
        if (!png.empty() && data.empty()) data = scratch.emplace("noneq-pacemaker").file("v.csv");
        if (!data.empty() && !write_csv(data, s, t_two, t_end)) {
            std::fprintf(stderr, "--csv: cannot write '%s'\n", data.c_str());
            return 2;
        }
        int rc = 0;
        if (!png.empty()) {
            char title[160];
            std::snprintf(
                title, sizeof title, "Severi 2012 SAN cell: CL %.1f ms, MDP %.1f mV, g_f x%.2f",
                m.cycle_length_s * 1e3, m.mdp_mV, (1.0 - p.if_block) * (p.ivabradine ? 0.34 : 1.0));
            rc = plot(data, png, title);
        }
        if (m.n_cycles == 0) {
            std::fprintf(stderr,
                         "no complete cycle after t = %g s: the cell does not beat, or "
                         "--t is too short\n",
                         t_keep);
            return 1;
        }
        return rc;
    });
}
