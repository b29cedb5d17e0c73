// Tour: the heart's pacemaker. The Severi et al. (2012) rabbit sinoatrial node cell beats on its
// own; blocking the funny current I_f (3 uM ivabradine: 66 % of g_f, as the paper models it)
// slows the diastolic depolarisation and so the rate. A short run from the published initial
// state: 3 s, measured over the cycles after 1.5 s (the limit cycle, reached within ~10 s, has
// CL 354.8 ms in control; the paper reports 352 ms).
#include "tour.hpp"

#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/severi2012.hpp>

#include <vector>

namespace {
namespace sv = noneq::severi2012;

noneq::cycle_metrics beat(const sv::parameters& p) {
    const sv::model mdl(p);
    std::vector<double> t, v;
    auto x = sv::initial_state;
    noneq::cardiac::run_cell(mdl, x, sv::state_scale, noneq::time<double>::from_value(0.0),
                             noneq::time<double>::from_value(3.0),
                             [&](const sv::state& s, double ts) {
                                 t.push_back(ts);
                                 v.push_back(s[sv::V]);
                             });
    noneq::cycle_options opt;
    opt.t_start_s = 1.5;
    return noneq::measure_cycles(t, v, {}, opt);
}

tour::registrar reg{
    "30", "Pacemaker: Severi 2012 sinoatrial node cell, with and without I_f block", [] {
        const auto control = beat({});
        sv::parameters iva;
        iva.ivabradine = true;
        const auto blocked = beat(iva);
        tour::kv("control_cycle_length_ms", control.cycle_length_s * 1e3);
        tour::kv("control_rate_bpm", control.rate_bpm);
        tour::kv("control_mdp_mV", control.mdp_mV);
        tour::kv("control_ddr_mV_per_s", control.ddr_mV_per_s);
        tour::kv("ivabradine_cycle_length_ms", blocked.cycle_length_s * 1e3);
        tour::kv("ivabradine_rate_bpm", blocked.rate_bpm);
        tour::kv("ivabradine_mdp_mV", blocked.mdp_mV);
        tour::kv("ivabradine_ddr_mV_per_s", blocked.ddr_mV_per_s);
        tour::kv("rate_change_percent", (blocked.rate_bpm / control.rate_bpm - 1.0) * 100.0);
    }};
} // namespace
