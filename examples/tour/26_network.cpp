// Tour: a small COBAHH network (Brette et al. 2007 benchmark 3, Brian2's example: Traub-Miles
// cells, exponential conductance synapses, 80 % excitatory) of 400 cells with the benchmark's
// in-degree (p = 0.2) for 100 ms on one process, and the same network on 4 pretended ranks (the
// dry run): the same raster, and the bytes a real exchange would move.
#include "tour.hpp"

#include <noneq/network/cobahh.hpp>
#include <noneq/network/dry_run.hpp>
#include <noneq/network/simulate.hpp>

#include <mutex>

namespace {
using namespace noneq::literals;

noneq::run_record cobahh_400(auto& comm, int ranks) {
    noneq::cobahh::parameters p;
    p.n = 400;
    p.p = 0.2;
    p.delay = 0.5_ms;
    auto net = noneq::cobahh::make_network(noneq::partition(p.n, comm.rank(), ranks), 0.1_ms);
    noneq::agree(comm, [&] { noneq::cobahh::build(net, p); });
    noneq::prepare_network(net, comm);
    noneq::run_record rec;
    noneq::simulate(net, comm, 100.0_ms, rec);
    return rec;
}

tour::registrar reg{
    "25",
    "COBAHH network: 400 Traub-Miles cells, 100 ms, on 1 process and on 4 "
    "dry-run ranks",
    [] {
        noneq::local_communicator local;
        const auto one = cobahh_400(local, 1);
        std::mutex m;
        noneq::run_record four;
        const auto vol = noneq::dry_run(4, [&](auto& comm) {
            auto rec = cobahh_400(comm, 4);
            if (comm.rank() == 0) {
                std::lock_guard lock(m);
                four = std::move(rec);
            }
        });
        tour::kv("network_spikes_100ms", double(one.spikes));
        tour::kv("network_rate_hz", double(one.spikes) / 400.0 / 0.1);
        tour::kv("network_first_spike_ms", one.raster.at(0).t_steps * 0.1);
        tour::kv("network_4_ranks_same_raster", four.raster == one.raster ? 1.0 : 0.0);
        tour::kv("network_4_ranks_exchange_bytes", double(vol.count_bytes + vol.spike_bytes));
    }};
} // namespace
