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
//
// thread_pool: the same contract for callers that run many short jobs (a population advanced
// once per tissue step, tens of thousands of times a run). Its n - 1 workers are started once,
// by the constructor, and park between jobs (a short spin on an atomic, then a condition
// variable); run(k, task) runs task(0) on the calling thread and task(1) ... task(k-1) on the
// workers, waits for all and rethrows the exception of the lowest-numbered task that threw, as
// run_on_threads does; the pool stays usable after an exception. Every task has its own thread
// (all exist before any job), so tasks may meet at a barrier: thread_start::together holds by
// construction, and a thread the system refuses makes the CONSTRUCTOR throw std::system_error
// (after joining those already started), before any task has run. One job at a time, from one
// calling thread; a task must not call run on its own pool. The destructor stops and joins the
// workers (they are parked: no job is ever in flight when it runs).
#pragma once

#include <noneq/core/error.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <latch>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
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

/// A fixed set of n - 1 parked worker threads plus the calling thread (see the header comment).
class thread_pool {
public:
    /// n >= 1 tasks per job at most; starts n - 1 threads (std::system_error if one is refused:
    /// those started are joined first).
    explicit thread_pool(std::size_t n) : errors_(n) {
        require(n >= 1, "n", n, ">= 1 task per job");
        workers_.reserve(n - 1);
        try {
            for (std::size_t k = 1; k < n; ++k)
                workers_.emplace_back([this, k] { work(k); });
        } catch (...) {
            stop_all();
            throw;
        }
    }
    thread_pool(const thread_pool&) = delete;
    thread_pool& operator=(const thread_pool&) = delete;
    ~thread_pool() { stop_all(); }

    /// Tasks per job at most: the workers and the calling thread.
    std::size_t size() const { return workers_.size() + 1; }

    /// Runs task(k) for k = 0 .. n-1 (n <= size()): task(0) here, the others on workers 1 .. n-1;
    /// returns when all have ended and rethrows the exception of the lowest k that threw. `task`
    /// is shared by reference: it must be safe to call concurrently.
    template <class F>
    void run(std::size_t n, F&& task) {
        require(n <= size(), "n", n, "<= the pool's size()");
        if (n == 0) return;
        using Fn = std::remove_reference_t<F>;
        {
            std::lock_guard lk(m_);
            job_ = {const_cast<void*>(static_cast<const void*>(std::addressof(task))),
                    [](void* f, std::size_t k) { (*static_cast<Fn*>(f))(k); }, n};
            pending_.store(n - 1, std::memory_order_relaxed);
            generation_.store(generation_.load(std::memory_order_relaxed) + 1,
                              std::memory_order_release);
        }
        if (n > 1) wake_.notify_all();
        run_task(0);
        if (n > 1) wait_for([&] { return pending_.load(std::memory_order_acquire) == 0; }, done_);
        std::exception_ptr first; // the lowest task's; the others are dropped
        for (std::size_t k = n; k-- > 0;)
            if (errors_[k]) first = std::exchange(errors_[k], nullptr);
        if (first) std::rethrow_exception(first);
    }

private:
    struct job {
        void* f = nullptr;
        void (*call)(void*, std::size_t) = nullptr;
        std::size_t n = 0;
    };

    void run_task(std::size_t k) noexcept {
        try {
            job_.call(job_.f, k);
        } catch (...) {
            errors_[k] = std::current_exception();
        }
    }

    // Spin a little on `ready` (a job follows the last one within microseconds in a time loop),
    // then sleep on `cv` until it holds. `ready` reads atomics written under m_.
    template <class Ready>
    void wait_for(Ready ready, std::condition_variable& cv) {
        for (int i = 0; i < spin_iterations; ++i) {
            if (ready()) return;
#if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause(); // leaves the core's other hardware thread its share
#endif
        }
        std::unique_lock lk(m_);
        cv.wait(lk, ready);
    }

    void work(std::size_t k) {
        std::uint64_t seen = 0;
        for (;;) {
            wait_for([&] { return generation_.load(std::memory_order_acquire) != seen; }, wake_);
            std::size_t n;
            {
                std::lock_guard lk(m_);
                if (stop_) return;
                seen = generation_.load(std::memory_order_relaxed);
                n = job_.n;
            }
            if (k >= n) continue;
            run_task(k);
            if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
                std::lock_guard lk(m_); // the caller checks pending_ under m_ before sleeping
                done_.notify_one();
            }
        }
    }

    void stop_all() noexcept {
        {
            std::lock_guard lk(m_);
            stop_ = true;
            generation_.store(generation_.load(std::memory_order_relaxed) + 1,
                              std::memory_order_release);
        }
        wake_.notify_all();
        for (auto& w : workers_)
            w.join();
        workers_.clear();
    }

    // ~10 us of pause (~38 ns each on the development machine): catches a job that follows at
    // once; longer spins cost the other threads their core when the machine is oversubscribed
    // (measured: 2000 rounds made a two-task dispatch 4x slower under load than 256).
    static constexpr int spin_iterations = 256;
    std::mutex m_;
    std::condition_variable wake_, done_;
    std::atomic<std::uint64_t> generation_{0};
    std::atomic<std::size_t> pending_{0};
    bool stop_ = false; // under m_
    job job_;           // written under m_ while no worker runs a task
    std::vector<std::exception_ptr> errors_;
    std::vector<std::thread> workers_;
};

} // namespace noneq
