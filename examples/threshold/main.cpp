// noneq-threshold: the thresholds of the Hodgkin-Huxley squid axon (hh.mod), three ways.
//   v_threshold_mV     the voltage threshold: the unstable (saddle) fixed point of the fast
//                      subsystem (V, m) with h and n frozen at rest (FitzHugh 1955; Rinzel 1985),
//                      between the rest and the excited state of the instantaneous I-V curve;
//   hopf_uA_per_cm2    the current at which the rest state loses stability (eigenvalues of the
//                      full Jacobian; Rinzel & Miller 1980: 9.78 uA/cm^2 at 6.3 degC);
//   rheobase_uA_per_cm2, repetitive_onset_uA_per_cm2
//                      by simulation of steps from rest (dopri5): the least current that fires
//                      one spike (300 ms step), and that sustains firing through the last
//                      1000 ms of a 3000 ms step (Rinzel & Miller: periodic orbits from 6.26).
// --csv FILE writes the steady-state and instantaneous I-V curves, -100..60 mV.
//
//   noneq-threshold [--celsius T] [--hold UA_PER_CM2] [--no-search] [--csv FILE]
#include <noneq/analysis/fixed_points.hpp>
#include <noneq/analysis/iv_curve.hpp>
#include <noneq/analysis/spikes.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

namespace {
using namespace noneq;
using namespace noneq::literals;
using noneq_example::usage_error;

hh::axon axon_at(double i, double t_celsius, double delay_ms = 0) {
    return hh::make_axon(current_density<double>::from_value(i * 1e-2),
                         noneq::time<double>::from_value(delay_ms * 1e-3),
                         noneq::celsius<double>(t_celsius));
}

/// Spikes of a step of i from rest (50 ms to settle), counted from t_from.
std::size_t step_spikes(double i, double t_celsius, double t_end, double t_from) {
    auto ax = axon_at(i, t_celsius, 50);
    auto x = ax.steady_state(hh::v_init_mV);
    spike_detector sd;
    run(ax, x, 0.0_ms, t_end * 1.0_ms, method::dopri5, {0.025_ms, 1e-9, 1e-9}, sd);
    std::size_t n = 0;
    for (double t : sd.times())
        n += t >= t_from;
    return n;
}
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"noneq-threshold: voltage threshold, Hopf current, rheobase and onset of "
                 "repetitive firing of the HH squid axon.\nOutput: key=value lines. Bad input: "
                 "one line on stderr, exit code 2."};
    double t_celsius = 6.3, hold = 0;
    bool no_search = false;
    std::string csv;
    app.add_option("--celsius", t_celsius, "temperature, degC, -273.15 < T <= 40")
        ->type_name("T")
        ->capture_default_str();
    app.add_option("--hold", hold,
                   "holding current for the voltage threshold, uA/cm^2, |I| <= 1000")
        ->type_name("UA_PER_CM2")
        ->capture_default_str();
    app.add_flag("--no-search", no_search, "skip the simulated rheobase and onset searches");
    app.add_option("--csv", csv, "write v_mV, i_steady_uA_per_cm2, i_instantaneous_uA_per_cm2")
        ->type_name("FILE");
    if (const int rc = noneq_example::parse(app, argc, argv, nullptr); rc >= 0) return rc;
    return noneq_example::run([&] {
        if (!(t_celsius > -273.15 && t_celsius <= 40))
            throw usage_error("argument --celsius = " + std::to_string(t_celsius) +
                              " is outside the allowed range (-273.15 < T <= 40 degC)");
        if (!(std::abs(hold) <= 1000))
            throw usage_error("argument --hold = " + std::to_string(hold) +
                              " is outside the allowed range (|I| <= 1000 uA/cm^2)");
        const auto ax = axon_at(hold, t_celsius);
        const auto fps = fixed_points(ax);
        if (fps.empty()) throw std::runtime_error("no fixed point in -120..60 mV");
        const auto rest = fps.front().state;
        const frozen_set slow{hh::H, hh::N};
        std::printf("celsius=%.12g\n", t_celsius);
        std::printf("hold_uA_per_cm2=%.12g\n", hold);
        std::printf("v_rest_mV=%.12g\n", rest[0]);
        std::printf("rest_stability=%s\n", to_string(fps.front().kind));
        std::printf("rest_slowest_eigenvalue_per_ms=%.12g\n",
                    fps.front().eigenvalues.front().real());
        const auto fast = fixed_points(ax, {}, &rest, slow);
        if (const auto th = threshold(ax, rest[0], {}, &rest, slow)) {
            std::printf("v_threshold_mV=%.12g\n", th->v_mV());
            std::printf("threshold_kind=%s\n", to_string(th->kind));
            std::printf("threshold_unstable_eigenvalue_per_ms=%.12g\n",
                        th->eigenvalues.front().real());
        } else {
            std::printf("v_threshold_mV=none\n");
        }
        if (fast.size() == 3) std::printf("v_excited_mV=%.12g\n", fast.back().v_mV());

        auto stable_at = [&](double i) {
            const auto f = fixed_points(axon_at(i, t_celsius));
            return !f.empty() && f.front().stable();
        };
        if (stable_at(0.0) && !stable_at(50.0))
            std::printf("hopf_uA_per_cm2=%.12g\n",
                        bisect_onset([&](double i) { return !stable_at(i); }, 0.0, 50.0, 1e-5));
        if (!no_search) {
            auto fires = [&](double i) { return step_spikes(i, t_celsius, 350, 0) >= 1; };
            if (!fires(0.0) && fires(50.0))
                std::printf("rheobase_uA_per_cm2=%.12g\n", bisect_onset(fires, 0.0, 50.0, 1e-4));
            auto sustained = [&](double i) { return step_spikes(i, t_celsius, 3050, 2050) >= 2; };
            if (!sustained(0.0) && sustained(50.0))
                std::printf("repetitive_onset_uA_per_cm2=%.12g\n",
                            bisect_onset(sustained, 0.0, 50.0, 1e-3));
        }
        if (!csv.empty()) {
            std::ofstream f(csv);
            if (!f) throw usage_error("argument --csv = '" + csv + "' cannot be written");
            f << "v_mV,i_steady_uA_per_cm2,i_instantaneous_uA_per_cm2\n";
            f.precision(12);
            for (int k = 0; k <= 160; ++k) {
                const double v = -100.0 + k;
                f << v << ',' << steady_state_current(ax, v) << ','
                  << instantaneous_current(ax, v, rest, slow) << '\n';
            }
        }
        return 0;
    });
}
