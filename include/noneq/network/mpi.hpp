// noneq/network/mpi.hpp — the MPI communicator: plain MPI calls, one collective of each kind per
// epoch, NEURON ParallelContext's scheme:
//   MPI_Allgather of each rank's spike count (an int64; -1 reports this rank's failure), then
//   MPI_Allgatherv of the spikes (16 bytes each, sent as MPI_BYTE); the minimum delay by
//   MPI_Allreduce(MPI_MIN); an error message by MPI_Bcast from the lowest failing rank, after
//   which every rank throws the same domain_error (communicator.hpp).
// The overlapped exchange (start_exchange, finish_exchange): one MPI_Iallgather of fixed-size
// records (an int64 count and spike_capacity's slots of 16 bytes, as MPI_BYTE), completed by
// MPI_Wait; a rank with more spikes than slots sends the rest by a blocking MPI_Allgatherv that
// every rank joins (all see the counts). One nonblocking collective rather than counts then
// spikes: the spikes' allgatherv needs the counts, so a two-stage exchange would put a blocking
// collective back into every epoch. Open MPI progresses a nonblocking collective inside MPI
// calls only: the record is sent when posted (one round on 2 ranks), later rounds of a larger
// allgather progress in MPI_Wait. A request of a nonblocking collective cannot be freed or
// cancelled (MPI 3.1, 5.12): every start is finished, also on the failure path (simulate.hpp).
// Needs <mpi.h>: link the CMake target noneq::mpi (defined when MPI is found). mpi_session
// initialises and finalises MPI (RAII); mpi_communicator uses a communicator it does not own
// (MPI_COMM_WORLD by default).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/network/communicator.hpp>
#include <noneq/network/spike.hpp>

#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace noneq {

/// MPI_Init on construction, MPI_Finalize on destruction (if this object initialised MPI).
class mpi_session {
public:
    mpi_session(int* argc, char*** argv) {
        int init = 0;
        MPI_Initialized(&init);
        if (!init) {
            MPI_Init(argc, argv);
            owner_ = true;
        }
    }
    ~mpi_session() {
        int fin = 0;
        MPI_Finalized(&fin);
        if (owner_ && !fin) MPI_Finalize();
    }
    mpi_session(const mpi_session&) = delete;
    mpi_session& operator=(const mpi_session&) = delete;

private:
    bool owner_ = false;
};

class mpi_communicator {
public:
    explicit mpi_communicator(MPI_Comm comm = MPI_COMM_WORLD) : comm_(comm) {
        MPI_Comm_rank(comm_, &rank_);
        MPI_Comm_size(comm_, &size_);
    }
    int rank() const { return rank_; }
    int size() const { return size_; }

    void gather_counts(std::int64_t k, std::vector<std::int64_t>& counts) {
        counts.resize(std::size_t(size_));
        check(MPI_Allgather(&k, 1, MPI_INT64_T, counts.data(), 1, MPI_INT64_T, comm_),
              "MPI_Allgather");
    }
    void gather_spikes(std::span<const spike> mine, const std::vector<std::int64_t>& counts,
                       std::vector<spike>& all) {
        bytes_.resize(std::size_t(size_));
        displs_.resize(std::size_t(size_));
        std::int64_t total = 0;
        for (int r = 0; r < size_; ++r) {
            const std::int64_t b = std::max<std::int64_t>(counts[std::size_t(r)], 0) * 16;
            require(total + b <= INT_MAX, "spikes", double(total + b),
                    "< 2^31 bytes per exchange (MPI_Allgatherv's int displacements)");
            bytes_[std::size_t(r)] = int(b);
            displs_[std::size_t(r)] = int(total);
            total += b;
        }
        all.resize(std::size_t(total / 16));
        check(MPI_Allgatherv(mine.data(), int(mine.size() * 16), MPI_BYTE, all.data(),
                             bytes_.data(), displs_.data(), MPI_BYTE, comm_),
              "MPI_Allgatherv");
    }
    void start_exchange(std::int64_t k, std::span<const spike> mine) {
        const std::int64_t C = cap_.slots;
        const std::size_t rec = record_bytes();
        mine_.assign(mine.begin(), mine.end());
        send_.assign(rec, std::byte{0});
        recv_.resize(rec * std::size_t(size_));
        std::memcpy(send_.data(), &k, 8);
        const std::size_t n = std::size_t(std::min<std::int64_t>(std::int64_t(mine_.size()), C));
        if (n) std::memcpy(send_.data() + 8, mine_.data(), n * 16);
        check(MPI_Iallgather(send_.data(), int(rec), MPI_BYTE, recv_.data(), int(rec), MPI_BYTE,
                             comm_, &req_),
              "MPI_Iallgather");
    }
    void finish_exchange(std::vector<std::int64_t>& counts, std::vector<spike>& all) {
        check(MPI_Wait(&req_, MPI_STATUS_IGNORE), "MPI_Wait");
        const std::int64_t C = cap_.slots;
        const std::size_t rec = record_bytes();
        counts.resize(std::size_t(size_));
        all.clear();
        std::int64_t over = 0;
        for (int r = 0; r < size_; ++r) {
            std::int64_t k = 0;
            std::memcpy(&k, recv_.data() + rec * std::size_t(r), 8);
            counts[std::size_t(r)] = k;
            if (k < 0) over = -1;
            if (over >= 0) over += std::max<std::int64_t>(k - C, 0);
        }
        if (over < 0) return; // some rank failed: no spikes, the caller throws
        for (int r = 0; r < size_; ++r) {
            const std::size_t n = std::size_t(std::min(counts[std::size_t(r)], C));
            const std::size_t at = all.size();
            all.resize(at + n);
            if (n) std::memcpy(all.data() + at, recv_.data() + rec * std::size_t(r) + 8, n * 16);
        }
        if (over > 0) { // the spikes beyond the slots, every rank joining
            std::vector<std::int64_t> rest(counts);
            for (auto& k : rest)
                k = std::max<std::int64_t>(k - C, 0);
            const std::size_t mine_rest = std::size_t(rest[std::size_t(rank_)]);
            std::vector<spike> more;
            gather_spikes(
                std::span<const spike>(mine_.data() + mine_.size() - mine_rest, mine_rest), rest,
                more);
            all.insert(all.end(), more.begin(), more.end());
        }
        cap_.update(counts);
    }
    double min_all(double x) {
        double m = x;
        check(MPI_Allreduce(&x, &m, 1, MPI_DOUBLE, MPI_MIN, comm_), "MPI_Allreduce");
        return m;
    }
    void broadcast(std::string& text, int root) {
        long long n = static_cast<long long>(text.size());
        check(MPI_Bcast(&n, 1, MPI_LONG_LONG, root, comm_), "MPI_Bcast");
        text.resize(std::size_t(n));
        check(MPI_Bcast(text.data(), int(n), MPI_CHAR, root, comm_), "MPI_Bcast");
    }

private:
    // MPI's default error handler aborts the job on failure; under MPI_ERRORS_RETURN a failed
    // call cannot be agreed on (the communicator is broken): abort all ranks, never hang.
    void check(int rc, const char* what) {
        if (rc != MPI_SUCCESS) {
            std::string msg = std::string("noneq: ") + what + " failed";
            MPI_Abort(comm_, 3);
            throw domain_error(msg);
        }
    }
    std::size_t record_bytes() const { return 8 + 16 * std::size_t(cap_.slots); }
    MPI_Comm comm_;
    int rank_ = 0, size_ = 1;
    std::vector<int> bytes_, displs_;
    // the overlapped exchange in flight: buffers stay untouched until MPI_Wait
    MPI_Request req_ = MPI_REQUEST_NULL;
    std::vector<spike> mine_;
    std::vector<std::byte> send_, recv_;
    spike_capacity cap_;
};
static_assert(overlapping_communicator<mpi_communicator>);

} // namespace noneq
