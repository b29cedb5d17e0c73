// noneq/analysis/fixed_points.hpp — fixed points of a membrane and their stability.
//
// A fixed point is a zero of the steady-state I-V curve (iv_curve.hpp): every state at its
// steady state for V, and the net current zero. They are found by scanning V over a range and
// refining each sign change with TOMS 748 (core/roots.hpp) to ~1e-12 mV. Stability comes from
// the eigenvalues (eigenvalues.hpp) of the central-difference Jacobian of the full right-hand
// side (core/jacobian.hpp): all real parts < 0 is stable; a focus has complex pairs.
//
// With a reference state and a set of frozen states, the same is done for the reduced (fast)
// subsystem with those states held fixed; its Jacobian drops their rows and columns. The
// threshold of an excitable membrane is the unstable fixed point just above rest: of the full
// system where the I-V curve is N-shaped (a saddle), or, as for the Hodgkin-Huxley axon whose
// steady-state I-V is monotonic, of the fast subsystem with the slow gates (h, n) frozen at rest
// (FitzHugh 1955; Rinzel 1985).
#pragma once

#include <noneq/analysis/eigenvalues.hpp>
#include <noneq/analysis/iv_curve.hpp>
#include <noneq/core/jacobian.hpp>
#include <noneq/core/roots.hpp>

#include <algorithm>
#include <complex>
#include <cstddef>
#include <optional>
#include <vector>

namespace noneq {

enum class stability {
    stable_node,
    stable_focus,
    saddle,       ///< real unstable direction(s) and stable ones
    saddle_focus, ///< an unstable complex pair and stable directions (past a Hopf bifurcation)
    unstable_node,
    unstable_focus,
    center
};

inline const char* to_string(stability s) {
    switch (s) {
    case stability::stable_node:
        return "stable node";
    case stability::stable_focus:
        return "stable focus";
    case stability::saddle:
        return "saddle";
    case stability::saddle_focus:
        return "saddle-focus";
    case stability::unstable_node:
        return "unstable node";
    case stability::unstable_focus:
        return "unstable focus";
    default:
        return "center (marginal)";
    }
}

template <class State>
struct fixed_point {
    State state;                                   ///< the full state at the fixed point
    std::vector<std::complex<double>> eigenvalues; ///< sorted by real part, largest first
    stability kind;
    double v_mV() const { return state[0]; }
    bool stable() const {
        return kind == stability::stable_node || kind == stability::stable_focus;
    }
};

struct fixed_point_options {
    double v_min_mV = -120;
    double v_max_mV = 60;
    std::size_t scan_points = 1800; ///< 0.1 mV resolution by default
    double t = 0;                   ///< time at which injected currents are evaluated, ms
};

/// Classifies by eigenvalues: real parts against a tolerance scaled by the largest magnitude.
inline stability classify(const std::vector<std::complex<double>>& ev) {
    double scale = 0;
    for (auto& e : ev)
        scale = std::max(scale, std::abs(e));
    const double tol = 1e-9 * scale;
    std::size_t pos = 0, neg = 0;
    bool oscillatory = false, unstable_oscillatory = false;
    for (auto& e : ev) {
        if (e.real() > tol) ++pos;
        if (e.real() < -tol) ++neg;
        if (std::abs(e.imag()) > tol) {
            oscillatory = true;
            if (e.real() > tol) unstable_oscillatory = true;
        }
    }
    if (pos + neg < ev.size()) return stability::center;
    if (pos > 0 && neg > 0)
        return unstable_oscillatory ? stability::saddle_focus : stability::saddle;
    if (pos == 0) return oscillatory ? stability::stable_focus : stability::stable_node;
    return oscillatory ? stability::unstable_focus : stability::unstable_node;
}

/// Eigenvalues of the Jacobian at x, with the frozen states' rows and columns dropped.
template <class M>
std::vector<std::complex<double>> jacobian_eigenvalues(const M& m, const typename M::state_type& x,
                                                       double t, const frozen_set& frozen = {}) {
    const std::size_t n = x.size();
    std::vector<double> full(n * n);
    struct view {
        std::vector<double>* a;
        std::size_t n;
        double& operator()(std::size_t i, std::size_t j) { return (*a)[i * n + j]; }
    } J{&full, n};
    finite_difference_jacobian(m, x, t, J);
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < n; ++i)
        if (std::find(frozen.begin(), frozen.end(), i) == frozen.end()) keep.push_back(i);
    std::vector<double> sub(keep.size() * keep.size());
    for (std::size_t i = 0; i < keep.size(); ++i)
        for (std::size_t j = 0; j < keep.size(); ++j)
            sub[i * keep.size() + j] = full[keep[i] * n + keep[j]];
    return eigenvalues(sub, keep.size());
}

/// Fixed points in [v_min, v_max], of the full system, or of the subsystem with `frozen` states
/// held at `reference`; sorted by V.
template <class M>
std::vector<fixed_point<typename M::state_type>>
fixed_points(const M& m, const fixed_point_options& opt = {},
             const typename M::state_type* reference = nullptr, const frozen_set& frozen = {}) {
    require(opt.v_max_mV > opt.v_min_mV && std::isfinite(opt.v_min_mV) &&
                std::isfinite(opt.v_max_mV),
            "v_max", opt.v_max_mV, "> v_min, finite", "mV");
    require(opt.scan_points >= 2, "scan_points", static_cast<double>(opt.scan_points), ">= 2");
    auto f = [&](double v) {
        return m.current(clamped_state(m, v, opt.t, reference, frozen), opt.t);
    };
    std::vector<fixed_point<typename M::state_type>> out;
    const double dv = (opt.v_max_mV - opt.v_min_mV) / static_cast<double>(opt.scan_points - 1);
    double v0 = opt.v_min_mV, f0 = f(v0);
    for (std::size_t k = 1; k < opt.scan_points; ++k) {
        const double v1 = opt.v_min_mV + dv * static_cast<double>(k), f1 = f(v1);
        if (f0 == 0 || (std::signbit(f0) != std::signbit(f1) && f1 != 0)) {
            const double v = (f0 == 0) ? v0 : find_root(f, v0, v1, 52, 1e-12).x;
            auto x = clamped_state(m, v, opt.t, reference, frozen);
            auto ev = jacobian_eigenvalues(m, x, opt.t, reference ? frozen : frozen_set{});
            out.push_back({x, ev, classify(ev)});
        }
        v0 = v1;
        f0 = f1;
    }
    return out;
}

/// The threshold: the lowest unstable fixed point above v_rest_mV, of the full system or of the
/// fast subsystem (frozen states held at `reference`, normally the resting state).
template <class M>
std::optional<fixed_point<typename M::state_type>>
threshold(const M& m, double v_rest_mV, const fixed_point_options& opt = {},
          const typename M::state_type* reference = nullptr, const frozen_set& frozen = {}) {
    for (auto& fp : fixed_points(m, opt, reference, frozen))
        if (fp.v_mV() > v_rest_mV + 1e-6 && !fp.stable()) return fp;
    return std::nullopt;
}

} // namespace noneq
