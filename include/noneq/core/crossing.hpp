// noneq/core/crossing.hpp — where a sampled trace crosses a level (a spike threshold, the
// upstroke level of a cardiac cycle, the half-amplitude of an action potential), interpolated
// between the samples that bracket it. The one place these interpolations are written; spike
// detection (integrate/observers.hpp), cycle metrics (analysis/cycle_metrics.hpp) and SIMD
// populations call them.
//
//  * linear_crossing(t0, v0, t1, v1, level) = t0 + (t1 - t0) (level - v0) / (v1 - v0): the
//    straight line through the two samples; exact for a trace that is linear in t, error
//    O(dt^2) for a smooth one. Over any value type, a batch included. With t0 = s and
//    t1 = s + 1 (step indices) it is the step index plus the fraction of the step, exactly.
//  * quadratic_crossing(t0, v0, t1, v1, t2, v2, level): the root in [t1, t2] of the parabola
//    through the three samples (Lagrange form), for a crossing bracketed by the last two;
//    exact (to rounding) for a trace that is quadratic in t, error O(dt^3) for a smooth one. The
//    root is found by bisection of the parabola to rounding (the bracket [t1, t2] always holds
//    it, which a quadratic formula would have to select among two roots and guard against
//    cancellation); if t0 < t1 fails or the result is not finite, the linear crossing of the
//    last two samples is returned.
//
// The samples must bracket the level: v0 < level <= v1 (upward) or v0 > level >= v1 (downward)
// for the linear form, the same with (v1, v2) for the quadratic one; v0 != v1 (unchecked, these
// run per step in the callers' loops).
#pragma once

#include <cmath>
#include <concepts>

namespace noneq {

/// The time at which the straight line through (t0, v0) and (t1, v1) reaches `level`:
/// t0 + (t1 - t0) (level - v0) / (v1 - v0). Unchecked: v0 != v1.
template <class T>
constexpr T linear_crossing(const T& t0, const T& v0, const T& t1, const T& v1, const T& level) {
    return t0 + (t1 - t0) * (level - v0) / (v1 - v0);
}

/// The time in [t1, t2] at which the parabola through (t0, v0), (t1, v1), (t2, v2) reaches
/// `level`, for samples with the crossing between the last two (v1 < level <= v2 or
/// v1 > level >= v2), by bisection to rounding. Falls back to linear_crossing(t1, v1, t2, v2)
/// unless t0 < t1 (three distinct, ordered times) and the root is finite. Scalar.
template <std::floating_point T>
T quadratic_crossing(T t0, T v0, T t1, T v1, T t2, T v2, T level) {
    const T lin = linear_crossing(t1, v1, t2, v2, level);
    if (!(t0 < t1)) return lin;
    const auto q = [&](T s) { // Lagrange form, minus the level
        return v0 * (s - t1) * (s - t2) / ((t0 - t1) * (t0 - t2)) +
               v1 * (s - t0) * (s - t2) / ((t1 - t0) * (t1 - t2)) +
               v2 * (s - t0) * (s - t1) / ((t2 - t0) * (t2 - t1)) - level;
    };
    const bool rising = v1 < v2; // q < 0 before the crossing when rising, > 0 when falling
    T lo = t1, hi = t2;
    for (int k = 0; k < 80 && hi - lo > 0; ++k) {
        const T mid = T(0.5) * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        ((q(mid) < 0) == rising ? lo : hi) = mid;
    }
    const T r = T(0.5) * (lo + hi);
    return std::isfinite(r) ? r : lin;
}

} // namespace noneq
