// What noneq-tissue's two cases share: the settings from the command line, the stepping loop
// with progress lines on stderr, and the speed figures.
#pragma once

#include <noneq/tissue/monodomain.hpp>

#include "cli.hpp"

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>

namespace noneq_example {

struct tissue_settings {
    double dx_mm = 0.5, dt_ms = 0.05, t_max_ms = 0;
    unsigned threads = 1;
    std::size_t substeps = 1;
    bool forward_euler = false; ///< imported cells: forward Euler instead of Rush-Larsen
    noneq::tissue::splitting split = noneq::tissue::splitting::strang;
    noneq::tissue::diffusion_scheme scheme = noneq::tissue::diffusion_scheme::crank_nicolson;
    std::string csv, png;
    bool quiet = false;
};

/// Steps `tis` until done() or t_max; a progress line on stderr every ~2 s of wall time (unless
/// quiet). Prints wall and CPU time, node-steps per second and the CG's work.
template <class Tissue>
void run_until(Tissue& tis, const tissue_settings& s, const std::function<bool()>& done,
               const char* what) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const std::clock_t c0 = std::clock();
    auto last = t0;
    const std::size_t steps0 = tis.steps_done();
    const std::size_t max_steps = std::size_t(s.t_max_ms / s.dt_ms + 0.5);
    while (!done() && tis.steps_done() - steps0 < max_steps) {
        tis.step();
        const auto now = clock::now();
        if (!s.quiet && now - last > std::chrono::seconds(2)) {
            last = now;
            std::size_t act = 0;
            for (double a : tis.activation_s())
                act += a == a;
            std::fprintf(stderr,
                         "noneq-tissue: %s t=%.2f ms of %.0f, %zu of %zu nodes activated, "
                         "%.1f s\n",
                         what, noneq::in_ms(tis.now()), s.t_max_ms, act, tis.geometry().size(),
                         std::chrono::duration<double>(now - t0).count());
        }
    }
    const double wall = std::chrono::duration<double>(clock::now() - t0).count();
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    const double node_steps = double(tis.geometry().size()) * double(tis.steps_done() - steps0);
    const auto& d = tis.diffusion_operator();
    kv("t_end_ms", noneq::in_ms(tis.now()));
    kv("wall_s", wall);
    kv("cpu_s", cpu);
    kv("node_steps_per_s", node_steps / std::max(wall, 1e-9));
    kv("cg_iterations_per_solve",
       d.solves() ? double(d.total_iterations()) / double(d.solves()) : 0.0);
    kv("memory_bytes_per_node", double(tis.memory_bytes()) / double(tis.geometry().size()));
}

} // namespace noneq_example
