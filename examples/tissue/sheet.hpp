// noneq-tissue --sheet: a 2D sheet of atrial-like tissue driven by a sinoatrial node. Severi 2012
// rabbit SAN cells (cardiac/severi2012.hpp, an ODE model stepped by forward Euler through
// population/ode_cell) fill a disc at the sheet's centre; Mitchell-Schaeffer cells with a
// shorter action potential (tau_close 100 ms) fill the rest. The node is coupled weakly (its
// conductivity scaled by --san-coupling; the face between two nodes takes the harmonic mean), so
// the atrium's resting load does not silence it (the source-sink balance of the real node, whose
// cells are poorly coupled). Nothing is stimulated: the node's own beat activates the sheet.
// Prints when the node fires, where the wave leaves it, and the activation map's range; --png
// writes the map (blue early, red late, grey never).
#pragma once

#include <noneq/cardiac/severi2012.hpp>
#include <noneq/population/stepping.hpp>
#include <noneq/tissue/mitchell_schaeffer.hpp>
#include <noneq/tissue/monodomain.hpp>
#include <noneq/tissue/units.hpp>

#include "cli.hpp"
#include "png.hpp"
#include "run_common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace noneq_example {

struct sheet_settings {
    double size_mm = 20.0, san_radius_mm = 3.0, san_coupling = 0.1, sigma_S_per_m = 0.4;
};

inline int run_sheet(const tissue_settings& s, const sheet_settings& sh) {
    using namespace noneq::tissue;
    using namespace noneq::tissue::literals;
    using namespace noneq::literals;
    namespace sv = noneq::severi2012;
    using san_cell = noneq::ode_cell<sv::model>;
    using atrial_cell = noneq::ode_cell<mitchell_schaeffer::model>;
    const double L = sh.size_mm;
    const auto g = grid::slab(L * 1.0_mm, L * 1.0_mm, 0.0_mm, s.dx_mm * 1.0_mm);
    const double c = 0.5 * L, R = sh.san_radius_mm;
    const auto in_san = [c, R](const point& p) {
        return std::hypot(in_mm(p.x) - c, in_mm(p.y) - c) <= R + 1e-9;
    };
    medium m{conductivity_tensor::isotropic(sh.sigma_S_per_m * 1.0_S_per_m), 1400.0_per_cm,
             1.0_uF_per_cm2};
    m.scale.assign(g.size(), 1.0);
    for (std::size_t i = 0; i < g.size(); ++i)
        if (in_san(g.at(i))) m.scale[i] = sh.san_coupling;
    typename monodomain<san_cell, atrial_cell>::options opt;
    opt.dt = s.dt_ms * 1.0_ms;
    opt.split = s.split;
    opt.scheme = s.scheme;
    opt.threads = s.threads;
    opt.reaction_substeps = s.substeps;
    opt.activation_threshold_mV = -20.0;
    mitchell_schaeffer::parameters atrial;
    atrial.tau_close_ms = 100.0;
    monodomain<san_cell, atrial_cell> tis(
        g, m, opt,
        region{san_cell(sv::model{}, sv::initial_state, sv::state_names, 1.0),
               sv::initial_state[sv::V] * 1.0_mV, node_predicate(in_san)},
        region{mitchell_schaeffer::cell(atrial), -80.0_mV, everywhere()});
    kv("case", "sheet");
    kv("size_mm", L);
    kv("dx_mm", s.dx_mm);
    kv("dt_ms", s.dt_ms);
    kv("nodes", double(g.size()));
    kv("san_nodes", double(tis.template nodes<0>().size()));
    kv("san_coupling", sh.san_coupling);
    const auto all_active = [&] {
        return std::none_of(tis.activation_s().begin(), tis.activation_s().end(),
                            [](double a) { return std::isnan(a); });
    };
    run_until(tis, s, all_active, "sheet");
    const auto& act = tis.activation_s();
    double san_first = std::numeric_limits<double>::infinity(), lo = san_first, hi = -lo;
    std::size_t exit_node = g.size(), activated = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (std::isnan(act[i])) continue;
        ++activated;
        lo = std::min(lo, act[i]);
        hi = std::max(hi, act[i]);
        if (tis.region_of(i) == 0)
            san_first = std::min(san_first, act[i]);
        else if (exit_node == g.size() || act[i] < act[exit_node])
            exit_node = i;
    }
    kv("activated_fraction", double(activated) / double(g.size()));
    if (activated == 0) {
        std::fprintf(stderr, "noneq-tissue: nothing activated by t = %g ms\n", s.t_max_ms);
        return 1;
    }
    kv("san_first_activation_ms", std::isfinite(san_first) ? san_first * 1e3 : -1.0);
    if (exit_node < g.size()) {
        const auto p = g.at(exit_node);
        kv("exit_site_x_mm", in_mm(p.x));
        kv("exit_site_y_mm", in_mm(p.y));
        kv("exit_activation_ms", act[exit_node] * 1e3);
    }
    kv("activation_first_ms", lo * 1e3);
    kv("activation_last_ms", hi * 1e3);
    if (!s.png.empty()) {
        const std::size_t px = std::max<std::size_t>(1, 400 / g.nx());
        const std::size_t W = g.nx() * px, H = g.ny() * px;
        std::vector<std::uint8_t> rgb(W * H * 3, 0);
        for (std::size_t y = 0; y < H; ++y)
            for (std::size_t x = 0; x < W; ++x) {
                const std::size_t i = g.index(x / px, g.ny() - 1 - y / px, 0);
                std::array<std::uint8_t, 3> col{128, 128, 128};
                if (!std::isnan(act[i]))
                    col = heat_colour((act[i] - lo) / std::max(hi - lo, 1e-12));
                const bool edge =
                    tis.region_of(i) == 0 &&
                    ((x / px + 1 < g.nx() &&
                      tis.region_of(g.index(x / px + 1, g.ny() - 1 - y / px, 0)) != 0) ||
                     (x / px > 0 &&
                      tis.region_of(g.index(x / px - 1, g.ny() - 1 - y / px, 0)) != 0));
                if (edge) col = {0, 0, 0};
                std::copy(col.begin(), col.end(), rgb.begin() + std::ptrdiff_t(3 * (y * W + x)));
            }
        write_png(s.png, W, H, rgb);
        kv("png", s.png);
    }
    return activated == g.size() ? 0 : 1;
}

} // namespace noneq_example
