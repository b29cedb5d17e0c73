// noneq/network/simulate.hpp — runs one rank's network for a duration with a communicator:
//   the minimum delay over all ranks' connections by min_all (it sets the epoch), then per epoch
//   step_epoch, gather_counts (a count of -1 reports this rank's failure), gather_spikes, the
//   spikes sorted by (time, source) and delivered. Every rank holds the whole raster afterwards
//   (the allgather sends every spike to every rank, NEURON's ParallelContext scheme).
// A failure on any rank (bad input, a non-finite state) makes every rank throw domain_error
// naming the lowest failing rank and its error (communicator.hpp): never a hang.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/network/communicator.hpp>
#include <noneq/network/spike.hpp>
#include <noneq/units.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace noneq {

/// What a run exchanged and found.
struct run_record {
    std::vector<spike> raster; ///< all ranks' spikes, in delivery order (if kept)
    std::uint64_t spikes = 0;  ///< all ranks' spikes
    std::uint64_t epochs = 0;
    std::size_t epoch_steps = 0;
};

/// Prepares `net` (collectively: the epoch from the global minimum delay). Call once, before
/// simulate().
template <class Net, communicator C>
void prepare_network(Net& net, C& comm) {
    const double dmin = agree(comm, [&] { return net.prepare(); });
    net.set_min_delay(comm.min_all(dmin));
}

/// Advances `net` by `duration` (a whole number of steps, rounded) on every rank.
template <class Net, communicator C>
void simulate(Net& net, C& comm, time<double> duration, run_record& rec, bool keep_raster = true) {
    const double steps_d = si_value(duration) * 1e3 / net.dt_ms();
    agree(comm, [&] {
        require(std::isfinite(steps_d) && steps_d >= 0, "duration", si_value(duration),
                ">= 0, finite", "s");
    });
    const auto steps = static_cast<std::size_t>(std::llround(steps_d));
    const std::size_t E = net.epoch_steps();
    rec.epoch_steps = E;
    std::vector<spike> mine, all;
    std::vector<std::int64_t> counts;
    for (std::size_t done = 0; done < steps;) {
        const std::size_t len = std::min(E, steps - done);
        mine.clear();
        std::string error;
        try {
            net.step_epoch(len, mine);
        } catch (const std::exception& e) {
            error = e.what();
        }
        comm.gather_counts(error.empty() ? std::int64_t(mine.size()) : -1, counts);
        throw_if_any_failed(comm, counts, error);
        comm.gather_spikes(mine, counts, all);
        std::sort(all.begin(), all.end());
        net.deliver(all);
        rec.spikes += all.size();
        ++rec.epochs;
        if (keep_raster) rec.raster.insert(rec.raster.end(), all.begin(), all.end());
        done += len;
    }
}

} // namespace noneq
