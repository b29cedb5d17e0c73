// The network over real MPI ranks (run by CTest with mpirun -np 2 and -np 4):
//   raster   a 400-cell COBAHH (p = 0.2, delay 0.25 ms, 100 ms) over MPI_COMM_WORLD; rank 0
//            also runs the whole network alone (local communicator) and compares the two
//            rasters bit for bit. Prints identical=1|0, spikes=, ranks=; exit 0 only if identical.
//            With `overlapped`, the ranks exchange by exchange::overlapped (nonblocking
//            MPI_Iallgather); the reference stays the blocking one-process run.
//   bad      rank 1 adds a connection with a negative delay: every rank must stop with that
//            error named (exit 2), never hang (CTest's timeout would catch a hang).
//   late     rank 1 fails in the middle of the run (a non-finite state from a poisoned
//            injection): every rank must stop with it (exit 2). Also with `overlapped`.
// Usage: noneq-test-network-mpi raster|bad|late [round_robin] [overlapped]
#include <noneq/network/cobahh.hpp>
#include <noneq/network/mpi.hpp>
#include <noneq/network/simulate.hpp>

#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <string>

int main(int argc, char** argv) {
    using namespace noneq::literals;
    noneq::mpi_session session(&argc, &argv);
    noneq::mpi_communicator comm;
    const std::string mode = argc > 1 ? argv[1] : "raster";
    auto d = noneq::distribution::block;
    auto x = noneq::exchange::blocking;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "round_robin") == 0) d = noneq::distribution::round_robin;
        if (std::strcmp(argv[i], "overlapped") == 0) x = noneq::exchange::overlapped;
    }
    noneq::cobahh::parameters p;
    p.n = 400;
    p.p = 0.2;
    p.delay = 0.25_ms;
    p.seed = 7;
    try {
        auto net =
            noneq::cobahh::make_network(noneq::partition(p.n, comm.rank(), comm.size(), d), 0.1_ms);
        noneq::agree(comm, [&] {
            noneq::cobahh::build(net, p);
            if (mode == "bad" && comm.rank() == 1)
                net.connect({0, net.layout().gid(0), 0, 6.0_nS, -1.0_ms});
            if (mode == "late" && comm.rank() == 1)
                net.inject(net.layout().gid(0), 0, noneq::make<noneq::unit::conductance>(1e300),
                           50.0_ms);
        });
        noneq::prepare_network(net, comm);
        noneq::run_record rec;
        noneq::simulate(net, comm, 100.0_ms, rec, x);
        int identical = 1;
        if (comm.rank() == 0) {
            auto whole = noneq::cobahh::make_network(noneq::partition(p.n), 0.1_ms);
            noneq::local_communicator local;
            noneq::cobahh::build(whole, p);
            noneq::prepare_network(whole, local);
            noneq::run_record one;
            noneq::simulate(whole, local, 100.0_ms, one);
            identical = one.raster == rec.raster ? 1 : 0;
            std::printf("identical=%d\nspikes=%zu\nranks=%d\nexchange=%s\n", identical,
                        rec.raster.size(), comm.size(),
                        rec.mode == noneq::exchange::overlapped ? "overlapped" : "blocking");
        }
        return identical ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rank %d: %s\n", comm.rank(), e.what());
        return 2;
    }
}
