// noneq/network/simulate.hpp — runs one rank's network for a duration with a communicator, in
// one of two exchange modes; the raster is the same bit for bit in both (and on any number of
// ranks): every cell's input is summed in (time, source) order whatever the epoch length.
//   exchange::blocking (NEURON's ParallelContext): epochs of E = floor(min delay / dt) + 1
//     steps; after each, gather_counts (a count of -1 reports this rank's failure), then
//     gather_spikes, the spikes sorted by (time, source) and delivered.
//   exchange::overlapped (Arbor's scheme): epochs of E / 2 steps; epoch k's exchange is started
//     (start_exchange, nonblocking) as soon as epoch k is stepped, epoch k + 1 is stepped while
//     it is in flight, then it is finished and delivered before epoch k + 2 starts. Safe since a
//     spike of epoch k (steps [kE/2, (k+1)E/2)) arrives at a step >= kE/2 + E >= (k+2)E/2
//     (connection.hpp). Twice as many exchanges, each off the critical path. Needs E >= 2
//     (min delay >= dt); with one-step epochs it falls back to blocking (run_record says so).
// The minimum delay over all ranks' connections comes from min_all (prepare_network). Every
// rank holds the whole raster afterwards (the allgather sends every spike to every rank).
// A failure on any rank (bad input, a non-finite state) makes every rank throw domain_error
// naming the lowest failing rank and its error (communicator.hpp): never a hang. In overlapped
// mode a failing rank still finishes the exchange in flight, then posts its -1 and finishes that
// exchange too; the others see the -1 one epoch later.
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

/// How simulate() exchanges spikes (both give the same raster).
enum class exchange { blocking, overlapped };

/// What a run exchanged and found.
struct run_record {
    std::vector<spike> raster; ///< all ranks' spikes, in delivery order (if kept)
    std::uint64_t spikes = 0;  ///< all ranks' spikes
    std::uint64_t epochs = 0;
    std::size_t epoch_steps = 0;
    exchange mode = exchange::blocking; ///< the mode used by the last simulate()
};

/// Prepares `net` (collectively: the epoch from the global minimum delay). Call once, before
/// simulate().
template <class Net, communicator C>
void prepare_network(Net& net, C& comm) {
    const double dmin = agree(comm, [&] { return net.prepare(); });
    net.set_min_delay(comm.min_all(dmin));
}

namespace detail {
inline void record_epoch(run_record& rec, const std::vector<spike>& all, bool keep_raster) {
    rec.spikes += all.size();
    ++rec.epochs;
    if (keep_raster) rec.raster.insert(rec.raster.end(), all.begin(), all.end());
}

template <class Net, communicator C>
void run_blocking(Net& net, C& comm, std::size_t steps, std::size_t E, run_record& rec,
                  bool keep_raster) {
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
        record_epoch(rec, all, keep_raster);
        done += len;
    }
}

template <class Net, overlapping_communicator C>
void run_overlapped(Net& net, C& comm, std::size_t steps, std::size_t E, run_record& rec,
                    bool keep_raster) {
    std::vector<spike> mine, all;
    std::vector<std::int64_t> counts;
    // Finishes the exchange in flight and delivers it; `error`: this rank's, if it posted -1.
    auto finish = [&](const std::string& error) {
        comm.finish_exchange(counts, all);
        throw_if_any_failed(comm, counts, error);
        std::sort(all.begin(), all.end());
        net.deliver(all);
        record_epoch(rec, all, keep_raster);
    };
    bool in_flight = false;
    for (std::size_t done = 0; done < steps;) {
        const std::size_t len = std::min(E, steps - done);
        mine.clear();
        std::string error;
        try {
            net.step_epoch(len, mine); // epoch k, while epoch k - 1's exchange is in flight
        } catch (const std::exception& e) {
            error = e.what();
        }
        if (in_flight) finish(std::string()); // epoch k - 1: delivered before epoch k + 1
        comm.start_exchange(error.empty() ? std::int64_t(mine.size()) : -1, mine);
        in_flight = true;
        if (!error.empty()) finish(error); // throws on every rank, one epoch later on the others
        done += len;
    }
    if (in_flight) finish(std::string());
}
} // namespace detail

/// Advances `net` by `duration` (a whole number of steps, rounded) on every rank, exchanging
/// spikes by `mode` (exchange::overlapped needs an overlapping_communicator).
template <class Net, communicator C>
void simulate(Net& net, C& comm, time<double> duration, run_record& rec, exchange mode,
              bool keep_raster = true) {
    const double steps_d = si_value(duration) * 1e3 / net.dt_ms();
    agree(comm, [&] {
        require(std::isfinite(steps_d) && steps_d >= 0, "duration", si_value(duration),
                ">= 0, finite", "s");
        require(mode == exchange::blocking || overlapping_communicator<C>, "mode", int(mode),
                "exchange::blocking for a communicator without start/finish_exchange");
    });
    const auto steps = static_cast<std::size_t>(std::llround(steps_d));
    const std::size_t E = net.epoch_steps();
    if constexpr (overlapping_communicator<C>) {
        if (mode == exchange::overlapped && E >= 2) {
            rec.epoch_steps = E / 2;
            rec.mode = exchange::overlapped;
            detail::run_overlapped(net, comm, steps, E / 2, rec, keep_raster);
            return;
        }
    }
    rec.epoch_steps = E;
    rec.mode = exchange::blocking;
    detail::run_blocking(net, comm, steps, E, rec, keep_raster);
}

/// Advances `net` by `duration` with the blocking exchange.
template <class Net, communicator C>
void simulate(Net& net, C& comm, time<double> duration, run_record& rec, bool keep_raster = true) {
    simulate(net, comm, duration, rec, exchange::blocking, keep_raster);
}

} // namespace noneq
