// noneq/bioenergetics/driven_chain.hpp — exact time-averaged fluxes of a Markov chain whose rates
// follow a time-dependent membrane voltage v(t): a dichotomous (telegraph) field, or a periodic
// field given as piecewise-constant segments (a square wave exactly; a sine wave discretised).
//
// A chain is any callable `chain(v) -> matrix<double, N>` returning the off-diagonal rates at
// voltage v (in volts): q[i][j] = rate of j -> i (1/s); diagonals are ignored. The flux counted
// is the net rate of one step `from -> to` (e.g. release of substrate inside).
//
// * Telegraph field: v jumps between +A and -A at rate gamma each way (mean zero, correlation
//   A^2 exp(-2 gamma |t|)). The pair (carrier state, field state) is Markov; the stationary
//   distribution of this 2N-state augmented chain gives the exact mean flux (Astumian & Bier
//   1994; Astumian 1997, Science 276:917).
// * Periodic field: one period is a product of propagators P_k = exp(Q_k tau_k); the periodic
//   steady state p0 is the stationary vector of the period map M = P_K ... P_1 (a stochastic
//   matrix, GTH), and the exact time average of the flux uses the integrated propagators
//   int_0^tau exp(Q s) ds from the block exponential exp([[Q, I], [0, 0]] tau) (Van Loan 1978,
//   IEEE Trans. Autom. Control 23:395). A square wave is two exact segments. A sine wave uses K
//   midpoint segments (error O(K^-2)) and Richardson extrapolation from K and 2K (O(K^-4);
//   K = 256 gives a relative error near 1e-7 for the default carrier at 2 kHz).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/linear_solve.hpp>

#include <cmath>
#include <cstddef>
#include <numbers>
#include <utility>
#include <vector>

namespace noneq {

/// The step whose net rate is counted as the flux.
struct counted_step {
    std::size_t from, to;
};

/// Net rate of the counted step from occupancies p and rates q.
template <std::size_t N>
double step_flux(const linalg::matrix<double, N>& q, const linalg::vec<double, N>& p,
                 counted_step s) {
    return q[s.to][s.from] * p[s.from] - q[s.from][s.to] * p[s.to];
}

/// Writes the generator diagonal q[j][j] = -sum_{i != j} q[i][j].
template <std::size_t N>
linalg::matrix<double, N> with_diagonal(linalg::matrix<double, N> q) {
    for (std::size_t j = 0; j < N; ++j) {
        double s = 0;
        for (std::size_t i = 0; i < N; ++i)
            if (i != j) s += q[i][j];
        q[j][j] = -s;
    }
    return q;
}

/// Mean flux and phase-zero occupancies of a driven chain.
template <std::size_t N>
struct driven_average {
    double flux;               ///< time-averaged net rate of the counted step (1/s per carrier)
    linalg::vec<double, N> p0; ///< occupancies at phase 0 (periodic) or field-averaged (telegraph)
};

/// Exact mean flux under a telegraph field +/- amp (volts) flipping at rate gamma (1/s).
/// Also returns the joint stationary distribution: index i for field +amp, N + i for -amp.
template <std::size_t N>
struct telegraph_average_result {
    double flux;
    linalg::vec<double, 2 * N> joint;
};

template <std::size_t N, class Chain>
telegraph_average_result<N> telegraph_average(const Chain& chain, double amp, double gamma,
                                              counted_step step) {
    require_finite("amp", amp, "V");
    require_positive("gamma", gamma, "1/s");
    const linalg::matrix<double, N> qp = chain(amp), qm = chain(-amp);
    auto q = linalg::zero_matrix<double, 2 * N>();
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = 0; j < N; ++j) {
            if (i == j) continue;
            q[i][j] = qp[i][j];
            q[N + i][N + j] = qm[i][j];
        }
        q[N + i][i] = gamma;
        q[i][N + i] = gamma;
    }
    const auto p = linalg::stationary(q);
    linalg::vec<double, N> pp{}, pm{};
    for (std::size_t i = 0; i < N; ++i) {
        pp[i] = p[i];
        pm[i] = p[N + i];
    }
    return {step_flux(qp, pp, step) + step_flux(qm, pm, step), p};
}

/// A constant-voltage piece of a periodic drive.
struct drive_segment {
    double v;        ///< voltage (V)
    double duration; ///< seconds
};

/// Exact mean flux of a periodic, piecewise-constant drive (the segments make one period).
template <std::size_t N, class Chain>
driven_average<N> periodic_average(const Chain& chain, const std::vector<drive_segment>& segments,
                                   counted_step step) {
    require(!segments.empty(), "segments", 0, "at least one segment");
    struct piece {
        linalg::matrix<double, N> q, P, G;
    };
    std::vector<piece> pieces;
    pieces.reserve(segments.size());
    double period = 0;
    auto M = linalg::identity_matrix<double, N>();
    for (const auto& s : segments) {
        require_finite("segment v", s.v, "V");
        require_positive("segment duration", s.duration, "s");
        const auto q = chain(s.v);
        const auto Q = with_diagonal(q);
        auto B = linalg::zero_matrix<double, 2 * N>();
        for (std::size_t i = 0; i < N; ++i) {
            for (std::size_t j = 0; j < N; ++j)
                B[i][j] = Q[i][j] * s.duration;
            B[i][N + i] = s.duration;
        }
        const auto E = linalg::expm(B);
        piece pc{q, {}, {}};
        for (std::size_t i = 0; i < N; ++i)
            for (std::size_t j = 0; j < N; ++j) {
                pc.P[i][j] = E[i][j];
                pc.G[i][j] = E[i][N + j];
            }
        M = linalg::matmul(pc.P, M);
        pieces.push_back(pc);
        period += s.duration;
    }
    const auto p0 = linalg::stationary(M);
    auto p = p0;
    double integral = 0;
    for (const auto& pc : pieces) {
        const auto g = linalg::matvec(pc.G, p); // int p(t) dt over the piece
        integral += step_flux(pc.q, g, step);
        p = linalg::matvec(pc.P, p);
    }
    return {integral / period, p0};
}

/// Segments of a square wave +amp for the first half period, -amp for the second.
inline std::vector<drive_segment> square_wave(double amp, double freq) {
    require_finite("amp", amp, "V");
    require_positive("freq", freq, "Hz");
    return {{amp, 0.5 / freq}, {-amp, 0.5 / freq}};
}

/// K midpoint segments of v(t) = amp sin(2 pi f t).
inline std::vector<drive_segment> sine_wave(double amp, double freq, std::size_t K) {
    require_finite("amp", amp, "V");
    require_positive("freq", freq, "Hz");
    require(K >= 2, "K", K, ">= 2 segments");
    std::vector<drive_segment> s(K);
    for (std::size_t k = 0; k < K; ++k)
        s[k] = {amp * std::sin(2 * std::numbers::pi * (double(k) + 0.5) / double(K)),
                1.0 / (freq * double(K))};
    return s;
}

/// Sine-drive mean flux, Richardson-extrapolated from K and 2K midpoint segments (O(K^-4)).
template <std::size_t N, class Chain>
driven_average<N> sine_average(const Chain& chain, double amp, double freq, counted_step step,
                               std::size_t K = 256) {
    const auto a = periodic_average<N>(chain, sine_wave(amp, freq, K), step);
    const auto b = periodic_average<N>(chain, sine_wave(amp, freq, 2 * K), step);
    return {(4 * b.flux - a.flux) / 3, b.p0};
}

} // namespace noneq
