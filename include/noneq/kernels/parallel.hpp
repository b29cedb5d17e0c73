// noneq/kernels/parallel.hpp — how a kernel call is executed: on the calling thread, or split
// over several std::threads. Every kernel takes an optional leading `execution` argument:
//
//   noneq::kernels::nernst(E, 1, c_in, c_out, T);                           // calling thread
//   noneq::kernels::nernst(noneq::kernels::threads(0), E, 1, c_in, c_out, T); // all cores
//
// The index range is cut into one contiguous chunk per thread, each a whole number of kernel
// blocks, so every element is computed by exactly the same instructions as in a sequential call
// and the results are bitwise identical. A worker's exception is carried back to the caller; if
// several chunks hold bad input, the one with the lowest indices is reported, as a sequential
// call would report it (core/threads.hpp runs the chunks). Threads are started per call (tens of
// microseconds), so small arrays run on the calling thread.
#pragma once

#include <noneq/core/threads.hpp>

#include <algorithm>
#include <cstddef>
#include <thread>

namespace noneq::kernels {

/// Execution of a kernel call: the number of threads (1: the calling thread only).
struct execution {
    unsigned threads = 1;
};

/// Run on `n` threads; 0 means one per hardware thread (std::thread::hardware_concurrency()).
inline execution threads(unsigned n) {
    if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
    return execution{n};
}

/// Run on the calling thread only.
inline constexpr execution sequential{};

namespace detail {

/// Elements per block: kernels validate a block of inputs, then compute it while it is still in
/// the L1 cache. A multiple of every batch width (up to 64 lanes).
inline constexpr std::size_t block_size = 1024;

/// Below this many elements per thread, starting threads costs more than it saves.
inline constexpr std::size_t min_elements_per_thread = 64 * block_size;

/// Calls f(begin, end) over a partition of [0, n): on the calling thread, or on ex.threads
/// threads with chunk boundaries on block boundaries (chunk 0 on the calling thread, chunks
/// without a thread after it). Rethrows the lowest chunk's exception.
template <class F>
void run_partitioned(const execution& ex, std::size_t n, F&& f) {
    const std::size_t blocks = (n + block_size - 1) / block_size;
    std::size_t nt = std::min<std::size_t>(ex.threads, n / min_elements_per_thread);
    nt = std::min(nt, blocks);
    if (nt <= 1) {
        f(std::size_t{0}, n);
        return;
    }
    run_on_threads(nt, [&](std::size_t k) {
        const std::size_t b = std::min(n, blocks * k / nt * block_size);
        const std::size_t e = std::min(n, blocks * (k + 1) / nt * block_size);
        f(b, e);
    });
}

} // namespace detail
} // namespace noneq::kernels
