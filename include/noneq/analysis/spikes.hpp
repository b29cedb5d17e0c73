// noneq/analysis/spikes.hpp — spike-train measures from a spike_detector
// (integrate/observers.hpp): firing rate, spike peak, afterhyperpolarisation (AHP), and a
// bisection for the current at which a response appears (rheobase, onset of repetitive firing).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/integrate/observers.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

namespace noneq {

struct spike_train_stats {
    std::size_t count = 0; ///< spikes detected
    double rate_hz = 0;    ///< 1000 / mean interspike interval of the spikes in the window
    double mean_isi_ms = std::numeric_limits<double>::quiet_NaN();
    double peak_mV = std::numeric_limits<double>::quiet_NaN(); ///< mean spike peak
    double ahp_mV = std::numeric_limits<double>::quiet_NaN();  ///< mean trough between spikes
};

/// Statistics of the spikes with times in [t_from, t_to) (ms). The rate is that of the regular
/// firing in the window (from its interspike intervals), 0 with fewer than two spikes.
inline spike_train_stats spike_stats(const spike_detector& sd, double t_from = -1e300,
                                     double t_to = 1e300) {
    spike_train_stats s;
    std::vector<double> isi, peaks, ahps;
    const auto& t = sd.times();
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (t[k] < t_from || t[k] >= t_to) continue;
        ++s.count;
        peaks.push_back(sd.peaks()[k]);
        if (k + 1 < t.size() && t[k + 1] < t_to) {
            isi.push_back(t[k + 1] - t[k]);
            if (k < sd.troughs().size()) ahps.push_back(sd.troughs()[k]);
        }
    }
    auto mean = [](const std::vector<double>& v) {
        return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    };
    if (!peaks.empty()) s.peak_mV = mean(peaks);
    if (!ahps.empty()) s.ahp_mV = mean(ahps);
    if (!isi.empty()) {
        s.mean_isi_ms = mean(isi);
        s.rate_hz = 1000.0 / s.mean_isi_ms;
    }
    return s;
}

/// The smallest x in [lo, hi] with responds(x) true, to within `tol`, by bisection, for a
/// response that switches on once with increasing x: requires !responds(lo) and responds(hi).
template <class Pred>
double bisect_onset(Pred&& responds, double lo, double hi, double tol) {
    require(std::isfinite(lo) && std::isfinite(hi) && hi > lo, "hi", hi, "> lo, finite");
    require_positive("tol", tol);
    if (responds(lo)) throw domain_error("bisect_onset: the response is already present at lo");
    if (!responds(hi)) throw domain_error("bisect_onset: no response at hi");
    while (hi - lo > tol) {
        const double mid = 0.5 * (lo + hi);
        (responds(mid) ? hi : lo) = mid;
    }
    return 0.5 * (lo + hi);
}

} // namespace noneq
