// noneq-network: networks of point cells with synaptic events (noneq/network/).
// --model cobahh (default): the COBAHH benchmark (Brette et al. 2007, benchmark 3, as Brian2's
//   examples/COBAHH.py): --n Traub-Miles cells, 80 % excitatory, each ordered pair connected with
//   probability --p (0.02), exponential conductance synapses, threshold -20 mV, dt 0.1 ms,
//   Brian2's exponential Euler, seeded by --seed. Prints spikes=, rate_hz= (mean over cells),
//   ns_per_cell_step= (wall time of the simulation loop, stepping and exchange, over n x steps,
//   the network's construction excluded) and ranks=. --dry-run R pretends R ranks (threads of
//   this process, network/dry_run.hpp) and prints the exchange volume a real run would move.
//   Built as noneq-network-mpi (where MPI is found) it runs over mpirun's ranks.
//   --exchange blocking (default: NEURON's, an allgather per min-delay epoch) or overlapped
//   (Arbor's: epochs of half that, each exchange nonblocking while the next epoch is stepped);
//   the spikes are the same, exchange= names the mode used (blocking if delay < dt).
// --model chain: --n HH cells (hh.mod) with an exponential synapse (tau 2 ms, 0 mV), cell k ->
//   k + 1 with --delay (2 ms), dt 0.025 ms; after 500 ms at rest cell 0 receives one 10 nS event
//   at 501 ms. Each cell fires L after its event arrives; the next event arrives at the first
//   step at or after that crossing + delay, so cell k fires at t_0 + k (ceil(L/dt) dt + delay):
//   printed beside each measured time (spike_ms_cellK, predicted_ms_cellK).
// --png FILE draws the raster (gnuplot); --csv FILE writes every spike (t_ms, cell).
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/network/cobahh.hpp>
#include <noneq/network/dry_run.hpp>
#include <noneq/network/simulate.hpp>
#ifdef NONEQ_EXAMPLE_MPI
#include <noneq/network/mpi.hpp>
#endif

#include "cli.hpp"
#include "plot.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace {
using namespace noneq::literals;
namespace kv = noneq_example;

struct settings {
    std::string model = "cobahh", dist = "block", csv, png, precision = "double", rates = "exact",
                coupling = "simultaneous", exchange = "blocking";
    long long n = -1;
    double t_ms = 0, dt_ms = 0, delay_ms = -1, p = 0.02;
    unsigned long long seed = 1;
    unsigned threads = 1;
    int dry_run = 0;
};

int plot(const std::vector<noneq::spike>& raster, double dt_ms, const settings& s) {
    if (!s.csv.empty()) {
        std::ofstream out(s.csv);
        out << "t_ms,cell\n";
        for (const auto& x : raster)
            out << x.t_steps * dt_ms << ',' << x.source << '\n';
        if (!out) throw kv::usage_error("cannot write --csv file " + s.csv);
    }
    if (s.png.empty()) return 0;
    const noneq_example::scratch_dir dir("noneq-network");
    const std::string data = dir.file("raster.dat");
    {
        std::ofstream d(data);
        for (const auto& x : raster)
            d << x.t_steps * dt_ms << ' ' << x.source << '\n';
    }
    std::ostringstream g;
    g << "set terminal pngcairo size 900,520 font 'sans,11'\nset output '" << s.png << "'\n"
      << "set title '" << (s.model == "cobahh" ? "COBAHH" : "HH chain") << ": " << s.n << " cells, "
      << raster.size() << " spikes'\nset xlabel 't (ms)'\n"
      << "set ylabel 'cell'\nunset key\nset yrange [-0.5:" << double(s.n) - 0.5 << "]\n"
      << "plot '" << data << "' using 1:2 with dots lc rgb '#1f4e9c'\n";
    return noneq_example::gnuplot("noneq-network", g.str()) == noneq_example::plot_status::failed
               ? 1
               : 0;
}

// One rank's COBAHH; returns its raster; times the simulation loop.
template <class Real, class Comm>
noneq::run_record cobahh_rank_as(Comm& comm, const settings& s, double& wall_ns, double& cpu_ns) {
    noneq::cobahh::parameters p;
    p.n = std::uint64_t(s.n);
    p.p = s.p;
    p.seed = s.seed;
    p.delay = s.delay_ms * 1.0_ms;
    const auto d =
        s.dist == "round_robin" ? noneq::distribution::round_robin : noneq::distribution::block;
    auto net = noneq::cobahh::make_network<Real>(noneq::partition(p.n, comm.rank(), comm.size(), d),
                                                 s.dt_ms * 1.0_ms, s.threads, s.rates == "table",
                                                 s.coupling == "staggered");
    noneq::agree(comm, [&] { noneq::cobahh::build(net, p); });
    noneq::prepare_network(net, comm);
    noneq::run_record rec;
    const std::clock_t c0 = std::clock();
    const auto t0 = std::chrono::steady_clock::now();
    noneq::simulate(net, comm, s.t_ms * 1.0_ms, rec,
                    s.exchange == "overlapped" ? noneq::exchange::overlapped
                                               : noneq::exchange::blocking);
    wall_ns =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    cpu_ns = double(std::clock() - c0) * 1e9 / CLOCKS_PER_SEC;
    return rec;
}

template <class Comm>
noneq::run_record cobahh_rank(Comm& comm, const settings& s, double& wall_ns, double& cpu_ns) {
    return s.precision == "float" ? cobahh_rank_as<float>(comm, s, wall_ns, cpu_ns)
                                  : cobahh_rank_as<double>(comm, s, wall_ns, cpu_ns);
}

template <class Comm>
int run_cobahh(Comm& comm, const settings& s, const noneq::exchange_volume* vol_in = nullptr) {
    double wall = 0, cpu = 0;
    const auto rec = cobahh_rank(comm, s, wall, cpu);
    if (comm.rank() != 0) return 0;
    const double steps = std::round(s.t_ms / s.dt_ms);
    kv::kv("model", "cobahh");
    kv::kv("n", double(s.n));
    kv::kv("t_ms", s.t_ms);
    kv::kv("dt_ms", s.dt_ms);
    kv::kv("delay_ms", s.delay_ms);
    kv::kv("seed", double(s.seed));
    kv::kv("ranks", double(comm.size()));
    kv::kv("threads", double(s.threads));
    kv::kv("precision", s.precision);
    kv::kv("rates", s.rates);
    kv::kv("coupling", s.coupling);
    kv::kv("epoch_steps", double(rec.epoch_steps));
    kv::kv("exchange", rec.mode == noneq::exchange::overlapped ? "overlapped" : "blocking");
    kv::kv("spikes", double(rec.spikes));
    kv::kv("rate_hz", double(rec.spikes) / double(s.n) / (s.t_ms * 1e-3));
    kv::kv("ns_per_cell_step", wall / (double(s.n) * steps));
    kv::kv("cpu_ns_per_cell_step", cpu / (double(s.n) * steps));
    (void)vol_in;
    return plot(rec.raster, s.dt_ms, s);
}

int run_dry(const settings& s) {
    std::mutex m;
    noneq::run_record rec0;
    double wall = 0, cpu = 0;
    const auto vol = noneq::dry_run(s.dry_run, [&](noneq::dry_run_communicator& comm) {
        double w = 0, c = 0;
        auto rec = cobahh_rank(comm, s, w, c);
        if (comm.rank() == 0) {
            std::lock_guard lock(m);
            rec0 = std::move(rec);
            wall = w, cpu = c;
        }
    });
    kv::kv("model", "cobahh");
    kv::kv("n", double(s.n));
    kv::kv("t_ms", s.t_ms);
    kv::kv("delay_ms", s.delay_ms);
    kv::kv("ranks", double(s.dry_run));
    kv::kv("dry_run", "1");
    kv::kv("epoch_steps", double(rec0.epoch_steps));
    kv::kv("exchange", rec0.mode == noneq::exchange::overlapped ? "overlapped" : "blocking");
    kv::kv("spikes", double(rec0.spikes));
    kv::kv("rate_hz", double(rec0.spikes) / double(s.n) / (s.t_ms * 1e-3));
    kv::kv("exchanges", double(vol.epochs));
    kv::kv("count_bytes", double(vol.count_bytes));
    kv::kv("spike_bytes", double(vol.spike_bytes));
    kv::kv("overflows", double(vol.overflows));
    kv::kv("bytes_per_rank_per_exchange", vol.bytes_per_rank_per_epoch());
    kv::kv("bytes_per_rank_per_simulated_s",
           double(vol.count_bytes + vol.spike_bytes) / double(s.dry_run) / (s.t_ms * 1e-3));
    return plot(rec0.raster, s.dt_ms, s);
}

using chain_cell = noneq::membrane<noneq::specific_capacitance, noneq::hh::na_channel,
                                   noneq::hh::k_channel, noneq::leak, noneq::exp_synapse>;

int run_chain(const settings& s) {
    chain_cell cell(noneq::specific_capacitance(), noneq::hh::make_na_channel(),
                    noneq::hh::make_k_channel(), noneq::hh::make_leak(),
                    noneq::exp_synapse(2.0_ms, 0.0_mV));
    noneq::network<chain_cell> net(noneq::partition(std::uint64_t(s.n)), cell, s.dt_ms * 1.0_ms,
                                   -65.0_mV, 1000.0_um2, {});
    for (long long k = 0; k + 1 < s.n; ++k)
        net.connect({std::uint64_t(k), std::uint64_t(k + 1), 0, 10.0_nS, s.delay_ms * 1.0_ms});
    noneq::local_communicator comm;
    noneq::prepare_network(net, comm);
    noneq::run_record rec;
    const double settle = 500.0, kick = 501.0;
    noneq::simulate(net, comm, settle * 1.0_ms, rec); // to rest
    net.inject(0, 0, 10.0_nS, kick * 1.0_ms);
    noneq::simulate(net, comm, s.t_ms * 1.0_ms, rec);
    kv::kv("model", "chain");
    kv::kv("n", double(s.n));
    kv::kv("dt_ms", s.dt_ms);
    kv::kv("delay_ms", s.delay_ms);
    kv::kv("event_ms", kick);
    kv::kv("spikes", double(rec.spikes));
    if (rec.raster.empty()) return 1;
    const double t0 = rec.raster[0].t_steps * s.dt_ms, L = t0 - kick;
    const double period = std::ceil(L / s.dt_ms - 1e-9) * s.dt_ms + s.delay_ms;
    kv::kv("latency_ms", L);
    kv::kv("period_ms", period);
    for (std::size_t k = 0; k < rec.raster.size(); ++k) {
        const auto c = std::to_string(rec.raster[k].source);
        kv::kv(("spike_ms_cell" + c).c_str(), rec.raster[k].t_steps * s.dt_ms);
        kv::kv(("predicted_ms_cell" + c).c_str(), t0 + double(rec.raster[k].source) * period);
    }
    return plot(rec.raster, s.dt_ms, s);
}
} // namespace

int main(int argc, char** argv) {
#ifdef NONEQ_EXAMPLE_MPI
    noneq::mpi_session session(&argc, &argv);
#endif
    CLI::App app{"Networks of cells with synaptic events: the COBAHH benchmark, an HH chain"};
    settings s;
    app.add_option("--model", s.model, "cobahh (default) or chain");
    app.add_option("--n", s.n, "cells (cobahh: 4000, chain: 5)");
    app.add_option("--t", s.t_ms, "simulated time, ms (cobahh: 1000; chain: 40 after the event)");
    app.add_option("--seed", s.seed, "cobahh: seed of connections and initial states");
    app.add_option("--p", s.p, "cobahh: connection probability (0 .. 1)");
    app.add_option("--dt", s.dt_ms, "time step, ms (cobahh: 0.1, chain: 0.025)");
    app.add_option("--delay", s.delay_ms, "synaptic delay, ms (cobahh: 0, chain: 2)");
    app.add_option("--threads", s.threads, "threads per rank (>= 1)");
    app.add_option("--dry-run", s.dry_run, "cobahh: pretend this many ranks (1 .. 4096)");
    app.add_option("--precision", s.precision, "cobahh: double (default) or float");
    app.add_option("--rates", s.rates,
                   "cobahh: exact (default) or table (gate coefficients from a 0.01 mV table)");
    app.add_option("--coupling", s.coupling,
                   "cobahh: simultaneous (default: Brian2's exponential Euler) or staggered "
                   "(NEURON's: the gates at the new V)");
    app.add_option("--distribution", s.dist, "block (default) or round_robin");
    app.add_option("--exchange", s.exchange,
                   "cobahh: blocking (default) or overlapped (nonblocking, epochs of half the "
                   "min delay)");
    app.add_option("--csv", s.csv, "write every spike (t_ms, cell) to this CSV");
    app.add_option("--png", s.png, "draw the raster to this PNG (gnuplot)");
    if (const int rc = kv::parse(app, argc, argv, "noneq-network"); rc >= 0) return rc;
    const bool chain = s.model == "chain";
    if (s.n < 0) s.n = chain ? 5 : 4000;
    if (s.t_ms == 0) s.t_ms = chain ? 40.0 : 1000.0;
    if (s.dt_ms == 0) s.dt_ms = chain ? 0.025 : 0.1;
    if (s.delay_ms < 0) s.delay_ms = chain ? 2.0 : 0.0;
    return kv::run("noneq-network", [&]() -> int {
        if (s.model != "cobahh" && !chain)
            throw kv::usage_error("--model = " + s.model + " is not one of cobahh, chain");
        if (s.precision != "double" && s.precision != "float")
            throw kv::usage_error("--precision = " + s.precision + " is not one of double, float");
        if (s.rates != "exact" && s.rates != "table")
            throw kv::usage_error("--rates = " + s.rates + " is not one of exact, table");
        if (s.coupling != "simultaneous" && s.coupling != "staggered")
            throw kv::usage_error("--coupling = " + s.coupling +
                                  " is not one of simultaneous, staggered");
        if (s.dist != "block" && s.dist != "round_robin")
            throw kv::usage_error("--distribution = " + s.dist +
                                  " is not one of block, round_robin");
        if (s.exchange != "blocking" && s.exchange != "overlapped")
            throw kv::usage_error("--exchange = " + s.exchange +
                                  " is not one of blocking, overlapped");
        if (s.n < 1 || s.n > 100000000)
            throw kv::usage_error("--n is outside the allowed range (1 .. 1e8)");
        if (!(s.t_ms > 0 && std::isfinite(s.t_ms)))
            throw kv::usage_error("--t is outside the allowed range (> 0, finite)");
        if (!(s.dt_ms > 0 && s.dt_ms <= 1))
            throw kv::usage_error("--dt is outside the allowed range (0 < dt <= 1 ms)");
        if (!(s.delay_ms >= 0 && std::isfinite(s.delay_ms)))
            throw kv::usage_error("--delay is outside the allowed range (>= 0, finite)");
        if (!(s.p >= 0 && s.p < 1))
            throw kv::usage_error("--p is outside the allowed range (0 <= p < 1)");
        if (s.threads < 1 || s.threads > 256)
            throw kv::usage_error("--threads is outside the allowed range (1 .. 256)");
        if (s.dry_run < 0 || s.dry_run > 4096)
            throw kv::usage_error("--dry-run is outside the allowed range (1 .. 4096)");
        if (chain) return run_chain(s);
        if (s.dry_run > 0) return run_dry(s);
#ifdef NONEQ_EXAMPLE_MPI
        noneq::mpi_communicator comm;
#else
        noneq::local_communicator comm;
#endif
        return run_cobahh(comm, s);
    });
}
