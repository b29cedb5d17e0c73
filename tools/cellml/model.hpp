// noneq-cellml: a CellML 1.0/1.1 model read into an intermediate form.
//
// Components, their variables (with units reduced to SI, interfaces and initial values), the
// connections joining variables into classes (one value each), the MathML equations as
// expression trees, and the oxmeta annotations (RDF `bqbiol:is` oxford-metadata#NAME on a
// variable's cmeta:id). Imports (CellML 1.1) are followed: the imported components are read from
// the imported file, renamed as the import says. Group/encapsulation does not change the
// equations and is read only to accept the file.
#pragma once

#include "units.hpp"

#include <pugixml.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace noneq_cellml {

/// A MathML expression. kind: ci (name), cn (value, units), apply (op, args), piecewise (args:
/// value, condition, value, condition, ... and `otherwise` last if has_otherwise), constant (op:
/// pi, exponentiale, true, false, infinity, notanumber).
struct expr {
    enum kind_t { ci, cn, apply, piecewise, constant } kind = cn;
    std::string op;
    double value = 0.0;
    std::string units; ///< cn: its units' name
    si_unit unit;      ///< cn: its units in SI
    std::vector<expr> args;
    std::shared_ptr<expr> qualifier; ///< root's degree, log's logbase
    bool has_otherwise = false;
    int var = -1; ///< ci: the variable (index into model::vars)
};

struct variable {
    std::string component, name, units_name;
    si_unit unit;
    bool has_initial = false;
    double initial = 0.0; ///< in the variable's own units
    std::string cmeta_id;
    int cls = -1; ///< the class (connected set) it belongs to
};

/// One equation: lhs variable (algebraic) or d(state)/d(bvar) = rhs.
struct equation {
    std::string component;
    int lhs = -1;  ///< the variable defined
    int bvar = -1; ///< >= 0 for an ODE: the bound variable (time)
    expr rhs;
};

struct model {
    std::string name;
    std::vector<variable> vars;
    std::vector<equation> eqs;
    std::map<std::string, int> var_index;      ///< "component.variable" -> vars index
    std::map<std::string, std::string> oxmeta; ///< oxmeta name -> "component.variable"
    int n_classes = 0;
    std::vector<int> class_rep; ///< a representative variable of each class
};

namespace detail {

inline std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}
inline std::string local(const char* qname) {
    const std::string s = qname;
    const auto c = s.find(':');
    return c == std::string::npos ? s : s.substr(c + 1);
}
inline std::string attr(const pugi::xml_node& n, const char* local_name) {
    for (const auto a : n.attributes())
        if (local(a.name()) == local_name) return a.value();
    return {};
}
inline double number(const std::string& s, const std::string& where) {
    try {
        std::size_t used = 0;
        const double v = std::stod(trim(s), &used);
        if (used == trim(s).size()) return v;
    } catch (const std::exception&) {
    }
    throw error("not a number: '" + s + "' (" + where + ")");
}

/// The units of one model (model-level and component-level definitions).
class unit_table {
public:
    void add(const std::string& scope, const pugi::xml_node& n) { defs_[key(scope, n)] = n; }
    si_unit get(const std::string& scope, const std::string& name, int depth = 0) {
        if (depth > 50) throw error("units '" + name + "' are defined in terms of themselves");
        const auto& b = builtin_units();
        const std::string k = defs_.count(scope + "/" + name) ? scope + "/" + name : "/" + name;
        const auto it = defs_.find(k);
        if (it == defs_.end()) {
            const auto bi = b.find(name);
            if (bi == b.end()) throw error("unknown units '" + name + "'");
            if (name == "celsius") throw error("units with an offset (celsius) are not supported");
            return bi->second;
        }
        const pugi::xml_node d = it->second;
        if (attr(d, "base_units") == "yes")
            throw error("user-defined base units '" + name + "' are not supported");
        si_unit r;
        for (const auto u : d.children()) {
            if (local(u.name()) != "unit") continue;
            const std::string un = attr(u, "units");
            const si_unit s = get(scope, un, depth + 1);
            const std::string off = attr(u, "offset");
            if (!off.empty() && number(off, "offset of " + name) != 0.0)
                throw error("units '" + name + "': offsets are not supported");
            const double e = attr(u, "exponent").empty() ? 1.0 : number(attr(u, "exponent"), name);
            const double m =
                attr(u, "multiplier").empty() ? 1.0 : number(attr(u, "multiplier"), name);
            const double f = m * prefix_factor(attr(u, "prefix")) * s.factor;
            r.factor *= std::pow(f, e);
            for (int i = 0; i < n_base; ++i)
                r.d[i] += s.d[i] * e;
        }
        return r;
    }

private:
    static std::string key(const std::string& scope, const pugi::xml_node& n) {
        return scope + "/" + attr(n, "name");
    }
    std::map<std::string, pugi::xml_node> defs_;
};

} // namespace detail

/// Reads a MathML element into an expression; `resolve` maps a ci name to a variable index.
template <class Resolve, class Units>
expr read_math(const pugi::xml_node& n, const Resolve& resolve, const Units& units,
               const std::string& where) {
    using detail::local;
    using detail::trim;
    const std::string name = local(n.name());
    expr e;
    if (name == "ci") {
        e.kind = expr::ci;
        e.op = trim(n.child_value());
        e.var = resolve(e.op);
    } else if (name == "cn") {
        e.kind = expr::cn;
        e.units = detail::attr(n, "units");
        if (!e.units.empty()) e.unit = units(e.units);
        const std::string type = detail::attr(n, "type");
        if (type == "e-notation") {
            std::string mant, ex;
            bool after = false;
            for (const auto c : n.children()) {
                if (c.type() == pugi::node_element && local(c.name()) == "sep")
                    after = true;
                else if (c.type() == pugi::node_pcdata)
                    (after ? ex : mant) += c.value();
            }
            e.value = detail::number(mant, where) * std::pow(10.0, detail::number(ex, where));
        } else if (type.empty() || type == "real" || type == "integer") {
            e.value = detail::number(n.child_value(), where);
        } else {
            throw error("unsupported <cn type=\"" + type + "\"> in " + where);
        }
    } else if (name == "apply") {
        e.kind = expr::apply;
        bool first = true;
        for (const auto c : n.children()) {
            if (c.type() != pugi::node_element) continue;
            const std::string cn = local(c.name());
            if (first) {
                e.op = cn;
                first = false;
            } else if (cn == "degree" || cn == "logbase") {
                e.qualifier = std::make_shared<expr>(read_math(
                    c.find_child([](pugi::xml_node k) { return k.type() == pugi::node_element; }),
                    resolve, units, where));
            } else if (cn == "bvar") {
                e.args.push_back(read_math(
                    c.find_child([](pugi::xml_node k) { return k.type() == pugi::node_element; }),
                    resolve, units, where));
            } else {
                e.args.push_back(read_math(c, resolve, units, where));
            }
        }
        if (first) throw error("empty <apply> in " + where);
    } else if (name == "piecewise") {
        e.kind = expr::piecewise;
        for (const auto c : n.children()) {
            if (c.type() != pugi::node_element) continue;
            std::vector<pugi::xml_node> kids;
            for (const auto k : c.children())
                if (k.type() == pugi::node_element) kids.push_back(k);
            if (local(c.name()) == "piece" && kids.size() == 2) {
                e.args.push_back(read_math(kids[0], resolve, units, where));
                e.args.push_back(read_math(kids[1], resolve, units, where));
            } else if (local(c.name()) == "otherwise" && kids.size() == 1) {
                e.args.push_back(read_math(kids[0], resolve, units, where));
                e.has_otherwise = true;
            } else {
                throw error("malformed <piecewise> in " + where);
            }
        }
    } else if (name == "pi" || name == "exponentiale" || name == "true" || name == "false" ||
               name == "infinity" || name == "notanumber") {
        e.kind = expr::constant;
        e.op = name;
    } else if (name == "semantics") {
        for (const auto c : n.children())
            if (c.type() == pugi::node_element && local(c.name()) != "annotation" &&
                local(c.name()) != "annotation-xml")
                return read_math(c, resolve, units, where);
        throw error("empty <semantics> in " + where);
    } else {
        throw error("unsupported MathML element <" + name + "> in " + where);
    }
    return e;
}

/// Reads a CellML file (and, for 1.1, the files it imports) into `m`.
model read_model(const std::string& path);

} // namespace noneq_cellml
