// noneq-cellml: CellML units reduced to SI base dimensions and a scale factor.
//
// Every unit of a model, built in or defined (with prefixes, exponents and multipliers), becomes
// `si_unit`: exponents of kg, m, s, A, K, mol, cd and the factor that takes a value in that unit
// to coherent SI. Offsets (CellML's celsius, or a defined unit with an offset) are rejected: no
// cardiac model uses them and their meaning inside products is ill-defined.
#pragma once

#include <array>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

namespace noneq_cellml {

/// A conversion or model error: the message names what is wrong and where.
struct error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline constexpr int n_base = 7;
using dims = std::array<double, n_base>;
inline const char* const base_symbol[n_base] = {"kg", "m", "s", "A", "K", "mol", "cd"};

struct si_unit {
    dims d{};
    double factor = 1.0;
};

inline bool same_dims(const dims& a, const dims& b) {
    for (int i = 0; i < n_base; ++i)
        if (std::abs(a[i] - b[i]) > 1e-9) return false;
    return true;
}
inline bool is_dimensionless(const dims& a) {
    return same_dims(a, dims{});
}

/// "kg.m^2.s^-3.A^-1", or "1" for a dimensionless unit.
inline std::string to_string(const dims& d) {
    std::string s;
    for (int i = 0; i < n_base; ++i) {
        if (std::abs(d[i]) < 1e-12) continue;
        if (!s.empty()) s += ".";
        s += base_symbol[i];
        if (std::abs(d[i] - 1.0) > 1e-12) {
            const double r = std::round(d[i]);
            s += "^" + (std::abs(d[i] - r) < 1e-12 ? std::to_string(static_cast<long>(r))
                                                   : std::to_string(d[i]));
        }
    }
    return s.empty() ? "1" : s;
}

/// SI prefixes by name or as a power of ten.
inline double prefix_factor(const std::string& p) {
    static const std::map<std::string, int> names{
        {"yotta", 24}, {"zetta", 21},  {"exa", 18},   {"peta", 15}, {"tera", 12},  {"giga", 9},
        {"mega", 6},   {"kilo", 3},    {"hecto", 2},  {"deka", 1},  {"deca", 1},   {"deci", -1},
        {"centi", -2}, {"milli", -3},  {"micro", -6}, {"nano", -9}, {"pico", -12}, {"femto", -15},
        {"atto", -18}, {"zepto", -21}, {"yocto", -24}};
    if (p.empty()) return 1.0;
    const auto it = names.find(p);
    if (it != names.end()) return std::pow(10.0, it->second);
    try {
        std::size_t used = 0;
        const int e = std::stoi(p, &used);
        if (used == p.size()) return std::pow(10.0, e);
    } catch (const std::exception&) {
    }
    throw error("unknown unit prefix '" + p + "'");
}

/// CellML 1.0's built-in units.
inline const std::map<std::string, si_unit>& builtin_units() {
    //                                  kg  m   s   A   K  mol cd
    static const std::map<std::string, si_unit> u{
        {"dimensionless", {{0, 0, 0, 0, 0, 0, 0}, 1}}, {"radian", {{0, 0, 0, 0, 0, 0, 0}, 1}},
        {"steradian", {{0, 0, 0, 0, 0, 0, 0}, 1}},     {"kilogram", {{1, 0, 0, 0, 0, 0, 0}, 1}},
        {"gram", {{1, 0, 0, 0, 0, 0, 0}, 1e-3}},       {"metre", {{0, 1, 0, 0, 0, 0, 0}, 1}},
        {"meter", {{0, 1, 0, 0, 0, 0, 0}, 1}},         {"litre", {{0, 3, 0, 0, 0, 0, 0}, 1e-3}},
        {"liter", {{0, 3, 0, 0, 0, 0, 0}, 1e-3}},      {"second", {{0, 0, 1, 0, 0, 0, 0}, 1}},
        {"hertz", {{0, 0, -1, 0, 0, 0, 0}, 1}},        {"becquerel", {{0, 0, -1, 0, 0, 0, 0}, 1}},
        {"ampere", {{0, 0, 0, 1, 0, 0, 0}, 1}},        {"kelvin", {{0, 0, 0, 0, 1, 0, 0}, 1}},
        {"mole", {{0, 0, 0, 0, 0, 1, 0}, 1}},          {"katal", {{0, 0, -1, 0, 0, 1, 0}, 1}},
        {"candela", {{0, 0, 0, 0, 0, 0, 1}, 1}},       {"lumen", {{0, 0, 0, 0, 0, 0, 1}, 1}},
        {"lux", {{0, -2, 0, 0, 0, 0, 1}, 1}},          {"newton", {{1, 1, -2, 0, 0, 0, 0}, 1}},
        {"pascal", {{1, -1, -2, 0, 0, 0, 0}, 1}},      {"joule", {{1, 2, -2, 0, 0, 0, 0}, 1}},
        {"watt", {{1, 2, -3, 0, 0, 0, 0}, 1}},         {"coulomb", {{0, 0, 1, 1, 0, 0, 0}, 1}},
        {"volt", {{1, 2, -3, -1, 0, 0, 0}, 1}},        {"farad", {{-1, -2, 4, 2, 0, 0, 0}, 1}},
        {"ohm", {{1, 2, -3, -2, 0, 0, 0}, 1}},         {"siemens", {{-1, -2, 3, 2, 0, 0, 0}, 1}},
        {"weber", {{1, 2, -2, -1, 0, 0, 0}, 1}},       {"tesla", {{1, 0, -2, -1, 0, 0, 0}, 1}},
        {"henry", {{1, 2, -2, -2, 0, 0, 0}, 1}},       {"gray", {{0, 2, -2, 0, 0, 0, 0}, 1}},
        {"sievert", {{0, 2, -2, 0, 0, 0, 0}, 1}},
    };
    return u;
}

} // namespace noneq_cellml
