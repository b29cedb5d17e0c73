// noneq-synapse: which way does a GABA_A (chloride) synapse push a Hodgkin-Huxley axon?
// The synaptic reversal is the chloride Nernst potential E_Cl = -(RT/F) ln(Cl_o/Cl_i), from
// --cl-in/--cl-out (mM), or set directly with --e-cl (mV; then Cl_i follows from Cl_o).
// Relative to the rest and to the voltage threshold (the saddle of the fast subsystem, see
// noneq-threshold), E_Cl decides: below rest the synapse hyperpolarises; between rest and
// threshold it depolarises but shunts (clamps V below threshold); above threshold it excites.
// One presynaptic spike at --at ms (Destexhe, Mainen & Sejnowski 1994 kinetics) on a cell held
// with --i uA/cm^2. Prints e_cl_mV, v_rest_mV, v_threshold_mV, effect, psp_peak_mV (largest
// deflection from rest, signed), spikes; --csv FILE writes t, V, s.
//
//   noneq-synapse --cl-in 7 --cl-out 130
//   noneq-synapse --e-cl -30 --gmax 2
#include <noneq/analysis/fixed_points.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/membrane/synapse.hpp>

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
void check(bool ok, const std::string& arg, double v, const char* allowed) {
    if (!ok) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "argument %s = %.12g is outside the allowed range (%s)",
                      arg.c_str(), v, allowed);
        throw usage_error(buf);
    }
}
using cell = membrane<specific_capacitance, hh::na_channel, hh::k_channel, leak, gaba_a_synapse,
                      step_current>;
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"noneq-synapse: the direction of GABA_A inhibition for a given E_Cl.\nOutput: "
                 "key=value lines. Bad input: one line on stderr, exit code 2."};
    double cl_in = 7, cl_out = 130, e_cl = NAN, gmax = 1, at = 20, t_end = 100, i_hold = 0,
           t_celsius = 6.3;
    std::string csv;
    auto* o_in =
        app.add_option("--cl-in", cl_in, "intracellular Cl-, mM, > 0")->capture_default_str();
    app.add_option("--cl-out", cl_out, "extracellular Cl-, mM, > 0")->capture_default_str();
    auto* o_e = app.add_option("--e-cl", e_cl, "chloride reversal, mV, |E| <= 150 (sets Cl_i)");
    o_e->excludes(o_in);
    app.add_option("--gmax", gmax, "peak synaptic conductance, mS/cm^2, 0 <= g <= 100")
        ->capture_default_str();
    app.add_option("--at", at, "presynaptic spike time, ms, 0 <= at < t")->capture_default_str();
    app.add_option("--t", t_end, "duration, ms, 0 < t <= 1e6")->capture_default_str();
    app.add_option("--i", i_hold, "holding current, uA/cm^2, |I| <= 100")->capture_default_str();
    app.add_option("--celsius", t_celsius, "temperature, degC, -273.15 < T <= 40")
        ->capture_default_str();
    app.add_option("--csv", csv, "write t_ms, V_mV, m, h, n, s")->type_name("FILE");
    if (const int rc = noneq_example::parse(app, argc, argv, nullptr); rc >= 0) return rc;
    return noneq_example::run([&] {
        check(cl_in > 0 && std::isfinite(cl_in), "--cl-in", cl_in, "> 0 mM, finite");
        check(cl_out > 0 && std::isfinite(cl_out), "--cl-out", cl_out, "> 0 mM, finite");
        check(gmax >= 0 && gmax <= 100, "--gmax", gmax, "0 <= g <= 100 mS/cm^2");
        check(t_end > 0 && t_end <= 1e6, "--t", t_end, "0 < t <= 1e6 ms");
        check(at >= 0 && at < t_end, "--at", at, "0 <= at < t ms");
        check(std::abs(i_hold) <= 100, "--i", i_hold, "|I| <= 100 uA/cm^2");
        check(t_celsius > -273.15 && t_celsius <= 40, "--celsius", t_celsius,
              "-273.15 < T <= 40 degC");
        environment env;
        env.T = kelvin(noneq::celsius<double>(t_celsius));
        if (*o_e) {
            check(std::abs(e_cl) <= 150, "--e-cl", e_cl, "|E| <= 150 mV");
            // E = (RT/(zF)) ln(out/in) with z = -1  =>  Cl_i = Cl_o exp(E F/(RT))
            cl_in = cl_out * std::exp(e_cl / in_mV(thermal_voltage(env.T)));
        }
        env.set<ion::cl>(concentration<double>::from_value(cl_in),
                         concentration<double>::from_value(cl_out));
        const auto hold = current_density<double>::from_value(i_hold * 1e-2);
        auto make = [&](double g, std::vector<double> spikes) {
            return cell(env, specific_capacitance(), hh::make_na_channel(), hh::make_k_channel(),
                        hh::make_leak(),
                        gaba_a_synapse({conductance_density<double>::from_value(g * 10)},
                                       std::move(spikes)),
                        step_current(hold));
        };
        // rest and threshold of the cell without synaptic input
        const auto quiet = make(gmax, {});
        const auto fps = fixed_points(quiet);
        if (fps.empty()) throw std::runtime_error("no resting state in -120..60 mV");
        const auto rest = fps.front().state;
        const auto th = threshold(quiet, rest[0], {}, &rest, {hh::H, hh::N});
        const double e = quiet.part<3>().e_cl_mV();
        std::printf("cl_in_mM=%.12g\n", cl_in);
        std::printf("cl_out_mM=%.12g\n", cl_out);
        std::printf("e_cl_mV=%.12g\n", e);
        std::printf("v_rest_mV=%.12g\n", rest[0]);
        if (th) {
            std::printf("v_threshold_mV=%.12g\n", th->v_mV());
            std::printf("effect=%s\n",
                        to_string(gaba_a_effect(voltage<double>::from_value(e * 1e-3),
                                                voltage<double>::from_value(rest[0] * 1e-3),
                                                voltage<double>::from_value(th->v_mV() * 1e-3))));
        }
        std::printf("driving_force_at_rest_mV=%.12g\n", rest[0] - e);
        // one synaptic event from rest
        const auto c = make(gmax, {at});
        auto x = rest;
        spike_detector sd;
        double peak = 0;
        trace_recorder<cell::state_type> tr;
        run(c, x, 0.0_ms, t_end * 1.0_ms, method::dopri5, {0.025_ms, 1e-9, 1e-9},
            [&](const auto& s, double t) {
                sd(s, t);
                if (std::abs(s[0] - rest[0]) > std::abs(peak)) peak = s[0] - rest[0];
                if (!csv.empty()) tr(s, t);
            });
        std::printf("psp_peak_mV=%.12g\n", peak);
        std::printf("spikes=%zu\n", sd.count());
        if (!csv.empty()) {
            std::ofstream f(csv);
            if (!f) throw usage_error("argument --csv = '" + csv + "' cannot be written");
            tr.write_csv(f, [](std::size_t k) {
                static const char* n[] = {"V_mV", "m", "h", "n", "s"};
                return std::string(n[k]);
            });
        }
        return 0;
    });
}
