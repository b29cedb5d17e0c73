// noneq-condensate: a condensate placed by an ATP gradient. A mitochondrion (a Gaussian ATP
// source near the left wall of a 2D no-flux cell) makes ATP that diffuses and is consumed
// everywhere (steady state, decay length sqrt(D/k)); ATP lowers the chemical potential of a
// condensate-forming component, mu_ext = -eps c / c_max, whose Cahn-Hilliard dynamics (double
// well, metastable mean composition) then condenses it next to the source.
// Output: key=value lines (%.12g); --csv a time course; --png snapshots (gnuplot, if installed).
// Bad input: one line on stderr naming the argument and its allowed range, exit code 2.
//
//   noneq-condensate
//   noneq-condensate --grid 128 --t 3000 --png condensate.png --csv condensate.csv
//   noneq-condensate --eps 0        (no ATP coupling: the metastable solution stays mixed)
#include <noneq/softmatter/atp_gradient.hpp>
#include <noneq/softmatter/cahn_hilliard.hpp>
#include <noneq/softmatter/morphology.hpp>

#include "cli.hpp"
#include "plot.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using noneq_example::kv;

namespace {
namespace sm = noneq::softmatter;

bool write_matrix(const std::filesystem::path& p, const xt::xtensor<double, 2>& f) {
    std::ofstream out(p);
    if (!out) return false;
    char buf[32];
    for (std::size_t j = 0; j < f.shape()[0]; ++j) {
        for (std::size_t i = 0; i < f.shape()[1]; ++i) {
            std::snprintf(buf, sizeof buf, "%.6g ", f(j, i));
            out << buf;
        }
        out << '\n';
    }
    return bool(out);
}

// Four panels: the ATP field and three snapshots of phi. Returns false (with a note on stderr)
// if gnuplot is missing or fails; the run's results are unaffected.
bool plot_png(const std::string& png, const xt::xtensor<double, 2>& atp,
              const std::vector<xt::xtensor<double, 2>>& snaps, const std::vector<double>& times,
              double L, double x_src, double y_src) {
    const noneq_example::scratch_dir dir("noneq-condensate");
    const auto phi_file = [&](std::size_t k) {
        return dir.file("phi" + std::to_string(k) + ".dat");
    };
    bool ok = write_matrix(dir.file("atp.dat"), atp);
    for (std::size_t k = 0; k < snaps.size(); ++k)
        ok = ok && write_matrix(phi_file(k), snaps[k]);
    if (!ok) {
        std::fprintf(stderr, "noneq-condensate: cannot write the plot's data; --png skipped\n");
        return false;
    }
    std::ostringstream gp;
    const double dx = L / double(atp.shape()[1]);
    gp << "set terminal pngcairo size 1600,430 font 'Sans,11'\n"
       << "set output '" << png << "'\n"
       << "set multiplot layout 1,4\n"
       << "set size ratio -1\nunset key\nset xrange [0:" << L << "]\nset yrange [0:" << L
       << "]\nset xlabel 'x'\nset ylabel 'y'\n"
       << "set object 1 circle at " << x_src << "," << y_src << " size " << 0.03 * L
       << " front fs empty border rgb 'white' lw 2\n"
       << "set title 'ATP c(x) / c_{max} (source: mitochondrion)'\nset cbrange [0:1]\n"
       << "set palette defined (0 '#000004', 0.5 '#b73779', 1 '#fcfdbf')\n"
       << "plot '" << dir.file("atp.dat") << "' matrix using (($1+0.5)*" << dx << "):(($2+0.5)*"
       << dx << "):3 with image\n"
       << "set cbrange [-1.1:1.1]\nset palette defined (-1.1 '#f7fbff', 0 '#6baed6', 1.1 "
          "'#08306b')\n";
    for (std::size_t k = 0; k < snaps.size(); ++k) {
        char title[96];
        std::snprintf(title, sizeof title, "phi at t = %.0f", times[k]);
        gp << "set title '" << title << "'\nplot '" << phi_file(k) << "' matrix using (($1+0.5)*"
           << dx << "):(($2+0.5)*" << dx << "):3 with image\n";
    }
    gp << "unset multiplot\n";
    return noneq_example::gnuplot("noneq-condensate", gp.str()) ==
           noneq_example::plot_status::written;
}
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"noneq-condensate: Cahn-Hilliard condensates placed by an ATP gradient"};
    int grid = 64;
    double t_end = 1500.0, dt = 1.0, eps = 0.3, mean = -0.65, noise = 0.02, lambda_frac = 0.2;
    unsigned seed = 1;
    std::string png, csv;
    app.add_option("--grid", grid, "cells per side, a power of two (16..1024; default 64)")
        ->check(CLI::IsMember({16, 32, 64, 128, 256, 512, 1024}));
    app.add_option("--t", t_end, "simulated time (0..1e7; default 1500)")
        ->check(CLI::Range(0.0, 1e7));
    app.add_option("--dt", dt, "time step (0..100; default 1)")->check(CLI::Range(1e-6, 100.0));
    app.add_option("--eps", eps, "ATP coupling epsilon (-5..5; default 0.3)")
        ->check(CLI::Range(-5.0, 5.0));
    app.add_option("--mean", mean, "mean composition (-1..1; default -0.65, metastable)")
        ->check(CLI::Range(-0.99, 0.99));
    app.add_option("--noise", noise, "initial noise amplitude (0..0.5; default 0.02)")
        ->check(CLI::Range(0.0, 0.5));
    app.add_option("--decay-length", lambda_frac,
                   "ATP decay length sqrt(D/k) as a fraction of the cell (0.01..10; default 0.2)")
        ->check(CLI::Range(0.01, 10.0));
    app.add_option("--seed", seed, "random seed of the initial noise");
    app.add_option("--png", png, "write snapshots (ATP field and phi at three times) as PNG");
    app.add_option("--csv", csv, "write the time course (t, F, mass error, centroid distance)");
    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-condensate"); rc >= 0)
        return rc;
    return noneq_example::run("noneq-condensate", [&] {
        const auto n = static_cast<std::size_t>(grid);
        const double dx = 1.0, L = double(n) * dx;
        const double x_src = 0.125 * L, y_src = 0.5 * L;
        const sm::spectral_grid<2> g({n, n}, dx, sm::boundary::no_flux);
        // ATP: D = 1, k = 1/lambda^2; a source of width 1.5 cells.
        const double lambda = lambda_frac * L, D = 1.0, k = 1.0 / (lambda * lambda);
        const auto src = sm::gaussian_source<2>(g, {y_src, x_src}, 1.5, 1.0);
        const auto c = sm::reaction_diffusion_steady_state<2>(g, src, D, k);
        const double c_max = xt::amax(c)();
        const auto mu_ext = sm::atp_chemical_potential<2>(c, eps, c_max);

        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> u(-noise, noise);
        auto phi0 = g.make_field(mean);
        for (auto& v : phi0)
            v += u(rng);
        // mu_ext shifts the dense phase to phi ~ 1 + |eps|/2; S covers f''/2 up to there.
        const double phi_top = 1.0 + 0.5 * std::abs(eps) + 0.05;
        const double S = std::max(1.25, 0.5 * (3.0 * phi_top * phi_top - 1.0));
        sm::cahn_hilliard<2, sm::double_well> ch(sm::double_well{1.0}, phi0, {1.0, 1.0, dx, dt, S},
                                                 sm::boundary::no_flux);
        ch.set_external_potential(mu_ext);
        const double m0 = ch.mass(), F0 = ch.free_energy();

        std::ofstream out;
        if (!csv.empty()) {
            out.open(csv);
            if (!out) {
                std::fprintf(stderr, "noneq-condensate: argument --csv = '%s' cannot be written\n",
                             csv.c_str());
                return 2;
            }
            out << "t,free_energy,mass_error,centroid_distance_to_source,max_phi\n";
        }
        auto centroid_distance = [&](const xt::xtensor<double, 2>& phi) {
            const auto cc = sm::dense_phase_centroid<2>(phi, 0.0, dx);
            return std::hypot(cc[0] - y_src, cc[1] - x_src);
        };
        const auto steps = static_cast<std::size_t>(std::llround(t_end / dt));
        const std::size_t chunks = 50;
        std::vector<xt::xtensor<double, 2>> snaps;
        std::vector<double> snap_t;
        const std::size_t snap_at[3] = {chunks / 10, chunks / 3, chunks};
        std::size_t done = 0;
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t j = 1; j <= chunks; ++j) {
            const std::size_t target = steps * j / chunks;
            const auto rep = ch.advance(target - done);
            done = target;
            if (!rep.ok) {
                std::fprintf(stderr, "noneq-condensate: %s\n", rep.message.c_str());
                return 1;
            }
            if (out) {
                char line[200];
                std::snprintf(line, sizeof line, "%.12g,%.12g,%.12g,%.12g,%.12g", ch.time(),
                              ch.free_energy(), std::abs(ch.mass() - m0) / std::abs(m0),
                              centroid_distance(ch.phi()), xt::amax(ch.phi())());
                out << line << '\n';
            }
            for (auto s : snap_at)
                if (s == j) {
                    snaps.push_back(ch.phi());
                    snap_t.push_back(ch.time());
                }
        }
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto& phi = ch.phi();
        kv("grid", double(n));
        kv("t", ch.time());
        kv("steps", double(steps));
        kv("decay_length", lambda);
        kv("mass_error", std::abs(ch.mass() - m0) / std::abs(m0));
        kv("free_energy_initial", F0);
        kv("free_energy_final", ch.free_energy());
        kv("max_phi", xt::amax(phi)());
        const bool condensed = xt::amax(phi)() > 0.0;
        std::printf("condensed=%s\n", condensed ? "true" : "false");
        kv("centroid_distance_to_source", condensed ? centroid_distance(phi) : NAN);
        // The far end: the wall opposite the source (x = L).
        const auto cc = sm::dense_phase_centroid<2>(phi, 0.0, dx);
        kv("centroid_distance_to_far_wall", condensed ? L - cc[1] : NAN);
        kv("domain_length", sm::domain_length<2>(phi, dx));
        kv("wall_seconds", wall);
        if (!png.empty()) {
            xt::xtensor<double, 2> atp = c / c_max;
            plot_png(png, atp, snaps, snap_t, L, x_src, y_src);
        }
        return 0;
    });
}
