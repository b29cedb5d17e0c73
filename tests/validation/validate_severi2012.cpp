// Validation of the Severi 2012 rabbit sinoatrial node cell against the published figures:
// Severi S, Fantini M, Charawi LA, DiFrancesco D (2012), J Physiol 590(18):4483-4499 (abstract
// and the model's Physiome Model Repository exposure): cycle length 352 ms, action potential
// amplitude 80 mV, maximum diastolic potential -58 mV, APD50 108 ms, maximum upstroke velocity
// 7.1 V/s; I_f block by 5 mM Cs+ slows the rate by ~20 %, 3 uM ivabradine by ~22 %, with no
// change of the diastolic potential; 10 nM ACh slows it by ~20 %, 1 uM isoprenaline speeds it
// by ~28 %.
//
// Each condition runs 20 s from the published initial state (the paper's protocol: the drug is
// present from t = 0) and is measured over the cycles of the last 3 s, integrated with the cell
// driver's default RODAS at rtol = atol = 1e-6. Numerical error is far below the tolerances: the
// cycle length moves by 3e-5 ms between rtol 1e-6 and 1e-10, where RODAS and dopri5 agree to
// 1e-9 relative (benchmarks/bench_pacemaker.cpp); the drift of the limit cycle between 20 s and
// 60 s is < 0.1 % in control and < 0.6 % under I_f block.
#include <doctest/doctest.h>

#include "support/compare.hpp"

#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/severi2012.hpp>

#include <cmath>
#include <vector>

namespace {
using namespace noneq;
using noneq::test::rel;

#ifdef NONEQ_SANITIZED
constexpr double t_end = 1.2; // sanitizer run: one or two beats, sanity only
#else
constexpr double t_end = 20.0;
#endif
constexpr double window = 3.0;

cycle_metrics simulate(const severi2012::parameters& p) {
    const severi2012::model mdl(p);
    std::vector<double> t, v, d;
    const double t_keep = std::max(0.0, t_end - window);
    auto x = severi2012::initial_state;
    cardiac::run_cell(
        mdl, x, severi2012::state_scale, noneq::time<double>::from_value(0.0),
        noneq::time<double>::from_value(t_end),
        [&](const severi2012::state& x, double ts) {
            if (ts < t_keep) return;
            severi2012::state dx;
            mdl.rhs(x, dx);
            t.push_back(ts);
            v.push_back(x[severi2012::V]);
            d.push_back(dx[severi2012::V] * 1e-3); // mV/s -> V/s
        },
        cardiac::cell_options(), method::rodas4, severi2012::state_names.data());
    cycle_options opt;
    opt.t_start_s = t_keep;
    return measure_cycles(t, v, d, opt);
}

[[maybe_unused]] const cycle_metrics& control_metrics() {
    static const cycle_metrics m = simulate({});
    return m;
}

[[maybe_unused]] double rate_change_percent(const cycle_metrics& drug,
                                            const cycle_metrics& control) {
    return (drug.rate_bpm / control.rate_bpm - 1.0) * 100.0;
}
} // namespace

#ifdef NONEQ_SANITIZED
TEST_CASE("Severi 2012: the cell fires (sanitized build: short run, sanity only)") {
    const auto m = simulate({});
    CHECK(m.n_cycles >= 1);
    CHECK(m.mdp_mV < -50.0);
    CHECK(m.overshoot_mV > 10.0);
}
#else
TEST_CASE("Severi 2012: control action potential (Severi et al. 2012, abstract)") {
    const auto& m = control_metrics();
    MESSAGE("CL=", m.cycle_length_s * 1e3, " ms MDP=", m.mdp_mV, " mV APA=", m.apa_mV,
            " mV APD50=", m.apd50_s * 1e3, " ms dV/dt max=", m.dvdt_max_V_per_s, " V/s");
    REQUIRE(m.n_cycles >= 7);
    // a limit cycle: the cycles of the window agree to 0.01 ms and 0.01 mV
    CHECK(m.cycle_length_spread_s < 1e-5);
    CHECK(m.mdp_spread_mV < 1e-2);
    CHECK(m.cycle_length_s * 1e3 == rel(352.0, 0.02)); // CL 352 ms, +-2 %
    CHECK(std::abs(m.apa_mV - 80.0) <= 2.0);           // APA 80 mV, +-2 mV
    CHECK(std::abs(m.mdp_mV - (-58.0)) <= 2.0);        // MDP -58 mV, +-2 mV
    // APD50 108 ms: no tolerance is published; the cycle length's 2 % is used
    CHECK(m.apd50_s * 1e3 == rel(108.0, 0.02));
    CHECK(m.dvdt_max_V_per_s == rel(7.1, 0.10)); // 7.1 V/s, +-10 %
}

TEST_CASE("Severi 2012: I_f block and autonomic modulation of the rate") {
    const auto& control = control_metrics();
    severi2012::parameters cs;
    cs.cs_mM = 5.0;
    severi2012::parameters iva;
    iva.ivabradine = true;
    severi2012::parameters ach;
    ach.ach_nM = 10.0;
    severi2012::parameters iso;
    iso.iso_uM = 1.0;
    const auto m_cs = simulate(cs), m_iva = simulate(iva), m_ach = simulate(ach),
               m_iso = simulate(iso);
    const double d_cs = rate_change_percent(m_cs, control);
    const double d_iva = rate_change_percent(m_iva, control);
    const double d_ach = rate_change_percent(m_ach, control);
    const double d_iso = rate_change_percent(m_iso, control);
    MESSAGE("rate change: Cs ", d_cs, " %, ivabradine ", d_iva, " %, ACh ", d_ach, " %, Iso ",
            d_iso, " %; MDP shift: Cs ", m_cs.mdp_mV - control.mdp_mV, " mV, ivabradine ",
            m_iva.mdp_mV - control.mdp_mV, " mV");
    // "about" a published percentage: within 2 percentage points
    CHECK(std::abs(d_cs - (-20.0)) <= 2.0);  // 5 mM Cs+: ~ -20 %
    CHECK(std::abs(d_iva - (-22.0)) <= 2.0); // 3 uM ivabradine: ~ -22 %
    CHECK(std::abs(d_ach - (-20.0)) <= 2.0); // 10 nM ACh: ~ -20 %
    CHECK(std::abs(d_iso - 28.0) <= 2.0);    // 1 uM isoprenaline: ~ +28 %
    // The paper reports no change of the MDP under I_f block. The model as published (this
    // implementation matches the CellML right-hand side to 1e-12, validate_severi2012_cellml.cpp)
    // hyperpolarises the MDP by 0.97 mV (Cs+) and 1.03 mV (ivabradine) at 20 s, 1.04 and 1.12 mV at
    // 60 s: "no change" holds to about 1 mV, which is what is checked (with 0.2 mV for the drift
    // after 20 s).
    CHECK(std::abs(m_cs.mdp_mV - control.mdp_mV) < 1.2);
    CHECK(std::abs(m_iva.mdp_mV - control.mdp_mV) < 1.2);
    // I_f block acts on the diastolic depolarisation, not on the upstroke
    CHECK(m_cs.ddr_mV_per_s < 0.6 * control.ddr_mV_per_s);
    CHECK(m_iva.ddr_mV_per_s < 0.6 * control.ddr_mV_per_s);
    CHECK(std::abs(m_iva.top_mV - control.top_mV) < 1.0);
}
#endif
