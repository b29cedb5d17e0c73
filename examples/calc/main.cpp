// noneq-calc: electrochemical potentials and GHK fluxes from the command line.
// Concentrations in mM, potentials in mV, permeabilities relative or in cm/s, temperature in
// degrees Celsius (default 37) or kelvin. Results are key=value lines with 12 significant digits.
// Bad input: one line on stderr naming the argument and its allowed range, exit code 2.
//
//   noneq-calc nernst --z 1 --in 140 --out 5
//   noneq-calc ghk --ion K:1:400:20:1 --ion Na:1:50:440:0.04 --ion Cl:-1:40:560:0.45 --celsius 6.3
//   noneq-calc ghk-current --z 2 --in 1e-4 --out 2 --p 1e-5 --v -65
//   noneq-calc drive --v -65 --e -75 --z -1
//   noneq-calc work --z 1 --from 145 --to 12 --dpsi -70
//   noneq-calc pmf --dpsi -150 --ph-in 7.8 --ph-out 7.0 --celsius 25
#include <noneq/flux/ghk_current.hpp>
#include <noneq/flux/ghk_reversal.hpp>
#include <noneq/potential/driving_force.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/potential/ghk_divalent.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/potential/nernst.hpp>

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace noneq;

using noneq_example::kv;
using noneq_example::usage_error;

[[noreturn]] void bad(const std::string& arg, const std::string& text, const std::string& allowed) {
    throw usage_error("argument " + arg + " = '" + text + "' is outside the allowed range (" +
                      allowed + ")");
}

double number(const std::string& arg, const std::string& text, const std::string& allowed) {
    const char* s = text.c_str();
    char* end = nullptr;
    errno = 0;
    const double x = std::strtod(s, &end);
    if (text.empty() || end == s || *end != '\0' || errno == ERANGE || !std::isfinite(x))
        bad(arg, text, allowed);
    return x;
}

int integer(const std::string& arg, const std::string& text, const std::string& allowed) {
    const char* s = text.c_str();
    char* end = nullptr;
    errno = 0;
    const long z = std::strtol(s, &end, 10);
    if (text.empty() || end == s || *end != '\0' || errno == ERANGE || z < -10 || z > 10)
        bad(arg, text, allowed);
    return static_cast<int>(z);
}

// Physical ranges: no solution holds more than 100 M of anything, no membrane more than 10 V,
// and an aqueous pH lies in 0..14.
constexpr double max_mM = 1e5, max_abs_mV = 1e4;

double positive(const std::string& arg, const std::string& text, const char* unit) {
    const bool conc = std::string(unit) == "mM";
    const std::string allowed =
        std::string("> 0 ") + unit + (conc ? ", <= 1e5 mM (100 M)" : ", finite");
    const double x = number(arg, text, allowed);
    if (!(x > 0) || (conc && !(x <= max_mM))) bad(arg, text, allowed);
    return x;
}

double nonnegative(const std::string& arg, const std::string& text, const char* unit) {
    const bool conc = std::string(unit) == "mM";
    const std::string allowed =
        std::string(">= 0 ") + unit + (conc ? ", <= 1e5 mM (100 M)" : ", finite");
    const double x = number(arg, text, allowed);
    if (!(x >= 0) || (conc && !(x <= max_mM))) bad(arg, text, allowed);
    return x;
}

double potential_mV(const std::string& arg, const std::string& text) {
    const char* allowed = "|v| <= 1e4 mV";
    const double x = number(arg, text, allowed);
    if (!(std::abs(x) <= max_abs_mV)) bad(arg, text, allowed);
    return x;
}

double pH(const std::string& arg, const std::string& text) {
    const char* allowed = "0 <= pH <= 14";
    const double x = number(arg, text, allowed);
    if (!(x >= 0 && x <= 14)) bad(arg, text, allowed);
    return x;
}

int valence(const std::string& arg, const std::string& text, bool allow_zero = false) {
    const char* allowed = allow_zero ? "integer, -10..10" : "nonzero integer, -10..10";
    const int z = integer(arg, text, allowed);
    if (!allow_zero && z == 0) bad(arg, text, allowed);
    return z;
}

/// Temperature options shared by the subcommands: --celsius (default 37) or --kelvin.
struct temperature_opts {
    std::string celsius = "37", kelvin;
    void add(CLI::App* sub) {
        auto* c = sub->add_option("--celsius", celsius, "temperature in degrees Celsius, > -273.15")
                      ->type_name("T")
                      ->capture_default_str();
        auto* k =
            sub->add_option("--kelvin", kelvin, "temperature in kelvin, > 0 (instead of --celsius)")
                ->type_name("T");
        c->excludes(k);
    }
    temperature<double> get() const {
        if (!kelvin.empty()) {
            const double k = positive("--kelvin", kelvin, "K");
            if (!(k <= 1000)) bad("--kelvin", kelvin, "0 < T <= 1000 K");
            return make<unit::temperature>(k);
        }
        const char* allowed = "-273.15 < T <= 726.85 degrees C (1000 K)";
        const double t = number("--celsius", celsius, allowed);
        if (!(t > -273.15 && t <= 726.85)) bad("--celsius", celsius, allowed);
        return noneq::kelvin(noneq::celsius<double>(t));
    }
};

concentration<double> mM(double x) {
    return make<unit::concentration>(x);
}
voltage<double> mV(double x) {
    return make<unit::voltage>(x * 1e-3);
}

/// One --ion NAME:Z:IN:OUT:P record.
ghk_ion<double> parse_ion(const std::string& spec) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
        const auto colon = spec.find(':', start);
        f.push_back(spec.substr(start, colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    if (f.size() != 5 || f[0].empty()) bad("--ion", spec, "NAME:Z:IN:OUT:P, e.g. K:1:400:20:1");
    const std::string a = "--ion " + f[0];
    return {valence(a + " Z", f[1]), make<unit::dimensionless>(nonnegative(a + " P", f[4], "")),
            mM(nonnegative(a + " IN", f[2], "mM")), mM(nonnegative(a + " OUT", f[3], "mM"))};
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"noneq-calc: electrochemical potentials and GHK fluxes.\n"
                 "Concentrations in mM, potentials in mV (inside minus outside), temperature "
                 "--celsius (default 37) or --kelvin.\nOutput: key=value lines, 12 significant "
                 "digits. Bad input: one line on stderr, exit code 2."};
    app.require_subcommand(1);

    // nernst
    auto* nernst_cmd =
        app.add_subcommand("nernst", "Nernst potential E = (RT/zF) ln(out/in) -> E_mV");
    std::string n_z, n_in, n_out;
    temperature_opts n_t;
    nernst_cmd->add_option("--z", n_z, "valence, nonzero integer")->required()->type_name("Z");
    nernst_cmd->add_option("--in", n_in, "inside concentration, mM, > 0")
        ->required()
        ->type_name("C");
    nernst_cmd->add_option("--out", n_out, "outside concentration, mM, > 0")
        ->required()
        ->type_name("C");
    n_t.add(nernst_cmd);

    // ghk
    auto* ghk_cmd = app.add_subcommand(
        "ghk", "GHK reversal potential of a mixture -> V_mV (monovalent: GHK voltage equation; "
               "with |z| = 2: Lewis 1979 closed form; other valences: bracketed solver)");
    std::vector<std::string> g_ions;
    temperature_opts g_t;
    ghk_cmd
        ->add_option("--ion", g_ions,
                     "NAME:Z:IN:OUT:P (repeatable): valence, inside and outside mM (>= 0), "
                     "permeability (>= 0; relative, or cm/s for all ions)")
        ->required()
        ->type_name("SPEC");
    g_t.add(ghk_cmd);

    // ghk-current
    auto* cur_cmd = app.add_subcommand(
        "ghk-current", "GHK current density and molar flux of one ion (outward positive) -> "
                       "I_uA_per_cm2, flux_mol_per_m2_s");
    std::string c_z, c_in, c_out, c_p, c_v, c_csv;
    temperature_opts c_t;
    cur_cmd->add_option("--z", c_z, "valence, nonzero integer")->required()->type_name("Z");
    cur_cmd->add_option("--in", c_in, "inside concentration, mM, >= 0")->required()->type_name("C");
    cur_cmd->add_option("--out", c_out, "outside concentration, mM, >= 0")
        ->required()
        ->type_name("C");
    cur_cmd->add_option("--p", c_p, "permeability, cm/s, >= 0")->required()->type_name("CM_PER_S");
    cur_cmd->add_option("--v", c_v, "membrane potential, mV, finite")->required()->type_name("MV");
    cur_cmd->add_option("--csv", c_csv, "also write the I-V curve, -150..150 mV, to this CSV file")
        ->type_name("FILE");
    c_t.add(cur_cmd);

    // drive
    auto* drive_cmd = app.add_subcommand(
        "drive", "driving force V - E and the direction the ion flows -> driving_force_mV, "
                 "direction (also current_direction, effect on the membrane)");
    std::string d_v, d_e, d_z;
    drive_cmd->add_option("--v", d_v, "membrane potential, mV, finite")
        ->required()
        ->type_name("MV");
    drive_cmd->add_option("--e", d_e, "reversal potential, mV, finite")
        ->required()
        ->type_name("MV");
    drive_cmd->add_option("--z", d_z, "valence, nonzero integer")->required()->type_name("Z");

    // work
    auto* work_cmd = app.add_subcommand(
        "work", "molar work dG = RT ln(to/from) + zF dpsi to move an ion from one side to the "
                "other -> dG_kJ_per_mol");
    std::string w_z, w_from, w_to, w_dpsi;
    temperature_opts w_t;
    work_cmd->add_option("--z", w_z, "valence, integer (0: neutral solute)")
        ->required()
        ->type_name("Z");
    work_cmd->add_option("--from", w_from, "concentration where the ion starts, mM, > 0")
        ->required()
        ->type_name("C");
    work_cmd->add_option("--to", w_to, "concentration where it ends, mM, > 0")
        ->required()
        ->type_name("C");
    work_cmd->add_option("--dpsi", w_dpsi, "potential of 'to' minus potential of 'from', mV")
        ->required()
        ->type_name("MV");
    w_t.add(work_cmd);

    // pmf
    auto* pmf_cmd = app.add_subcommand(
        "pmf", "proton motive force dp = dpsi - (ln10 RT/F)(pH_in - pH_out), dpsi = psi_in - "
               "psi_out; F dp is the work to bring H+ in -> pmf_mV, dG_kJ_per_mol");
    std::string p_dpsi, p_in, p_out;
    temperature_opts p_t;
    pmf_cmd->add_option("--dpsi", p_dpsi, "psi_in - psi_out, mV, finite")
        ->required()
        ->type_name("MV");
    pmf_cmd->add_option("--ph-in", p_in, "pH inside, finite")->required()->type_name("X");
    pmf_cmd->add_option("--ph-out", p_out, "pH outside, finite")->required()->type_name("Y");
    p_t.add(pmf_cmd);

    if (const int rc = noneq_example::parse(app, argc, argv, "noneq-calc"); rc >= 0) return rc;

    return noneq_example::run("noneq-calc", [&] {
        if (*nernst_cmd) {
            const int z = valence("--z", n_z);
            const auto e = nernst(z, mM(positive("--in", n_in, "mM")),
                                  mM(positive("--out", n_out, "mM")), n_t.get());
            kv("E_mV", in_mV(e));
        } else if (*ghk_cmd) {
            std::vector<ghk_ion<double>> ions;
            int zmax = 0;
            for (const auto& s : g_ions) {
                ions.push_back(parse_ion(s));
                zmax = std::max(zmax, std::abs(ions.back().z));
            }
            const auto T = g_t.get();
            try {
                const auto v = zmax == 1   ? ghk_voltage(ions, T)
                               : zmax == 2 ? ghk_voltage_divalent(ions, T)
                                           : ghk_reversal(ions, T);
                kv("V_mV", in_mV(v));
            } catch (const noneq::domain_error& e) {
                throw usage_error(std::string("arguments --ion: ") + e.what());
            }
        } else if (*cur_cmd) {
            const int z = valence("--z", c_z);
            const auto ci = mM(nonnegative("--in", c_in, "mM"));
            const auto co = mM(nonnegative("--out", c_out, "mM"));
            const auto P = make<unit::permeability>(nonnegative("--p", c_p, "cm/s") * 1e-2);
            const auto v = mV(potential_mV("--v", c_v));
            const auto T = c_t.get();
            // beyond |z F v / RT| = 700 the exponentials of the GHK current overflow a double
            const double vmax_mV = 700.0 * in_mV(thermal_voltage(T)) / std::abs(z);
            if (!(std::abs(in_mV(v)) <= vmax_mV))
                bad("--v", c_v, "|v| <= " + std::to_string(vmax_mV) + " mV = 700 RT/(|z| F)");
            std::ofstream csv;
            if (!c_csv.empty()) {
                csv.open(c_csv);
                if (!csv) throw usage_error("argument --csv = '" + c_csv + "' cannot be written");
            }
            kv("I_uA_per_cm2", in_uA_per_cm2(ghk_current(z, P, v, ci, co, T)));
            kv("flux_mol_per_m2_s", in_mol_per_m2_s(ghk_flux(z, P, v, ci, co, T)));
            if (csv.is_open()) {
                csv << "V_mV,I_uA_per_cm2,flux_mol_per_m2_s\n";
                char line[128];
                for (int k = -150; k <= 150; ++k) {
                    const auto vk = mV(double(k));
                    std::snprintf(line, sizeof line, "%d,%.12g,%.12g\n", k,
                                  in_uA_per_cm2(ghk_current(z, P, vk, ci, co, T)),
                                  in_mol_per_m2_s(ghk_flux(z, P, vk, ci, co, T)));
                    csv << line;
                }
            }
        } else if (*drive_cmd) {
            const auto v = mV(potential_mV("--v", d_v));
            const auto e = mV(potential_mV("--e", d_e));
            const int z = valence("--z", d_z);
            kv("driving_force_mV", in_mV(driving_force(v, e)));
            std::printf("direction=%s\n", to_string(ion_flow_direction(z, v, e)).data());
            std::printf("current_direction=%s\n", to_string(current_direction(v, e)).data());
            std::printf("effect=%s\n", to_string(effect_on_membrane(v, e)).data());
        } else if (*work_cmd) {
            const int z = valence("--z", w_z, true);
            const auto dG = transport_work(z, mM(positive("--from", w_from, "mM")),
                                           mM(positive("--to", w_to, "mM")),
                                           mV(potential_mV("--dpsi", w_dpsi)), w_t.get());
            kv("dG_kJ_per_mol", in_kJ_per_mol(dG));
        } else if (*pmf_cmd) {
            const auto dpsi = mV(potential_mV("--dpsi", p_dpsi));
            const double ph_in = pH("--ph-in", p_in);
            const double ph_out = pH("--ph-out", p_out);
            const auto T = p_t.get();
            kv("pmf_mV", in_mV(proton_motive_force(dpsi, ph_in - ph_out, T)));
            kv("dG_kJ_per_mol", in_kJ_per_mol(proton_transport_work(ph_out, ph_in, dpsi, T)));
        }
        return 0;
    });
}
