// core/: exprel accuracy, the SIMD log_ratio and exp/exprel pair (core/simd_math.hpp),
// domain_error messages, the bracketed root finder, value traits, threshold crossings, threads.
#include <noneq/core/crossing.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/core/simd_math.hpp>
#include <noneq/core/threads.hpp>
#include <noneq/core/value_traits.hpp>

#include <doctest/doctest.h>

#include <array>
#include <atomic>
#include <barrier>

#include "support/compare.hpp"
#include "support/seed.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace noneq;
using noneq::test::rel;

namespace {
// Reference exprel in long double: series near 0 (8 terms, truncation < 1e-30 for |x| < 1e-3),
// expm1l elsewhere. long double has 11 more bits than double, so its rounding is negligible.
long double exprel_ref(long double x) {
    if (x == 0) return 1;
    if (std::fabs(x) < 1e-3L) {
        // x/(e^x-1) = 1 - x/2 + x^2/12 - x^4/720 + x^6/30240 - ...
        const long double x2 = x * x;
        return 1 - x / 2 + x2 / 12 - x2 * x2 / 720 + x2 * x2 * x2 / 30240;
    }
    return x / std::expm1(x);
}

double ulp_distance(double a, long double ref) {
    const double r = static_cast<double>(ref);
    if (a == r) return 0;
    const double ulp = std::nextafter(std::fabs(r), INFINITY) - std::fabs(r);
    return static_cast<double>(std::fabs(static_cast<long double>(a) - ref) / ulp);
}
} // namespace

TEST_CASE("exprel is exact at 0 and within a few ulp everywhere (scalar and batch)") {
    CHECK(exprel(0.0) == 1.0);
    CHECK(exprel(0.0f) == 1.0f);
    CHECK(exprel(-0.0) == 1.0);
    CHECK(exprel(800.0) == 0.0);    // expm1 overflows: the limit is 0
    CHECK(exprel(-800.0) == 800.0); // expm1 -> -1: the limit is -x
    std::mt19937_64 rng(noneq::test::seed(1));
    std::uniform_real_distribution<double> mant(1.0, 10.0);
    std::uniform_int_distribution<int> expo(-300, 2);
    double worst = 0, worst_b = 0;
    using B = xsimd::batch<double>;
    alignas(64) double xs[B::size];
#ifdef NONEQ_SANITIZED
    const int n = 20000;
#else
    const int n = 400000;
#endif
    for (int k = 0; k < n; k += int(B::size)) {
        for (std::size_t j = 0; j < B::size; ++j) {
            const double sign = (rng() & 1) ? 1.0 : -1.0;
            xs[j] = sign * mant(rng) * std::pow(10.0, expo(rng));
        }
        const B r = exprel(B::load_aligned(xs));
        for (std::size_t j = 0; j < B::size; ++j) {
            const long double ref = exprel_ref(xs[j]);
            worst = std::max(worst, ulp_distance(exprel(xs[j]), ref));
            worst_b = std::max(worst_b, ulp_distance(r.get(j), ref));
        }
    }
    INFO("worst scalar ulp ", worst, ", worst batch ulp ", worst_b);
    // libm's expm1 and the batch's e^x - 1 (core/simd_math.hpp; xsimd's beyond |x| = 708) are
    // each within ~1 ulp, the quotient adds 0.5 ulp, and a result just below 1 has half the ulp
    // of one above: <= 3 ulp.
    CHECK(worst <= 3.0);
    CHECK(worst_b <= 3.0);
}

namespace {
template <class T>
double ulps_of(T x, long double ref) {
    const T r = static_cast<T>(ref);
    if (x == r) return 0;
    const T a = std::fabs(r);
    const T ulp = std::nextafter(a, std::numeric_limits<T>::infinity()) - a;
    return static_cast<double>(std::fabs(static_cast<long double>(x) - ref) / ulp);
}
// ln(a/b) accurate relative to itself: log1p of the exact difference where a ~ b.
long double log_ratio_ref(long double a, long double b) {
    return std::fabs(a - b) <= b / 2 ? std::log1p((a - b) / b) : std::log(a / b);
}
} // namespace

TEST_CASE_TEMPLATE("log_ratio: ln(a/b) within a few ulp of itself, a ~ b included", T, double,
                   float) {
    using B = xsimd::batch<T>;
    std::mt19937_64 rng(noneq::test::seed(7));
    // a, b log-uniform over the whole normal range but for a factor 4 at each end, and every
    // other batch a ~ b (relative offsets down to 2^-40, and equal). Subnormals: next test.
    std::uniform_real_distribution<double> lg(std::log(std::numeric_limits<T>::min() * 4),
                                              std::log(std::numeric_limits<T>::max() / 4)),
        off(-1.0, 1.0);
#ifdef NONEQ_SANITIZED
    const int n = 1 << 14;
#else
    const int n = 1 << 20;
#endif
    double worst_b = 0, worst_s = 0;
    alignas(64) T a[B::size], b[B::size];
    for (int k = 0; k < n; k += int(B::size)) {
        for (std::size_t j = 0; j < B::size; ++j) {
            a[j] = static_cast<T>(std::exp(lg(rng)));
            b[j] = (k / B::size) % 2
                       ? static_cast<T>(a[j] * (1 + std::ldexp(off(rng), -int(rng() % 41))))
                       : static_cast<T>(std::exp(lg(rng)));
        }
        const B r = log_ratio(B::load_aligned(a), B::load_aligned(b));
        for (std::size_t j = 0; j < B::size; ++j) {
            const long double ref = log_ratio_ref(a[j], b[j]);
            if (ref == 0) {
                CHECK(r.get(j) == T(0));
                CHECK(log_ratio(a[j], b[j]) == T(0));
                continue;
            }
            worst_b = std::max(worst_b, ulps_of(r.get(j), ref));
            worst_s = std::max(worst_s, ulps_of(log_ratio(a[j], b[j]), ref));
        }
    }
    MESSAGE("log_ratio ", std::string(sizeof(T) == 8 ? "double" : "float"), ": batch worst ",
            worst_b, " ulp, scalar worst ", worst_s, " ulp over ", n);
    // Batch: s = (ma - mb) / (ma + mb) with an exact difference carries two roundings (eps
    // relative, at most 2 ulp of 2 atanh(s)), and the three fmas that add 2s, s z Q(z) and
    // k ln 2 round at most 1/2 ulp of a term no larger than the result each: 3.5 ulp.
    CHECK(worst_b <= 3.5);
    // Scalar: log1p(d/b) (d exact, quotient 1/2 ulp, log1p ~1 ulp) near a = b; elsewhere
    // |ln(a/b)| >= ln 1.5, where the quotient's eps/2 is at most 2 ulp of the result, plus the
    // log's own: 3 ulp.
    CHECK(worst_s <= 3.0);
}

TEST_CASE_TEMPLATE("log_ratio: zeros, infinities, NaN, negatives, subnormals and huge ratios", T,
                   double, float) {
    using B = xsimd::batch<T>;
    using L = std::numeric_limits<T>;
    // One odd lane in a batch of ordinary ones: that lane gets the IEEE answer of ln(a/b), the
    // ordinary lanes their usual value.
    const auto lane0 = [](T a, T b) {
        alignas(64) T as[B::size], bs[B::size];
        for (std::size_t j = 0; j < B::size; ++j) {
            as[j] = T(2);
            bs[j] = T(3);
        }
        as[0] = a;
        bs[0] = b;
        const B r = log_ratio(B::load_aligned(as), B::load_aligned(bs));
        CHECK(ulps_of(r.get(B::size - 1), std::log(2.0L / 3.0L)) <= 2.5);
        return r.get(0);
    };
    CHECK(lane0(T(0), T(1)) == -L::infinity());
    CHECK(lane0(T(1), T(0)) == L::infinity());
    CHECK(lane0(L::infinity(), T(1)) == L::infinity());
    CHECK(std::isnan(lane0(L::quiet_NaN(), T(1))));
    CHECK(std::isnan(lane0(T(-1), T(1))));
    CHECK(std::isnan(lane0(T(0), T(0))));
    // Subnormal operands: ln of the exact ratio (xsimd's log after the division).
    const T tiny = L::denorm_min() * T(1000);
    CHECK(ulps_of(lane0(tiny, T(1)), std::log(static_cast<long double>(tiny))) <= 4.0);
    // A quotient beyond the range of T still has a finite logarithm.
    const T big = L::max() / 2, small = L::min() * 2;
    CHECK(ulps_of(lane0(big, small), std::log(static_cast<long double>(big)) -
                                         std::log(static_cast<long double>(small))) <= 2.5);
    CHECK(ulps_of(lane0(small, big), std::log(static_cast<long double>(small)) -
                                         std::log(static_cast<long double>(big))) <= 2.5);
}

TEST_CASE_TEMPLATE("exp_exprel: e^x and x/(e^x - 1) from one reduction, as accurate as apart", T,
                   double, float) {
    using B = xsimd::batch<T>;
    std::mt19937_64 rng(noneq::test::seed(9));
    const double limit = std::is_same_v<T, double> ? 708 : 87;
    std::uniform_real_distribution<double> wide(-limit, limit), unit(-1.0, 1.0);
#ifdef NONEQ_SANITIZED
    const int n = 1 << 14;
#else
    const int n = 1 << 20;
#endif
    double worst_e = 0, worst_r = 0;
    alignas(64) T xs[B::size];
    for (int k = 0; k < n; k += int(B::size)) {
        for (std::size_t j = 0; j < B::size; ++j) {
            switch ((k / B::size) % 3) {
            case 0:
                xs[j] = static_cast<T>(wide(rng));
                break;
            case 1:
                xs[j] = static_cast<T>(2 * unit(rng));
                break;
            default:
                xs[j] = static_cast<T>(std::ldexp(unit(rng), -int(rng() % 60)));
                break;
            }
        }
        const auto [e, r] = exp_exprel(B::load_aligned(xs));
        for (std::size_t j = 0; j < B::size; ++j) {
            const long double x = xs[j];
            worst_e = std::max(worst_e, ulps_of(e.get(j), std::exp(x)));
            worst_r = std::max(worst_r, ulps_of(r.get(j), exprel_ref(x)));
        }
    }
    MESSAGE("exp_exprel ", std::string(sizeof(T) == 8 ? "double" : "float"), ": e^x worst ",
            worst_e, " ulp, exprel worst ", worst_r, " ulp over ", n);
    // e^x = 2^k (1 + p): the reduced argument's rounding, p's (relative to 1 + p) and the final
    // fma's 1/2 ulp: 1.5 ulp. exprel: e^x - 1 likewise within ~1 ulp, the quotient 1/2 ulp, and
    // a result just below 1 counts its error in the smaller ulp there: 3 ulp.
    CHECK(worst_e <= 1.5);
    CHECK(worst_r <= 3.0);
    // The edges: exactly 1 at 0, NaN propagates, and beyond |x| = limit xsimd's exp and the
    // overflow-safe exprel take over (finite, correct limits).
    const auto at = [](T x) { return exp_exprel(B(x)); };
    CHECK(at(T(0)).exp.get(0) == T(1));
    CHECK(at(T(0)).exprel.get(0) == T(1));
    CHECK(std::isnan(at(std::numeric_limits<T>::quiet_NaN()).exprel.get(0)));
    const T over = static_cast<T>(limit + 1);
    CHECK(ulps_of(at(over).exp.get(0), std::exp(static_cast<long double>(over))) <= 2.0);
    CHECK(ulps_of(at(over).exprel.get(0), exprel_ref(over)) <= 4.0);
    CHECK(ulps_of(at(-over).exprel.get(0), exprel_ref(-over)) <= 3.0);
}

TEST_CASE("vtrap matches the HH form x/(exp(x/y)-1) away from 0 and is 1*y at 0") {
    CHECK(vtrap(0.0, 10.0) == rel(10.0, 1e-15));
    const double x = 25.0, y = 10.0;
    CHECK(vtrap(x, y) == rel(x / (std::exp(x / y) - 1), 1e-14));
}

TEST_CASE("domain_error names the argument, the value and the allowed range") {
    try {
        require_positive("c_in", -1.5, "mol/m^3");
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        const std::string m = e.what();
        CHECK(m.find("'c_in'") != std::string::npos);
        CHECK(m.find("-1.5") != std::string::npos);
        CHECK(m.find("> 0") != std::string::npos);
        CHECK(e.argument() == "c_in");
        CHECK(e.value() == -1.5L);
    }
    CHECK_THROWS_AS(require_positive("T", std::numeric_limits<double>::quiet_NaN()),
                    std::domain_error);
    CHECK_NOTHROW(require_nonnegative("c", 0.0));
    // A batch reports its first offending lane.
    using B = xsimd::batch<double>;
    alignas(64) double v[B::size];
    for (std::size_t i = 0; i < B::size; ++i)
        v[i] = 1.0 + double(i);
    v[B::size - 1] = -7.0;
    try {
        require_positive("c_out", B::load_aligned(v));
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.value() == -7.0L);
    }
    // Arrays name the first bad index.
    std::vector<double> xs{1.0, 2.0, -3.0, -4.0};
    try {
        require_each(xs, "c_in", "> 0", [](double x) { return x > 0; });
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "c_in[2]");
    }
}

TEST_CASE("find_root brackets, converges, and rejects a bracket without a sign change") {
    auto r = find_root([](double x) { return x * x - 2.0; }, 0.0, 2.0);
    CHECK(r.x == rel(std::sqrt(2.0), 1e-14));
    CHECK(r.hi - r.lo <= 4 * std::ldexp(1.0, -50) * 2.0);
    CHECK_THROWS_AS(find_root([](double x) { return x * x + 1.0; }, -1.0, 1.0),
                    noneq::domain_error);
}

// ---- threshold crossings (core/crossing.hpp) ---------------------------------------------------

TEST_CASE("linear crossing is the exact root of a linear trace, up or down, scalar and batch") {
    // v = 4 t + 1 sampled at t = 0.5 and 1.5 (v = 3, 7) reaches 6 at t = 1.25; every step below
    // is exact in binary, so the result is too.
    CHECK(linear_crossing(0.5, 3.0, 1.5, 7.0, 6.0) == 1.25);
    CHECK(linear_crossing(0.5, 7.0, 1.5, 3.0, 6.0) == 0.75); // v = 9 - 4 t, downward
    CHECK(linear_crossing(0.0, -1.0, 1.0, 1.0, 1.0) == 1.0); // the level at the right sample
    // Step indices: s + the fraction of the step, exactly
    CHECK(linear_crossing(7.0, -3.0, 8.0, 1.0, 0.0) == 7.0 + 3.0 / 4.0);
    // A non-dyadic root (v = 3 t - 2 from t = 0.25 to 1: root 2/3) to the rounding of three
    // operations
    CHECK(std::abs(linear_crossing(0.25, -1.25, 1.0, 1.0, 0.0) - 2.0 / 3.0) <=
          3 * std::numeric_limits<double>::epsilon());
    using B = xsimd::batch<double>;
    std::array<double, B::size> lv{};
    for (std::size_t i = 0; i < B::size; ++i)
        lv[i] = -2.0 + 0.5 * double(i);
    const B tb = linear_crossing(B(0.5), B(-3.0), B(1.5), B(5.0), B::load_unaligned(lv.data()));
    for (std::size_t i = 0; i < B::size; ++i)
        CHECK(tb.get(i) == linear_crossing(0.5, -3.0, 1.5, 5.0, lv[i]));
}

TEST_CASE("quadratic crossing is the exact root of a quadratic trace, to rounding") {
    const double eps = std::numeric_limits<double>::epsilon();
    const double r2 = std::sqrt(2.0);
    // v = t^2 - 2 at unevenly spaced t = 0.5, 1.2, 1.7 crosses 0 at sqrt(2), between the last two
    const auto v = [](double t) { return t * t - 2.0; };
    const double up = quadratic_crossing(0.5, v(0.5), 1.2, v(1.2), 1.7, v(1.7), 0.0);
    CHECK(std::abs(up - r2) <= 4 * eps * r2); // bisection to rounding of the Lagrange form
    // the chord through the last two samples misses by 2e-2: the parabola is what helps
    CHECK(std::abs(linear_crossing(1.2, v(1.2), 1.7, v(1.7), 0.0) - r2) > 1e-2);
    // downward: v = 2 - t^2, and a level other than zero (v = t^2 reaches 3 at sqrt(3))
    const auto w = [](double t) { return 2.0 - t * t; };
    CHECK(std::abs(quadratic_crossing(0.5, w(0.5), 1.2, w(1.2), 1.7, w(1.7), 0.0) - r2) <=
          4 * eps * r2);
    const double r3 = std::sqrt(3.0);
    CHECK(std::abs(quadratic_crossing(1.0, 1.0, 1.5, 2.25, 2.0, 4.0, 3.0) - r3) <= 4 * eps * r3);
    // a linear trace is a parabola too: v = 2 t - 1 reaches 2 at t = 1.5
    CHECK(std::abs(quadratic_crossing(0.0, -1.0, 1.0, 1.0, 2.0, 3.0, 2.0) - 1.5) <= 2 * eps);
    // without three ordered times it is the linear crossing of the last two samples
    CHECK(quadratic_crossing(1.2, 5.0, 1.2, v(1.2), 1.7, v(1.7), 0.0) ==
          linear_crossing(1.2, v(1.2), 1.7, v(1.7), 0.0));
    // float: the same root to float rounding
    const float uf = quadratic_crossing(0.5f, -1.75f, 1.2f, 1.44f - 2.0f, 1.7f, 2.89f - 2.0f, 0.0f);
    CHECK(std::abs(double(uf) - r2) <= 8 * std::numeric_limits<float>::epsilon() * r2);
}

// ---- worker threads (core/threads.hpp) ---------------------------------------------------------

namespace {
template <class F>
std::string thrown_by(F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "no exception";
}
} // namespace

TEST_CASE("run_on_threads runs every task once, task 0 on the calling thread") {
    for (const auto start : {thread_start::independent, thread_start::together}) {
        std::vector<int> out(6, -1);
        std::vector<std::thread::id> who(6);
        run_on_threads(
            out.size(),
            [&](std::size_t k) {
                out[k] = int(k * k);
                who[k] = std::this_thread::get_id();
            },
            start);
        for (std::size_t k = 0; k < out.size(); ++k)
            CHECK(out[k] == int(k * k));
        CHECK(who[0] == std::this_thread::get_id());
        CHECK(who[1] != std::this_thread::get_id());
    }
    int calls = 0;
    run_on_threads(0, [&](std::size_t) { ++calls; });
    CHECK(calls == 0);
    std::thread::id one;
    run_on_threads(1, [&](std::size_t) { one = std::this_thread::get_id(); });
    CHECK(one == std::this_thread::get_id());
}

// Six tasks of which 4 throws, then 2 (after 4 has): a run must report chunk 2, the lowest
// task that threw, not the first exception in time.
namespace {
auto two_failing_chunks(std::atomic<int>& ran, std::atomic<bool>& four_failed) {
    return [&ran, &four_failed](std::size_t k) {
        ++ran;
        if (k == 4) {
            four_failed = true;
            throw std::runtime_error("chunk 4");
        }
        if (k == 2) {
            while (!four_failed)
                std::this_thread::yield();
            throw std::runtime_error("chunk 2");
        }
    };
}
} // namespace

TEST_CASE("run_on_threads rethrows the lowest task's exception after every task has run") {
    // Tasks 2 and 4 fail; task 4 is made to fail first in time, yet task 2's error is reported,
    // as a sequential run over the chunks in order would report it.
    for (const auto start : {thread_start::independent, thread_start::together}) {
        std::atomic<int> ran{0};
        std::atomic<bool> four_failed{false};
        const auto msg =
            thrown_by([&] { run_on_threads(6, two_failing_chunks(ran, four_failed), start); });
        CHECK(msg == "chunk 2");
        CHECK(ran == 6);
    }
    // the calling thread's own task counts as chunk 0, and a domain_error keeps its type
    const auto fail_0_and_2 = [] {
        run_on_threads(3, [](std::size_t k) {
            if (k != 1) require_positive(k == 0 ? "x0" : "x2", -1.0);
        });
    };
    CHECK_THROWS_AS(fail_0_and_2(), noneq::domain_error);
    CHECK(thrown_by(fail_0_and_2).find("'x0'") != std::string::npos);
    CHECK(thrown_by([] {
              run_on_threads(1, [](std::size_t) { throw std::runtime_error("alone"); });
          }) == "alone");
}

TEST_CASE("run_on_threads with thread_start::together lets the tasks meet at a barrier") {
    constexpr std::size_t n = 4;
    std::barrier sync(static_cast<std::ptrdiff_t>(n));
    std::array<int, n> seen{};
    std::atomic<int> arrived{0};
    run_on_threads(
        n,
        [&](std::size_t k) {
            ++arrived;
            sync.arrive_and_wait(); // every task has arrived before any goes on
            seen[k] = arrived.load();
        },
        thread_start::together);
    for (const int s : seen)
        CHECK(s == int(n));
}

// ---- the persistent pool (core/threads.hpp: thread_pool) ------------------------------------

TEST_CASE("thread_pool runs every index exactly once across many jobs, each on its own worker") {
    constexpr std::size_t size = 4, jobs = 2000;
    thread_pool pool(size);
    CHECK(pool.size() == size);
    std::array<std::atomic<int>, size> runs{};
    std::array<std::thread::id, size> first{}; // worker k is one thread for the pool's life
    bool same_threads = true, caller_is_zero = true;
    std::size_t expected_total = 0;
    for (std::size_t j = 0; j < jobs; ++j) {
        const std::size_t n = 1 + j % size; // 1 .. size tasks, including jobs with idle workers
        std::array<std::thread::id, size> who{};
        pool.run(n, [&](std::size_t k) {
            ++runs[k];
            who[k] = std::this_thread::get_id();
        });
        expected_total += n;
        caller_is_zero = caller_is_zero && who[0] == std::this_thread::get_id();
        for (std::size_t k = 1; k < n; ++k) {
            if (first[k] == std::thread::id{}) first[k] = who[k];
            same_threads = same_threads && who[k] == first[k] && who[k] != who[0];
        }
    }
    CHECK(caller_is_zero);
    CHECK(same_threads);
    int total = 0;
    for (std::size_t k = 0; k < size; ++k) {
        // task k runs in the jobs with n > k: jobs - (jobs / size) * k of them (jobs % size == 0)
        CHECK(runs[k] == int(jobs - jobs / size * k));
        total += runs[k];
    }
    CHECK(total == int(expected_total));
    int calls = 0;
    pool.run(0, [&](std::size_t) { ++calls; });
    CHECK(calls == 0);
    CHECK_THROWS_AS(pool.run(size + 1, [](std::size_t) {}), noneq::domain_error);
    CHECK_THROWS_AS(thread_pool(0), noneq::domain_error);
}

TEST_CASE("thread_pool rethrows the lowest task's exception and stays usable") {
    thread_pool pool(6);
    for (int round = 0; round < 3; ++round) { // as run_on_threads: task 2's error, not task 4's
        std::atomic<int> ran{0};
        std::atomic<bool> four_failed{false};
        const auto msg = thrown_by([&] { pool.run(6, two_failing_chunks(ran, four_failed)); });
        CHECK(msg == "chunk 2");
        CHECK(ran == 6);
        std::atomic<int> after{0}; // the next job sees no stale error
        pool.run(6, [&](std::size_t) { ++after; });
        CHECK(after == 6);
    }
    const auto fail_0_and_2 = [&] {
        pool.run(3, [](std::size_t k) {
            if (k != 1) require_positive(k == 0 ? "x0" : "x2", -1.0);
        });
    };
    CHECK_THROWS_AS(fail_0_and_2(), noneq::domain_error);
    CHECK(thrown_by(fail_0_and_2).find("'x0'") != std::string::npos);
    CHECK(thrown_by([&] {
              pool.run(5, [](std::size_t k) {
                  if (k == 4) throw std::runtime_error("worker 4");
              });
          }) == "worker 4");
}

TEST_CASE("thread_pool: tasks meet at a barrier, and a pool without a job is destroyed cleanly") {
    constexpr std::size_t n = 4;
    thread_pool pool(n);
    for (int round = 0; round < 50; ++round) {
        std::barrier sync(static_cast<std::ptrdiff_t>(n));
        std::array<int, n> seen{};
        std::atomic<int> arrived{0};
        pool.run(n, [&](std::size_t k) {
            ++arrived;
            sync.arrive_and_wait(); // every task has arrived before any goes on
            seen[k] = arrived.load();
        });
        for (const int s : seen)
            CHECK(s == int(n));
    }
    for (int i = 0; i < 20; ++i) { // started and stopped with no job ever run
        thread_pool idle(3);
        CHECK(idle.size() == 3);
    }
    thread_pool alone(1); // no workers: the job runs on the calling thread
    std::thread::id who;
    alone.run(1, [&](std::size_t) { who = std::this_thread::get_id(); });
    CHECK(who == std::this_thread::get_id());
}
