// noneq/integrate/observers.hpp — odeint observers (callables (const State& x, double t)) for
// membrane runs: spike detection with interpolated crossing times, trace recording, progress
// reports, and a chain that calls several. Pass them by reference (std::ref for odeint's own
// integrate functions, which copy their observer; integrate_guarded takes it by reference).
#pragma once

#include <noneq/core/crossing.hpp>
#include <noneq/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace noneq {

/// Upward crossings of a threshold by x[index], the crossing time interpolated between the two
/// observations that bracket it: by the parabola through them and the observation before (error
/// O(dt^3) for smooth V; linear for the very first pair); the peak of each spike (max between its
/// upward and the next downward crossing), the trough between successive spikes
/// (afterhyperpolarisation), and the overall extremes of x[index] from `t_from` on.
class spike_detector {
public:
    explicit spike_detector(double threshold = 0.0, std::size_t index = 0, double t_from = -1e300)
        : thr_(threshold), idx_(index), t_from_(t_from) {
        require_finite("threshold", threshold);
    }

    template <class State>
    void operator()(const State& x, double t) {
        const double v = static_cast<double>(x[idx_]);
        if (t >= t_from_) {
            vmax_ = std::max(vmax_, v);
            vmin_ = std::min(vmin_, v);
        }
        if (has_prev_ && v_prev_ < thr_ && v >= thr_) {
            times_.push_back(crossing(t, v));
            peaks_.push_back(v);
            if (times_.size() > 1) troughs_.push_back(trough_);
            trough_ = std::numeric_limits<double>::infinity();
        } else if (!times_.empty()) {
            if (v >= thr_ && v_prev_ >= thr_ && trough_ == std::numeric_limits<double>::infinity())
                peaks_.back() = std::max(peaks_.back(), v); // still in the spike
            else
                trough_ = std::min(trough_, v);
        }
        v_pp_ = v_prev_;
        t_pp_ = t_prev_;
        has_pp_ = has_prev_;
        v_prev_ = v;
        t_prev_ = t;
        has_prev_ = true;
    }

    std::size_t count() const { return times_.size(); }
    const std::vector<double>& times() const { return times_; }
    /// Peak value of each spike.
    const std::vector<double>& peaks() const { return peaks_; }
    /// Minimum between spike k and spike k+1 (size count() - 1).
    const std::vector<double>& troughs() const { return troughs_; }
    double max() const { return vmax_; }
    double min() const { return vmin_; }
    /// The last observed value.
    double last() const { return v_prev_; }

private:
    /// The threshold crossing in [t_prev_, t]: the root of the quadratic through the last three
    /// observations (it takes v_prev_ < thr <= v at the ends, so the root is bracketed), found
    /// by bisection to rounding; linear if there are only two observations (core/crossing.hpp).
    double crossing(double t, double v) const {
        if (!has_pp_) return linear_crossing(t_prev_, v_prev_, t, v, thr_);
        return quadratic_crossing(t_pp_, v_pp_, t_prev_, v_prev_, t, v, thr_);
    }

    double thr_;
    std::size_t idx_;
    double t_from_;
    std::vector<double> times_, peaks_, troughs_;
    double v_prev_ = 0, t_prev_ = 0, trough_ = std::numeric_limits<double>::infinity();
    double v_pp_ = 0, t_pp_ = 0;
    bool has_pp_ = false;
    double vmax_ = -std::numeric_limits<double>::infinity();
    double vmin_ = std::numeric_limits<double>::infinity();
    bool has_prev_ = false;
};

/// Records (t, x) at every `every`-th observation.
template <class State>
class trace_recorder {
public:
    explicit trace_recorder(std::size_t every = 1) : every_(every ? every : 1) {}
    void operator()(const State& x, double t) {
        if (n_++ % every_ == 0) {
            t_.push_back(t);
            x_.push_back(x);
        }
    }
    const std::vector<double>& times() const { return t_; }
    const std::vector<State>& states() const { return x_; }
    std::size_t size() const { return t_.size(); }

    /// CSV with a header "t,<names...>"; name(i) gives the column names.
    template <class Namer>
    void write_csv(std::ostream& os, Namer name, const char* time_name = "t_ms") const {
        os << time_name;
        const std::size_t n = x_.empty() ? 0 : std::size(x_.front());
        for (std::size_t i = 0; i < n; ++i)
            os << ',' << name(i);
        os << '\n';
        os.precision(12);
        for (std::size_t k = 0; k < t_.size(); ++k) {
            os << t_[k];
            for (std::size_t i = 0; i < n; ++i)
                os << ',' << x_[k][i];
            os << '\n';
        }
    }

private:
    std::size_t every_, n_ = 0;
    std::vector<double> t_;
    std::vector<State> x_;
};

/// Writes "progress: 40% (t = 400 of 1000)" to `os` each time another `fraction` of [t0, t1]
/// is done. For long runs.
class progress_reporter {
public:
    progress_reporter(double t0, double t1, std::ostream& os, double fraction = 0.1)
        : t0_(t0), t1_(t1), os_(&os), step_(fraction > 0 ? fraction : 0.1) {}
    template <class State>
    void operator()(const State&, double t) {
        if (!(t1_ > t0_)) return;
        const double f = (t - t0_) / (t1_ - t0_);
        while (f + 1e-12 >= next_ && next_ <= 1.0 + 1e-12) {
            *os_ << "progress: " << static_cast<int>(std::lround(next_ * 100)) << "% (t = " << t
                 << " of " << t1_ << ")\n";
            next_ += step_;
        }
    }

private:
    double t0_, t1_;
    std::ostream* os_;
    double step_, next_ = step_;
};

/// Calls each observer in turn (held by reference).
template <class... Obs>
auto observe_all(Obs&... obs) {
    return [&obs...](const auto& x, double t) { (obs(x, t), ...); };
}

} // namespace noneq
