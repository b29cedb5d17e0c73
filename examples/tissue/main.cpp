// noneq-tissue: cardiac tissue by the monodomain equation (noneq/tissue/monodomain.hpp).
//   --benchmark niederer2011 --dx MM --dt MS   the N-version benchmark slab (niederer.hpp):
//       activation times at P1..P9 and along the diagonal; --cell ms (Mitchell-Schaeffer, always
//       built) or tt06 (ten Tusscher & Panfilov 2006 epicardial, imported from CellML where the
//       build has the converter).
//   --sheet                                    a 2D sheet with a sinoatrial node (sheet.hpp):
//       Severi 2012 cells driving atrial-like tissue; --png writes the activation map.
// Options for both: --split strang|godunov, --diffusion cn|be, --threads, --substeps (cell steps
// per step), --t-max (ms), --quiet (no progress lines); --cell-stepper rl|fe (tt06: Rush-Larsen,
// the default, or forward Euler). Output: key=value lines, including
// node_steps_per_s, cg_iterations_per_solve and memory_bytes_per_node.
#include <noneq/tissue/mitchell_schaeffer.hpp>

#include "cli.hpp"
#include "niederer.hpp"
#include "sheet.hpp"

#include <CLI/CLI.hpp>

#if __has_include(<ten_tusscher_model_2006_epi.hpp>)
#include "tt06.hpp"
#define NONEQ_TISSUE_HAS_TT06 1
#endif

#include <cmath>
#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    CLI::App app{"Cardiac tissue: the monodomain equation on structured grids"};
    noneq_example::tissue_settings s;
    noneq_example::sheet_settings sh;
    std::string benchmark, cell = "tt06", split = "strang", diffusion = "cn";
    bool sheet = false;
    app.add_option("--benchmark", benchmark, "niederer2011: the N-version benchmark slab");
    app.add_flag("--sheet", sheet, "a 2D sheet with a sinoatrial node driving atrial-like tissue");
    app.add_option("--cell", cell, "benchmark cell: tt06 (default, if built) or ms");
    app.add_option("--dx", s.dx_mm, "grid spacing, mm (benchmark: 0.5, 0.2, 0.1; sheet: 0.25)");
    app.add_option("--dt", s.dt_ms, "time step, ms (benchmark: 0.05, 0.01, 0.005; sheet: 0.01)");
    app.add_option("--t-max", s.t_max_ms, "stop after this many ms (default 150 / 600)");
    app.add_option("--split", split, "strang (default) or godunov");
    app.add_option("--diffusion", diffusion, "cn (Crank-Nicolson, default) or be");
    app.add_option("--threads", s.threads, "threads of the reaction step (0: all cores)");
    app.add_option("--substeps", s.substeps,
                   "cell steps per time step (>= 1; tt06: default ceil(dt / H), H = 5 us by "
                   "Rush-Larsen, 2 us by forward Euler)");
    std::string cell_stepper = "rl";
    app.add_option("--cell-stepper", cell_stepper,
                   "tt06: rl (Rush-Larsen, default) or fe (forward Euler, for comparison)");
    app.add_option("--csv", s.csv, "benchmark: the diagonal's activation times as CSV");
    app.add_option("--png", s.png, "sheet: the activation map as PNG");
    app.add_option("--size", sh.size_mm, "sheet: side length, mm");
    app.add_option("--san-radius", sh.san_radius_mm, "sheet: radius of the sinoatrial node, mm");
    app.add_option("--san-coupling", sh.san_coupling,
                   "sheet: the node's conductivity relative to the atrium's (0 .. 1]");
    app.add_flag("--quiet", s.quiet, "no progress lines on stderr");
    auto* dx_opt = app.get_option("--dx");
    auto* dt_opt = app.get_option("--dt");
    [[maybe_unused]] auto* substeps_opt = app.get_option("--substeps"); // tt06 only
    const int rc = noneq_example::parse(app, argc, argv, "noneq-tissue", [&] {
        if (sheet == !benchmark.empty())
            throw CLI::ValidationError("--benchmark/--sheet", "give exactly one of them");
        if (!benchmark.empty() && benchmark != "niederer2011")
            throw CLI::ValidationError("--benchmark", benchmark + " is not one of niederer2011");
        if (sheet) {
            if (dx_opt->count() == 0) s.dx_mm = 0.25;
            if (dt_opt->count() == 0) s.dt_ms = 0.01;
        }
        if (s.t_max_ms == 0) s.t_max_ms = sheet ? 600.0 : 150.0;
        if (!(s.dx_mm > 0) || !std::isfinite(s.dx_mm))
            throw CLI::ValidationError("--dx", "outside the allowed range (> 0, finite)");
        if (!(s.dt_ms > 0) || !(s.dt_ms <= s.t_max_ms))
            throw CLI::ValidationError("--dt", "outside the allowed range (0 < dt <= t-max)");
        if (!(s.t_max_ms > 0) || !std::isfinite(s.t_max_ms))
            throw CLI::ValidationError("--t-max", "outside the allowed range (> 0, finite)");
        if (s.substeps < 1) throw CLI::ValidationError("--substeps", "must be >= 1");
        if (split != "strang" && split != "godunov")
            throw CLI::ValidationError("--split", split + " is not one of strang, godunov");
        if (diffusion != "cn" && diffusion != "be")
            throw CLI::ValidationError("--diffusion", diffusion + " is not one of cn, be");
        if (!(sh.san_coupling > 0 && sh.san_coupling <= 1))
            throw CLI::ValidationError("--san-coupling", "outside the allowed range (0 .. 1]");
        if (cell_stepper != "rl" && cell_stepper != "fe")
            throw CLI::ValidationError("--cell-stepper", cell_stepper + " is not one of rl, fe");
        if (cell != "tt06" && cell != "ms")
            throw CLI::ValidationError("--cell", cell + " is not one of tt06, ms");
    });
    if (rc >= 0) return rc;
    s.forward_euler = cell_stepper == "fe";
    s.split =
        split == "godunov" ? noneq::tissue::splitting::godunov : noneq::tissue::splitting::strang;
    s.scheme = diffusion == "be" ? noneq::tissue::diffusion_scheme::backward_euler
                                 : noneq::tissue::diffusion_scheme::crank_nicolson;
    return noneq_example::run("noneq-tissue", [&] {
        using namespace noneq::literals;
        if (sheet) return noneq_example::run_sheet(s, sh);
        if (cell == "ms") {
            noneq::tissue::mitchell_schaeffer::parameters p;
            p.v_rest_mV = -85.0; // TT06's resting potential, for a comparable 0 mV crossing
            return noneq_example::run_niederer(noneq::tissue::mitchell_schaeffer::cell(p), -85.0_mV,
                                               s, "mitchell-schaeffer");
        }
#ifdef NONEQ_TISSUE_HAS_TT06
        return noneq_example::run_tt06(s, substeps_opt->count() > 0);
#else
        throw noneq_example::usage_error(
            "--cell tt06: this build has no CellML converter (tools/cellml) or no reference "
            "models beside the source tree; use --cell ms");
#endif
    });
}
