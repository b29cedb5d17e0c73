// noneq/network/dry_run.hpp — the dry run: R ranks pretended in one process, each a thread with
// its own share of the network, exchanging through shared memory exactly what the MPI
// communicator would exchange, and counting the bytes a real allgather would move:
//   counts: every rank receives R - 1 counts of 8 bytes per epoch (R (R - 1) 8 bytes in all);
//   spikes: every rank receives the others' spikes, 16 bytes each ((R - 1) 16 bytes per spike).
// An overlapped exchange (start_exchange, finish_exchange; communicator.hpp) moves each rank's
// fixed-size record, full or not: R (R - 1) (8 + 16 slots) bytes, plus the overflow's spikes.
// start_exchange only posts this rank's record; finish_exchange waits for the others (the
// barrier stands for the wait on MPI's request).
// It tests the partition and the exchange without MPI (the raster must equal the one-rank raster
// bit for bit) and predicts the exchange volume of R ranks (benchmarks/README.md: 1024 ranks).
//
//   auto vol = noneq::dry_run(4, [&](noneq::dry_run_communicator& comm) { ... per rank ... });
//
// Errors: a rank's error that went through the collective protocol (communicator.hpp) is thrown
// on every rank and rethrown by dry_run(); a rank that leaves with any other exception is dropped
// from the barrier and the others throw at their next collective (never a hang).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/threads.hpp>
#include <noneq/network/communicator.hpp>
#include <noneq/network/spike.hpp>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace noneq {

/// The bytes a real exchange among the dry run's ranks would have moved.
struct exchange_volume {
    int ranks = 1;
    std::uint64_t epochs = 0;      ///< count exchanges (one per epoch, plus agree() checks)
    std::uint64_t spikes = 0;      ///< spikes exchanged (all ranks)
    std::uint64_t count_bytes = 0; ///< received by all ranks, in count exchanges
    std::uint64_t spike_bytes = 0; ///< received by all ranks, in spike exchanges
    std::uint64_t overflows = 0;   ///< overlapped exchanges that needed the overflow allgatherv
    /// Bytes one rank receives per count exchange, on average.
    double bytes_per_rank_per_epoch() const {
        return epochs ? double(count_bytes + spike_bytes) / double(ranks) / double(epochs) : 0.0;
    }
};

class dry_run_world {
public:
    explicit dry_run_world(int ranks)
        : R_(ranks), sync_(ranks), counts_(std::size_t(ranks)), spikes_(std::size_t(ranks)),
          mins_(std::size_t(ranks)), posted_(std::size_t(ranks)), posted_k_(std::size_t(ranks)) {
        vol_.ranks = ranks;
    }
    int size() const { return R_; }
    const exchange_volume& volume() const { return vol_; }

private:
    friend class dry_run_communicator;
    template <class F>
    friend exchange_volume dry_run(int, F&&);
    int R_;
    std::barrier<> sync_;
    std::vector<std::int64_t> counts_;
    std::vector<std::vector<spike>> spikes_;
    std::vector<double> mins_;
    std::vector<std::vector<spike>> posted_; // the overlapped exchange's records
    std::vector<std::int64_t> posted_k_;
    spike_capacity cap_;
    std::string text_;
    std::atomic<bool> dead_{false};
    exchange_volume vol_;
};

class dry_run_communicator {
public:
    dry_run_communicator(dry_run_world& w, int rank) : w_(w), r_(rank) {}
    int rank() const { return r_; }
    int size() const { return w_.R_; }
    void gather_counts(std::int64_t k, std::vector<std::int64_t>& counts) {
        w_.counts_[std::size_t(r_)] = k;
        wait();
        counts = w_.counts_;
        if (r_ == 0) {
            ++w_.vol_.epochs;
            w_.vol_.count_bytes += std::uint64_t(w_.R_) * std::uint64_t(w_.R_ - 1) * 8u;
        }
        wait();
    }
    void gather_spikes(std::span<const spike> mine, const std::vector<std::int64_t>&,
                       std::vector<spike>& all) {
        w_.spikes_[std::size_t(r_)].assign(mine.begin(), mine.end());
        wait();
        all.clear();
        for (const auto& s : w_.spikes_)
            all.insert(all.end(), s.begin(), s.end());
        if (r_ == 0) {
            w_.vol_.spikes += all.size();
            w_.vol_.spike_bytes += std::uint64_t(all.size()) * std::uint64_t(w_.R_ - 1) * 16u;
        }
        wait();
    }
    void start_exchange(std::int64_t k, std::span<const spike> mine) {
        w_.posted_k_[std::size_t(r_)] = k;
        w_.posted_[std::size_t(r_)].assign(mine.begin(), mine.end());
    }
    void finish_exchange(std::vector<std::int64_t>& counts, std::vector<spike>& all) {
        wait(); // every rank has posted
        counts = w_.posted_k_;
        all.clear();
        const bool failed = std::any_of(counts.begin(), counts.end(), [](auto k) { return k < 0; });
        if (!failed)
            for (const auto& s : w_.posted_)
                all.insert(all.end(), s.begin(), s.end());
        if (r_ == 0) {
            const std::uint64_t R = std::uint64_t(w_.R_), C = std::uint64_t(w_.cap_.slots);
            ++w_.vol_.epochs;
            w_.vol_.count_bytes += R * (R - 1) * 8u;
            w_.vol_.spike_bytes += R * (R - 1) * 16u * C;
            if (!failed) {
                std::uint64_t over = 0;
                for (auto k : counts)
                    over += std::uint64_t(std::max<std::int64_t>(k - w_.cap_.slots, 0));
                w_.vol_.spikes += all.size();
                w_.vol_.spike_bytes += over * (R - 1) * 16u;
                w_.vol_.overflows += over > 0 ? 1u : 0u;
                w_.cap_.update(counts);
            }
        }
        wait(); // every rank has read: the records may be posted again
    }
    double min_all(double x) {
        w_.mins_[std::size_t(r_)] = x;
        wait();
        const double m = *std::min_element(w_.mins_.begin(), w_.mins_.end());
        wait();
        return m;
    }
    void broadcast(std::string& text, int root) {
        if (r_ == root) w_.text_ = text;
        wait();
        text = w_.text_;
        wait();
    }

private:
    void wait() {
        w_.sync_.arrive_and_wait();
        if (w_.dead_.load())
            throw domain_error("dry run: a rank left with an error outside the collective "
                               "protocol (agree(), simulate())");
    }
    dry_run_world& w_;
    int r_;
};
static_assert(overlapping_communicator<dry_run_communicator>);

/// Runs body(comm) on `ranks` threads, one per pretended rank; returns the exchange volume.
/// Rethrows the error of the lowest rank that failed.
template <class F>
exchange_volume dry_run(int ranks, F&& body) {
    require(ranks >= 1, "ranks", ranks, ">= 1");
    dry_run_world w(ranks);
    run_on_threads(
        std::size_t(ranks),
        [&](std::size_t r) {
            dry_run_communicator comm(w, int(r));
            try {
                body(comm);
            } catch (const domain_error& e) {
                if (std::string(e.what()).rfind("noneq: rank ", 0) != 0) w.dead_.store(true);
                w.sync_.arrive_and_drop();
                throw;
            } catch (...) {
                w.dead_.store(true);
                w.sync_.arrive_and_drop();
                throw;
            }
        },
        thread_start::together);
    return w.vol_;
}

} // namespace noneq
