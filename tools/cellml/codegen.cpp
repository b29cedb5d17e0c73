// noneq-cellml: code generation (codegen.hpp).
#include "codegen.hpp"
#include "linear.hpp"

#include <cmath>
#include <cstdio>
#include <functional>
#include <set>
#include <sstream>

namespace noneq_cellml {

std::string identifier(const std::string& s) {
    std::string r;
    for (const char c : s)
        r += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
    if (r.empty() || std::isdigit(static_cast<unsigned char>(r[0]))) r = "m_" + r;
    return r;
}

namespace {

std::string num(double v) {
    if (std::isnan(v)) return "std::numeric_limits<double>::quiet_NaN()";
    if (std::isinf(v))
        return v > 0 ? "std::numeric_limits<double>::infinity()"
                     : "-std::numeric_limits<double>::infinity()";
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    std::string s = b;
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

std::string dim_type(const dims& d, const std::string& where) {
    if (is_dimensionless(d)) return "dimless";
    for (int den = 1; den <= 1000; ++den) { // the smallest common denominator of the exponents
        bool ok = true;
        for (int i = 0; i < n_base && ok; ++i)
            ok = std::abs(d[i] * den - std::round(d[i] * den)) < 1e-9 * den;
        if (!ok) continue;
        std::string s = "dim<";
        for (int i = 0; i < n_base; ++i)
            s += (i ? ", " : "") + std::to_string(static_cast<long>(std::round(d[i] * den)));
        return s + (den > 1 ? ", " + std::to_string(den) : "") + ">";
    }
    throw error("a dimension [" + to_string(d) + "] with exponents that are not fractions in " +
                where + " (not supported)");
}

/// The smallest n/den (den <= 1000) equal to x, or false.
bool rational(double x, int& n, int& den) {
    for (den = 1; den <= 1000; ++den) {
        const double r = std::round(x * den);
        if (std::abs(x * den - r) < 1e-9 && std::abs(r) < 1e6) {
            n = static_cast<int>(r);
            return true;
        }
    }
    return false;
}

struct emitter {
    const model& m;
    const analysis& a;
    std::string where;

    std::string name(int cls) const {
        const variable& v = m.vars[a.source[cls]];
        return "v_" + identifier(v.component + "__" + v.name);
    }

    std::string fold(const std::string& f, const expr& e) const {
        std::string s = emit(e.args[0]);
        for (std::size_t i = 1; i < e.args.size(); ++i)
            s = f + "(" + s + ", " + emit(e.args[i]) + ")";
        return s;
    }
    std::string infix(const std::string& op, const expr& e) const {
        std::string s = "(";
        for (std::size_t i = 0; i < e.args.size(); ++i)
            s += (i ? " " + op + " " : "") + emit(e.args[i]);
        return s + ")";
    }

    std::string emit(const expr& e) const {
        switch (e.kind) {
        case expr::ci:
            return name(m.vars[e.var].cls);
        case expr::cn:
            return "lit<" + dim_type(e.unit.d, where) + ">(" + num(e.value * e.unit.factor) + ")";
        case expr::constant:
            if (e.op == "true" || e.op == "false") return e.op;
            if (e.op == "pi") return "lit<dimless>(" + num(M_PI) + ")";
            if (e.op == "exponentiale") return "lit<dimless>(" + num(M_E) + ")";
            if (e.op == "infinity") return "lit<dimless>(" + num(INFINITY) + ")";
            return "lit<dimless>(" + num(NAN) + ")";
        case expr::piecewise: {
            const type_info t = type_of(m, e, where);
            const std::size_t pieces = (e.args.size() - (e.has_otherwise ? 1 : 0)) / 2;
            std::string s =
                e.has_otherwise ? emit(e.args.back()) : "undefined<" + dim_type(t.d, where) + ">()";
            for (std::size_t i = pieces; i-- > 0;)
                s = "pick(" + emit(e.args[2 * i + 1]) + ", " + emit(e.args[2 * i]) + ", " + s + ")";
            return s;
        }
        case expr::apply:
            break;
        }
        const std::string& op = e.op;
        const auto arg = [&](std::size_t i) { return emit(e.args.at(i)); };
        if (op == "diff") return "r_" + name(m.vars[e.args.at(1).var].cls).substr(2);
        if (op == "plus") return e.args.size() == 1 ? arg(0) : infix("+", e);
        if (op == "minus") return e.args.size() == 1 ? "(-" + arg(0) + ")" : infix("-", e);
        if (op == "times") return infix("*", e);
        if (op == "divide") return infix("/", e);
        if (op == "power" || op == "root") {
            const type_info base = type_of(m, e.args[0], where);
            double ex = 0.5;
            bool known = true;
            std::string ex_code;
            if (op == "power") {
                const type_info t = type_of(m, e.args[1], where);
                known = t.literal;
                ex = t.value;
                ex_code = arg(1);
            } else if (e.qualifier) {
                const type_info t = type_of(m, *e.qualifier, where);
                known = t.literal;
                ex = 1.0 / t.value;
                ex_code = "(lit<dimless>(1.0) / " + emit(*e.qualifier) + ")";
            }
            int n = 0, den = 1;
            if (known && rational(ex, n, den) && (den > 1 || (n >= -8 && n <= 8)))
                return "rpow<" + std::to_string(n) + ", " + std::to_string(den) + ">(" + arg(0) +
                       ")";
            if (is_dimensionless(base.d)) {
                if (known && ex_code.empty()) ex_code = "lit<dimless>(" + num(ex) + ")";
                return "pow(" + arg(0) + ", " + ex_code + ")";
            }
            const type_info r = type_of(m, e, where);
            return "pow_as<" + dim_type(r.d, where) + ">(" + arg(0) + ", " + ex_code + ")";
        }
        static const std::map<std::string, std::string> same_name{
            {"exp", "exp"},       {"ln", "log"},        {"sin", "sin"},     {"cos", "cos"},
            {"tan", "tan"},       {"sinh", "sinh"},     {"cosh", "cosh"},   {"tanh", "tanh"},
            {"arcsin", "asin"},   {"arccos", "acos"},   {"arctan", "atan"}, {"arcsinh", "asinh"},
            {"arccosh", "acosh"}, {"arctanh", "atanh"}, {"abs", "abs"},     {"floor", "floor"},
            {"ceiling", "ceil"},  {"exprel", "exprel"}};
        if (const auto it = same_name.find(op); it != same_name.end())
            return it->second + "(" + arg(0) + ")";
        if (op == "sec") return "(lit<dimless>(1.0) / cos(" + arg(0) + "))";
        if (op == "csc") return "(lit<dimless>(1.0) / sin(" + arg(0) + "))";
        if (op == "cot") return "(lit<dimless>(1.0) / tan(" + arg(0) + "))";
        if (op == "log") {
            if (!e.qualifier) return "log10(" + arg(0) + ")";
            return "(log(" + arg(0) + ") / log(" + emit(*e.qualifier) + "))";
        }
        if (op == "min" || op == "max") return fold(op, e);
        if (op == "rem") return "rem(" + arg(0) + ", " + arg(1) + ")";
        static const std::map<std::string, std::string> rel{
            {"eq", "=="}, {"neq", "!="}, {"lt", "<"}, {"gt", ">"}, {"leq", "<="}, {"geq", ">="}};
        if (const auto it = rel.find(op); it != rel.end())
            return "(" + arg(0) + " " + it->second + " " + arg(1) + ")";
        if (op == "and") return fold("land", e);
        if (op == "or") return fold("lor", e);
        if (op == "not") return "lnot(" + arg(0) + ")";
        throw error("unsupported MathML operator <" + op + "> in " + where);
    }
};

void collect(const expr& e, const model& m, std::set<int>& out) {
    if (e.kind == expr::apply && e.op == "diff" && e.args.size() == 2) {
        out.insert(m.n_classes + m.vars[e.args[1].var].cls);
        return;
    }
    if (e.kind == expr::ci) out.insert(m.vars[e.var].cls);
    for (const auto& x : e.args)
        collect(x, m, out);
    if (e.qualifier) collect(*e.qualifier, m, out);
}

std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

/// Names joined by ", " into comment lines of at most ~96 characters, each starting `lead`.
std::string wrapped(const std::vector<std::string>& names, const std::string& lead) {
    if (names.empty()) return lead + "(none)\n";
    std::string out, line = lead;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string item = names[i] + (i + 1 < names.size() ? "," : "");
        if (line.size() > lead.size() && line.size() + 1 + item.size() > 96) {
            out += line + "\n";
            line = lead;
        }
        line += (line.size() > lead.size() ? " " : "") + item;
    }
    return out + line + "\n";
}

} // namespace

std::string generate(const model& m, const analysis& a, const codegen_options& o) {
    std::ostringstream h;
    const std::string ns = identifier(o.ns.empty() ? m.name : o.ns);
    const std::size_t n = a.states.size(), nk = a.constants.size(), nd = a.derived.size();
    const auto full = [&](int cls) {
        const variable& v = m.vars[a.source[cls]];
        return v.component + "." + v.name;
    };
    const auto eq_where = [&](int cls) {
        const variable& v = m.vars[a.source[cls]];
        return "component '" + v.component + "', equation of variable '" + v.name + "'";
    };
    const auto type_of_cls = [&](int cls, bool varies) {
        return "q<" + dim_type(m.vars[a.source[cls]].unit.d, full(cls)) + ", " +
               (varies ? "V" : "double") + ">";
    };
    const std::vector<linear_state> lin = find_linear_states(m, a);
    std::vector<std::string> lin_names, other_names;
    {
        std::vector<bool> is_lin(n, false);
        for (const auto& l : lin)
            is_lin[l.index] = true;
        for (std::size_t i = 0; i < n; ++i)
            (is_lin[i] ? lin_names : other_names).push_back(full(a.states[i]));
    }
    // initial values, in the state's model units
    std::vector<double> x0(n);
    for (std::size_t i = 0; i < n; ++i)
        for (const auto& v : m.vars)
            if (v.cls == a.states[i] && v.has_initial) {
                x0[i] = v.initial * v.unit.factor / a.state_factor[i];
                if (&v == &m.vars[a.source[a.states[i]]]) break;
            }
    std::vector<int> state_index(static_cast<std::size_t>(m.n_classes), -1),
        const_index(static_cast<std::size_t>(m.n_classes), -1),
        derived_index(static_cast<std::size_t>(m.n_classes), -1);
    for (std::size_t i = 0; i < n; ++i)
        state_index[a.states[i]] = static_cast<int>(i);
    for (std::size_t i = 0; i < nk; ++i)
        const_index[a.constants[i]] = static_cast<int>(i);
    for (std::size_t i = 0; i < nd; ++i)
        derived_index[a.derived[i]] = static_cast<int>(i);

    h << "// " << m.name << ": generated by noneq-cellml from " << o.source
      << ". Do not edit; regenerate.\n"
      << "//\n// Every variable is a noneq::cellml::q<dimension, value type> in coherent SI: the\n"
      << "// header compiles only if every equation's units are consistent. The state is in the\n"
      << "// model's units (below), time in " << (a.time_factor == 1e-3 ? "ms" : "s")
      << "; the rates are per that time unit.\n"
      << "// " << n << " states, " << nk << " constants, " << nd << " derived constants, "
      << a.algebraic.size() << " algebraic variables; " << a.exprel_rewrites
      << " singular x/(exp(x)-1) terms rewritten through exprel.\n"
      << "//\n// " << lin.size() << " of the " << n
      << " states have a rate affine in themselves, dx/dt = a + b x with a, b free of x (the\n"
      << "// converter's symbolic analysis: the gates); rhs_linear() gives b for them, and a\n"
      << "// stepper may take their exact step for frozen other states (Rush-Larsen):\n"
      << wrapped(lin_names, "//   ") << "// The others (forward Euler in such a stepper):\n"
      << wrapped(other_names, "//   ") << "#pragma once\n\n#include <noneq/cellml/quantity.hpp>\n"
      << "#include <noneq/core/error.hpp>\n#include <noneq/integrate/time_unit.hpp>\n\n"
      << "#include <array>\n#include <cmath>\n#include <cstddef>\n#include <limits>\n"
      << "#include <string>\n#include <string_view>\n#include <type_traits>\n\n"
      << "namespace noneq::cellml_models::" << ns << " {\n\n"
      << "class model {\npublic:\n"
      << "    static constexpr std::size_t n_states = " << n << ", n_constants = " << nk << ";\n"
      << "    using state_type = std::array<double, n_states>;\n"
      << "    using time_unit = noneq::" << (a.time_factor == 1e-3 ? "milliseconds" : "seconds")
      << ";\n    static constexpr bool simd_rhs = true;\n"
      << "    /// The state index of the membrane voltage (mV; oxmeta membrane_voltage), or -1.\n"
      << "    static constexpr int voltage_index = " << a.voltage_state << ";\n";
    h << "    static constexpr std::array<const char*, n_states> state_names{";
    for (std::size_t i = 0; i < n; ++i)
        h << (i ? ", " : "") << quoted(full(a.states[i]));
    h << "};\n    static constexpr std::array<const char*, n_states> state_units{";
    for (std::size_t i = 0; i < n; ++i)
        h << (i ? ", " : "") << quoted(a.state_unit[i]);
    h << "};\n    /// The states whose rate is affine in themselves (indices; rhs_linear gives "
         "b).\n"
      << "    static constexpr std::size_t n_linear = " << lin.size() << ";\n"
      << "    static constexpr std::array<std::size_t, n_linear> linear_states{";
    for (std::size_t j = 0; j < lin.size(); ++j)
        h << (j ? ", " : "") << lin[j].index;
    h << "};\n    /// The published initial state, in the model's units.\n"
      << "    static constexpr state_type initial_state{";
    for (std::size_t i = 0; i < n; ++i)
        h << (i ? ", " : "") << num(x0[i]);
    h << "};\n    /// The constants by name (component.variable) and in their model units.\n"
      << "    static constexpr std::array<const char*, n_constants> constant_names{";
    for (std::size_t i = 0; i < nk; ++i)
        h << (i ? ", " : "") << quoted(full(a.constants[i]));
    h << "};\n    static constexpr std::array<const char*, n_constants> constant_units{";
    for (std::size_t i = 0; i < nk; ++i)
        h << (i ? ", " : "") << quoted(m.vars[a.source[a.constants[i]]].units_name);
    h << "};\n    /// Model units -> SI of each constant.\n"
      << "    static constexpr std::array<double, n_constants> constant_factor{";
    for (std::size_t i = 0; i < nk; ++i)
        h << (i ? ", " : "") << num(m.vars[a.source[a.constants[i]]].unit.factor);
    h << "};\n";
    // oxmeta-annotated constants (the stimulus protocol)
    const char* const annotated[] = {
        "membrane_stimulus_current_period", "membrane_stimulus_current_duration",
        "membrane_stimulus_current_amplitude", "membrane_stimulus_current_offset"};
    h << "    /// Constants named by oxmeta annotations: index into constant_names, or -1.\n";
    for (const char* an : annotated) {
        int idx = -1;
        if (m.oxmeta.count(an)) idx = const_index[m.vars[m.var_index.at(m.oxmeta.at(an))].cls];
        h << "    static constexpr int " << (std::string(an).substr(26)) << "_constant = " << idx
          << ";\n";
    }
    h << "    /// Whether the model is autonomous (no equation reads the time).\n"
      << "    static constexpr bool autonomous = ";
    std::set<int> all_refs;
    const int nc = m.n_classes;
    const auto def_of = [&](int node) { return a.def[node % nc]; };
    for (int node : a.algebraic)
        collect(def_of(node)->rhs, m, all_refs);
    h << (a.time_cls >= 0 && all_refs.count(a.time_cls) ? "false" : "true") << ";\n\n";

    h << "    model() {\n        k_ = {";
    for (std::size_t i = 0; i < nk; ++i) {
        const variable& v = m.vars[a.source[a.constants[i]]];
        h << (i ? ", " : "") << num(v.initial * v.unit.factor);
    }
    h << "};\n        update();\n    }\n\n"
      << "    /// Typical magnitudes of the states (|initial value|, or 1 where it is 0).\n"
      << "    state_type scale() const {\n        state_type s;\n"
      << "        for (std::size_t i = 0; i < n_states; ++i)\n"
      << "            s[i] = initial_state[i] != 0.0 ? std::abs(initial_state[i]) : 1.0;\n"
      << "        return s;\n    }\n"
      << "    std::string variable_name(std::size_t i) const {\n"
      << "        return i < n_states ? state_names[i] : \"?\";\n    }\n"
      << "    /// The index of a constant by name (component.variable), or -1.\n"
      << "    static int constant_index(std::string_view name) {\n"
      << "        for (std::size_t i = 0; i < n_constants; ++i)\n"
      << "            if (name == constant_names[i]) return static_cast<int>(i);\n"
      << "        return -1;\n    }\n"
      << "    /// A constant in its model units.\n"
      << "    double constant(std::string_view name) const {\n"
      << "        return k_[checked_index(name)] / constant_factor[checked_index(name)];\n    }\n"
      << "    /// Sets a constant, in its model units (the derived constants follow).\n"
      << "    void set_constant(std::string_view name, double value) {\n"
      << "        noneq::require_finite(\"value\", value);\n"
      << "        const std::size_t i = checked_index(name);\n"
      << "        k_[i] = value * constant_factor[i];\n        update();\n    }\n\n";

    // rhs
    std::set<int> needed;
    for (int c : a.states)
        needed.insert(nc + c);
    for (auto it = a.algebraic.rbegin(); it != a.algebraic.rend(); ++it)
        if (needed.count(*it)) collect(def_of(*it)->rhs, m, needed);
    h << "    /// d(state)/dt at state x and time t (model units), over any value type.\n"
      << "    template <class V>\n"
      << "    void rhs_at(const std::array<V, n_states>& x, std::array<V, n_states>& dx,\n"
      << "                const V& t) const {\n"
      << "        evaluate(x, dx, nullptr, t);\n    }\n";
    if (!lin.empty())
        h << "    /// d(state)/dt as rhs_at, and b[j] = d(dx[k])/d(x[k]) for k = linear_states[j]\n"
          << "    /// (free of x[k]; per time unit): dx[k] = a + b x[k], x_inf = x[k] - dx[k] / "
             "b.\n"
          << "    template <class V>\n"
          << "    void rhs_linear_at(const std::array<V, n_states>& x, std::array<V, n_states>& "
             "dx,\n"
          << "                       std::array<V, n_linear>& b, const V& t) const {\n"
          << "        evaluate(x, dx, &b, t);\n    }\n"
          << "    /// rhs_linear_at at time 0 (all of it for an autonomous model).\n"
          << "    template <class V>\n"
          << "    void rhs_linear(const std::array<V, n_states>& x, std::array<V, n_states>& dx,\n"
          << "                    std::array<V, n_linear>& b) const {\n"
          << "        evaluate(x, dx, &b, V(scalar_t<V>(0)));\n    }\n";
    std::ostringstream body;
    body << "    /// The right-hand side, and with B = std::array<V, n_linear>* the slopes b.\n"
         << "    template <class V, class B>\n"
         << "    void evaluate(const std::array<V, n_states>& x, std::array<V, n_states>& dx,\n"
         << "                  [[maybe_unused]] B b, const V& t) const {\n"
         << "        using namespace noneq::cellml;\n"
         << "        [[maybe_unused]] const auto c = [](double v) { return V(scalar_t<V>(v)); };\n";
    if (a.time_cls >= 0 && needed.count(a.time_cls))
        body << "        const q<dim<0, 0, 1, 0, 0, 0, 0>, V> "
             << emitter{m, a, ""}.name(a.time_cls) << "{t * c(" << num(a.time_factor) << ")};\n";
    else
        body << "        (void)t;\n";
    for (std::size_t i = 0; i < n; ++i)
        if (needed.count(a.states[i]))
            body << "        const " << type_of_cls(a.states[i], true) << " "
                 << emitter{m, a, ""}.name(a.states[i]) << "{x[" << i << "] * c("
                 << num(a.state_factor[i]) << ")};\n";
    for (std::size_t i = 0; i < nk; ++i)
        if (needed.count(a.constants[i]))
            body << "        const " << type_of_cls(a.constants[i], false) << " "
                 << emitter{m, a, ""}.name(a.constants[i]) << "{k_[" << i << "]};\n";
    for (std::size_t i = 0; i < nd; ++i)
        if (needed.count(a.derived[i]))
            body << "        const " << type_of_cls(a.derived[i], false) << " "
                 << emitter{m, a, ""}.name(a.derived[i]) << "{d_[" << i << "]};\n";
    const dims td = a.time_cls >= 0 ? m.vars[a.source[a.time_cls]].unit.d : dims{};
    const auto rate_dims = [&](int c) {
        dims rd = m.vars[a.source[c]].unit.d;
        for (int k = 0; k < n_base; ++k)
            rd[k] -= td[k];
        return rd;
    };
    for (int node : a.algebraic) {
        if (!needed.count(node)) continue;
        const int c = node % nc;
        const emitter em{m, a, eq_where(c)};
        // an expression of constants only (a rate fixed at 0, say) is widened to V
        std::set<int> refs;
        collect(a.def[c]->rhs, m, refs);
        bool varies = false;
        for (int r : refs)
            varies = varies || r >= nc || a.roles[r] == role::state || a.roles[r] == role::time ||
                     a.roles[r] == role::algebraic;
        std::string code = em.emit(a.def[c]->rhs);
        if (!varies) code = "widen<V>(" + code + ")";
        if (node >= nc)
            body << "        const q<" << dim_type(rate_dims(c), full(c)) << ", V> r_"
                 << em.name(c).substr(2) << " = " << code << ";\n";
        else
            body << "        const " << type_of_cls(c, true) << " " << em.name(c) << " = " << code
                 << ";\n";
    }
    for (std::size_t i = 0; i < n; ++i) {
        const int c = a.states[i];
        body << "        dx[" << i << "] = rate<" << dim_type(rate_dims(c), full(c)) << ">(r_"
             << emitter{m, a, ""}.name(c).substr(2) << ", "
             << num(a.time_factor / a.state_factor[i]) << ");\n";
    }
    for (const auto& l : lin) {
        const int c = a.states[l.index];
        const emitter em{m, a, eq_where(c)};
        std::set<int> refs;
        collect(l.b, m, refs);
        bool varies = false;
        for (int r : refs)
            varies = varies || r >= nc || a.roles[r] == role::state || a.roles[r] == role::time ||
                     a.roles[r] == role::algebraic;
        std::string code = em.emit(l.b);
        if (!varies) code = "widen<V>(" + code + ")";
        body << "        if constexpr (!std::is_same_v<B, std::nullptr_t>)\n"
             << "            (*b)[" << (&l - lin.data()) << "] = rate<dim<0, 0, -1, 0, 0, 0, 0>>("
             << code << ", " << num(a.time_factor) << "); // " << full(c) << "\n";
    }
    body << "    }\n";
    h << "    /// d(state)/dt at time 0 (all of it for an autonomous model).\n"
      << "    template <class V>\n"
      << "    void rhs(const std::array<V, n_states>& x, std::array<V, n_states>& dx) const {\n"
      << "        rhs_at(x, dx, V(scalar_t<V>(0)));\n    }\n"
      << "    /// Boost.Odeint's and noneq::run's signature.\n"
      << "    template <class V>\n"
      << "    void operator()(const std::array<V, n_states>& x, std::array<V, n_states>& dx,\n"
      << "                    double t) const {\n"
      << "        rhs_at(x, dx, V(scalar_t<V>(t)));\n    }\n\n"
      << "private:\n"
      << "    std::array<double, n_constants> k_{};\n"
      << "    std::array<double, " << (nd ? nd : 1) << "> d_{};\n\n"
      << body.str() << "\n"
      << "    static std::size_t checked_index(std::string_view name) {\n"
      << "        const int i = constant_index(name);\n"
      << "        if (i < 0)\n"
      << "            throw noneq::domain_error(\"argument 'name' = '\" + std::string(name) +\n"
      << "                                     \"' is not a constant of " << m.name << "\");\n"
      << "        return static_cast<std::size_t>(i);\n    }\n\n"
      << "    /// The constants computed from constants only, once per change.\n"
      << "    void update() {\n        using namespace noneq::cellml;\n";
    std::set<int> dneeded;
    for (int c : a.derived)
        collect(a.def[c]->rhs, m, dneeded);
    for (std::size_t i = 0; i < nk; ++i)
        if (dneeded.count(a.constants[i]))
            h << "        const " << type_of_cls(a.constants[i], false) << " "
              << emitter{m, a, ""}.name(a.constants[i]) << "{k_[" << i << "]};\n";
    for (std::size_t i = 0; i < nd; ++i) {
        const int c = a.derived[i];
        const emitter em{m, a, eq_where(c)};
        h << "        const " << type_of_cls(c, false) << " " << em.name(c) << " = "
          << em.emit(a.def[c]->rhs) << ";\n"
          << "        d_[" << i << "] = " << em.name(c) << ".v;\n";
    }
    h << "    }\n};\n\n} // namespace noneq::cellml_models::" << ns << "\n";
    (void)state_index;
    (void)derived_index;
    return h.str();
}

} // namespace noneq_cellml
