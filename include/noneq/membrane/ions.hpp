// noneq/membrane/ions.hpp — ion species tags and the ionic environment of a membrane: the
// concentrations on both sides and the temperature, from which Nernst reversals, GHK currents,
// Q10 factors and pump rates are computed. Plain fixed parameters of one cell (not state).
//
// Default concentrations are round figures for the squid giant axon as tabulated by Hille (Ion
// Channels of Excitable Membranes, 3rd ed., ch. 1): K 400/20 mM, Na 50/440 mM, Cl 40/560 mM
// inside/outside, and free Ca about 1e-4 mM inside, 10 mM outside. The default temperature is
// NEURON's 6.3 degC. (hh.mod's channels use fixed reversals, not these concentrations.)
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/potential/nernst.hpp>
#include <noneq/units.hpp>

#include <array>
#include <concepts>
#include <cstddef>

namespace noneq {

namespace ion {
/// Ion species tags: valence, index into the environment, a short name.
struct na {
    static constexpr int z = 1;
    static constexpr std::size_t index = 0;
    static constexpr const char* name = "Na";
};
struct k {
    static constexpr int z = 1;
    static constexpr std::size_t index = 1;
    static constexpr const char* name = "K";
};
struct cl {
    static constexpr int z = -1;
    static constexpr std::size_t index = 2;
    static constexpr const char* name = "Cl";
};
struct ca {
    static constexpr int z = 2;
    static constexpr std::size_t index = 3;
    static constexpr const char* name = "Ca";
};
inline constexpr std::size_t count = 4;
} // namespace ion

/// An ion species tag: nonzero valence, an index into the environment, a name.
template <class I>
concept ion_species = requires {
    { I::z } -> std::convertible_to<int>;
    { I::index } -> std::convertible_to<std::size_t>;
    { I::name } -> std::convertible_to<const char*>;
}
&&(I::z != 0) && (I::index < ion::count);

/// Concentrations inside and outside, and the absolute temperature.
struct environment {
    temperature<double> T = kelvin(celsius<double>(6.3));
    std::array<concentration<double>, ion::count> inside{
        concentration<double>::from_value(50.0), concentration<double>::from_value(400.0),
        concentration<double>::from_value(40.0), concentration<double>::from_value(1e-4)};
    std::array<concentration<double>, ion::count> outside{
        concentration<double>::from_value(440.0), concentration<double>::from_value(20.0),
        concentration<double>::from_value(560.0), concentration<double>::from_value(10.0)};

    template <ion_species I>
    concentration<double> c_in() const {
        return inside[I::index];
    }
    template <ion_species I>
    concentration<double> c_out() const {
        return outside[I::index];
    }
    template <ion_species I>
    void set(const concentration<double>& in, const concentration<double>& out) {
        require_positive("c_in", in.value(), "mol/m^3");
        require_positive("c_out", out.value(), "mol/m^3");
        inside[I::index] = in;
        outside[I::index] = out;
    }
    /// Temperature in degC (for Q10 factors).
    double celsius_value() const { return in_celsius(T); }

    /// The Nernst potential of species I in this environment (checked).
    template <ion_species I>
    voltage<double> reversal() const {
        return nernst(I::z, c_in<I>(), c_out<I>(), T);
    }
};

/// Throws domain_error unless every concentration and the temperature are positive and finite.
inline void validate(const environment& env) {
    require_positive("T", env.T.value(), "K");
    for (std::size_t i = 0; i < ion::count; ++i) {
        require_positive("c_in", env.inside[i].value(), "mol/m^3");
        require_positive("c_out", env.outside[i].value(), "mol/m^3");
    }
}

} // namespace noneq
