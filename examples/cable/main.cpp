// noneq-cable: an action potential travelling along a Hodgkin-Huxley axon (noneq/cable/): the
// cable equation on a discretised cylinder (or an SWC morphology), hh.mod's membrane with exact
// rates on every compartment (membrane/squid_axon.hpp), cm = 1 uF/cm^2, V from -65 mV with the
// gates at their steady state, a current step injected at x = 0 (with --swc: at the middle of
// the root section, the soma). Stepped as NEURON's fixed step (backward Euler, gates staggered;
// --scheme cn: Crank-Nicolson).
// Defaults: the squid giant axon of Hodgkin & Huxley 1952 (part 5): diameter 476 um, Ra
// 35.4 ohm cm, 18.5 C, 60 mm long; their computed velocity is 18.8 m/s (tests/test_cable.cpp:
// noneq converges to 18.74 m/s as dx, dt -> 0).
// Prints first_spike_ms_at_<x>= (upward crossing of 0 mV, interpolated in the step) at each
// --record-um position (default: 25, 50 and 75 % of the length) and velocity_m_per_s= between
// the nodes at 25 % and 75 % of the length. --csv: V(x, t) every --csv-every ms (t_ms, x_um,
// v_mV); --png: a space-time plot of V (gnuplot).
// --swc FILE: HH on the soma and axon (SWC types 1, 2), a passive leak (0.3 mS/cm^2, -65 mV) on
// the rest; positions are path distances from the root, recorded on the axon (on any section if
// the file has no axon); the length is the axon's farthest path distance.
#include <noneq/cable/cable.hpp>
#include <noneq/cable/cell_batch.hpp>
#include <noneq/cable/swc.hpp>
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include "cli.hpp"
#include "plot.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace {
using namespace noneq::literals;
using passive = noneq::membrane<noneq::specific_capacitance, noneq::leak>;
using cable_cell = noneq::cable::cell<noneq::hh::axon, passive>;

// The run below drives one cell, or many in SIMD lanes (reporting cell 0), through these.
struct one_cell {
    cable_cell& c;
    const noneq::cable::layout& geometry() const { return c.geometry(); }
    void add(const noneq::cable::iclamp& k) { c.add(k); }
    std::size_t watch(std::size_t n) { return c.watch(n); }
    double first_crossing_ms(std::size_t k) const { return c.first_crossing_ms(k); }
    double v_mV(std::size_t n) const { return c.v_mV(n); }
    double t_ms() const { return c.t_ms(); }
    void advance_steps(std::size_t k) { c.advance_steps(k); }
    std::size_t cells() const { return 1; }
};
template <class B>
struct in_lanes {
    B& c;
    const noneq::cable::layout& geometry() const { return c.geometry(); }
    void add(const noneq::cable::iclamp& k) { c.add(k); }
    std::size_t watch(std::size_t n) { return c.watch(n); }
    double first_crossing_ms(std::size_t k) const { return c.first_crossing_ms(k, 0); }
    double v_mV(std::size_t n) const { return c.v_mV(0, n); }
    double t_ms() const { return noneq::in_ms(c.now()); }
    void advance_steps(std::size_t k) { c.advance_steps(k); }
    std::size_t cells() const { return c.size(); }
};

struct frame {
    double t_ms;
    std::vector<double> v;
};

// Space-time plot: x along the horizontal, t up, colour V. False (with a note) if gnuplot is
// missing or fails; the run's results are unaffected.
bool plot_png(const std::string& png, const std::vector<double>& x_um,
              const std::vector<frame>& frames) {
    const noneq_example::scratch_dir dir("noneq-cable");
    const std::string data = dir.file("v.dat");
    {
        std::ofstream d(data);
        for (const auto& f : frames) {
            for (std::size_t i = 0; i < x_um.size(); ++i)
                d << x_um[i] * 1e-3 << ' ' << f.t_ms << ' ' << f.v[i] << '\n';
            d << '\n';
        }
    }
    std::ostringstream gp;
    gp << "set terminal pngcairo size 1000,620 font 'Sans,11'\n"
       << "set output '" << png << "'\n"
       << "set title 'HH axon: V(x, t), an action potential travelling from x = 0'\n"
       << "set xlabel 'x (mm)'\nset ylabel 't (ms)'\nset cblabel 'V (mV)'\n"
       << "set view map\nset pm3d map interpolate 1,1\nunset key\nset cbrange [-80:50]\n"
       << "set palette defined (-80 '#000004', -40 '#51127c', 0 '#b73779', 30 '#fc8961', 50 "
          "'#fcfdbf')\n"
       << "splot '" << data << "' using 1:2:3 with pm3d\n";
    return noneq_example::gnuplot("noneq-cable", gp.str()) == noneq_example::plot_status::written;
}

std::string position_key(double x_um) {
    std::ostringstream os;
    os << x_um;
    return "first_spike_ms_at_" + os.str();
}
} // namespace

int main(int argc, char** argv) {
    CLI::App app{"noneq-cable: an action potential travelling along a Hodgkin-Huxley axon"};
    double length_um = 60000, diam_um = 476, ra = 35.4, dx_um = 100, i_nA = 10000, delay = 0.5,
           dur = 0.2, t_end = 5, celsius = 18.5, dt = 0.01, csv_every = 0.05;
    std::string record, csv, png, swc, scheme = "be", precision = "double", rates = "exact";
    std::size_t cells = 0;
    using noneq_example::positive_finite;
    app.add_option("--length-um", length_um, "axon length, um (default 60000)")
        ->check(positive_finite());
    app.add_option("--diam-um", diam_um, "axon diameter, um (default 476, HH 1952)")
        ->check(positive_finite());
    app.add_option("--ra", ra, "axial resistivity, ohm cm (default 35.4, HH 1952)")
        ->check(positive_finite());
    app.add_option("--dx-um", dx_um, "compartment length, um (default 100)")
        ->check(positive_finite());
    app.add_option("--i-nA", i_nA, "current step at x = 0, nA (default 10000)")
        ->check(CLI::Range(-1e9, 1e9));
    app.add_option("--delay", delay, "step onset, ms (default 0.5)")->check(CLI::Range(0.0, 1e6));
    app.add_option("--dur", dur, "step duration, ms (default 0.2)")->check(CLI::Range(0.0, 1e6));
    app.add_option("--t", t_end, "simulated time, ms (default 5)")->check(CLI::Range(0.0, 1e6));
    app.add_option("--dt", dt, "time step, ms (default 0.01)")->check(CLI::Range(1e-6, 1.0));
    app.add_option("--celsius", celsius, "temperature, degC (default 18.5, HH 1952)")
        ->check(CLI::Range(-20.0, 60.0));
    app.add_option("--scheme", scheme, "be (backward Euler, NEURON's default) or cn")
        ->check(CLI::IsMember({"be", "cn"}));
    app.add_option("--record-um", record, "positions x1,x2,... in um (default 25,50,75 %)");
    app.add_option("--csv", csv, "write V(x, t): t_ms,x_um,v_mV every --csv-every ms");
    app.add_option("--csv-every", csv_every, "CSV/plot sampling interval, ms (default 0.05)")
        ->check(positive_finite());
    app.add_option("--png", png, "write a space-time plot of V as PNG");
    app.add_option("--swc", swc, "morphology from an SWC file instead of a cylinder");
    app.add_option("--cells", cells,
                   "run N identical cells in SIMD lanes (timing; cell 0 reported; default 0: "
                   "one cell over double)")
        ->check(CLI::Range(0, 1000000));
    app.add_option("--precision", precision, "with --cells: double or float lanes")
        ->check(CLI::IsMember({"double", "float"}));
    app.add_option("--rates", rates, "exact (default) or table (0.01 mV rate table)")
        ->check(CLI::IsMember({"exact", "table"}));
    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-cable"); rc >= 0) return rc;
    return noneq_example::run("noneq-cable", [&] {
        using namespace noneq;
        using namespace noneq::cable;
        morphology m;
        if (swc.empty())
            m.add_section(length_um * 1.0_um, diam_um * 1.0_um, section::no_parent, 1.0, 2);
        else
            m = load_swc(swc);
        const auto hh = hh::make_axon(make<unit::current_density>(0.0), 0.0_ms,
                                      noneq::celsius<double>(celsius));
        const passive pas(specific_capacitance(),
                          leak(make<unit::conductance_density>(3.0), -65.0_mV));
        const auto region = [](int tag) { return tag <= 2 ? std::size_t{0} : std::size_t{1}; };
        auto simulate = [&](auto c, std::size_t n_sections) {
            const auto& lay = c.geometry();
            c.add(
                iclamp{{0, swc.empty() ? 0.0 : 0.5}, delay * 1.0_ms, dur * 1.0_ms, i_nA * 1.0_nA});
            // Candidate nodes for positions: compartments on the axon (tag 2), else any.
            std::vector<std::size_t> cand;
            for (std::size_t i = 0; i < lay.size(); ++i)
                if (lay.area_um2[i] > 0 && lay.tag[i] == 2) cand.push_back(i);
            if (cand.empty())
                for (std::size_t i = 0; i < lay.size(); ++i)
                    if (lay.area_um2[i] > 0) cand.push_back(i);
            double far = 0;
            for (const auto i : cand)
                far = std::max(far, lay.distance_um[i]);
            const double total = swc.empty() ? length_um : far;
            const auto nearest = [&](double x) {
                // a cylinder: the node holding x, NEURON's rule (layout::node); SWC: the
                // candidate compartment nearest in path distance
                if (swc.empty()) return lay.node({0, std::min(1.0, x / length_um)});
                std::size_t best = cand.front();
                for (const auto i : cand)
                    if (std::fabs(lay.distance_um[i] - x) < std::fabs(lay.distance_um[best] - x))
                        best = i;
                return best;
            };
            std::vector<double> xs;
            if (record.empty())
                xs = {0.25 * total, 0.5 * total, 0.75 * total};
            else {
                std::stringstream ss(record);
                for (std::string item; std::getline(ss, item, ',');) {
                    std::size_t used = 0;
                    double x = std::numeric_limits<double>::quiet_NaN();
                    try {
                        x = std::stod(item, &used);
                    } catch (const std::exception&) {
                    }
                    if (used != item.size() || !(x >= 0 && x <= total))
                        throw noneq_example::usage_error("--record-um: '" + item +
                                                         "' is not a position in 0.." +
                                                         position_key(total).substr(18) + " um");
                    xs.push_back(x);
                }
            }
            std::vector<std::size_t> watches;
            for (const double x : xs)
                watches.push_back(c.watch(nearest(x)));
            const std::size_t n25 = nearest(0.25 * total), n75 = nearest(0.75 * total);
            const auto w25 = c.watch(n25), w75 = c.watch(n75);

            std::vector<std::size_t> nodes; // compartments along the recorded path, for CSV/plot
            std::vector<double> x_um;
            for (const auto i : cand)
                nodes.push_back(i), x_um.push_back(lay.distance_um[i]);
            std::vector<frame> frames;
            const bool sample = !csv.empty() || !png.empty();
            const std::size_t steps = std::size_t(std::llround(t_end / dt));
            const std::size_t every =
                std::max<std::size_t>(1, std::size_t(std::llround(csv_every / dt)));
            auto snap = [&] {
                frame f{c.t_ms(), {}};
                for (const auto i : nodes)
                    f.v.push_back(c.v_mV(i));
                frames.push_back(std::move(f));
            };
            double ns = 0;
            const std::clock_t cpu0 = std::clock();
            if (sample) snap();
            for (std::size_t s = 0; s < steps;) {
                const std::size_t k = sample ? std::min(every, steps - s) : steps - s;
                const auto t0 = std::chrono::steady_clock::now();
                c.advance_steps(k);
                ns +=
                    std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0)
                        .count();
                s += k;
                if (sample) snap();
            }
            const double cpu_ns = double(std::clock() - cpu0) * 1e9 / CLOCKS_PER_SEC;
            using noneq_example::kv;
            kv("cells", double(c.cells()));
            kv("sections", double(n_sections));
            kv("compartments", double(lay.compartments()));
            kv("dt_ms", dt);
            kv("scheme", scheme);
            for (std::size_t k = 0; k < xs.size(); ++k)
                kv(position_key(xs[k]).c_str(), c.first_crossing_ms(watches[k]));
            const double t25 = c.first_crossing_ms(w25), t75 = c.first_crossing_ms(w75);
            kv("velocity_m_per_s",
               (lay.distance_um[n75] - lay.distance_um[n25]) * 1e-3 / (t75 - t25));
            kv("ns_per_compartment_step",
               steps > 0 ? ns / (double(lay.compartments()) * double(c.cells()) * double(steps))
                         : 0.0);
            // CPU time of the stepping (with --csv/--png, of the sampling too): on a shared
            // machine the wall time also counts waiting for a core.
            kv("cpu_ns_per_compartment_step",
               steps > 0 ? cpu_ns / (double(lay.compartments()) * double(c.cells()) * double(steps))
                         : 0.0);
            if (!csv.empty()) {
                std::ofstream out(csv);
                out << "t_ms,x_um,v_mV\n";
                char buf[96];
                for (const auto& f : frames)
                    for (std::size_t i = 0; i < nodes.size(); ++i) {
                        std::snprintf(buf, sizeof buf, "%.6g,%.6g,%.6g\n", f.t_ms, x_um[i], f.v[i]);
                        out << buf;
                    }
                if (!out) throw noneq_example::usage_error("--csv: cannot write '" + csv + "'");
            }
            if (!png.empty()) plot_png(png, x_um, frames);
            return 0;
        };
        typename cable_cell::options opt;
        opt.scheme = scheme == "cn" ? time_scheme::crank_nicolson : time_scheme::backward_euler;
        opt.rates.enabled = rates == "table";
        const auto disc = discretisation::by_length(dx_um * 1.0_um);
        if (cells == 0) {
            cable_cell c(m, disc, ra * 1.0_ohm_cm, {hh, pas}, dt * 1.0_ms, -65.0_mV, opt, region);
            return simulate(one_cell{c}, m.size());
        }
        if (precision == "float") {
            using batch_t = cell_batch<float, noneq::hh::axon, passive>;
            batch_t c(cells, m, disc, ra * 1.0_ohm_cm, {hh, pas}, dt * 1.0_ms, -65.0_mV,
                      {opt.scheme, opt.rates}, region);
            return simulate(in_lanes<batch_t>{c}, m.size());
        }
        using batch_t = cell_batch<double, noneq::hh::axon, passive>;
        batch_t c(cells, m, disc, ra * 1.0_ohm_cm, {hh, pas}, dt * 1.0_ms, -65.0_mV,
                  {opt.scheme, opt.rates}, region);
        return simulate(in_lanes<batch_t>{c}, m.size());
    });
}
