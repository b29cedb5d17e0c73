// noneq-tissue --benchmark niederer2011: the N-version benchmark of Niederer et al. 2011 (Phil
// Trans R Soc A 369:4331-4351, its benchmark definition): a 20 x 7 x 3 mm slab, fibres along the
// 20 mm axis (intracellular sigma_l 0.17 S/m, sigma_t 0.019 S/m, extracellular 0.62 and 0.24 S/m;
// the monodomain conductivity is the two in series per axis, 0.1334 and 0.01761 S/m), chi
// 1400 /cm, C_m 1 uF/cm^2, stimulus 50000 uA/cm^3 for 2 ms in the 1.5 mm cube at the corner
// P1 = (0, 0, 0); activation = the first crossing of 0 mV. Prints the activation time at the
// paper's points P1..P9 (P1..P8 the corners, P8 = (20, 7, 3) mm the far one, P9 the centre) and
// at eleven points along the diagonal P1-P8; --csv writes every diagonal node's distance and
// activation time.
#pragma once

#include <noneq/tissue/monodomain.hpp>
#include <noneq/tissue/units.hpp>

#include "cli.hpp"
#include "run_common.hpp"

#include <array>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string>

namespace noneq_example {

template <class Cell>
int run_niederer(const Cell& cell, noneq::voltage<double> v0, const tissue_settings& s,
                 const char* cell_name) {
    using namespace noneq::tissue;
    using namespace noneq::tissue::literals;
    using namespace noneq::literals;
    const double dx = s.dx_mm;
    const auto g = grid::slab(20.0_mm, 7.0_mm, 3.0_mm, dx * 1.0_mm);
    // The benchmark's bidomain values (intracellular 0.17 / 0.019 S/m, extracellular 0.62 /
    // 0.24 S/m along / across the fibres) in series: sigma_l 0.1334, sigma_t 0.01761 S/m.
    const medium m{conductivity_tensor::monodomain(
                       conductivity_tensor::fibres_along_x(0.17_S_per_m, 0.019_S_per_m),
                       conductivity_tensor::fibres_along_x(0.62_S_per_m, 0.24_S_per_m)),
                   1400.0_per_cm, 1.0_uF_per_cm2};
    typename monodomain<Cell>::options opt;
    opt.dt = s.dt_ms * 1.0_ms;
    opt.split = s.split;
    opt.scheme = s.scheme;
    opt.threads = s.threads;
    opt.reaction_substeps = s.substeps;
    opt.activation_threshold_mV = 0.0;
    monodomain<Cell> tis(g, m, opt, region{cell, v0, everywhere()});
    tis.add_stimulus({box{{0.0_mm, 0.0_mm, 0.0_mm}, {1.5_mm, 1.5_mm, 1.5_mm}}, 50000.0_uA_per_cm3,
                      0.0_ms, 2.0_ms});
    const std::array<std::array<double, 3>, 9> P{{{0, 0, 0},
                                                  {0, 7, 0},
                                                  {20, 0, 0},
                                                  {20, 7, 0},
                                                  {0, 0, 3},
                                                  {0, 7, 3},
                                                  {20, 0, 3},
                                                  {20, 7, 3},
                                                  {10, 3.5, 1.5}}};
    const auto node = [&](double x, double y, double z) {
        return g.nearest({x * 1.0_mm, y * 1.0_mm, z * 1.0_mm});
    };
    const std::size_t p8 = node(20, 7, 3);
    kv("benchmark", "niederer2011");
    kv("cell", cell_name);
    kv("dx_mm", dx);
    kv("dt_ms", s.dt_ms);
    kv("nodes", double(g.size()));
    kv("splitting", s.split == splitting::strang ? "strang" : "godunov");
    kv("diffusion",
       s.scheme == diffusion_scheme::crank_nicolson ? "crank-nicolson" : "backward-euler");
    run_until(
        tis, s, [&] { return bool(tis.activation(p8)); }, "niederer2011");
    const auto ms = [&](std::size_t i) {
        const auto a = tis.activation(i);
        return a ? noneq::in_ms(*a) : -1.0; // -1: not activated by t_max
    };
    for (std::size_t k = 0; k < P.size(); ++k) {
        const std::string key = "activation_ms_P" + std::to_string(k + 1);
        kv(key.c_str(), ms(node(P[k][0], P[k][1], P[k][2])));
    }
    // The diagonal P1-P8: nodes nearest to s (20, 7, 3) mm.
    const double len = std::sqrt(20.0 * 20 + 7.0 * 7 + 3.0 * 3);
    for (int k = 0; k <= 10; ++k) {
        const double f = k / 10.0;
        const std::string key = "diagonal_ms_at_" + std::to_string(k * 10) + "pct";
        kv(key.c_str(), ms(node(20 * f, 7 * f, 3 * f)));
    }
    kv("diagonal_length_mm", len);
    if (!s.csv.empty()) {
        std::ofstream out(s.csv);
        out << "distance_mm,x_mm,y_mm,z_mm,activation_ms\n";
        const int n = int(std::lround(len / dx)) * 2;
        for (int k = 0; k <= n; ++k) {
            const double f = double(k) / n;
            const std::size_t i = node(20 * f, 7 * f, 3 * f);
            const auto p = g.at(i);
            out << f * len << ',' << in_mm(p.x) << ',' << in_mm(p.y) << ',' << in_mm(p.z) << ','
                << ms(i) << '\n';
        }
        if (!out) throw std::runtime_error("cannot write --csv file " + s.csv);
    }
    return tis.activation(p8) ? 0 : 1;
}

} // namespace noneq_example
