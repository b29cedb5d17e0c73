// noneq-hh: one Hodgkin-Huxley squid-axon compartment (NEURON's hh.mod) under a current step.
// Starts at -65 mV with its gates at steady state (NEURON's finitialize), a step of --i uA/cm^2
// from --delay ms to the end; integrates with the exponential (Rush-Larsen) stepper, rk4 (fixed
// dt), dopri5, rosenbrock4 or rodas4 (error controlled, 1e-8, sampled every dt).
// Prints spikes=, spike_times_ms= (upward crossings of 0 mV, comma-separated), v_peak_mV=,
// v_min_mV=, v_rest_mV= (the resting fixed point without the step) and a few more key=value
// lines; --csv FILE writes the time course t, V, m, h, n.
//
//   noneq-hh --i 10 --t 100
//   noneq-hh --i 6.3 --t 1000 --method dopri5 --csv trace.csv
#include <noneq/analysis/fixed_points.hpp>
#include <noneq/analysis/spikes.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

namespace {
using noneq_example::usage_error;
void check(bool ok, const char* arg, double v, const char* allowed) {
    if (!ok) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "argument %s = %.12g is outside the allowed range (%s)", arg,
                      v, allowed);
        throw usage_error(buf);
    }
}
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"noneq-hh: a Hodgkin-Huxley squid-axon compartment (hh.mod) under a current "
                 "step.\nOutput: key=value lines. Bad input: one line on stderr, exit code 2."};
    double i = 0, t_end = 100, delay = 0, t_celsius = 6.3, dt = 0.025;
    std::string method_name = "exp", csv;
    app.add_option("--i", i, "step current density, uA/cm^2 (positive depolarises), |I| <= 1000")
        ->required()
        ->type_name("UA_PER_CM2");
    app.add_option("--t", t_end, "duration, ms, 0 < t <= 1e7")
        ->type_name("MS")
        ->capture_default_str();
    app.add_option("--delay", delay, "step onset, ms, 0 <= delay <= 1e7")
        ->type_name("MS")
        ->capture_default_str();
    app.add_option("--celsius", t_celsius, "temperature, degC, -273.15 < T <= 100 (q10 = 3)")
        ->type_name("T")
        ->capture_default_str();
    app.add_option("--method", method_name, "exp | rk4 | dopri5 | rosenbrock | rodas4")
        ->capture_default_str();
    app.add_option("--dt", dt,
                   "step (exp, rk4) or output interval (dopri5, rosenbrock, rodas4), ms, "
                   "0 < dt <= t")
        ->type_name("MS")
        ->capture_default_str();
    app.add_option("--csv", csv, "write the time course t_ms, V_mV, m, h, n to FILE")
        ->type_name("FILE");
    if (const int rc = noneq_example::parse(app, argc, argv, nullptr); rc >= 0) return rc;
    return noneq_example::run([&] {
        // A squid axon passes at most ~1 mA/cm^2 before the membrane breaks down; the model's
        // physics ends well before that.
        check(std::abs(i) <= 1000, "--i", i, "|I| <= 1000 uA/cm^2");
        check(t_end > 0 && t_end <= 1e7, "--t", t_end, "0 < t <= 1e7 ms");
        check(delay >= 0 && delay <= 1e7, "--delay", delay, "0 <= delay <= 1e7 ms");
        check(t_celsius > -273.15 && t_celsius <= 100, "--celsius", t_celsius,
              "-273.15 < T <= 100 degC");
        check(dt > 0 && dt <= t_end, "--dt", dt, "0 < dt <= t ms");
        noneq::method m;
        try {
            m = noneq::parse_method(method_name);
        } catch (const noneq::domain_error&) {
            throw usage_error("argument --method = '" + method_name +
                              "' is not one of exp, rk4, dopri5, rosenbrock, rodas4");
        }
        using namespace noneq;
        using namespace noneq::literals;
        auto ax = hh::make_axon(current_density<double>::from_value(i * 1e-2),
                                noneq::time<double>::from_value(delay * 1e-3),
                                noneq::celsius<double>(t_celsius));
        // the resting fixed point of the unstimulated axon
        auto quiet =
            hh::make_axon(current_density<double>::from_value(0.0),
                          noneq::time<double>::from_value(0.0), noneq::celsius<double>(t_celsius));
        const auto rest = fixed_points(quiet);
        auto x = ax.steady_state(hh::v_init_mV);
        spike_detector sd(0.0);
        trace_recorder<hh::axon::state_type> trace;
        const bool want_trace = !csv.empty();
        std::size_t steps = 0;
        try {
            steps = run(ax, x, 0.0_ms, t_end * 1.0_ms, m, {dt * 1.0_ms, 1e-8, 1e-8},
                        [&](const auto& s, double t) {
                            sd(s, t);
                            if (want_trace) trace(s, t);
                        });
        } catch (const integration_error& e) {
            // A failed run prints no results: partial numbers would look like valid ones.
            std::fprintf(stderr, "noneq-hh: integration failed: %s\n", e.what());
            return 1;
        }
        std::printf("method=%s\n", to_string(m));
        std::printf("dt_ms=%.12g\n", dt);
        std::printf("celsius=%.12g\n", t_celsius);
        std::printf("steps=%zu\n", steps);
        std::printf("spikes=%zu\n", sd.count());
        std::printf("spike_times_ms=");
        for (std::size_t k = 0; k < sd.count(); ++k)
            std::printf("%s%.12g", k ? "," : "", sd.times()[k]);
        std::printf("\n");
        std::printf("v_peak_mV=%.12g\n", sd.max());
        std::printf("v_min_mV=%.12g\n", sd.min());
        if (!rest.empty()) std::printf("v_rest_mV=%.12g\n", rest.front().v_mV());
        const auto st = spike_stats(sd, delay);
        if (st.count >= 2) {
            std::printf("rate_hz=%.12g\n", st.rate_hz);
            std::printf("ahp_mV=%.12g\n", st.ahp_mV);
        }
        std::printf("v_end_mV=%.12g\n", x[0]);
        if (want_trace) {
            std::ofstream f(csv);
            if (!f) throw usage_error("argument --csv = '" + csv + "' cannot be written");
            trace.write_csv(f, [](std::size_t k) {
                static const char* names[] = {"V_mV", "m", "h", "n"};
                return std::string(names[k]);
            });
        }
        return 0;
    });
}
