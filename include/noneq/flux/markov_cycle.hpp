// noneq/flux/markov_cycle.hpp — a transporter as a Markov cycle: N carrier states in a ring,
// state i -> i+1 (mod N) forward. Each step has base rates at zero voltage, may bind a ligand
// from one side of the membrane (the rate is then proportional to its concentration), and may
// carry charge through the membrane field with Boltzmann load-splitting (Laeuger, Electrogenic
// Ion Pumps, 1991, ch. 4):
//   k+ = k0+ exp(-d q u),   k- = k0- exp((1 - d) q u),   u = F V / RT,  V = psi_in - psi_out,
// where q is the charge (in e) carried from out to in by the forward step and d in [0, 1] the
// fraction of the field energy felt by the forward rate.
//
// Thermodynamic consistency (Hill, Free Energy Transduction in Biology, 1977): for one forward
// turn that moves n_s moles of species s (valence z_s) from out to in,
//   prod k+ / prod k- = exp(-dG / RT),   dG = sum_s n_s [RT ln(c_in,s / c_out,s) + z_s F V],
// so the flux vanishes exactly at equilibrium (detailed balance). Because the concentrations and
// the field enter the rates only through the ligand and charge terms, this holds for all
// conditions if and only if (1) every species is released as often as it is bound, (2) the
// charges of the field-dependent steps add up to sum_s z_s n_s, and (3) prod k0+ / prod k0- = 1.
// The constructor checks all three and rejects a cycle that breaks one with noneq::domain_error
// naming the cycle and the mismatch. (Fuel-driven cycles, e.g. ATP, are represented in noneq by
// their free energy in bioenergetics/, not as ligands here.)
//
// Steady state: the occupancies solve Q p = 0 (GTH elimination, core/linear_solve.hpp); the net
// cycle flux J (turnovers per carrier per second, forward positive) is the net flux through
// each step, all equal at steady state.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/linear_solve.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/units.hpp>

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <sstream>
#include <string>

namespace noneq {

/// The two faces of a membrane; V = psi_in - psi_out.
enum class membrane_side { none, in, out };

/// A ligand: species index (into the cycle's species list) and the side it is exchanged with.
struct ligand {
    int species = -1;
    membrane_side side = membrane_side::none;
};

/// One step i -> i+1 of a cycle.
struct cycle_transition {
    double k_forward;        ///< base forward rate at V = 0: 1/s, or 1/(s mM) if a ligand binds
    double k_backward;       ///< base backward rate at V = 0, same convention
    double charge = 0.0;     ///< elementary charges carried from out to in by the forward step
    double split = 0.5;      ///< load-splitting fraction d in [0, 1] felt by the forward rate
    ligand binds_forward{};  ///< the forward step binds this ligand: k+ = k0+ c
    ligand binds_backward{}; ///< the backward step binds it (forward releases it): k- = k0- c
};

/// A transported species.
struct cycle_species {
    const char* name;
    int valence;
};

/// Boltzmann load-split pair of rates at reduced voltage u = F V / RT.
template <value_type V>
struct rate_pair {
    V forward, backward;
};

/// k+ = k0+ exp(-d q u), k- = k0- exp((1-d) q u); k+/k- = (k0+/k0-) exp(-q u).
template <value_type V>
rate_pair<V> load_split(unchecked_t, V k0f, V k0b, V charge, V split, V u) {
    using std::exp;
    using xsimd::exp;
    const V qu = charge * u;
    return {k0f * exp(-split * qu), k0b * exp((V(1) - split) * qu)};
}

/// Checked Boltzmann load-splitting at membrane voltage v (psi_in - psi_out).
template <value_type V>
rate_pair<V> load_split(V k0f, V k0b, V charge, V split, const voltage<V>& v,
                        const temperature<V>& T) {
    require_nonnegative("k0_forward", k0f, "1/s");
    require_nonnegative("k0_backward", k0b, "1/s");
    require_finite("charge", charge, "e");
    require(split >= V(0) && split <= V(1), "split", split, "0 <= d <= 1");
    require_finite("v", v.value(), "V");
    require_positive("T", T.value(), "K");
    return load_split(unchecked, k0f, k0b, charge, split, v.value() / thermal_voltage(T).value());
}

/// The rates of every step of an N-state cycle (1/s) under given conditions.
template <value_type V, std::size_t N>
struct cycle_rates {
    std::array<V, N> forward, backward;
};

/// Steady state of a cycle: occupancies (sum 1) and net forward turnover per carrier (1/s).
template <class T, std::size_t N>
struct cycle_steady_state {
    linalg::vec<T, N> occupancy;
    T flux;
};

/// ln(prod k+ / prod k-) round the cycle; equals -dG/RT for a consistent cycle.
template <value_type V, std::size_t N>
V log_rate_ratio(const cycle_rates<V, N>& r) {
    using std::log;
    using xsimd::log;
    V s(0);
    for (std::size_t i = 0; i < N; ++i)
        s += log(r.forward[i]) - log(r.backward[i]);
    return s;
}

/// Steady state of a unicyclic chain with rates r (scalar value types).
template <std::floating_point T, std::size_t N>
cycle_steady_state<T, N> steady_state(const cycle_rates<T, N>& r) {
    auto q = linalg::zero_matrix<T, N>();
    for (std::size_t i = 0; i < N; ++i) {
        const std::size_t j = (i + 1) % N;
        q[j][i] += r.forward[i];
        q[i][j] += r.backward[i];
    }
    const auto p = linalg::stationary(q);
    T j(0);
    for (std::size_t i = 0; i < N; ++i)
        j += r.forward[i] * p[i] - r.backward[i] * p[(i + 1) % N];
    return {p, j / T(N)};
}

/// A thermodynamically consistent N-state transporter cycle moving S species.
template <std::size_t N, std::size_t S>
class markov_cycle {
public:
    static_assert(N >= 2, "a cycle needs at least two states");
    using concentrations = std::array<double, S>;

    markov_cycle(std::string name, std::array<cycle_species, S> species,
                 std::array<cycle_transition, N> steps)
        : name_(std::move(name)), species_(species), steps_(steps) {
        validate();
    }

    const std::string& name() const { return name_; }
    const std::array<cycle_transition, N>& steps() const { return steps_; }
    const std::array<cycle_species, S>& species() const { return species_; }

    /// Net moles of species s moved from out to in per forward turn.
    int stoichiometry(std::size_t s) const { return stoich_[s]; }

    /// Elementary charges moved from out to in per forward turn.
    double translocated_charge() const {
        double q = 0;
        for (const auto& t : steps_)
            q += t.charge;
        return q;
    }

    /// Rates of every step at voltage v = psi_in - psi_out, unchecked (concentrations >= 0).
    template <value_type V>
    cycle_rates<V, N>
    rates(unchecked_t, const voltage<V>& v, const std::array<concentration<V>, S>& c_in,
          const std::array<concentration<V>, S>& c_out, const temperature<V>& T) const {
        const V u = v.value() / thermal_voltage(T).value();
        auto conc = [&](const ligand& l) {
            if (l.species < 0) return V(1);
            const auto s = static_cast<std::size_t>(l.species);
            return l.side == membrane_side::in ? c_in[s].value() : c_out[s].value();
        };
        cycle_rates<V, N> r;
        for (std::size_t i = 0; i < N; ++i) {
            const auto& t = steps_[i];
            const auto k =
                load_split(unchecked, V(scalar_t<V>(t.k_forward)), V(scalar_t<V>(t.k_backward)),
                           V(scalar_t<V>(t.charge)), V(scalar_t<V>(t.split)), u);
            r.forward[i] = k.forward * conc(t.binds_forward);
            r.backward[i] = k.backward * conc(t.binds_backward);
        }
        return r;
    }

    /// Checked rates: concentrations >= 0 and finite, v finite, T > 0.
    template <value_type V>
    cycle_rates<V, N> rates(const voltage<V>& v, const std::array<concentration<V>, S>& c_in,
                            const std::array<concentration<V>, S>& c_out,
                            const temperature<V>& T) const {
        check_conditions(v, c_in, c_out, T, false);
        return rates(unchecked, v, c_in, c_out, T);
    }

    /// Free energy of one forward turn, dG = sum_s n_s [RT ln(c_in/c_out) + z_s F V]
    /// (electrochemical.hpp's transport_work from out to in). Needs positive concentrations of
    /// every transported species.
    template <value_type V>
    molar_energy<V> free_energy(const voltage<V>& v, const std::array<concentration<V>, S>& c_in,
                                const std::array<concentration<V>, S>& c_out,
                                const temperature<V>& T) const {
        check_conditions(v, c_in, c_out, T, true);
        auto g = molar_energy<V>::from_value(V(0));
        for (std::size_t s = 0; s < S; ++s)
            if (stoich_[s] != 0)
                g = g + V(scalar_t<V>(stoich_[s])) *
                            transport_work(unchecked, species_[s].valence, c_out[s], c_in[s], v, T);
        return g;
    }

    /// Steady state (occupancies, net forward turnover per carrier in 1/s) under conditions.
    template <std::floating_point T>
    cycle_steady_state<T, N>
    steady_state(const voltage<T>& v, const std::array<concentration<T>, S>& c_in,
                 const std::array<concentration<T>, S>& c_out, const temperature<T>& temp) const {
        return noneq::steady_state(rates(v, c_in, c_out, temp));
    }

private:
    template <value_type V>
    void check_conditions(const voltage<V>& v, const std::array<concentration<V>, S>& c_in,
                          const std::array<concentration<V>, S>& c_out, const temperature<V>& T,
                          bool need_positive) const {
        require_finite("v", v.value(), "V");
        require_positive("T", T.value(), "K");
        for (std::size_t s = 0; s < S; ++s) {
            const bool used = need_positive ? stoich_[s] != 0 : true;
            if (!used) continue;
            const std::string a = std::string("c_in[") + species_[s].name + "]";
            const std::string b = std::string("c_out[") + species_[s].name + "]";
            if (need_positive) {
                require_positive(a, c_in[s].value(), "mol/m^3");
                require_positive(b, c_out[s].value(), "mol/m^3");
            } else {
                require_nonnegative(a, c_in[s].value(), "mol/m^3");
                require_nonnegative(b, c_out[s].value(), "mol/m^3");
            }
        }
    }

    [[noreturn]] void reject(const std::string& what) const {
        throw domain_error("markov cycle '" + name_ + "': " + what);
    }

    void validate() {
        for (std::size_t s = 0; s < S; ++s)
            if (species_[s].name == nullptr)
                reject("species " + std::to_string(s) + " has no name");
        std::array<int, S> bound{}, released{}, from_out{}, to_out{};
        double log_k = 0, log_scale = 0;
        for (std::size_t i = 0; i < N; ++i) {
            const auto& t = steps_[i];
            const std::string step =
                "step " + std::to_string(i) + " -> " + std::to_string((i + 1) % N);
            if (!(t.k_forward > 0 && std::isfinite(t.k_forward)))
                reject(step + ": k_forward = " + std::to_string(t.k_forward) +
                       " is outside the allowed range (> 0, finite)");
            if (!(t.k_backward > 0 && std::isfinite(t.k_backward)))
                reject(step + ": k_backward = " + std::to_string(t.k_backward) +
                       " is outside the allowed range (> 0, finite)");
            if (!std::isfinite(t.charge)) reject(step + ": charge is not finite");
            if (!(t.split >= 0 && t.split <= 1))
                reject(step + ": split = " + std::to_string(t.split) +
                       " is outside the allowed range (0 <= d <= 1)");
            for (const ligand* l : {&t.binds_forward, &t.binds_backward}) {
                if (l->species < 0) continue;
                if (static_cast<std::size_t>(l->species) >= S || l->side == membrane_side::none)
                    reject(step + ": ligand names species " + std::to_string(l->species) +
                           " (allowed 0.." + std::to_string(S - 1) + ") on side in or out");
                const auto s = static_cast<std::size_t>(l->species);
                const bool out = l->side == membrane_side::out;
                if (l == &t.binds_forward) {
                    ++bound[s];
                    if (out) ++from_out[s];
                } else {
                    ++released[s];
                    if (out) ++to_out[s];
                }
            }
            log_k += std::log(t.k_forward) - std::log(t.k_backward);
            log_scale += std::abs(std::log(t.k_forward)) + std::abs(std::log(t.k_backward));
        }
        double charge = 0, carried = 0;
        for (std::size_t s = 0; s < S; ++s) {
            if (bound[s] != released[s])
                reject(std::string("species ") + species_[s].name + " is bound " +
                       std::to_string(bound[s]) + " times but released " +
                       std::to_string(released[s]) + " times per turn");
            stoich_[s] = from_out[s] - to_out[s];
            carried += double(species_[s].valence) * stoich_[s];
        }
        for (const auto& t : steps_)
            charge += t.charge;
        if (std::abs(charge - carried) > 1e-9 * (1.0 + std::abs(carried))) {
            std::ostringstream os;
            os.precision(12);
            os << "the field-dependent steps carry " << charge
               << " e per turn but the translocated species carry " << carried
               << " e; detailed balance fails at every V != 0";
            reject(os.str());
        }
        // ln(prod k0+/prod k0-) must be 0: the product of base rates must close to 1 ppb
        // (far above the rounding of the logs, far below any physical asymmetry).
        if (std::abs(log_k) > 1e-9 + 64 * std::numeric_limits<double>::epsilon() * log_scale) {
            std::ostringstream os;
            os.precision(12);
            os << "prod k0+ / prod k0- = " << std::exp(log_k)
               << " but detailed balance requires exp(-dG0/RT) = 1 (ln mismatch " << log_k << ")";
            reject(os.str());
        }
    }

    std::string name_;
    std::array<cycle_species, S> species_;
    std::array<cycle_transition, N> steps_;
    std::array<int, S> stoich_{};
};

} // namespace noneq
