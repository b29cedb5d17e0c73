// noneq-population: N point cells of a composed membrane stepped with SIMD batches by the one
// population engine (noneq/population/population.hpp). --model hh: the Hodgkin-Huxley squid axon
// of hh.mod at 6.3 C as a composition (membrane/squid_axon.hpp: Na m^3 h, K n^4, leak).
// (Any other composition runs through the same engine: tests/test_population.cpp steps HH
// with a GABA_A synapse and a GHK calcium channel.)
// --model severi: N Severi 2012 rabbit sinoatrial node cells (cardiac/severi2012.hpp) as an ODE
// model population (forward Euler, default dt 0.01 ms), cell i with its I_f conductance scaled
// by 1 - s + 2 s i/(N - 1) for --gf-spread s; prints each cell's cycle length (the mean of its
// last three intervals, the first left out; up to 20 cells on stdout, all in --csv), their range,
// and simulated seconds per CPU second per cell.
// HH cell i: an 18.8 um x 18.8 um cylinder (area pi d L, no end caps, as NEURON's single segment),
// from -65 mV with gates at steady state, driven by (0.1 + 0.1 (i mod 10)/10) nA from t = 0.
// Prints spikes= (upward crossings of 0 mV, all cells) and ns_per_cell_step= (wall time of the
// stepping only, divided by N x steps). --precision float runs the same formulas over
// xsimd::batch<float> (twice the lanes; its accuracy is stated in the benchmark README).
// --rates table takes the gates' per-step coefficients from a table built once from the exact
// rate functions (0.01 mV grid, linear interpolation; accuracy in tests/test_population.cpp).
#include <noneq/cardiac/severi2012.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/population/population.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
struct settings {
    noneq::coupling coupling = noneq::coupling::staggered;
    noneq::table_grid rates{};
};

template <class Real, class Model>
void run(std::size_t N, std::size_t steps, double dt_ms, unsigned threads, const Model& model,
         const settings& set) {
    using namespace noneq::literals;
    using pop_t = noneq::population<Model, Real>;
    const double d_um = 18.8, L_um = 18.8;
    const auto area = noneq::make<noneq::unit::area>(std::numbers::pi * d_um * L_um * 1e-12);
    typename pop_t::options opt;
    opt.threads = threads;
    opt.spike_capacity = 0; // counts only
    opt.coupling = set.coupling;
    opt.rates = set.rates;
    pop_t pop(N, model, dt_ms * 1.0_ms, -65.0_mV, area, opt);
    for (std::size_t i = 0; i < N; ++i)
        pop.set_stimulus(i, (0.1 + 0.1 * double(i % 10) / 10.0) * 1.0_nA);
    const std::clock_t c0 = std::clock();
    const auto t0 = std::chrono::steady_clock::now();
    pop.advance_steps(steps);
    const auto t1 = std::chrono::steady_clock::now();
    const std::clock_t c1 = std::clock();
    const double cpu_ns = double(c1 - c0) * 1e9 / CLOCKS_PER_SEC;
    const double ns = std::chrono::duration<double, std::nano>(t1 - t0).count();
    std::printf("n=%zu\n", N);
    std::printf("steps=%zu\n", steps);
    std::printf("threads=%u\n", threads);
    std::printf("precision=%s\n", sizeof(Real) == 4 ? "float" : "double");
    std::printf("coupling=%s\n",
                set.coupling == noneq::coupling::staggered ? "staggered" : "simultaneous");
    std::printf("rates=%s\n", set.rates.enabled ? "table" : "exact");
    if (set.rates.enabled) std::printf("table_step_mV=%.12g\n", set.rates.step_mV);
    std::printf("simd_lanes=%zu\n", pop_t::W);
    std::printf("spikes=%zu\n", pop.total_spikes());
    std::printf("spikes_cell0=%zu\n", pop.spike_count(0));
    std::printf("v_cell0_mV=%.12g\n", noneq::in_mV(pop.v(0)));
    std::printf("wall_s=%.12g\n", ns * 1e-9);
    std::printf("ns_per_cell_step=%.12g\n", ns / (double(N) * double(steps)));
    // CPU time of the process over the same interval (all threads): on a shared machine the
    // wall time also counts time the process waited for a core.
    std::printf("cpu_ns_per_cell_step=%.12g\n", cpu_ns / (double(N) * double(steps)));
}

// N Severi cells with a spread of g_f: each cell's cycle length.
int run_severi(std::size_t N, std::size_t steps, double dt_ms, unsigned threads, double spread,
               const std::string& csv) {
    using namespace noneq::literals;
    namespace sv = noneq::severi2012;
    using cell_t = noneq::ode_cell<sv::model>;
    using pop_t = noneq::population<cell_t>;
    typename pop_t::options opt;
    opt.threads = threads;
    opt.spike_capacity = 64;
    const cell_t cell(sv::model{}, sv::initial_state, sv::state_names, 1.0); // time in s
    pop_t pop(N, cell, dt_ms * 1.0_ms, sv::initial_state[sv::V] * 1.0_mV, opt);
    std::vector<double> scale(N);
    for (std::size_t i = 0; i < N; ++i) {
        scale[i] = N > 1 ? 1.0 - spread + 2.0 * spread * double(i) / double(N - 1) : 1.0;
        pop.set_parameter(i, scale[i]);
    }
    const std::clock_t c0 = std::clock();
    pop.advance_steps(steps);
    const double cpu_s = double(std::clock() - c0) / CLOCKS_PER_SEC;
    if (pop.spike_times_truncated()) {
        std::fprintf(stderr, "more than 64 beats in a cell: shorten --t\n");
        return 1;
    }
    // Cycle length: the mean of the last (up to) three intervals between beats, the first interval
    // (from the initial state's transient) left out, ms; 0 with fewer than three beats.
    std::vector<double> cl(N, 0.0);
    for (std::size_t i = 0; i < N; ++i) {
        const auto t = pop.spike_times(i);
        if (t.size() < 3) continue;
        const std::size_t k = std::min<std::size_t>(3, t.size() - 2);
        cl[i] = noneq::in_ms(t.back() - t[t.size() - 1 - k]) / double(k);
    }
    const double sim_s = double(steps) * dt_ms * 1e-3;
    noneq_example::kv("model", "severi");
    noneq_example::kv("n", double(N));
    noneq_example::kv("t_s", sim_s);
    noneq_example::kv("dt_ms", dt_ms);
    noneq_example::kv("gf_spread", spread);
    noneq_example::kv("simd_lanes", double(pop_t::W));
    noneq_example::kv("beats", double(pop.total_spikes()));
    for (std::size_t i = 0; i < std::min<std::size_t>(N, 20); ++i) {
        const std::string key = "cycle_length_ms_cell" + std::to_string(i);
        noneq_example::kv(key.c_str(), cl[i]);
    }
    const auto [lo, hi] = std::minmax_element(cl.begin(), cl.end());
    noneq_example::kv("cycle_length_ms_min", *lo);
    noneq_example::kv("cycle_length_ms_max", *hi);
    // Simulated seconds per CPU second per cell (the benchmark's figure for cardiac models).
    noneq_example::kv("sim_s_per_cpu_s_per_cell", sim_s * double(N) / std::max(cpu_s, 1e-9));
    if (!csv.empty()) {
        std::ofstream out(csv);
        out << "cell,g_f_scale,beats,cycle_length_ms\n";
        for (std::size_t i = 0; i < N; ++i)
            out << i << ',' << scale[i] << ',' << pop.spike_count(i) << ',' << cl[i] << '\n';
        if (!out) throw std::runtime_error("cannot write --csv file " + csv);
    }
    if (!(*lo > 0)) {
        std::fprintf(stderr, "a cell beat fewer than three times: lengthen --t\n");
        return 1;
    }
    return 0;
}
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"N cells of a composed membrane or cardiac model stepped with SIMD batches"};
    long long n = 10000;
    double t_ms = 0, dt_ms = 0, gf_spread = 0.2;
    unsigned threads = 1;
    std::string model = "hh", precision = "double", coupling = "staggered", rates = "exact", csv;
    double table_step = noneq::table_grid{}.step_mV;
    app.add_option("--model", model,
                   "hh (default: hh.mod's axon) or severi (Severi 2012 SAN cell)");
    app.add_option("--n", n, "number of cells (>= 1)");
    app.add_option("--t", t_ms, "simulated time, ms (> 0; default 100 for hh, 2000 for severi)");
    app.add_option("--dt", dt_ms,
                   "time step, ms (> 0; default 0.025 for hh, 0.01 for severi, which forward "
                   "Euler keeps stable only up to ~0.025)");
    app.add_option("--gf-spread", gf_spread,
                   "severi: I_f conductance scales spread over 1 -+ this fraction (0 .. 0.9)");
    app.add_option("--csv", csv, "severi: write cell, g_f scale, beats, cycle length to this CSV");
    app.add_option("--threads", threads, "threads (0: all cores)");
    app.add_option("--precision", precision, "double (default) or float");
    app.add_option("--coupling", coupling,
                   "staggered (default: V, then the gates at the new V, as NEURON) or "
                   "simultaneous (Brian2's exponential_euler)");
    app.add_option("--rates", rates,
                   "exact (default: hh.mod's rate functions every step) or table (per-step gate "
                   "coefficients interpolated from a 0.01 mV table built once from them)");
    app.add_option("--table-step", table_step, "--rates table: grid spacing, mV (1e-4 .. 1)");
    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-population"); rc >= 0)
        return rc;
    if (model != "hh" && model != "severi") {
        std::fprintf(stderr, "--model = %s is not one of hh, severi\n", model.c_str());
        return 2;
    }
    const bool severi = model == "severi";
    if (t_ms == 0) t_ms = severi ? 2000.0 : 100.0;
    if (dt_ms == 0) dt_ms = severi ? 0.01 : 0.025;
    if (severi && !(dt_ms <= 0.02)) {
        std::fprintf(stderr,
                     "--dt = %g is outside the allowed range for severi (0 < dt <= 0.02 "
                     "ms: forward Euler's stability)\n",
                     dt_ms);
        return 2;
    }
    if (!(gf_spread >= 0 && gf_spread <= 0.9)) {
        std::fprintf(stderr, "--gf-spread = %g is outside the allowed range (0 .. 0.9)\n",
                     gf_spread);
        return 2;
    }
    if (severi && (precision != "double" || rates != "exact" || coupling != "staggered")) {
        std::fprintf(stderr, "--precision, --rates and --coupling apply to --model hh only\n");
        return 2;
    }
    if (n < 1 || n > 100000000) {
        std::fprintf(stderr, "--n = %lld is outside the allowed range (1 .. 1e8)\n", n);
        return 2;
    }
    if (!(t_ms > 0) || !std::isfinite(t_ms)) {
        std::fprintf(stderr, "--t = %g is outside the allowed range (> 0, finite)\n", t_ms);
        return 2;
    }
    if (!(dt_ms > 0) || !(dt_ms <= t_ms)) {
        std::fprintf(stderr, "--dt = %g is outside the allowed range (0 < dt <= t)\n", dt_ms);
        return 2;
    }
    if (precision != "double" && precision != "float") {
        std::fprintf(stderr, "--precision = %s is not one of double, float\n", precision.c_str());
        return 2;
    }
    if (coupling != "staggered" && coupling != "simultaneous") {
        std::fprintf(stderr, "--coupling = %s is not one of staggered, simultaneous\n",
                     coupling.c_str());
        return 2;
    }
    if (rates != "exact" && rates != "table") {
        std::fprintf(stderr, "--rates = %s is not one of exact, table\n", rates.c_str());
        return 2;
    }
    if (!(table_step >= 1e-4 && table_step <= 1.0)) {
        std::fprintf(stderr, "--table-step = %g is outside the allowed range (1e-4 .. 1 mV)\n",
                     table_step);
        return 2;
    }
    return noneq_example::run([&] {
        settings set;
        set.rates.enabled = rates == "table";
        set.rates.step_mV = table_step;
        if (coupling == "simultaneous") set.coupling = noneq::coupling::simultaneous;
        const auto N = static_cast<std::size_t>(n);
        const auto steps = static_cast<std::size_t>(std::llround(t_ms / dt_ms));
        if (severi) return run_severi(N, steps, dt_ms, threads, gf_spread, csv);
        const auto axon = noneq::hh::make_axon(noneq::make<noneq::unit::current_density>(0.0));
        std::printf("model=hh\n");
        if (precision == "double")
            run<double>(N, steps, dt_ms, threads, axon, set);
        else
            run<float>(N, steps, dt_ms, threads, axon, set);
        return 0;
    });
}
