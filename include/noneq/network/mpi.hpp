// noneq/network/mpi.hpp — the MPI communicator: plain MPI calls, one collective of each kind per
// epoch, NEURON ParallelContext's scheme:
//   MPI_Allgather of each rank's spike count (an int64; -1 reports this rank's failure), then
//   MPI_Allgatherv of the spikes (16 bytes each, sent as MPI_BYTE); the minimum delay by
//   MPI_Allreduce(MPI_MIN); an error message by MPI_Bcast from the lowest failing rank, after
//   which every rank throws the same domain_error (communicator.hpp).
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
#include <cstdint>
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
    MPI_Comm comm_;
    int rank_ = 0, size_ = 1;
    std::vector<int> bytes_, displs_;
};
static_assert(communicator<mpi_communicator>);

} // namespace noneq
