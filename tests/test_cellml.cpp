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

#include <interpret.hpp>
#include <severi_fantini_charawi_difrancesco_2012.hpp>
#include <units_across_connections.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
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
