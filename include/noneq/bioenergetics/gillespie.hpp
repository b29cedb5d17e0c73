// noneq/bioenergetics/gillespie.hpp — stochastic simulation (Gillespie 1977, J. Phys. Chem.
// 81:2340) of single driven carriers, to check the exact averages of driven_chain.hpp.
//
// Every drive is simulated exactly, without time discretisation:
//  * constant field: the direct method;
//  * telegraph field: the direct method on the joint (carrier, field) chain, the field flipping
//    at rate gamma = 2 f;
//  * square wave: the rates are constant within each half period; a waiting time that crosses a
//    switch is discarded at the switch and redrawn (exact by the memorylessness of the
//    exponential);
//  * sine wave: thinning (Lewis & Shedler 1979) in windows of 1/64 period with, for the current
//    state, the bound max(exit(v_lo), exit(v_hi)) over the window's voltage range — an exit rate
//    is a sum of exp(a v) terms, convex in v, so its maximum over [v_lo, v_hi] is at an end.
// Each run starts from the exact phase-zero occupancies (sampled), so that the count over whole
// periods is an unbiased estimate of the time-averaged flux; runs are independent, and the
// standard error is that of the run means.
#pragma once

#include <noneq/bioenergetics/ratchet.hpp>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

namespace noneq {

struct gillespie_estimate {
    double flux;          ///< mean net inward turnover per carrier (1/s)
    double std_error;     ///< standard error of that mean (1/s)
    double duration;      ///< simulated time per run (s)
    std::size_t runs;     ///< independent runs
    std::uint64_t events; ///< carrier transitions simulated in all
};

namespace detail {
template <std::size_t N, class Rng>
std::size_t sample_index(const linalg::vec<double, N>& w, double total, Rng& rng) {
    double u = std::uniform_real_distribution<double>(0.0, total)(rng);
    for (std::size_t i = 0; i < N; ++i) {
        if (u < w[i]) return i;
        u -= w[i];
    }
    for (std::size_t i = N; i-- > 0;)
        if (w[i] > 0) return i;
    return 0;
}

inline double exit_rate(const linalg::matrix<double, 4>& q, std::size_t s) {
    double x = 0;
    for (std::size_t i = 0; i < 4; ++i)
        if (i != s) x += q[i][s];
    return x;
}

template <class Rng>
double exponential(double rate, Rng& rng) {
    const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    return -std::log1p(-u) / rate;
}
} // namespace detail

/// Simulates `runs` independent carriers for `duration` seconds each (rounded up to whole periods
/// of a periodic drive) and returns the mean net inward turnover per carrier with its standard
/// error. Deterministic for a given seed.
inline gillespie_estimate gillespie_flux(const four_state_carrier& carrier, const drive& d,
                                         double c_in, double c_out, std::size_t runs,
                                         double duration, std::uint64_t seed = 1) {
    require_positive("c_in", c_in, "mM");
    require_positive("c_out", c_out, "mM");
    require(runs >= 2, "runs", runs, ">= 2");
    require_positive("duration", duration, "s");
    require(std::isfinite(d.amplitude), "amplitude", d.amplitude, "finite", "V");
    require(d.frequency >= 0 && std::isfinite(d.frequency), "frequency", d.frequency,
            ">= 0, finite", "Hz");
    const bool constant = d.kind == drive_kind::none || d.frequency == 0 || d.amplitude == 0;
    const drive_kind kind = constant ? drive_kind::none : d.kind;
    const double A = d.amplitude, f = d.frequency;
    if (kind == drive_kind::square || kind == drive_kind::sine)
        duration = std::ceil(duration * f - 1e-9) / f;

    const auto chain = [&](double v) { return carrier.rates(v, c_in, c_out); };
    const auto q0 = chain(0.0), qp = chain(A), qm = chain(-A);
    const counted_step cs = four_state_carrier::release_inside;

    // Exact initial distributions.
    linalg::vec<double, 8> init{};
    switch (kind) {
    case drive_kind::none: {
        const auto p = linalg::stationary(q0);
        for (std::size_t i = 0; i < 4; ++i)
            init[i] = p[i];
        break;
    }
    case drive_kind::telegraph:
        init = telegraph_average<4>(chain, A, 2 * f, cs).joint;
        break;
    case drive_kind::square: {
        const auto p = periodic_average<4>(chain, square_wave(A, f), cs).p0;
        for (std::size_t i = 0; i < 4; ++i)
            init[i] = p[i];
        break;
    }
    case drive_kind::sine: {
        const auto p = sine_average<4>(chain, A, f, cs).p0;
        for (std::size_t i = 0; i < 4; ++i)
            init[i] = p[i];
        break;
    }
    }

    // Sine thinning: per window of 1/windows period, the rates at the ends of the window's
    // voltage range bound every exit rate inside it.
    constexpr std::size_t windows = 64;
    std::vector<linalg::matrix<double, 4>> sine_lo, sine_hi;
    if (kind == drive_kind::sine) {
        for (std::size_t w = 0; w < windows; ++w) {
            const double a = 2 * std::numbers::pi * double(w) / windows;
            const double b = 2 * std::numbers::pi * double(w + 1) / windows;
            double lo = std::min(std::sin(a), std::sin(b)), hi = std::max(std::sin(a), std::sin(b));
            if (a <= 0.5 * std::numbers::pi && b >= 0.5 * std::numbers::pi) hi = 1.0;
            if (a <= 1.5 * std::numbers::pi && b >= 1.5 * std::numbers::pi) lo = -1.0;
            sine_lo.push_back(chain(A * lo));
            sine_hi.push_back(chain(A * hi));
        }
    }

    std::mt19937_64 rng(seed);
    std::uint64_t events = 0;
    double sum = 0, sum2 = 0;
    const double gamma = 2 * f;
    for (std::size_t run = 0; run < runs; ++run) {
        const std::size_t joint = detail::sample_index(init, 1.0, rng);
        std::size_t s = joint % 4;
        bool plus = joint < 4; // field state (telegraph and square)
        double t = 0;
        long long count = 0;
        auto jump = [&](const linalg::matrix<double, 4>& q, double exit) {
            linalg::vec<double, 4> w{};
            for (std::size_t i = 0; i < 4; ++i)
                w[i] = (i == s) ? 0.0 : q[i][s];
            const std::size_t to = detail::sample_index(w, exit, rng);
            if (s == cs.from && to == cs.to) ++count;
            if (s == cs.to && to == cs.from) --count;
            s = to;
            ++events;
        };
        switch (kind) {
        case drive_kind::none:
            for (;;) {
                const double ex = detail::exit_rate(q0, s);
                t += detail::exponential(ex, rng);
                if (t >= duration) break;
                jump(q0, ex);
            }
            break;
        case drive_kind::telegraph:
            for (;;) {
                const auto& q = plus ? qp : qm;
                const double ex = detail::exit_rate(q, s);
                t += detail::exponential(ex + gamma, rng);
                if (t >= duration) break;
                if (std::uniform_real_distribution<double>(0.0, ex + gamma)(rng) < gamma)
                    plus = !plus;
                else
                    jump(q, ex);
            }
            break;
        case drive_kind::square: {
            plus = true;
            double next_switch = 0.5 / f;
            for (;;) {
                const auto& q = plus ? qp : qm;
                const double ex = detail::exit_rate(q, s);
                const double tn = t + detail::exponential(ex, rng);
                const double stop = std::min(next_switch, duration);
                if (tn >= stop) {
                    if (stop >= duration) break;
                    t = next_switch;
                    next_switch += 0.5 / f;
                    plus = !plus;
                    continue;
                }
                t = tn;
                jump(q, ex);
            }
            break;
        }
        case drive_kind::sine: {
            const double dt_window = 1.0 / (f * windows);
            std::size_t k = 0; // window index since t = 0
            for (;;) {
                const double window_end = double(k + 1) * dt_window;
                const std::size_t w = k % windows;
                const double bound =
                    std::max(detail::exit_rate(sine_lo[w], s), detail::exit_rate(sine_hi[w], s)) *
                    (1 + 1e-12);
                const double tn = t + detail::exponential(bound, rng);
                if (tn >= std::min(window_end, duration)) {
                    if (window_end >= duration) break;
                    t = window_end; // memoryless: redraw with the next window's bound
                    ++k;
                    continue;
                }
                t = tn;
                const auto q = chain(A * std::sin(2 * std::numbers::pi * f * t));
                const double ex = detail::exit_rate(q, s);
                if (std::uniform_real_distribution<double>(0.0, bound)(rng) < ex) jump(q, ex);
            }
            break;
        }
        }
        const double x = double(count) / duration;
        sum += x;
        sum2 += x * x;
    }
    const double n = double(runs), mean = sum / n;
    const double var = std::max(0.0, (sum2 - n * mean * mean) / (n - 1));
    return {mean, std::sqrt(var / n), duration, runs, events};
}

} // namespace noneq
