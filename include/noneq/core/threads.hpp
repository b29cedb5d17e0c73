// noneq/core/threads.hpp — run n tasks on n threads and join them: task(0) on the calling thread,
// task(1) ... task(n-1) each on a std::thread of its own, all joined before the call returns.
// The one place noneq starts threads (array kernels split over chunks, SIMD populations split
// over cells).
//
// Errors: every task runs to its end or to its exception; after all are joined, the exception
// of the LOWEST-numbered task that threw is rethrown (the others are dropped). A caller that
// numbers its chunks in index order thus reports the error a sequential run would have met
// first.
//
// Starting a thread can fail (std::system_error when the system refuses one). What then happens
// depends on whether the tasks wait for each other:
//  * thread_start::independent (default) — the tasks do not synchronise: those without a thread
//    run on the calling thread after task(0), in order. Results and errors are the same.
//  * thread_start::together — the tasks may synchronise (a std::barrier across all n): every
//    task waits until all n threads exist; if one cannot be started, no task runs, the started
//    threads are released and joined, and the std::system_error is rethrown.
// Threads are started per call (tens of microseconds each): give them work worth it.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <latch>
#include <thread>
#include <vector>

namespace noneq {

/// What the tasks of run_on_threads assume about each other (see the header comment).
enum class thread_start {
    independent, ///< tasks do not wait for each other; a task without a thread runs here
    together     ///< tasks may wait for each other; all n start, or none does
};

/// Runs task(k) for k = 0 .. n-1 (k a std::size_t), task(0) on the calling thread and each
/// other on its own std::thread; joins them all and rethrows the exception of the lowest k that
/// threw. `task` is shared by reference by all threads: it must be safe to call concurrently.
/// n = 0 does nothing; n = 1 calls task(0) here.
template <class F>
void run_on_threads(std::size_t n, F&& task, thread_start start = thread_start::independent) {
    if (n == 0) return;
    if (n == 1) {
        task(std::size_t{0});
        return;
    }
    std::vector<std::exception_ptr> errors(n);
    const auto run = [&](std::size_t k) noexcept {
        try {
            task(k);
        } catch (...) {
            errors[k] = std::current_exception();
        }
    };
    // Declared before the threads, so they outlive them: the gate of thread_start::together.
    std::latch go(1);
    std::atomic<bool> abandon{false};
    std::vector<std::thread> workers;
    workers.reserve(n - 1);
    const auto join_all = [&] {
        for (auto& w : workers)
            w.join();
    };
    std::size_t started = 0; // tasks 1 .. started have a thread
    if (start == thread_start::independent) {
        try {
            for (std::size_t k = 1; k < n; ++k, ++started)
                workers.emplace_back(run, k);
        } catch (...) {
            // Could not start a thread: the remaining tasks run here, after task 0 (below).
        }
    } else {
        const auto gated = [&](std::size_t k) noexcept {
            go.wait();
            if (!abandon.load()) run(k);
        };
        try {
            for (std::size_t k = 1; k < n; ++k, ++started)
                workers.emplace_back(gated, k);
        } catch (...) {
            abandon.store(true);
            go.count_down();
            join_all();
            throw;
        }
        go.count_down();
    }
    run(0);
    for (std::size_t k = started + 1; k < n; ++k)
        run(k);
    join_all();
    for (const auto& err : errors)
        if (err) std::rethrow_exception(err);
}

} // namespace noneq
