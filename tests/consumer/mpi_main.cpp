// The MPI part through the installed package: noneq::mpi (network/mpi.hpp) gives MPI's headers
// and libraries. One collective of the communicator (the minimum over the ranks) and agree().
#include <noneq/network/mpi.hpp>

#include <cstdio>

int main(int argc, char** argv) {
    noneq::mpi_session session(&argc, &argv);
    noneq::mpi_communicator comm;
    const double m = comm.min_all(1.0 + comm.rank());
    const int size = noneq::agree(comm, [&] { return comm.size(); });
    if (comm.rank() == 0) std::printf("consumer_mpi: ranks=%d min=%g\n", size, m);
    return m == 1.0 ? 0 : 1;
}
