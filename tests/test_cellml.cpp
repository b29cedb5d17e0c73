// CellML import (tools/cellml, noneq-cellml): the converter on small hand-written models (units
// converted across connections, piecewise, a rate read through <diff>, the exprel rewrite,
// imports), its rejection of inconsistent units, and the imported Severi 2012 sinoatrial node
// cell against the hand-composed one (cardiac/severi2012.hpp).
//
// Two models are converted at build time (noneq_add_cellml_model) and compiled here: the small
// tests/cellml/units_across_connections.cellml and the Severi 2012 file. Everything else goes
// through the converter's interpreter, which evaluates the same checked and sorted form.
#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"

#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/severi2012.hpp>
#include <noneq/constants.hpp>
#include <noneq/population/population.hpp>
#include <noneq/population/stepping.hpp>

#include <interpret.hpp>
#include <severi_fantini_charawi_difrancesco_2012.hpp>
#include <units_across_connections.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {
using namespace noneq;
using noneq::test::rejects;
using noneq::test::rel;
namespace fs = std::filesystem;
namespace sv = noneq::severi2012;
using snippet = noneq::cellml_models::units_across_connections::model;
using imported = noneq::cellml_models::severi2012_imported::model;

/// Writes `text` to a file of that name in a scratch folder and returns its path.
std::string scratch(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "noneq_test_cellml";
    fs::create_directories(dir);
    std::ofstream(dir / name) << text;
    return (dir / name).string();
}

/// A CellML 1.0 model with the given units definitions and body (components, connections).
std::string model_xml(const std::string& body) {
    return R"(<?xml version="1.0"?>
<model name="m" xmlns="http://www.cellml.org/cellml/1.0#"
       xmlns:cellml="http://www.cellml.org/cellml/1.0#">
  <units name="ms"><unit prefix="milli" units="second"/></units>
  <units name="mV"><unit prefix="milli" units="volt"/></units>
  <units name="mV_per_ms"><unit units="mV"/><unit units="ms" exponent="-1"/></units>
)" + body + "</model>\n";
}

/// The converter's message for an inconsistent model ("" if it was accepted).
std::string rejection(const std::string& name, const std::string& body) {
    try {
        noneq_cellml::interpreter in(scratch(name, model_xml(body)));
    } catch (const noneq_cellml::error& e) {
        return e.what();
    }
    return "";
}

/// A component "c" with time t (ms), a state x (mV) and the given extra variables and equation.
std::string component(const std::string& vars, const std::string& math) {
    return R"(<component name="c">
  <variable name="t" units="ms"/>
  <variable name="x" units="mV" initial_value="1"/>
)" + vars + R"(<math xmlns="http://www.w3.org/1998/Math/MathML">)" +
           math + "</math></component>\n";
}
} // namespace

TEST_CASE("CellML snippet: units converted across connections, generated and interpreted") {
    // tests/cellml/units_across_connections.cellml: V = -80 mV, E = -0.09 V, g = 1 nS, C = 10 pF
    // in different components: I = g (V - E) = 10 pA, dV/dt = -I/C = -1 mV/ms; stimulus -20 pA
    // for 1 <= t < 2 ms: +1 mV/ms; the gate's rate is 1/s at V = -40 mV (its removable
    // singularity), dn/dt = 1/s (1 - 0.25) = 7.5e-4 per ms.
    const snippet m;
    static_assert(std::is_same_v<snippet::time_unit, noneq::milliseconds>);
    REQUIRE(snippet::n_states == 2);
    CHECK(std::string(snippet::state_names[snippet::voltage_index]) == "membrane.V");
    CHECK(std::string(snippet::state_units[0]) == "mV");
    noneq_cellml::interpreter in(NONEQ_SOURCE_DIR "/tests/cellml/units_across_connections.cellml");
    auto x = snippet::initial_state;
    CHECK(x[0] == -80.0);
    snippet::state_type dx;
    std::vector<double> di;
    const std::vector<double> xi(x.begin(), x.end());
    m(x, dx, 0.0);
    in.rhs(xi, di, 0.0);
    CHECK(dx[0] == rel(-1.0, 1e-14));
    CHECK(di[0] == rel(-1.0, 1e-14));
    m(x, dx, 1.5);
    in.rhs(xi, di, 1.5);
    CHECK(dx[0] == rel(1.0, 1e-14));
    CHECK(di[0] == rel(1.0, 1e-14));
    x[0] = -40.0; // exactly the singular point of the raw quotient: 0/0 there
    m(x, dx, 0.0);
    in.rhs({x.begin(), x.end()}, di, 0.0);
    CHECK(dx[1] == rel(7.5e-4, 1e-14));
    CHECK(di[1] == rel(7.5e-4, 1e-14));
    CHECK(in.value("gate.alpha") == rel(1.0, 1e-14));
    // read through <diff>: the membrane's copy of its own rate, in mV/ms
    CHECK(in.value("membrane.dVdt_copy") == rel(dx[0], 1e-14));
    // the same right-hand side over a SIMD batch, lane by lane
    using B = xsimd::batch<double>;
    std::array<B, 2> xb{B(-40.0), B(0.25)}, db;
    m(xb, db, 1.5);
    m(x, dx, 1.5);
    CHECK(db[0].get(0) == dx[0]);
    CHECK(db[1].get(B::size - 1) == dx[1]);
}

TEST_CASE("CellML snippet: constants read and set by name, in their model units") {
    snippet m;
    CHECK(m.constant("current.E") == rel(-0.09, 1e-15));
    m.set_constant("current.g", 2.0); // nS: twice the current
    auto x = snippet::initial_state;
    snippet::state_type dx;
    m(x, dx, 0.0);
    CHECK(dx[0] == rel(-2.0, 1e-14));
    CHECK(rejects([&] {
              m.set_constant("current.nothing", 1.0);
          }).find("argument 'name' = 'current.nothing' is not a constant") != std::string::npos);
    CHECK(rejects([&] { m.set_constant("current.g", NAN); }) == "value");
}

TEST_CASE("CellML: inconsistent units are rejected naming component, variable and both units") {
    // a connection between a voltage and a time
    const std::string conn =
        rejection("conn.cellml",
                  component(R"(<variable name="y" units="mV" public_interface="in"/>)",
                            R"(<apply><eq/><apply><diff/><bvar><ci>t</ci></bvar><ci>x</ci></apply>
                     <apply><divide/><ci>y</ci><cn cellml:units="ms">1</cn></apply></apply>)") +
                      R"(<component name="d"><variable name="y" units="ms" initial_value="1"
                 public_interface="out"/></component>
               <connection><map_components component_1="c" component_2="d"/>
                 <map_variables variable_1="y" variable_2="y"/></connection>)");
    CHECK(conn.find("component 'c', variable 'y' in 'mV'") != std::string::npos);
    CHECK(conn.find("component 'd', variable 'y' in 'ms'") != std::string::npos);
    // millivolts plus milliseconds inside an equation
    const std::string plus =
        rejection("plus.cellml", component(R"(<variable name="a" units="mV_per_ms"/>)",
                                           R"(<apply><eq/><ci>a</ci><apply><divide/>
                 <apply><plus/><ci>x</ci><ci>t</ci></apply><cn cellml:units="ms">1</cn>
                 </apply></apply>
               <apply><eq/><apply><diff/><bvar><ci>t</ci></bvar><ci>x</ci></apply>
                 <ci>a</ci></apply>)"));
    CHECK(plus.find("component 'c', equation of variable 'a'") != std::string::npos);
    CHECK(plus.find("'mV'") != std::string::npos);
    CHECK(plus.find("'ms'") != std::string::npos);
    // exp of a voltage
    const std::string ex =
        rejection("exp.cellml", component("", R"(<apply><eq/><apply><diff/><bvar><ci>t</ci></bvar>
                 <ci>x</ci></apply><apply><times/><cn cellml:units="mV_per_ms">1</cn>
                 <apply><exp/><ci>x</ci></apply></apply></apply>)"));
    CHECK(ex.find("component 'c', equation of variable 'x'") != std::string::npos);
    CHECK(ex.find("<exp> of 'mV'") != std::string::npos);
    // a rate in the wrong units: mV/ms on the left, mV on the right
    const std::string lhs =
        rejection("lhs.cellml", component("", R"(<apply><eq/><apply><diff/><bvar><ci>t</ci></bvar>
                 <ci>x</ci></apply><ci>x</ci></apply>)"));
    CHECK(lhs.find("the left-hand side is 'mV/ms'") != std::string::npos);
    CHECK(lhs.find("the right-hand side 'mV'") != std::string::npos);
    // and the corrected model is accepted
    CHECK(rejection("ok.cellml", component("", R"(<apply><eq/><apply><diff/><bvar><ci>t</ci></bvar>
                 <ci>x</ci></apply><apply><divide/><ci>x</ci><cn cellml:units="ms">2</cn>
                 </apply></apply>)")) == "");
}

TEST_CASE("CellML 1.1: a component imported from another file, with its own units") {
    // leak.cellml defines the leak in its own units (volt, second); the model imports it and
    // connects it to its mV/ms membrane: dx/dt = -(x - E)/tau = -(1 mV - (-0.002 V)) / 0.003 s
    // = -1 mV/ms.
    scratch("leak.cellml", R"(<?xml version="1.0"?>
<model name="leak_lib" xmlns="http://www.cellml.org/cellml/1.1#"
       xmlns:cellml="http://www.cellml.org/cellml/1.1#">
  <units name="V_per_s"><unit units="volt"/><unit units="second" exponent="-1"/></units>
  <component name="leak">
    <variable name="v" units="volt" public_interface="in"/>
    <variable name="E" units="volt" initial_value="-0.002"/>
    <variable name="tau" units="second" initial_value="0.003"/>
    <variable name="rate" units="V_per_s" public_interface="out"/>
    <math xmlns="http://www.w3.org/1998/Math/MathML"><apply><eq/><ci>rate</ci>
      <apply><divide/><apply><minus/><ci>E</ci><ci>v</ci></apply><ci>tau</ci></apply>
    </apply></math>
  </component>
</model>
)");
    const std::string top = R"(<?xml version="1.0"?>
<model name="top" xmlns="http://www.cellml.org/cellml/1.1#"
       xmlns:cellml="http://www.cellml.org/cellml/1.1#" xmlns:xlink="http://www.w3.org/1999/xlink">
  <units name="ms"><unit prefix="milli" units="second"/></units>
  <units name="mV"><unit prefix="milli" units="volt"/></units>
  <units name="mV_per_ms"><unit units="mV"/><unit units="ms" exponent="-1"/></units>
  <import xlink:href="leak.cellml"><component name="my_leak" component_ref="leak"/></import>
  <component name="c">
    <variable name="t" units="ms"/>
    <variable name="x" units="mV" initial_value="1" public_interface="out"/>
    <variable name="r" units="mV_per_ms" public_interface="in"/>
    <math xmlns="http://www.w3.org/1998/Math/MathML"><apply><eq/>
      <apply><diff/><bvar><ci>t</ci></bvar><ci>x</ci></apply><ci>r</ci></apply></math>
  </component>
  <connection><map_components component_1="c" component_2="my_leak"/>
    <map_variables variable_1="x" variable_2="v"/><map_variables variable_1="r" variable_2="rate"/>
  </connection>
</model>
)";
    noneq_cellml::interpreter in(scratch("top.cellml", top));
    REQUIRE(in.n_states() == 1);
    CHECK(in.constant("my_leak.tau") == rel(0.003, 1e-15));
    std::vector<double> d;
    in.rhs(in.initial_state(), d, 0.0);
    CHECK(d[0] == rel(-1.0, 1e-14));
}

TEST_CASE("CellML: the states whose rate is affine in themselves are found symbolically") {
    // Five linear states, each a different way of writing a + b x: V (an ohmic leak scaled by a
    // gate), (x_inf - x)/tau through an algebraic x_inf, alpha (1 - x) - k x, a piecewise on V
    // with a linear piece each side, and k y 2 with y = 1 - x an algebraic variable reading x.
    // Not linear: x x, exp(x), x / (1 + x), a piecewise on x, x^2; nor c0, whose rate does not
    // read it (degree 0: forward Euler is exact there already). At V = -20 mV, g1 = 0.1,
    // tau = 2 ms, k = 0.3/ms the slopes b = d(rate)/dx are: V -g1/tau = -0.05, g1 -1/tau = -0.5,
    // g2 -(k e^(V/20 mV) + k) = -0.3 (1 + 1/e), g3 -1/tau (V < 0; -k above), g4 -2k = -0.6 (per
    // ms).
    const std::string v = R"(<variable name="%" units="dimensionless" initial_value="0.2"/>)";
    const auto var = [&](const std::string& name) {
        return std::string(v).replace(v.find('%'), 1, name);
    };
    const auto ode = [](const std::string& x, const std::string& rhs) {
        return "<apply><eq/><apply><diff/><bvar><ci>t</ci></bvar><ci>" + x + "</ci></apply>" + rhs +
               "</apply>";
    };
    const std::string ci_tau = "<ci>tau</ci>", one = "<cn cellml:units=\"dimensionless\">1</cn>";
    const std::string body =
        R"(<units name="per_ms"><unit units="ms" exponent="-1"/></units>
<component name="c">
  <variable name="t" units="ms"/>
  <variable name="V" units="mV" initial_value="-20"/>
  <variable name="tau" units="ms" initial_value="2"/>
  <variable name="k" units="per_ms" initial_value="0.3"/>
  <variable name="g1" units="dimensionless" initial_value="0.1"/>
  <variable name="g1_inf" units="dimensionless"/>
  <variable name="alpha" units="per_ms"/>
  <variable name="y4" units="dimensionless"/>
)" + var("g2") +
        var("g3") + var("g4") + var("n1") + var("n2") + var("n3") + var("n4") + var("n5") +
        var("c0") + R"(<math xmlns="http://www.w3.org/1998/Math/MathML">)" +
        ode("V", "<apply><divide/><apply><times/><apply><minus/><apply><plus/><ci>V</ci>"
                 "<cn cellml:units=\"mV\">80</cn></apply></apply><ci>g1</ci></apply>" +
                     ci_tau + "</apply>") +
        "<apply><eq/><ci>g1_inf</ci><apply><divide/>" + one + "<apply><plus/>" + one +
        "<apply><exp/><apply><divide/><apply><minus/><ci>V</ci></apply><cn "
        "cellml:units=\"mV\">10</cn></apply></apply></apply></apply></apply>" +
        ode("g1", "<apply><divide/><apply><minus/><ci>g1_inf</ci><ci>g1</ci></apply>" + ci_tau +
                      "</apply>") +
        "<apply><eq/><ci>alpha</ci><apply><times/><ci>k</ci><apply><exp/><apply><divide/>"
        "<ci>V</ci><cn cellml:units=\"mV\">20</cn></apply></apply></apply></apply>" +
        ode("g2", "<apply><minus/><apply><times/><ci>alpha</ci><apply><minus/>" + one +
                      "<ci>g2</ci></apply></apply><apply><times/><ci>k</ci><ci>g2</ci></apply>"
                      "</apply>") +
        ode("g3", "<piecewise><piece><apply><divide/><apply><minus/>" + one +
                      "<ci>g3</ci></apply>" + ci_tau +
                      "</apply><apply><lt/><ci>V</ci><cn cellml:units=\"mV\">0</cn></apply>"
                      "</piece><otherwise><apply><times/><apply><minus/><ci>g3</ci></apply>"
                      "<ci>k</ci></apply></otherwise></piecewise>") +
        "<apply><eq/><ci>y4</ci><apply><minus/>" + one + "<ci>g4</ci></apply></apply>" +
        ode("g4", "<apply><times/><ci>k</ci><ci>y4</ci><cn cellml:units=\"dimensionless\">2</cn>"
                  "</apply>") +
        ode("n1",
            "<apply><divide/><apply><times/><ci>n1</ci><ci>n1</ci></apply>" + ci_tau + "</apply>") +
        ode("n2", "<apply><divide/><apply><exp/><ci>n2</ci></apply>" + ci_tau + "</apply>") +
        ode("n3", "<apply><divide/><apply><divide/><ci>n3</ci><apply><plus/>" + one +
                      "<ci>n3</ci></apply></apply>" + ci_tau + "</apply>") +
        ode("n4", "<piecewise><piece><apply><divide/>" + one + ci_tau +
                      "</apply><apply><lt/><ci>n4</ci><cn cellml:units=\"dimensionless\">0.5"
                      "</cn></apply></piece><otherwise><apply><divide/><apply><minus/><ci>n4"
                      "</ci></apply>" +
                      ci_tau + "</apply></otherwise></piecewise>") +
        ode("n5", "<apply><divide/><apply><power/><ci>n5</ci><cn cellml:units=\"dimensionless\">"
                  "2</cn></apply>" +
                      ci_tau + "</apply>") +
        ode("c0", "<apply><divide/>" + one + ci_tau + "</apply>") + "</math></component>\n";
    noneq_cellml::interpreter in(scratch("linear_states.cellml", model_xml(body)));
    std::vector<std::string> found;
    for (std::size_t i : in.linear_states())
        found.push_back(in.state_name(i));
    const std::vector<std::string> expected{"c.V", "c.g1", "c.g2", "c.g3", "c.g4"};
    CHECK(found == expected);
    std::vector<double> x = in.initial_state(), dx, b;
    in.rhs_linear(x, dx, b, 0.0);
    REQUIRE(b.size() == 5);
    CHECK(b[0] == rel(-0.05, 1e-15));
    CHECK(b[1] == rel(-0.5, 1e-15));
    CHECK(b[2] == rel(-0.3 * (1 + std::exp(-1.0)), 1e-15));
    CHECK(b[3] == rel(-0.5, 1e-15));
    CHECK(b[4] == rel(-0.6, 1e-15));
    // the other side of g3's piece; and a = dx - b x is what the rate says (g1: g1_inf/tau)
    x[0] = 10.0;
    in.rhs_linear(x, dx, b, 0.0);
    CHECK(b[3] == rel(-0.3, 1e-15));
    const std::size_t g1 = in.linear_states()[1];
    CHECK(dx[g1] - b[1] * x[g1] == rel(in.value("c.g1_inf") / 2.0, 1e-14));
}

TEST_CASE("CellML: the Rush-Larsen step of a linear state is its exact solution") {
    // The generated snippet (tests/cellml/units_across_connections.cellml) has two linear
    // states: V, dV/dt = -(g (V - E) + I_stim)/C (no stimulus at t = 0), and the gate n,
    // dn/dt = alpha(V) (1 - n). V does not read n, so its step is exact outright: V(h) = E + (V0
    // - E) e^(-h g/C), g/C = 1 nS / 10 pF = 0.1/ms; n's is exact for V frozen at V0 = -80 mV:
    // n(h) = 1 - (1 - n0) e^(-alpha h), alpha = 100/(V s) (V + 0.04 V) / (1 - e^(-(V + 0.04 V)/
    // 0.01 V)). One step of any length h, tiny (0.1 tau) or huge (10^3 tau), to rounding.
    const snippet m;
    static_assert(snippet::n_linear == 2 && noneq::rush_larsen_model<snippet>);
    const double alpha_per_ms = 100.0 * -0.04 / (1.0 - std::exp(4.0)) * 1e-3;
    for (double h : {1e-3, 1.0, 10.0, 1e4, 1e7}) {
        INFO("h = " << h << " ms");
        auto x = snippet::initial_state;
        noneq::rush_larsen_step(m, x, h);
        CHECK(x[0] == rel(-90.0 + 10.0 * std::exp(-0.1 * h), 1e-14));
        CHECK(1.0 - x[1] == rel(0.75 * std::exp(-alpha_per_ms * h), 1e-13));
    }
    // the same step over a SIMD batch, lane by lane
    using B = xsimd::batch<double>;
    std::array<B, 2> xb{B(-80.0), B(0.25)};
    noneq::rush_larsen_step(m, xb, 10.0);
    auto x = snippet::initial_state;
    noneq::rush_larsen_step(m, x, 10.0);
    CHECK(xb[0].get(B::size - 1) == rel(x[0], 1e-15));
    CHECK(xb[1].get(0) == rel(x[1], 1e-15));
}

TEST_CASE("CellML: the converter finds exactly the gates of ten Tusscher-Panfilov 2006") {
    // ten Tusscher & Panfilov 2006 (Am J Physiol Heart Circ Physiol 291:H1088), its 19
    // variables: V, the concentrations Na_i, K_i, Ca_i, Ca_ss, Ca_SR, the RyR's R-bar (written
    // dR'/dt = -k2 Ca_ss R' + k4 (1 - R'), Hodgkin-Huxley-like) and the 12 gates m, h, j (I_Na),
    // Xr1, Xr2 (I_Kr), Xs (I_Ks), r, s (I_to), d, f, f2, fCass (I_CaL), each written
    // (x_inf - x)/tau_x. The 13 gate-like ones are linear, with b = -1/tau_x and
    // -(k2 Ca_ss + k4); V (I_CaL's GHK form, I_K1's exponentials) and the concentrations (Nernst
    // logarithms, buffering quotients) are not.
    noneq_cellml::interpreter in(NONEQ_SOURCE_DIR
                                 "/../shared/reference/cellml/ten_tusscher_model_2006_epi.cellml");
    REQUIRE(in.n_states() == 19);
    const std::vector<std::pair<std::string, std::string>> gates{
        {"fast_sodium_current_m_gate.m", "tau_m"},
        {"fast_sodium_current_h_gate.h", "tau_h"},
        {"fast_sodium_current_j_gate.j", "tau_j"},
        {"rapid_time_dependent_potassium_current_Xr1_gate.Xr1", "tau_xr1"},
        {"rapid_time_dependent_potassium_current_Xr2_gate.Xr2", "tau_xr2"},
        {"slow_time_dependent_potassium_current_Xs_gate.Xs", "tau_xs"},
        {"transient_outward_current_r_gate.r", "tau_r"},
        {"transient_outward_current_s_gate.s", "tau_s"},
        {"L_type_Ca_current_d_gate.d", "tau_d"},
        {"L_type_Ca_current_f_gate.f", "tau_f"},
        {"L_type_Ca_current_f2_gate.f2", "tau_f2"},
        {"L_type_Ca_current_fCass_gate.fCass", "tau_fCass"},
        {"calcium_dynamics.R_prime", ""}};
    std::set<std::string> found, expected;
    for (std::size_t i : in.linear_states())
        found.insert(in.state_name(i));
    for (const auto& g : gates)
        expected.insert(g.first);
    CHECK(found == expected);
    for (const char* not_linear :
         {"membrane.V", "sodium_dynamics.Na_i", "potassium_dynamics.K_i", "calcium_dynamics.Ca_i",
          "calcium_dynamics.Ca_ss", "calcium_dynamics.Ca_SR"})
        CHECK(found.count(not_linear) == 0);
    std::vector<double> x = in.initial_state(), dx, b;
    in.rhs_linear(x, dx, b, 0.0);
    const auto lin = in.linear_states();
    for (std::size_t j = 0; j < lin.size(); ++j) {
        const std::string name = in.state_name(lin[j]);
        INFO(name);
        const auto g = std::find_if(gates.begin(), gates.end(),
                                    [&](const auto& p) { return p.first == name; });
        REQUIRE(g != gates.end());
        if (g->second.empty()) {
            const double k2 = in.value("calcium_dynamics.k2"), k4 = in.value("calcium_dynamics.k4");
            CHECK(b[j] == rel(-(k2 * in.value("calcium_dynamics.Ca_ss") + k4), 1e-14));
        } else {
            const std::string tau = name.substr(0, name.find('.') + 1) + g->second;
            CHECK(b[j] == rel(-1.0 / in.value(tau), 1e-14));
        }
    }
}

namespace {
/// The imported Severi 2012 with noneq's exact R and F (the CellML's are CODATA 2006; RT/F
/// differs by 1.3e-6 relative), as the hand-composed model uses them.
imported severi_imported() {
    imported m;
    m.set_constant("Membrane.R", constants::R.value() * 1e3); // J/(kmol K)
    m.set_constant("Membrane.F", constants::F.value());
    return m;
}

/// The index in the imported model of the hand-composed model's state i.
std::size_t imported_index(std::size_t i) {
    std::string n = sv::state_names[i];
    if (n == "Nai") n = "Nai_"; // the CellML's Nai is Nai_ unless BAPTA clamps it
    for (std::size_t j = 0; j < imported::n_states; ++j) {
        const std::string s = imported::state_names[j];
        if (s.substr(s.find('.') + 1) == n) return j;
    }
    return imported::n_states;
}
} // namespace

TEST_CASE("Severi 2012 imported from CellML: derivatives equal the hand-composed model's") {
    // At the published initial state (the CellML's initial values, the paper's model): every
    // derivative to 1e-10 relative (measured: 1.2e-15; the two differ only in rounding order and
    // the SI scaling at the boundary). The two BAPTA states of the CellML stay 0.
    const imported m = severi_imported();
    const sv::model h;
    auto x = imported::initial_state;
    imported::state_type dx;
    m.rhs(x, dx);
    sv::state dh;
    h.rhs(sv::initial_state, dh);
    for (std::size_t i = 0; i < sv::n_states; ++i) {
        const std::size_t j = imported_index(i);
        REQUIRE(j < imported::n_states);
        INFO(sv::state_names[i]);
        CHECK(x[j] == sv::initial_state[i]);
        CHECK(dx[j] == rel(dh[i], 1e-10));
    }
}

TEST_CASE("Severi 2012 imported from CellML: the cycle length equals the hand-composed model's") {
    // RODAS4 at rtol 1e-7 (cardiac/cell_run.hpp: ~1e-8 relative cycle-length error) over 1.2 s,
    // cycles measured after the first 0.4 s: the two cycle lengths to 1e-6 relative.
    const imported m = severi_imported();
    const sv::model h;
    const auto t0 = noneq::time<double>::from_value(0.0);
    const auto t1 = noneq::time<double>::from_value(1.2);
    std::vector<double> ti, vi, th, vh;
    auto xi = imported::initial_state;
    cardiac::run_cell(
        m, xi, m.scale(), t0, t1,
        [&](const imported::state_type& y, double t) {
            ti.push_back(t);
            vi.push_back(y[imported::voltage_index]);
        },
        cardiac::cell_options(1e-7));
    auto xh = sv::initial_state;
    cardiac::run_cell(
        h, xh, sv::state_scale, t0, t1,
        [&](const sv::state& y, double t) {
            th.push_back(t);
            vh.push_back(y[sv::V]);
        },
        cardiac::cell_options(1e-7));
    cycle_options o;
    o.t_start_s = 0.4;
    const auto a = measure_cycles(ti, vi, {}, o), b = measure_cycles(th, vh, {}, o);
    REQUIRE(a.n_cycles >= 1);
    MESSAGE("cycle length imported ", a.cycle_length_s, " s, hand-composed ", b.cycle_length_s,
            " s, relative difference ", std::abs(a.cycle_length_s / b.cycle_length_s - 1.0));
    CHECK(a.n_cycles == b.n_cycles);
    CHECK(a.cycle_length_s == rel(b.cycle_length_s, 1e-6));
}

namespace {
/// 11 imported Severi cells (two batches and a tail) after 200 population steps of 1e-5 s.
noneq::population<noneq::ode_cell<imported>> severi_population(const imported& m,
                                                               noneq::ode_stepper stepper) {
    using namespace noneq::literals;
    using cell = noneq::ode_cell<imported>;
    std::array<const char*, imported::n_states> names{};
    for (std::size_t i = 0; i < imported::n_states; ++i)
        names[i] = imported::state_names[i];
    const auto x0 = imported::initial_state;
    noneq::population<cell>::options opt;
    opt.spike_capacity = 0;
    cell c(m, x0, names, 1.0);
    c.set_stepper(stepper);
    CHECK(c.stepper() == stepper);
    noneq::population<cell> pop(11, c, 1e-5 * 1.0_s, x0[0] * 1.0_mV, opt);
    pop.advance_steps(200);
    return pop;
}
} // namespace

TEST_CASE("Severi 2012 imported from CellML: a SIMD population steps it as one cell does") {
    // population<ode_cell<model>> with forward Euler forced (ode_stepper::forward_euler) at dt
    // 1e-5 s over SIMD batches against the same Euler steps of one cell through rhs(x, dx), 200
    // steps from the published state: the same arithmetic up to fused multiply-adds (a few ulp
    // per step), so every state to 1e-12 relative to its scale.
    const imported m;
    const auto pop = severi_population(m, noneq::ode_stepper::forward_euler);
    auto x = imported::initial_state;
    imported::state_type d;
    for (int k = 0; k < 200; ++k) {
        m.rhs(x, d);
        for (std::size_t i = 0; i < imported::n_states; ++i)
            x[i] += 1e-5 * d[i];
    }
    const auto s = m.scale();
    for (std::size_t c : {std::size_t(0), std::size_t(10)})
        for (std::size_t i = 0; i < imported::n_states; ++i) {
            INFO(imported::state_names[i]);
            CHECK(std::abs(pop.state(c, i) - x[i]) <= 1e-12 * s[i]);
        }
    CHECK(in_mV(pop.v(10)) == rel(x[0], 1e-12));
}

TEST_CASE("Severi 2012 imported from CellML: the population's Rush-Larsen step is one cell's") {
    // The default step of an imported model (29 of Severi's 33 states are linear in themselves):
    // the population over SIMD batches against rush_larsen_step on one cell, 200 steps of
    // 1e-5 s: the same arithmetic up to fused multiply-adds and the batch expm1 (a few ulp), so
    // every state to 1e-12 relative to its scale; and the slopes b the header computes equal the
    // interpreter's (the same expressions, evaluated over the same sorted form) to 1e-13.
    const imported m;
    static_assert(imported::n_linear == 29 && noneq::ode_cell<imported>::has_rush_larsen);
    const auto pop = severi_population(m, noneq::ode_stepper::rush_larsen);
    auto x = imported::initial_state;
    for (int k = 0; k < 200; ++k)
        noneq::rush_larsen_step(m, x, 1e-5);
    const auto s = m.scale();
    for (std::size_t c : {std::size_t(0), std::size_t(10)})
        for (std::size_t i = 0; i < imported::n_states; ++i) {
            INFO(imported::state_names[i]);
            CHECK(std::abs(pop.state(c, i) - x[i]) <= 1e-12 * s[i]);
        }
    noneq_cellml::interpreter in(
        NONEQ_SOURCE_DIR "/../shared/reference/severi_fantini_charawi_difrancesco_2012.cellml");
    REQUIRE(in.linear_states().size() == imported::n_linear);
    std::vector<double> di, bi;
    in.rhs_linear({x.begin(), x.end()}, di, bi, 0.0);
    imported::state_type dx;
    std::array<double, imported::n_linear> b;
    m.rhs_linear(x, dx, b);
    for (std::size_t j = 0; j < imported::n_linear; ++j) {
        INFO(imported::state_names[imported::linear_states[j]]);
        CHECK(in.linear_states()[j] == imported::linear_states[j]);
        CHECK(b[j] == rel(bi[j], 1e-13));
    }
}

TEST_CASE("CellML corpus: every linear state's slope b is the difference quotient of its rate") {
    // For each model of the reference corpus that converts (53 of 64, docs/cellml.md) and each
    // state the converter finds linear, b from the symbolic derivative against the central
    // difference (f(x + d) - f(x - d)) / 2d of the interpreted rate at the initial state, d =
    // 1e-3 max(|x|, 1e-3). The rate being affine in x, the quotient is exact up to the rounding
    // of the two rates, eps x (the size of their terms) / d: 1e-12 relative where the terms are
    // the size of the rate, up to 4e4 times that where the rate is a small difference of large
    // fluxes (Ca buffers, Markov states); measured worst 3.1e-10 relative (964 states). The
    // check, 1e-8 relative plus 64 eps of the rates over d, still rejects a wrong term, sign or
    // factor by orders of magnitude.
    const std::string dir = NONEQ_SOURCE_DIR "/../shared/reference/cellml";
    REQUIRE(fs::is_directory(dir));
    std::size_t models = 0, states = 0;
    for (const auto& f : fs::directory_iterator(dir)) {
        if (f.path().extension() != ".cellml") continue;
        std::unique_ptr<noneq_cellml::interpreter> in;
        try {
            in = std::make_unique<noneq_cellml::interpreter>(f.path().string());
        } catch (const noneq_cellml::error&) {
            continue; // rejected (units); the corpus table names why
        }
        ++models;
        const std::vector<double> x = in->initial_state();
        std::vector<double> dx, b, dp, dm;
        in->rhs_linear(x, dx, b, 0.0);
        const auto lin = in->linear_states();
        for (std::size_t j = 0; j < lin.size(); ++j) {
            const std::size_t k = lin[j];
            INFO(f.path().filename().string() << ": " << in->state_name(k));
            const double d = 1e-3 * std::max(std::abs(x[k]), 1e-3);
            auto xp = x, xm = x;
            xp[k] += d;
            xm[k] -= d;
            in->rhs(xp, dp, 0.0);
            in->rhs(xm, dm, 0.0);
            const double eps = std::numeric_limits<double>::epsilon();
            CHECK(std::abs((dp[k] - dm[k]) / (2 * d) - b[j]) <=
                  1e-8 * std::abs(b[j]) + 64 * eps * (std::abs(dp[k]) + std::abs(dm[k])) / d);
            ++states;
        }
    }
    MESSAGE(models << " corpus models, " << states << " linear states checked");
    CHECK(models >= 50);
    CHECK(states >= 900);
}
