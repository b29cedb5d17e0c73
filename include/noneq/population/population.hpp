// noneq/population/population.hpp — population<Model, Real>: N uncoupled point cells of ANY
// composed membrane (membrane/membrane.hpp: HH, HH plus extra channels, a synapse, a pump, a
// user's own parts) or of an ODE model over any value type (stepping.hpp's ode_cell: the Severi
// 2012 pacemaker), in structure-of-arrays layout, stepped batch by batch with xsimd by the SAME
// value-type-generic formulas a single cell uses (stepping.hpp: a membrane by the exponential
// step of integrate/exponential.hpp, an ODE model by forward Euler, V = xsimd::batch<Real>).
//
// Layout: one aligned array per state variable (state 0: V in mV), padded to whole SIMD batches
// (padding lanes are inert, unrecorded cells). Per-cell values: a membrane's stimulus current and
// area; an ODE model's one parameter (rhs(x, dx, p), e.g. a conductance scale).
// Options: the coupling of V and the states (staggered as NEURON, the default; simultaneous as
// Brian2), and rate tables for every gate of every channel (table_grid: the cnexp coefficients
// interpolated on a V grid, membrane/rate_table.hpp) or exact rates (the default).
// Spikes: upward threshold crossings (0 mV), time interpolated within the step; counts always,
// times up to a capacity per cell fixed at construction (stepping never allocates).
// Stepping: the cells are uncoupled, so each group of batches stays in registers for a block of
// steps (temporal blocking). At each block end (a common time) the state is checked; a non-finite
// value restores every cell to the block's start and throws domain_error naming the cell, the
// variable and the time. Optionally several threads share the cells (a barrier between blocks).
// Threads: with threads > 1 the population owns a thread_pool (core/threads.hpp), started at the
// first advance and parked between calls, so a caller advancing a few steps at a time (a tissue's
// reaction step) pays a wake-up per call, not a thread start (options::persistent_threads =
// false: threads started per call instead, nothing parked between calls). A copy starts without
// a pool and makes its own at its first advance; a move takes the pool along; the pool never
// changes the results (bit for bit those of one thread).
#pragma once

#include <noneq/core/crossing.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/threads.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/population/stepping.hpp>
#include <noneq/units.hpp>

#include <xsimd/xsimd.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <barrier>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace noneq {

/// N cells of Model; Real = double (default) or float (twice the lanes per batch; the accuracy
/// cost is measured in tests/test_population.cpp and the benchmark README).
template <population_model Model, class Real = double>
requires std::is_floating_point_v<Real>
class population {
public:
    using batch = xsimd::batch<Real>;
    using array_type = std::vector<Real, xsimd::aligned_allocator<Real>>;
    using stepping = population_stepping<Model>;
    static constexpr std::size_t S = stepping::size;
    static constexpr std::size_t W = batch::size;
    using step_data = typename stepping::template data<Real>;

    struct options {
        std::size_t spike_capacity = 16; ///< spike times kept per cell (counts are unbounded)
        std::size_t block_steps = 400;   ///< steps per block (state check, thread barrier)
        unsigned threads = 1;            ///< 0: std::thread::hardware_concurrency()
        double threshold_mV = 0.0;       ///< spike: upward crossing of this potential
        noneq::coupling coupling = noneq::coupling::staggered; ///< NEURON's (or Brian2's)
        table_grid rates{};             ///< enabled: every gate's coefficients from a table
        bool persistent_threads = true; ///< threads > 1: kept between calls (or started per call)
    };

    /// n cells of `model` at v0 (a membrane's other states at steady state, an ODE model's at
    /// its initial values), each of `cell_area` (membranes: the stimulus is a current), no
    /// stimulus, every cell's parameter at the model's default.
    population(std::size_t n, Model model, time<double> dt, voltage<double> v0,
               area<double> cell_area, options opt)
        : model_(model), n_(n), unit_s_(stepping::time_unit_s(model)),
          dt_u_(si_value(dt) / unit_s_), opt_(opt), stim_((n + W - 1) / W * W, Real(0)),
          param_(stim_.size(), static_cast<Real>(stepping::parameter_default(model))),
          area_cm2_(n, in_cm2(cell_area)), stim_nA_(n, 0.0), counts_(n, 0), counts_backup_(n, 0),
          times_(n * opt.spike_capacity, 0.0) {
        require(n > 0, "n", n, ">= 1 cell");
        require_positive("dt", si_value(dt), "s");
        require_finite("v0", si_value(v0), "V");
        require_positive("cell_area", si_value(cell_area), "m^2");
        require(opt.block_steps > 0, "block_steps", opt.block_steps, ">= 1");
        if (opt.rates.enabled) {
            require(std::isfinite(opt.rates.lo_mV), "rates.lo_mV", opt.rates.lo_mV, "finite", "mV");
            require(std::isfinite(opt.rates.hi_mV) && opt.rates.hi_mV > opt.rates.lo_mV,
                    "rates.hi_mV", opt.rates.hi_mV, "finite, > rates.lo_mV", "mV");
            require(std::isfinite(opt.rates.step_mV) && opt.rates.step_mV > 0, "rates.step_mV",
                    opt.rates.step_mV, "> 0, finite", "mV");
        }
        k_ = stepping::template prepare<Real>(model_, dt_u_, opt.rates);
        if (opt_.threads == 0) opt_.threads = std::max(1u, std::thread::hardware_concurrency());
        for (std::size_t j = 0; j < S; ++j)
            x_[j].assign(stim_.size(), Real(0)), backup_[j].assign(stim_.size(), Real(0));
        reset(v0);
    }
    population(std::size_t n, Model model, time<double> dt, voltage<double> v0,
               area<double> cell_area)
        : population(n, model, dt, v0, cell_area, options{}) {}
    /// Cells without a stimulus area (an ODE model's cells; a membrane's stimulus is then a
    /// density per 1 cm^2).
    population(std::size_t n, Model model, time<double> dt, voltage<double> v0, options opt)
        : population(n, model, dt, v0, make<unit::area>(1e-4), opt) {}

    std::size_t size() const { return n_; }
    const Model& model() const { return model_; }
    time<double> dt() const { return make<unit::time>(dt_u_ * unit_s_); }
    time<double> now() const { return make<unit::time>(double(steps_) * dt_u_ * unit_s_); }
    std::size_t steps_done() const { return steps_; }

    /// All cells back to v0 with gates at steady state, time 0, no spikes.
    void reset(voltage<double> v0) {
        require_finite("v0", si_value(v0), "V");
        const auto x0 = stepping::initial(model_, in_mV(v0));
        for (std::size_t k = 0; k < S; ++k)
            std::fill(x_[k].begin(), x_[k].end(), x0[k]);
        std::fill(counts_.begin(), counts_.end(), 0);
        steps_ = 0;
    }

    /// Stimulus current of cell i (outward positive, as a membrane current; an injected
    /// depolarising current is positive here and enters dV/dt with a plus sign).
    void set_stimulus(std::size_t i, current<double> I) {
        check_index(i);
        require(stepping::has_stimulus, "I", si_value(I), "no stimulus: the model has none", "A");
        require_finite("I", si_value(I), "A");
        stim_nA_[i] = in_nA(I);
        stim_[i] = static_cast<Real>(stim_nA_[i] * 1e-3 / area_cm2_[i]); // nA -> uA, over cm^2
    }
    void set_area(std::size_t i, area<double> a) {
        check_index(i);
        require_positive("area", si_value(a), "m^2");
        area_cm2_[i] = in_cm2(a);
        stim_[i] = static_cast<Real>(stim_nA_[i] * 1e-3 / area_cm2_[i]);
    }

    /// The per-cell parameter of an ODE model's cells (rhs(x, dx, p)); finite.
    void set_parameter(std::size_t i, double p) {
        check_index(i);
        require(stepping::has_parameter, "p", p, "no parameter: the model takes none");
        require_finite("p", p);
        param_[i] = static_cast<Real>(p);
    }
    double parameter(std::size_t i) const {
        check_index(i);
        return double(param_[i]);
    }

    voltage<double> v(std::size_t i) const {
        check_index(i);
        return make<unit::voltage>(double(x_[0][i]) * 1e-3);
    }
    /// State variable k of cell i in the model's internal units (k = 0: V in mV).
    double state(std::size_t i, std::size_t k) const {
        check_index(i);
        require(k < S, "k", k, "state index < state_size");
        return double(x_[k][i]);
    }
    /// Every cell's membrane potential (mV), cell i at [i], for a spatial coupling (tissue/,
    /// operator splitting) to read and overwrite between advance() calls; never during one.
    /// Writing V does not touch the other states, the spike counts or the time.
    std::span<Real> voltages_mV() { return {x_[0].data(), n_}; }
    std::span<const Real> voltages_mV() const { return {x_[0].data(), n_}; }
    std::size_t spike_count(std::size_t i) const {
        check_index(i);
        return counts_[i];
    }
    std::size_t total_spikes() const {
        return std::accumulate(counts_.begin(), counts_.end(), std::size_t{0});
    }
    /// The first min(count, spike_capacity) spike times of cell i (allocates: not per step).
    std::vector<time<double>> spike_times(std::size_t i) const {
        check_index(i);
        const std::size_t k = std::min<std::size_t>(counts_[i], opt_.spike_capacity);
        std::vector<time<double>> out;
        out.reserve(k);
        for (std::size_t j = 0; j < k; ++j)
            out.push_back(make<unit::time>(times_[i * opt_.spike_capacity + j] * unit_s_));
        return out;
    }
    /// True if some cell spiked more often than spike_capacity (its later times were not kept).
    bool spike_times_truncated() const {
        return std::any_of(counts_.begin(), counts_.end(),
                           [&](std::uint32_t c) { return c > opt_.spike_capacity; });
    }

    /// Advance every cell by `steps` steps of dt (advance(duration): by round(duration / dt)).
    void advance_steps(std::size_t steps) {
        const std::size_t nb = x_[0].size() / W;
        const unsigned T = static_cast<unsigned>(std::min<std::size_t>(opt_.threads, nb));
        failure f{};
        std::size_t done = 0;
        if (T <= 1) {
            done = run_blocks(0, nb, steps, nullptr, f);
        } else {
            // `together`: the threads meet at a barrier per block, so all start or none does.
            std::barrier sync(static_cast<std::ptrdiff_t>(T));
            std::atomic<bool> failed{false};
            const shared sh{sync, failed};
            std::vector<failure> fs(T);
            std::vector<std::size_t> dones(T, 0);
            const auto task = [&](std::size_t t) {
                dones[t] = run_blocks(nb * t / T, nb * (t + 1) / T, steps, &sh, fs[t]);
            };
            if (opt_.persistent_threads) {
                if (!pool_.p || pool_.p->size() != T) pool_.p = std::make_unique<thread_pool>(T);
                pool_.p->run(T, task); // all T threads exist: barrier-safe, as `together`
            } else {
                run_on_threads(T, task, thread_start::together);
            }
            done = *std::min_element(dones.begin(), dones.end());
            for (unsigned t = 0; t < T; ++t) // the last block is not synchronised: see run_blocks
                if (dones[t] != done)
                    copy_range(backup_, x_, counts_backup_, counts_, nb * t / T, nb * (t + 1) / T);
            for (auto& g : fs)
                if (g.bad && (!f.bad || g.step < f.step)) f = g;
        }
        steps_ += done;
        if (f.bad) {
            std::ostringstream os;
            os << "population: state '" << stepping::name(model_, f.var) << "' of cell " << f.cell
               << " became non-finite at t = " << double(f.step + 1) * dt_u_ * unit_s_
               << " s; all cells were restored to t = " << double(steps_) * dt_u_ * unit_s_ << " s";
            throw domain_error(os.str());
        }
    }
    void advance(time<double> duration) {
        require(si_value(duration) >= 0.0 && std::isfinite(si_value(duration)), "duration",
                si_value(duration), ">= 0, finite", "s");
        advance_steps(
            static_cast<std::size_t>(std::llround(si_value(duration) / (dt_u_ * unit_s_))));
    }
    void step() { advance_steps(1); }

private:
    struct failure {
        bool bad = false;
        std::size_t cell = 0, var = 0, step = 0;
    };
    struct shared {
        std::barrier<>& sync;
        std::atomic<bool>& failed;
    };
    // The pool: copies start without one (each population owns its threads), moves take it.
    struct pool_slot {
        std::unique_ptr<thread_pool> p;
        pool_slot() = default;
        pool_slot(const pool_slot&) noexcept {}
        pool_slot& operator=(const pool_slot&) noexcept { return *this; }
        pool_slot(pool_slot&&) noexcept = default;
        pool_slot& operator=(pool_slot&&) noexcept = default;
    };
    static constexpr std::size_t G = 4; // batches kept in flight together (instruction-level par.)
    void check_index(std::size_t i) const { require(i < n_, "i", i, "cell index < size()"); }

    // Blocks of steps over batches [b0, b1); with `sh`, in step with the other threads at the end
    // of every block but the last (the caller, after the join, restores the ranges of the
    // threads that finished a last block in which another failed). Returns the steps completed
    // (all of them, or those before the failing block).
    std::size_t run_blocks(std::size_t b0, std::size_t b1, std::size_t steps, const shared* sh,
                           failure& f) {
        const auto& k = k_;
        std::size_t done = 0;
        while (done < steps) {
            const std::size_t len = std::min(opt_.block_steps, steps - done);
            const std::size_t s0 = steps_ + done;
            copy_range(x_, backup_, counts_, counts_backup_, b0, b1);
            std::size_t b = b0;
            for (; b + G <= b1; b += G)
                run_group<G, false>(b, s0, len, k, f);
            for (; b < b1; ++b)
                run_group<1, false>(b, s0, len, k, f);
            for (b = b0; b < b1 && !f.bad; ++b)
                if (!finite_batch(b)) { // find the step and variable: re-run from the backup
                    for (std::size_t j = 0; j < S; ++j)
                        std::copy_n(backup_[j].begin() + b * W, W, x_[j].begin() + b * W);
                    run_group<1, true>(b, s0, len, k, f);
                }
            bool stop = f.bad;
            if (sh && done + len < steps) {
                if (f.bad) sh->failed.store(true);
                sh->sync.arrive_and_wait();
                stop = sh->failed.load();
                sh->sync.arrive_and_wait();
            }
            if (stop) {
                copy_range(backup_, x_, counts_backup_, counts_, b0, b1);
                return done;
            }
            done += len;
        }
        return done;
    }

    // State of batches [b0, b1) and spike counts of their cells from (xs, cs) to (xd, cd).
    void copy_range(const std::array<array_type, S>& xs, std::array<array_type, S>& xd,
                    const std::vector<std::uint32_t>& cs, std::vector<std::uint32_t>& cd,
                    std::size_t b0, std::size_t b1) const {
        for (std::size_t j = 0; j < S; ++j)
            std::copy(xs[j].begin() + b0 * W, xs[j].begin() + b1 * W, xd[j].begin() + b0 * W);
        const std::size_t c0 = std::min(b0 * W, n_), c1 = std::min(b1 * W, n_);
        std::copy(cs.begin() + c0, cs.begin() + c1, cd.begin() + c0);
    }

    bool finite_batch(std::size_t b) const {
        for (std::size_t j = 0; j < S; ++j)
            if (!xsimd::all(xsimd::isfinite(batch::load_aligned(&x_[j][b * W])))) return false;
        return true;
    }

    // NG batches from batch b, len steps from global step s0, state held in registers.
    template <std::size_t NG, bool Check>
    NONEQ_FLATTEN void run_group(std::size_t b, std::size_t s0, std::size_t len, const step_data& k,
                                 failure& f) {
        std::array<std::array<batch, S>, NG> x;
        std::array<batch, NG> I, P;
        for (std::size_t g = 0; g < NG; ++g) {
            for (std::size_t j = 0; j < S; ++j)
                x[g][j] = batch::load_aligned(&x_[j][(b + g) * W]);
            I[g] = batch::load_aligned(&stim_[(b + g) * W]);
            P[g] = batch::load_aligned(&param_[(b + g) * W]);
        }
        const batch thr(static_cast<Real>(opt_.threshold_mV));
        for (std::size_t s = 0; s < len; ++s) {
            for (std::size_t g = 0; g < NG; ++g) {
                const std::array<batch, S> old = x[g];
                stepping::step(model_, x[g], I[g], P[g], double(s0 + s) * dt_u_, dt_u_, k,
                               opt_.coupling);
                const auto up = (old[0] < thr) & (x[g][0] >= thr);
                if (xsimd::any(up)) record((b + g) * W, s0 + s, old[0], x[g][0], up);
                if constexpr (Check) {
                    for (std::size_t j = 0; j < S; ++j) {
                        const auto ok = xsimd::isfinite(x[g][j]);
                        if (!xsimd::all(ok)) {
                            std::size_t l = 0;
                            while (ok.get(l))
                                ++l;
                            f = {true, (b + g) * W + l, j, s0 + s};
                            return;
                        }
                    }
                }
            }
        }
        for (std::size_t g = 0; g < NG; ++g)
            for (std::size_t j = 0; j < S; ++j)
                x[g][j].store_aligned(&x_[j][(b + g) * W]);
    }

    template <class Mask>
    void record(std::size_t cell0, std::size_t s, const batch& vo, const batch& vn,
                const Mask& up) {
        for (std::size_t l = 0; l < W; ++l) {
            const std::size_t c = cell0 + l;
            if (!up.get(l) || c >= n_) continue;
            const double a = double(vo.get(l)), z = double(vn.get(l));
            const std::uint32_t cnt = counts_[c];
            if (cnt < opt_.spike_capacity)
                times_[c * opt_.spike_capacity + cnt] =
                    linear_crossing(double(s), a, double(s) + 1.0, z, opt_.threshold_mV) * dt_u_;
            counts_[c] = cnt + 1;
        }
    }

    Model model_;
    std::size_t n_;
    double unit_s_; // the model's time unit in s (membranes: ms)
    double dt_u_;   // dt in that unit
    step_data k_;   // prepared once (with rate tables: the tables)
    options opt_;
    std::array<array_type, S> x_, backup_;
    array_type stim_;  // uA/cm^2, padded
    array_type param_; // per-cell parameter, padded
    std::vector<double> area_cm2_, stim_nA_;
    std::vector<std::uint32_t> counts_, counts_backup_;
    std::vector<double> times_; // in the model's time unit, spike_capacity per cell
    std::size_t steps_ = 0;
    pool_slot pool_; // threads > 1 and persistent_threads: made at the first advance
};

} // namespace noneq
