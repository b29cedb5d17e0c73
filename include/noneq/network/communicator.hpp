// noneq/network/communicator.hpp — how ranks exchange spikes: the communicator concept, the local
// (one process) implementation, and agree(), the collective error check.
//
// communicator<C> requires (every call is collective: all ranks make it, in the same order)
//   c.rank(), c.size()
//   c.gather_counts(k, counts)          counts[r] = rank r's k (an allgather; k = -1: "I failed")
//   c.gather_spikes(mine, counts, all)  all = every rank's spikes in rank order (an allgatherv)
//   c.min_all(x)                        the minimum of x over the ranks (an allreduce)
//   c.broadcast(text, root)             rank root's text to every rank
// overlapping_communicator<C> adds a nonblocking exchange (Arbor's overlap of exchange and
// computation, simulate.hpp's exchange::overlapped), at most one in flight:
//   c.start_exchange(k, mine)           posts this rank's count k (-1: "I failed") and spikes
//                                       (copied: `mine` may change at once) and returns
//   c.finish_exchange(counts, all)      completes it: counts as gather_counts, all as
//                                       gather_spikes (empty if some count < 0)
// It is one fixed-size record per rank (the count and spike_capacity's slots of spikes, used or
// not) gathered by one nonblocking allgather; a rank with more spikes sends the rest in a second,
// blocking allgatherv that every rank joins (they all see the counts). The capacity follows the
// counts (every rank computes it from the same counts, so no message is needed to agree on it).
// Implementations: local_communicator (here), dry_run (dry_run.hpp: R ranks as threads of one
// process, counting the bytes a real exchange would move) and mpi_communicator (mpi.hpp: plain
// MPI calls, target noneq::mpi); all three are overlapping communicators.
//
// Errors never hang: a rank that fails says so in the next collective (a count of -1, or the
// flag of agree()); every rank then receives the message of the lowest failing rank and throws
// domain_error("rank r: <message>").
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/network/spike.hpp>

#include <algorithm>
#include <bit>
#include <concepts>
#include <cstdint>
#include <exception>
#include <span>
#include <string>
#include <vector>

namespace noneq {

template <class C>
concept communicator = requires(C& c, std::int64_t k, std::vector<std::int64_t>& counts,
                                std::span<const spike> mine, std::vector<spike>& all, double x,
                                std::string& text, int root) {
    { c.rank() } -> std::convertible_to<int>;
    { c.size() } -> std::convertible_to<int>;
    c.gather_counts(k, counts);
    c.gather_spikes(mine, counts, all);
    { c.min_all(x) } -> std::convertible_to<double>;
    c.broadcast(text, root);
};

template <class C>
concept overlapping_communicator = communicator<C> &&
    requires(C& c, std::int64_t k, std::span<const spike> mine, std::vector<std::int64_t>& counts,
             std::vector<spike>& all) {
    c.start_exchange(k, mine);
    c.finish_exchange(counts, all);
};

/// The spike slots per rank of an overlapped exchange's fixed-size record. After each exchange
/// every rank updates it from the same gathered counts: the power of two > 1.5 x the largest
/// count (headroom for the epoch-to-epoch fluctuation: each overflow is a blocking collective),
/// halving at most per exchange as activity falls, within [min_slots, max_slots] (beyond
/// max_slots the overflow exchange carries the rest).
struct spike_capacity {
    static constexpr std::int64_t min_slots = 1, max_slots = 4096;
    std::int64_t slots = min_slots;
    void update(const std::vector<std::int64_t>& counts) {
        std::int64_t m = 0;
        for (std::int64_t k : counts)
            m = std::max(m, k);
        const std::int64_t want = std::int64_t(std::bit_ceil(std::uint64_t(m + m / 2 + 1)));
        slots = std::clamp(std::max(want, slots / 2), min_slots, max_slots);
    }
};

/// One process: every collective is the identity.
class local_communicator {
public:
    int rank() const { return 0; }
    int size() const { return 1; }
    void gather_counts(std::int64_t k, std::vector<std::int64_t>& counts) { counts.assign(1, k); }
    void gather_spikes(std::span<const spike> mine, const std::vector<std::int64_t>&,
                       std::vector<spike>& all) {
        all.assign(mine.begin(), mine.end());
    }
    double min_all(double x) { return x; }
    void broadcast(std::string&, int) {}
    void start_exchange(std::int64_t k, std::span<const spike> mine) {
        k_ = k;
        mine_.assign(mine.begin(), mine.end());
    }
    void finish_exchange(std::vector<std::int64_t>& counts, std::vector<spike>& all) {
        counts.assign(1, k_);
        all.clear();
        if (k_ >= 0) all.swap(mine_);
    }

private:
    std::int64_t k_ = 0;
    std::vector<spike> mine_;
};
static_assert(overlapping_communicator<local_communicator>);

/// After a collective count exchange: if some rank reported failure (a count < 0), every rank
/// throws domain_error naming the lowest failing rank and its message (`mine` on that rank).
template <communicator C>
void throw_if_any_failed(C& comm, const std::vector<std::int64_t>& counts,
                         const std::string& mine) {
    const auto bad =
        std::find_if(counts.begin(), counts.end(), [](std::int64_t k) { return k < 0; });
    if (bad == counts.end()) return;
    const int root = int(bad - counts.begin());
    std::string text = comm.rank() == root ? mine : std::string();
    comm.broadcast(text, root);
    throw domain_error("rank " + std::to_string(root) + " of " + std::to_string(comm.size()) +
                       " failed: " + text);
}

/// Runs f() on every rank (collectively): if it throws on any rank, every rank throws
/// domain_error naming the lowest failing rank and its error; else returns f()'s result.
template <communicator C, class F>
auto agree(C& comm, F&& f) -> decltype(f()) {
    std::string error;
    try {
        if constexpr (std::is_void_v<decltype(f())>) {
            f();
            std::vector<std::int64_t> counts;
            comm.gather_counts(0, counts);
            throw_if_any_failed(comm, counts, error);
            return;
        } else {
            auto r = f();
            std::vector<std::int64_t> counts;
            comm.gather_counts(0, counts);
            throw_if_any_failed(comm, counts, error);
            return r;
        }
    } catch (const domain_error& e) {
        if (std::string(e.what()).rfind("noneq: rank ", 0) == 0) throw; // already agreed
        error = e.what();
    } catch (const std::exception& e) {
        error = e.what();
    }
    std::vector<std::int64_t> counts;
    comm.gather_counts(-1, counts);
    throw_if_any_failed(comm, counts, error);
    throw domain_error("agree: unreachable"); // counts hold this rank's -1
}

} // namespace noneq
