// noneq-cardiac-cell: paces a cardiac cell model (or lets a pacemaker beat) and measures its last
// action potential.
//
//   noneq-cardiac-cell --model NAME | --cellml FILE [--bcl MS] [--beats K] [--csv F] [--png F]
//
// --model: a model compiled into this program: severi2012 (the hand-composed sinoatrial node
// cell, cardiac/severi2012.hpp), tentusscher2006 (ten Tusscher & Panfilov 2006 epicardial) and
// noble1962 (Noble 1962 Purkinje fibre), the last two imported from CellML at build time by
// noneq-cellml. --cellml: any CellML file, read, unit-checked and sorted at run time by the
// converter and evaluated by its interpreter (the same checked form a generated header has; a
// compiler is not needed, the price is speed). A model whose file defines a stimulus
// (oxmeta-annotated period) is paced at --bcl; a model without one runs free for beats x bcl.
// Integration: RODAS4 (rtol = atol = 1e-6 on the states scaled by their initial magnitudes),
// stopped at every stimulus edge, 0.1 ms output.
//
// Output (key=value): model, states, paced, bcl_ms, beats, then of the last complete action
// potential: apd90_ms, apd50_ms (from the upstroke, the time of max dV/dt, to repolarisation by
// 90 % / 50 % of the amplitude), v_max_mV, v_rest_mV (the minimum before the upstroke),
// dvdt_max_V_per_s. Exit 1 if no complete action potential was found; 2 for bad input, an
// unknown model or a file that cannot be read or is inconsistent (one line on stderr).
#include "cell_models.hpp"
#include "cli.hpp"
#include "plot.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace {

int plot(const std::string& csv, const std::string& png, const std::string& title) {
    std::ostringstream g;
    g << "set terminal pngcairo size 900,420 font 'sans,11'\n"
      << "set output '" << png << "'\nset datafile separator ','\nset grid\nunset key\n"
      << "set title '" << title << "'\nset xlabel 't (ms)'\nset ylabel 'V (mV)'\n"
      << "plot '" << csv << "' using 1:2 with lines lw 2 lc rgb '#1f4e9c'\n";
    return noneq_example::gnuplot("noneq-cardiac-cell", g.str()) ==
                   noneq_example::plot_status::failed
               ? 1
               : 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"A cardiac cell model, paced or beating, and its last action potential"};
    std::string model, cellml, csv, png;
    double bcl = 1000.0;
    int beats = 3;
    auto* mo = app.add_option("--model", model,
                              "a built-in model: severi2012, tentusscher2006, noble1962");
    auto* co = app.add_option("--cellml", cellml, "a CellML file, interpreted at run time");
    mo->excludes(co);
    app.add_option("--bcl", bcl, "basic cycle length, ms (paced models; 50 .. 10000)")
        ->check(noneq_example::positive_finite());
    app.add_option("--beats", beats, "number of beats (1 .. 1000)");
    app.add_option("--csv", csv, "write t (ms) and V (mV) of the whole run to this CSV file");
    app.add_option("--png", png, "plot V over the whole run to this PNG (gnuplot)");
    const int prc = noneq_example::parse(app, argc, argv, "noneq-cardiac-cell", [&] {
        if (model.empty() && cellml.empty())
            throw CLI::ValidationError("one of --model NAME or --cellml FILE is required");
        if (!(bcl >= 50.0 && bcl <= 10000.0))
            throw CLI::ValidationError("--bcl", "outside the allowed range (50 .. 10000 ms)");
        if (beats < 1 || beats > 1000)
            throw CLI::ValidationError("--beats", "outside the allowed range (1 .. 1000)");
    });
    if (prc >= 0) return prc;
    return noneq_example::run("noneq-cardiac-cell", [&] {
        cardiac_cell::trace tr;
        try {
            tr = cellml.empty() ? cardiac_cell::run_builtin(model, bcl, beats)
                                : cardiac_cell::run_cellml(cellml, bcl, beats);
        } catch (const noneq_cellml::error& e) {
            throw noneq_example::usage_error(std::string("--cellml: ") + e.what());
        }
        const auto m = cardiac_cell::measure_last_ap(tr);
        noneq_example::kv("model", tr.name);
        noneq_example::kv("states", double(tr.states));
        noneq_example::kv("paced", tr.paced ? 1.0 : 0.0);
        noneq_example::kv("bcl_ms", bcl);
        noneq_example::kv("beats", double(beats));
        noneq_example::kv("apd90_ms", m.apd90_ms);
        noneq_example::kv("apd50_ms", m.apd50_ms);
        noneq_example::kv("v_max_mV", m.v_max_mV);
        noneq_example::kv("v_rest_mV", m.v_rest_mV);
        noneq_example::kv("dvdt_max_V_per_s", m.dvdt_max_V_per_s);
        std::optional<noneq_example::scratch_dir> scratch; // --png without --csv: the data
        std::string data = csv;
        if (!png.empty() && data.empty())
            data = scratch.emplace("noneq-cardiac-cell").file("v.csv");
        if (!data.empty()) {
            std::ofstream f(data);
            f << "t_ms,V_mV\n";
            for (std::size_t i = 0; i < tr.t_ms.size(); ++i)
                f << tr.t_ms[i] << ',' << tr.v_mV[i] << '\n';
            if (!f) throw noneq_example::usage_error("--csv: cannot write '" + data + "'");
        }
        int rc = 0;
        if (!png.empty()) {
            rc = plot(data, png, tr.name + ", APD90 " + std::to_string(m.apd90_ms) + " ms");
        }
        if (!std::isfinite(m.apd90_ms)) {
            std::fprintf(stderr, "noneq-cardiac-cell: no complete action potential found\n");
            return 1;
        }
        return rc;
    });
}
