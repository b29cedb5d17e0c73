// The CellML corpus check of one imported model (compiled once per model with
// NONEQ_CELLML_HEADER and NONEQ_CELLML_NS): 1000 ms from the published initial state with the
// stimulus the file defines (or none), through noneq::run (RODAS4, rtol = atol = 1e-6 on the
// states scaled by their initial magnitudes), then:
//   finite   every state finite at 1000 ms (an integration_error otherwise);
//   AP       max V > -10 mV and max V - min V > 40 mV; required where the model is stimulated
//            (oxmeta stimulus annotations) — a model that beats on its own shows one too;
//   speed    simulated seconds per CPU second of that run (one cell);
//   dt       self-convergence: fixed RODAS4 steps of 0.1, 0.05 and 0.025 ms; e1 = max |V(0.1) -
//            V(0.05)|, e2 = max |V(0.05) - V(0.025)| over the 0.1 ms grid, order log2(e1/e2).
// Prints one key=value line (read by corpus_table.cmake) and exits non-zero if a check fails.
#include NONEQ_CELLML_HEADER

#include <noneq/integrate/rodas4.hpp>
#include <noneq/integrate/run.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace {
using model_t = noneq::cellml_models::NONEQ_CELLML_NS::model;
constexpr std::size_t N = model_t::n_states;
using state = model_t::state_type;

double cpu_seconds() {
    return double(std::clock()) / CLOCKS_PER_SEC;
}

/// V on the 0.1 ms grid from fixed RODAS4 steps of dt_ms.
std::vector<double> fixed_run(const model_t& m, double dt_ms, double t_end_ms) {
    const double unit_ms = model_t::time_unit::in_seconds * 1e3; // ms per model time unit
    const double dt = dt_ms / unit_ms;
    const int per_out = static_cast<int>(std::lround(0.1 / dt_ms));
    const int n_out = static_cast<int>(std::lround(t_end_ms / 0.1));
    noneq::rodas4<N> st(1e-6, 1e-6);
    state x = model_t::initial_state;
    std::vector<double> v{x[0]};
    long i = 0; // t = i dt exactly, so the stimulus edges fall alike on every grid
    for (int k = 0; k < n_out; ++k) {
        for (int j = 0; j < per_out; ++j, ++i)
            st.do_fixed_step(std::cref(m), x, double(i) * dt, dt);
        v.push_back(x[0]);
    }
    return v;
}

double max_diff(const std::vector<double>& a, const std::vector<double>& b) {
    double d = 0.0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        d = std::max(d, std::abs(a[i] - b[i]));
    if (a.size() != b.size()) return NAN;
    return d;
}
} // namespace

int main() {
    const model_t m;
    static_assert(model_t::voltage_index == 0, "the corpus needs the membrane voltage annotated");
    const bool stimulated = model_t::period_constant >= 0 || model_t::amplitude_constant >= 0;
    state x = model_t::initial_state;
    double vmax = x[0], vmin = x[0];
    bool runs = true, finite = true;
    std::size_t steps = 0;
    std::string why;
    const double c0 = cpu_seconds();
    try {
        noneq::run_options o;
        o.dt = noneq::time<double>::from_value(1e-4);
        o.abs_tol = o.rel_tol = 1e-6;
        o.dt_initial = noneq::time<double>::from_value(1e-6);
        // An adaptive step at rest would step over a 1 ms stimulus: the run stops at every edge
        // of the stimulus the file defines (1 ms pieces where it is not fully annotated).
        const double unit_s = model_t::time_unit::in_seconds;
        std::vector<double> edges{0.0, 1.0};
        const auto k = [&](int i) {
            return i >= 0 ? m.constant(model_t::constant_names[i]) * unit_s : NAN;
        };
        const double period = k(model_t::period_constant), dur = k(model_t::duration_constant),
                     off = k(model_t::offset_constant);
        if (stimulated && period > 0 && dur > 0 && off >= 0) {
            for (double s0 = off; s0 < 1.0; s0 += period) {
                edges.push_back(s0);
                edges.push_back(s0 + dur);
            }
        } else if (stimulated) {
            for (double s0 = 1e-3; s0 < 1.0; s0 += 1e-3)
                edges.push_back(s0);
        }
        std::sort(edges.begin(), edges.end());
        edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
        for (std::size_t e = 0; e + 1 < edges.size() && edges[e] < 1.0; ++e)
            steps += noneq::run(m, x, noneq::time<double>::from_value(edges[e]),
                                noneq::time<double>::from_value(std::min(edges[e + 1], 1.0)),
                                noneq::method::rodas4, o, [&](const state& y, double) {
                                    vmax = std::max(vmax, y[0]);
                                    vmin = std::min(vmin, y[0]);
                                });
    } catch (const std::exception& e) {
        runs = false;
        why = e.what();
        for (char& c : why)
            if (c == '\n' || c == ' ') c = '_';
    }
    const double cpu = std::max(cpu_seconds() - c0, 1e-6);
    for (double v : x)
        finite = finite && std::isfinite(v);
    const bool ap = runs && vmax > -10.0 && vmax - vmin > 40.0;
    double e1 = NAN, e2 = NAN;
    if (runs) {
        const auto a = fixed_run(m, 0.1, 1000.0), b = fixed_run(m, 0.05, 1000.0),
                   c = fixed_run(m, 0.025, 1000.0);
        e1 = max_diff(a, b);
        e2 = max_diff(b, c);
    }
    std::printf("states=%zu stimulated=%d runs=%d finite=%d ap=%d v_max_mV=%.2f v_min_mV=%.2f "
                "steps=%zu sim_s_per_cpu_s=%.3g dt_err1_mV=%.3g dt_err2_mV=%.3g dt_order=%.2f "
                "error=%s\n",
                N, stimulated ? 1 : 0, runs ? 1 : 0, finite ? 1 : 0, ap ? 1 : 0, vmax, vmin, steps,
                1.0 / cpu, e1, e2, std::log2(e1 / e2), why.empty() ? "none" : why.c_str());
    return runs && finite && (ap || !stimulated) ? 0 : 1;
}
