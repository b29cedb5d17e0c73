// network/: event-receiving synapses as membrane parts, the Traub-Miles cell of the COBAHH
// benchmark against Brian2's formulas, the hand-checkable spike times of a chain of HH cells,
// the raster's independence of ranks (dry run: 1, 2, 4 ranks, block and round-robin) and
// threads (1, 2) and of the exchange mode (blocking, overlapped), the communicator concepts, the
// dry run's exchange volume, and bad input or a mid-run failure on one rank stopping all ranks.
#include <noneq/membrane/channel.hpp>
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/network/cobahh.hpp>
#include <noneq/network/communicator.hpp>
#include <noneq/network/connection.hpp>
#include <noneq/network/dry_run.hpp>
#include <noneq/network/network.hpp>
#include <noneq/network/partition.hpp>
#include <noneq/network/simulate.hpp>
#include <noneq/network/spike.hpp>
#include <noneq/network/synapses.hpp>
#include <noneq/network/traub_miles.hpp>

#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"

#include <cmath>
#include <cstdint>
#include <exception>
#include <mutex>
#include <span>
#include <string>
#include <vector>

using namespace noneq::literals;
using noneq::test::rejects;
using noneq::test::rel;

TEST_CASE("synapses are event parts with exact decay") {
    static_assert(noneq::event_part<noneq::exp_synapse>);
    static_assert(noneq::event_part<noneq::exp2_synapse>);
    static_assert(noneq::event_part<noneq::current_synapse>);
    static_assert(!noneq::event_part<noneq::leak>);
    const noneq::exp_synapse e(5.0_ms, -80.0_mV);
    double s[2] = {0.0, 0.0};
    e.receive(s, 0.3);
    e.relax(-65.0, s, 2.0);
    CHECK(s[0] == rel(0.3 * std::exp(-2.0 / 5.0), 1e-15)); // g e^{-t/tau}
    const auto c = e.current_and_conductance(-65.0, s);
    CHECK(c.i == rel(s[0] * (-65.0 + 80.0), 1e-15)); // g (V - E)
    CHECK(c.g == s[0]);
    // Exp2Syn: one event of weight w peaks at w, t_peak = tau1 tau2/(tau2 - tau1) ln(tau2/tau1)
    const noneq::exp2_synapse d(1.0_ms, 3.0_ms, 0.0_mV);
    const double tp = 1.0 * 3.0 / 2.0 * std::log(3.0);
    CHECK(d.t_peak_ms() == rel(tp, 1e-15));
    double a[2] = {0.0, 0.0};
    d.receive(a, 0.5);
    d.relax(0.0, a, tp);
    CHECK(d.current_and_conductance(-65.0, a).g == rel(0.5, 1e-14));
    // current synapse: an inward (depolarising) current is a negative membrane current
    const noneq::current_synapse cs(2.0_ms);
    double q[1] = {0.0};
    cs.receive(q, 1.5);
    CHECK(cs.current_and_conductance(-65.0, q).i == -1.5);
    CHECK(rejects([] { noneq::exp_synapse(0.0_ms, 0.0_mV); }) == "tau");
    CHECK(rejects([] { noneq::exp2_synapse(3.0_ms, 1.0_ms, 0.0_mV); }) == "tau_decay");
}

TEST_CASE("Traub-Miles rates equal Brian2's COBAHH formulas") {
    namespace tm = noneq::traub_miles;
    const double VT = -63; // examples/COBAHH.py (Brian2), rates in 1/ms, v in mV
    for (double v : {-80.0, -63.0, -50.5, -23.5, 0.0, 20.0}) { // off the two singular points
        CHECK(tm::m_kinetics::alpha(v) ==
              rel(0.32 * (13 - v + VT) / (std::exp((13 - v + VT) / 4) - 1), 1e-13));
        CHECK(tm::m_kinetics::beta(v) ==
              rel(0.28 * (v - VT - 40) / (std::exp((v - VT - 40) / 5) - 1), 1e-13));
        CHECK(tm::h_kinetics::alpha(v) == rel(0.128 * std::exp((17 - v + VT) / 18), 1e-14));
        CHECK(tm::h_kinetics::beta(v) == rel(4. / (1 + std::exp((40 - v + VT) / 5)), 1e-14));
        CHECK(tm::n_kinetics::alpha(v) ==
              rel(0.032 * (15 - v + VT) / (std::exp((15 - v + VT) / 5) - 1), 1e-13));
        CHECK(tm::n_kinetics::beta(v) == rel(.5 * std::exp((10 - v + VT) / 40), 1e-14));
    }
    // at the removable singularity (13 - v + VT = 0) the limit 0.32 * 4 = 1.28 /ms
    CHECK(tm::m_kinetics::alpha(13 + VT) == rel(1.28, 1e-15));
    CHECK(tm::m_kinetics::beta(VT + 40) == rel(1.4, 1e-15)); // 0.28 * 5
    const auto cell = tm::make_cell();
    CHECK(noneq::traub_miles::cell::size == 6);
    CHECK(cell.current_and_conductance(cell.steady_state(-60.0).data(), 0.0).g > 0.0);
}

namespace {
using hh_syn_cell = noneq::membrane<noneq::specific_capacitance, noneq::hh::na_channel,
                                    noneq::hh::k_channel, noneq::leak, noneq::exp_synapse>;
hh_syn_cell make_hh_syn() {
    return hh_syn_cell(noneq::specific_capacitance(), noneq::hh::make_na_channel(),
                       noneq::hh::make_k_channel(), noneq::hh::make_leak(),
                       noneq::exp_synapse(2.0_ms, 0.0_mV));
}
} // namespace

TEST_CASE("a chain of HH cells fires at hand-checkable times") {
    // Cell k -> k + 1 with delay D = 2 ms (80 steps of 0.025 ms). The cells first settle to
    // rest (500 ms: -65 mV is only near hh.mod's rest), then cell 0 gets one event at 501 ms
    // (step 20040). Every cell is at the same rest when the same event arrives, so each fires
    // L steps after it (L: cell 0's latency, fractional), and the next event arrives at the
    // first step >= that crossing + D: the interval is (ceil(L) + 80) steps, exactly.
    using net_t = noneq::network<hh_syn_cell>;
    const int n = 6;
    net_t::options opt;
    net_t net(noneq::partition(n), make_hh_syn(), 0.025_ms, -65.0_mV, 1000.0_um2, opt);
    for (int k = 0; k + 1 < n; ++k)
        net.connect({std::uint64_t(k), std::uint64_t(k + 1), 0, 10.0_nS, 2.0_ms});
    noneq::local_communicator comm;
    noneq::prepare_network(net, comm);
    CHECK(net.epoch_steps() == 81); // floor(80) + 1
    noneq::run_record rec;
    noneq::simulate(net, comm, 500.0_ms, rec);
    CHECK(rec.raster.empty());
    net.inject(0, 0, 10.0_nS, 501.0_ms);
    noneq::simulate(net, comm, 40.0_ms, rec);
    REQUIRE(rec.raster.size() == std::size_t(n));
    const double L = rec.raster[0].t_steps - 20040.0;
    CHECK(L > 0.0);
    const double period = std::ceil(L) + 80.0;
    for (int k = 0; k < n; ++k) {
        CHECK(rec.raster[std::size_t(k)].source == std::uint64_t(k));
        CHECK(rec.raster[std::size_t(k)].t_steps == rel(20040.0 + L + k * period, 1e-15));
    }
}

namespace {
// A small COBAHH (400 cells, p = 0.2: the benchmark's in-degree of 80) on `ranks` dry-run ranks.
std::vector<noneq::spike> cobahh_raster(int ranks, noneq::distribution d, unsigned threads,
                                        noneq::time<double> delay, double ms,
                                        noneq::exchange_volume* vol = nullptr,
                                        noneq::exchange mode = noneq::exchange::blocking,
                                        noneq::run_record* last = nullptr) {
    noneq::cobahh::parameters p;
    p.n = 400;
    p.p = 0.2;
    p.delay = delay;
    p.seed = 7;
    std::vector<noneq::spike> raster;
    std::mutex m;
    const auto v = noneq::dry_run(ranks, [&](noneq::dry_run_communicator& comm) {
        auto net = noneq::cobahh::make_network(noneq::partition(p.n, comm.rank(), ranks, d), 0.1_ms,
                                               threads);
        noneq::agree(comm, [&] { noneq::cobahh::build(net, p); });
        noneq::prepare_network(net, comm);
        noneq::run_record rec;
        noneq::simulate(net, comm, ms * 1.0_ms, rec, mode);
        if (comm.rank() == ranks - 1) {
            std::lock_guard lock(m);
            raster = rec.raster;
            if (last) *last = rec;
        }
    });
    if (vol) *vol = v;
    return raster;
}
} // namespace

TEST_CASE("the raster is identical on 1, 2 and 4 ranks and with 1 or 2 threads") {
    const auto one = cobahh_raster(1, noneq::distribution::block, 1, 0.25_ms, 100.0);
    REQUIRE(one.size() > 200);
    CHECK(cobahh_raster(2, noneq::distribution::block, 1, 0.25_ms, 100.0) == one);
    CHECK(cobahh_raster(4, noneq::distribution::block, 1, 0.25_ms, 100.0) == one);
    CHECK(cobahh_raster(3, noneq::distribution::round_robin, 1, 0.25_ms, 100.0) == one);
    CHECK(cobahh_raster(1, noneq::distribution::block, 2, 0.25_ms, 100.0) == one);
    // delay 0 (Brian2's example): one-step epochs
    const auto zero = cobahh_raster(1, noneq::distribution::block, 1, 0.0_ms, 50.0);
    REQUIRE(zero.size() > 100);
    std::vector<noneq::spike> first_50ms; // the delay matters: the 0.25 ms run differs
    for (const auto& s : one)
        if (s.t_steps <= 500.0) first_50ms.push_back(s);
    CHECK(zero != first_50ms);
    CHECK(cobahh_raster(4, noneq::distribution::round_robin, 2, 0.0_ms, 50.0) == zero);
}

TEST_CASE("the overlapped exchange gives the blocking raster on 1 to 4 ranks") {
    const auto ov = noneq::exchange::overlapped;
    const auto block = noneq::distribution::block, rr = noneq::distribution::round_robin;
    const auto one = cobahh_raster(1, block, 1, 0.25_ms, 100.0);
    REQUIRE(one.size() > 200);
    noneq::run_record rec;
    CHECK(cobahh_raster(1, block, 1, 0.25_ms, 100.0, nullptr, ov, &rec) == one);
    CHECK(rec.mode == ov);
    CHECK(rec.epoch_steps == 1); // half of floor(2.5) + 1 = 3 steps, rounded down
    CHECK(rec.epochs == 1000);
    CHECK(cobahh_raster(2, block, 1, 0.25_ms, 100.0, nullptr, ov) == one);
    CHECK(cobahh_raster(3, rr, 1, 0.25_ms, 100.0, nullptr, ov) == one);
    CHECK(cobahh_raster(4, block, 2, 0.25_ms, 100.0, nullptr, ov) == one);
    // a longer delay: epochs of 6 steps (blocking 13): still the blocking raster
    const auto slow = cobahh_raster(1, block, 1, 1.2_ms, 60.0);
    REQUIRE(slow.size() > 100);
    CHECK(cobahh_raster(4, rr, 1, 1.2_ms, 60.0, nullptr, ov, &rec) == slow);
    CHECK(rec.epoch_steps == 6);
    // delay 0: one-step epochs cannot be halved, the run falls back to blocking
    const auto zero = cobahh_raster(1, block, 1, 0.0_ms, 20.0);
    CHECK(cobahh_raster(2, block, 1, 0.0_ms, 20.0, nullptr, ov, &rec) == zero);
    CHECK(rec.mode == noneq::exchange::blocking);
}

namespace {
struct blocking_only { // a communicator without the nonblocking exchange
    int rank() const { return 0; }
    int size() const { return 1; }
    void gather_counts(std::int64_t k, std::vector<std::int64_t>& c) { c.assign(1, k); }
    void gather_spikes(std::span<const noneq::spike>, const std::vector<std::int64_t>&,
                       std::vector<noneq::spike>&) {}
    double min_all(double x) { return x; }
    void broadcast(std::string&, int) {}
};
struct no_broadcast {
    int rank() const { return 0; }
    int size() const { return 1; }
    void gather_counts(std::int64_t, std::vector<std::int64_t>&) {}
    void gather_spikes(std::span<const noneq::spike>, const std::vector<std::int64_t>&,
                       std::vector<noneq::spike>&) {}
    double min_all(double x) { return x; }
    void start_exchange(std::int64_t, std::span<const noneq::spike>) {}
    void finish_exchange(std::vector<std::int64_t>&, std::vector<noneq::spike>&) {}
};
} // namespace

TEST_CASE("the communicator concepts") {
    static_assert(noneq::overlapping_communicator<noneq::local_communicator>);
    static_assert(noneq::overlapping_communicator<noneq::dry_run_communicator>);
    static_assert(noneq::communicator<blocking_only>);
    static_assert(!noneq::overlapping_communicator<blocking_only>);
    static_assert(!noneq::communicator<no_broadcast>);
    static_assert(!noneq::overlapping_communicator<no_broadcast>);
    static_assert(!noneq::communicator<int>);
    // asking a blocking-only communicator for the overlapped exchange is bad input
    using net_t = noneq::network<hh_syn_cell>;
    net_t net(noneq::partition(2), make_hh_syn(), 0.025_ms, -65.0_mV, 1000.0_um2, {});
    net.connect({0, 1, 0, 10.0_nS, 2.0_ms});
    blocking_only comm;
    noneq::prepare_network(net, comm);
    noneq::run_record rec;
    CHECK_THROWS_WITH_AS(noneq::simulate(net, comm, 1.0_ms, rec, noneq::exchange::overlapped),
                         doctest::Contains("argument 'mode'"), noneq::domain_error);
    // the capacity of the overlapped exchange's record follows the largest count
    noneq::spike_capacity cap;
    CHECK(cap.slots == 1);
    cap.update({3, 100, 0});
    CHECK(cap.slots == 256); // > 1.5 x 100
    cap.update({0, 1});
    CHECK(cap.slots == 128); // halves at most per exchange
    cap.update({2});
    cap.update({2});
    cap.update({2});
    cap.update({2});
    cap.update({2});
    cap.update({2});
    CHECK(cap.slots == 4); // > 1.5 x 2
    cap.update({1 << 20});
    CHECK(cap.slots == noneq::spike_capacity::max_slots);
}

TEST_CASE("the dry run counts the exchange volume") {
    noneq::exchange_volume v;
    const auto r = cobahh_raster(4, noneq::distribution::block, 1, 0.25_ms, 20.0, &v);
    CHECK(v.ranks == 4);
    CHECK(v.spikes == r.size());
    CHECK(v.spike_bytes == v.spikes * 3 * 16);    // each spike to the 3 other ranks
    CHECK(v.count_bytes == v.epochs * 4 * 3 * 8); // each count to the 3 other ranks
    // 20 ms in epochs of 3 steps: 67 epochs, plus agree() of build, prepare and the duration
    CHECK(v.epochs == 67 + 3);
    // overlapped: 200 one-step epochs, each rank's record of 8 + 16 slots bytes
    noneq::exchange_volume o;
    noneq::run_record rec;
    CHECK(cobahh_raster(4, noneq::distribution::block, 1, 0.25_ms, 20.0, &o,
                        noneq::exchange::overlapped, &rec) == r);
    CHECK(o.spikes == v.spikes);
    CHECK(o.epochs == 200 + 3);
    CHECK(o.count_bytes == o.epochs * 4 * 3 * 8);
    CHECK(o.spike_bytes >= 200 * 4 * 3 * 16); // at least one slot per record
    CHECK(o.spike_bytes <= v.spike_bytes + 200 * 4 * 3 * 16 * 64);
}

TEST_CASE("a rank failing in mid-run stops every rank, in both exchange modes") {
    // rank 1 (or ranks 1 and 2) poison a cell at 30 ms: its state becomes non-finite, every rank
    // must stop with the lowest failing rank's error
    for (auto mode : {noneq::exchange::blocking, noneq::exchange::overlapped})
        for (int R : {2, 4}) {
            CAPTURE(int(mode));
            CAPTURE(R);
            std::vector<std::string> seen(static_cast<std::size_t>(R));
            const std::string want =
                "rank 1 of " + std::to_string(R) + " failed: noneq: network: state";
            noneq::cobahh::parameters p;
            p.n = 80;
            p.delay = 1.0_ms;
            CHECK_THROWS_WITH_AS(
                noneq::dry_run(R,
                               [&](noneq::dry_run_communicator& comm) {
                                   auto net = noneq::cobahh::make_network(
                                       noneq::partition(p.n, comm.rank(), R), 0.1_ms);
                                   noneq::agree(comm, [&] { noneq::cobahh::build(net, p); });
                                   const int r = comm.rank();
                                   if (r == 1 || (R == 4 && r == 2))
                                       net.inject(net.layout().gid(0), 0,
                                                  noneq::make<noneq::unit::conductance>(1e300),
                                                  30.0_ms);
                                   noneq::prepare_network(net, comm);
                                   noneq::run_record rec;
                                   try {
                                       noneq::simulate(net, comm, 60.0_ms, rec, mode);
                                   } catch (const std::exception& e) {
                                       seen[std::size_t(r)] = e.what();
                                       throw;
                                   }
                               }),
                doctest::Contains(want.c_str()), noneq::domain_error);
            for (const auto& e : seen)
                CHECK(e == seen[0]);
        }
}

TEST_CASE("bad input on one rank stops every rank with the error named") {
    noneq::cobahh::parameters p;
    p.n = 40;
    std::vector<std::string> seen(2);
    CHECK_THROWS_WITH_AS(noneq::dry_run(2,
                                        [&](noneq::dry_run_communicator& comm) {
                                            auto net = noneq::cobahh::make_network(
                                                noneq::partition(p.n, comm.rank(), 2), 0.1_ms);
                                            try {
                                                noneq::agree(comm, [&] {
                                                    noneq::cobahh::build(net, p);
                                                    if (comm.rank() ==
                                                        1) // a negative delay on rank 1 only
                                                        net.connect({0, 39, 0, 6.0_nS, -1.0_ms});
                                                });
                                            } catch (const std::exception& e) {
                                                seen[std::size_t(comm.rank())] = e.what();
                                                throw;
                                            }
                                        }),
                         doctest::Contains("rank 1 of 2 failed: noneq: argument 'delay' = -0.001"),
                         noneq::domain_error);
    CHECK(seen[0] == seen[1]); // rank 0 stopped with rank 1's error, not a hang
    // the network's own checks name the argument
    auto net = noneq::cobahh::make_network(noneq::partition(40, 0, 2), 0.1_ms);
    CHECK(rejects([&] { net.connect({0, 39, 0, 6.0_nS, 1.0_ms}); }) == "target");
    CHECK(rejects([&] { net.connect({40, 0, 0, 6.0_nS, 1.0_ms}); }) == "source");
    CHECK(rejects([&] { net.connect({0, 0, 2, 6.0_nS, 1.0_ms}); }) == "synapse");
    CHECK(rejects([&] { net.connect({0, 0, 0, 1.0_nA, 1.0_ms}); }) == "weight");
    CHECK(rejects([] { noneq::partition(10, 2, 2); }) == "rank");
}

TEST_CASE("partitions cover every cell once") {
    for (auto d : {noneq::distribution::block, noneq::distribution::round_robin})
        for (int R : {1, 3, 7}) {
            std::vector<int> owner(23, -1);
            for (int r = 0; r < R; ++r) {
                const noneq::partition p(23, r, R, d);
                for (std::size_t i = 0; i < p.local_count(); ++i) {
                    const auto g = p.gid(i);
                    CHECK(owner[g] == -1);
                    owner[g] = r;
                    CHECK(p.owner(g) == r);
                    CHECK(p.local_index(g) == i);
                }
            }
            for (int o : owner)
                CHECK(o >= 0);
        }
}
