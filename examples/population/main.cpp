// noneq-population: N point cells of a composed membrane stepped with SIMD batches by the one
// population engine (noneq/population/population.hpp). --model hh: the Hodgkin-Huxley squid axon
// of hh.mod at 6.3 C as a composition (membrane/squid_axon.hpp: Na m^3 h, K n^4, leak).
// (Any other composition runs through the same engine: tests/test_population.cpp steps HH
// with a GABA_A synapse and a GHK calcium channel.)
// Cell i: an 18.8 um x 18.8 um cylinder (area pi d L, no end caps, as NEURON's single segment),
// from -65 mV with gates at steady state, driven by (0.1 + 0.1 (i mod 10)/10) nA from t = 0.
// Prints spikes= (upward crossings of 0 mV, all cells) and ns_per_cell_step= (wall time of the
// stepping only, divided by N x steps). --precision float runs the same formulas over
// xsimd::batch<float> (twice the lanes; its accuracy is stated in the benchmark README).
// --rates table takes the gates' per-step coefficients from a table built once from the exact
// rate functions (0.01 mV grid, linear interpolation; accuracy in tests/test_population.cpp).
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/population/population.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numbers>
#include <string>

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
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"N Hodgkin-Huxley cells stepped with SIMD batches"};
    long long n = 10000;
    double t_ms = 100.0, dt_ms = 0.025;
    unsigned threads = 1;
    std::string precision = "double", coupling = "staggered", rates = "exact";
    double table_step = noneq::table_grid{}.step_mV;
    app.add_option("--n", n, "number of cells (>= 1)");
    app.add_option("--t", t_ms, "simulated time, ms (> 0)");
    app.add_option("--dt", dt_ms, "time step, ms (> 0)");
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
        const auto model = noneq::hh::make_axon(noneq::make<noneq::unit::current_density>(0.0));
        std::printf("model=hh\n");
        if (precision == "double")
            run<double>(N, steps, dt_ms, threads, model, set);
        else
            run<float>(N, steps, dt_ms, threads, model, set);
        return 0;
    });
}
