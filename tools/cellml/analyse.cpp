// noneq-cellml: classification, units check, ordering and the exprel rewrite (analyse.hpp).
#include "analyse.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace noneq_cellml {
namespace {

std::string describe(const type_info& t) {
    if (t.boolean) return "a condition";
    if (t.label == to_string(t.d)) return "[" + t.label + "]";
    return "'" + t.label + "' [" + to_string(t.d) + "]";
}

type_info number_of(const dims& d, std::string label) {
    type_info t;
    t.d = d;
    t.label = std::move(label);
    return t;
}

/// The exponent of a power when it is a number known at conversion, else NaN.
double literal_value(const type_info& t) {
    return t.literal ? t.value : NAN;
}

} // namespace

type_info type_of(const model& m, const expr& e, const std::string& where) {
    const auto mismatch = [&](const std::string& op, const type_info& a, const type_info& b) {
        throw error("units inconsistent in " + where + ": " + describe(a) + " and " + describe(b) +
                    " meet in <" + op + ">");
    };
    const auto need_number = [&](const std::string& op, const type_info& a) {
        if (a.boolean) throw error("a condition used as a number in <" + op + "> in " + where);
    };
    switch (e.kind) {
    case expr::ci: {
        const variable& v = m.vars[e.var];
        return number_of(v.unit.d, v.units_name);
    }
    case expr::cn: {
        type_info t = number_of(e.unit.d, e.units.empty() ? "dimensionless" : e.units);
        t.literal = true;
        t.value = e.value * e.unit.factor;
        return t;
    }
    case expr::constant: {
        type_info t = number_of({}, "dimensionless");
        if (e.op == "true" || e.op == "false") t.boolean = true;
        return t;
    }
    case expr::piecewise: {
        type_info out;
        bool have = false;
        for (std::size_t i = 0; i < e.args.size(); ++i) {
            const bool is_cond = !(e.has_otherwise && i + 1 == e.args.size()) && i % 2 == 1;
            const type_info t = type_of(m, e.args[i], where);
            if (is_cond) {
                if (!t.boolean) throw error("a piece's condition is not a condition in " + where);
                continue;
            }
            if (!have) {
                out = t;
                out.literal = false;
                have = true;
            } else if (t.boolean != out.boolean || !same_dims(t.d, out.d)) {
                mismatch("piecewise", out, t);
            }
        }
        return out;
    }
    case expr::apply:
        break;
    }
    const std::string& op = e.op;
    std::vector<type_info> a;
    for (const auto& x : e.args)
        a.push_back(type_of(m, x, where));
    const auto all_literal = [&] {
        return std::all_of(a.begin(), a.end(), [](const type_info& t) { return t.literal; });
    };
    if (a.empty()) throw error("<" + op + "> without arguments in " + where);
    if (op == "diff") {
        if (e.args.size() != 2 || e.args[0].kind != expr::ci || e.args[1].kind != expr::ci)
            throw error("unsupported <diff> in " + where);
        type_info t = number_of(m.vars[e.args[1].var].unit.d, "");
        for (int k = 0; k < n_base; ++k)
            t.d[k] -= m.vars[e.args[0].var].unit.d[k];
        t.label = m.vars[e.args[1].var].units_name + "/" + m.vars[e.args[0].var].units_name;
        return t;
    }
    if (op == "plus" || op == "minus" || op == "min" || op == "max" || op == "rem") {
        for (std::size_t i = 0; i < a.size(); ++i) {
            need_number(op, a[i]);
            if (i > 0 && !same_dims(a[i].d, a[0].d)) mismatch(op, a[0], a[i]);
        }
        type_info t = a[0];
        t.literal = all_literal() && (op == "plus" || op == "minus");
        if (t.literal) {
            if (op == "plus") {
                t.value = 0;
                for (const auto& x : a)
                    t.value += x.value;
            } else {
                t.value = a.size() == 1 ? -a[0].value : a[0].value - a[1].value;
            }
        }
        return t;
    }
    if (op == "times" || op == "divide") {
        type_info t = a[0];
        need_number(op, a[0]);
        for (std::size_t i = 1; i < a.size(); ++i) {
            need_number(op, a[i]);
            for (int k = 0; k < n_base; ++k)
                t.d[k] += op == "times" ? a[i].d[k] : -a[i].d[k];
            t.value = op == "times" ? t.value * a[i].value : t.value / a[i].value;
        }
        t.literal = all_literal();
        if (a.size() > 1) t.label = to_string(t.d);
        return t;
    }
    if (op == "power" || op == "root") {
        need_number(op, a[0]);
        double ex = 0.0;
        if (op == "power") {
            if (a.size() != 2) throw error("<power> needs two arguments in " + where);
            if (!is_dimensionless(a[1].d) || a[1].boolean)
                throw error("units inconsistent in " + where + ": the exponent is " +
                            describe(a[1]));
            ex = literal_value(a[1]);
            if (std::isnan(ex) && e.args[1].kind == expr::ci && m.vars[e.args[1].var].has_initial)
                ex = m.vars[e.args[1].var].initial; // a constant exponent: pow_as
        } else {
            double deg = 2.0;
            if (e.qualifier) deg = literal_value(type_of(m, *e.qualifier, where));
            ex = 1.0 / deg;
        }
        if (is_dimensionless(a[0].d)) {
            type_info t = number_of({}, "dimensionless");
            t.literal = a[0].literal && (op == "root" || a[1].literal);
            t.value = std::pow(a[0].value, ex);
            return t;
        }
        if (std::isnan(ex))
            throw error("units inconsistent in " + where + ": " + describe(a[0]) +
                        " raised to a power not known at conversion");
        type_info t = a[0];
        for (int k = 0; k < n_base; ++k)
            t.d[k] *= ex;
        t.label = to_string(t.d);
        t.literal = false;
        return t;
    }
    static const std::set<std::string> functions{
        "exp",    "ln",      "log",     "sin",     "cos",   "tan",    "sec",
        "csc",    "cot",     "sinh",    "cosh",    "tanh",  "arcsin", "arccos",
        "arctan", "arcsinh", "arccosh", "arctanh", "exprel"};
    if (functions.count(op)) {
        if (a.size() != 1) throw error("<" + op + "> needs one argument in " + where);
        if (a[0].boolean || !is_dimensionless(a[0].d))
            throw error("units inconsistent in " + where + ": <" + op + "> of " + describe(a[0]) +
                        " (it needs 'dimensionless')");
        return number_of({}, "dimensionless");
    }
    if (op == "abs" || op == "floor" || op == "ceiling") {
        need_number(op, a[0]);
        type_info t = a[0];
        t.literal = false;
        return t;
    }
    if (op == "eq" || op == "neq" || op == "lt" || op == "gt" || op == "leq" || op == "geq") {
        if (a.size() != 2) throw error("<" + op + "> needs two arguments in " + where);
        if (a[0].boolean != a[1].boolean || !same_dims(a[0].d, a[1].d)) mismatch(op, a[0], a[1]);
        type_info t;
        t.boolean = true;
        return t;
    }
    if (op == "and" || op == "or" || op == "not" || op == "xor") {
        for (const auto& x : a)
            if (!x.boolean) throw error("<" + op + "> of a number in " + where);
        type_info t;
        t.boolean = true;
        return t;
    }
    throw error("unsupported MathML operator <" + op + "> in " + where);
}

namespace detail_rewrite {

bool same(const expr& a, const expr& b) {
    if (a.kind != b.kind || a.op != b.op || a.var != b.var || a.args.size() != b.args.size())
        return false;
    if (a.kind == expr::cn &&
        (a.value != b.value || !same_dims(a.unit.d, b.unit.d) || a.unit.factor != b.unit.factor))
        return false;
    for (std::size_t i = 0; i < a.args.size(); ++i)
        if (!same(a.args[i], b.args[i])) return false;
    return true;
}

/// A product's factors with their signs of exponent (+1, -1); unary minus counted in `neg`.
void factors(const expr& e, int power, std::vector<std::pair<expr, int>>& out, int& neg) {
    if (e.kind == expr::apply && e.op == "times") {
        for (const auto& a : e.args)
            factors(a, power, out, neg);
    } else if (e.kind == expr::apply && e.op == "divide" && e.args.size() == 2) {
        factors(e.args[0], power, out, neg);
        factors(e.args[1], -power, out, neg);
    } else if (e.kind == expr::apply && e.op == "minus" && e.args.size() == 1) {
        ++neg;
        factors(e.args[0], power, out, neg);
    } else {
        out.emplace_back(e, power);
    }
}

bool is_one(const expr& e) {
    return e.kind == expr::cn && e.value == 1.0 && is_dimensionless(e.unit.d) &&
           e.unit.factor == 1.0;
}

/// exp(u) - 1 (sign +1) or 1 - exp(u) (sign -1): u, else nullptr.
const expr* exp_minus_one(const expr& e, int& sign) {
    if (e.kind != expr::apply || e.op != "minus" || e.args.size() != 2) return nullptr;
    const auto is_exp = [](const expr& x) {
        return x.kind == expr::apply && x.op == "exp" && x.args.size() == 1;
    };
    if (is_exp(e.args[0]) && is_one(e.args[1])) {
        sign = 1;
        return &e.args[0].args[0];
    }
    if (is_one(e.args[0]) && is_exp(e.args[1])) {
        sign = -1;
        return &e.args[1].args[0];
    }
    return nullptr;
}

expr make_apply(const std::string& op, std::vector<expr> args) {
    expr e;
    e.kind = expr::apply;
    e.op = op;
    e.args = std::move(args);
    return e;
}

expr product(std::vector<expr> f) {
    if (f.empty()) {
        expr one;
        one.kind = expr::cn;
        one.value = 1.0;
        one.units = "dimensionless";
        return one;
    }
    if (f.size() == 1) return f[0];
    return make_apply("times", std::move(f));
}

/// N / D with D holding a factor exp(u) - 1 (or 1 - exp(u)) and u = s f, f a factor of N:
/// N / D = (N / f) exprel(u) / ((D / (exp(u) - 1)) s), exact through u = 0.
bool rewrite_quotient(expr& e) {
    if (e.kind != expr::apply || e.op != "divide" || e.args.size() != 2) return false;
    std::vector<std::pair<expr, int>> nf, df;
    int neg = 0;
    factors(e.args[0], 1, nf, neg);
    factors(e.args[1], 1, df, neg);
    for (std::size_t j = 0; j < df.size(); ++j) {
        int sign = 0;
        const expr* u = df[j].second == 1 ? exp_minus_one(df[j].first, sign) : nullptr;
        if (!u) continue;
        std::vector<std::pair<expr, int>> uf;
        int uneg = 0;
        factors(*u, 1, uf, uneg);
        for (std::size_t i = 0; i < nf.size(); ++i) {
            if (nf[i].second != 1 || nf[i].first.kind == expr::cn) continue; // a variable term
            for (std::size_t k = 0; k < uf.size(); ++k) {
                if (uf[k].second != 1 || !same(nf[i].first, uf[k].first)) continue;
                std::vector<expr> num, den;
                for (std::size_t a = 0; a < nf.size(); ++a)
                    if (a != i) (nf[a].second > 0 ? num : den).push_back(nf[a].first);
                for (std::size_t a = 0; a < df.size(); ++a)
                    if (a != j) (df[a].second > 0 ? den : num).push_back(df[a].first);
                for (std::size_t a = 0; a < uf.size(); ++a)
                    if (a != k) (uf[a].second > 0 ? den : num).push_back(uf[a].first);
                num.push_back(make_apply("exprel", {*u}));
                expr r = make_apply("divide", {product(std::move(num)), product(std::move(den))});
                if ((neg + uneg + (sign < 0 ? 1 : 0)) % 2 == 1) r = make_apply("minus", {r});
                e = std::move(r);
                return true;
            }
        }
    }
    return false;
}

int rewrite(expr& e) {
    int n = 0;
    for (auto& a : e.args)
        n += rewrite(a);
    if (rewrite_quotient(e)) ++n;
    return n;
}

} // namespace detail_rewrite

namespace {

/// The classes (and, as n_classes + class, the rates of states) an expression reads.
void references(const expr& e, const model& m, std::set<int>& out) {
    if (e.kind == expr::apply && e.op == "diff" && e.args.size() == 2) {
        out.insert(m.n_classes + m.vars[e.args[1].var].cls);
        return;
    }
    if (e.kind == expr::ci) out.insert(m.vars[e.var].cls);
    for (const auto& a : e.args)
        references(a, m, out);
    if (e.qualifier) references(*e.qualifier, m, out);
}

std::string var_name(const model& m, int v) {
    return "component '" + m.vars[v].component + "', variable '" + m.vars[v].name + "'";
}

} // namespace

analysis analyse(model& m) {
    analysis a;
    const auto nc = static_cast<std::size_t>(m.n_classes);
    a.roles.assign(nc, role::unknown);
    a.source.assign(nc, -1);
    a.def.assign(nc, nullptr);
    // time: the bound variable of the ODEs
    for (const auto& q : m.eqs) {
        if (q.bvar < 0) continue;
        const int t = m.vars[q.bvar].cls;
        if (a.time_cls >= 0 && a.time_cls != t)
            throw error("more than one bound variable (" + var_name(m, q.bvar) + ")");
        a.time_cls = t;
    }
    if (a.time_cls >= 0) {
        a.roles[a.time_cls] = role::time;
        for (std::size_t i = 0; i < m.vars.size(); ++i)
            if (m.vars[i].cls == a.time_cls && a.source[a.time_cls] < 0)
                a.source[a.time_cls] = static_cast<int>(i);
    }
    for (const auto& q : m.eqs) {
        const int c = m.vars[q.lhs].cls;
        if (a.def[c]) throw error(var_name(m, q.lhs) + " is defined by more than one equation");
        if (c == a.time_cls) throw error(var_name(m, q.lhs) + " is the time and has an equation");
        a.def[c] = &q;
        a.source[c] = q.lhs;
        a.roles[c] = q.bvar >= 0 ? role::state : role::algebraic;
    }
    for (std::size_t i = 0; i < m.vars.size(); ++i) {
        const int c = m.vars[i].cls;
        if (!m.vars[i].has_initial) continue;
        if (a.roles[c] == role::state) {
            if (a.source[c] != static_cast<int>(i) && m.vars[a.source[c]].has_initial) continue;
        } else if (a.roles[c] == role::unknown) {
            a.roles[c] = role::constant;
            a.source[c] = static_cast<int>(i);
        } else if (a.roles[c] == role::algebraic || a.roles[c] == role::constant) {
            if (a.roles[c] == role::constant && a.source[c] != static_cast<int>(i))
                throw error(var_name(m, static_cast<int>(i)) + " has two initial values");
            // an initial value on a computed variable is only a guess: ignored
        }
    }
    // units of every equation
    for (auto& q : m.eqs) {
        const std::string where =
            "component '" + q.component + "', equation of variable '" + m.vars[q.lhs].name + "'";
        const type_info r = type_of(m, q.rhs, where);
        type_info l;
        l.d = m.vars[q.lhs].unit.d;
        l.label = m.vars[q.lhs].units_name;
        if (q.bvar >= 0) {
            for (int k = 0; k < n_base; ++k)
                l.d[k] -= m.vars[q.bvar].unit.d[k];
            l.label += "/" + m.vars[q.bvar].units_name;
        }
        if (r.boolean || !same_dims(l.d, r.d))
            throw error("units inconsistent in " + where + ": the left-hand side is '" + l.label +
                        "' [" + to_string(l.d) + "], the right-hand side " +
                        (r.boolean ? std::string("a condition")
                                   : "'" + r.label + "' [" + to_string(r.d) + "]"));
        a.exprel_rewrites += detail_rewrite::rewrite(q.rhs);
    }
    // every class used must be defined
    for (std::size_t c = 0; c < nc; ++c)
        if (a.roles[c] == role::unknown) {
            bool used = false;
            std::set<int> refs;
            for (const auto& q : m.eqs)
                references(q.rhs, m, refs);
            used = refs.count(static_cast<int>(c)) > 0 || refs.count(static_cast<int>(c + nc)) > 0;
            if (used)
                throw error(var_name(m, m.class_rep[c]) +
                            " is used but has no equation and no initial value");
        }
    // order: derived constants, then the algebraic variables and the states' rates (a rate may
    // be read by another equation: node n_classes + c is the rate of state class c)
    std::vector<std::set<int>> deps(2 * nc);
    for (std::size_t c = 0; c < nc; ++c)
        if (a.def[c]) references(a.def[c]->rhs, m, deps[a.roles[c] == role::state ? c + nc : c]);
    std::vector<int> mark(2 * nc, 0); // 0 new, 1 on the stack, 2 done
    std::vector<char> varies(2 * nc, 0);
    std::vector<int> order;
    const auto is_computed = [&](int node) {
        return node >= static_cast<int>(nc) || a.roles[node] == role::algebraic;
    };
    std::function<void(int)> visit = [&](int node) {
        if (mark[node] == 2) return;
        const int c = node % static_cast<int>(nc);
        if (mark[node] == 1)
            throw error("an algebraic loop through " + var_name(m, a.source[c]) +
                        " (not supported)");
        mark[node] = 1;
        if (is_computed(node))
            for (int d : deps[node]) {
                if (d >= static_cast<int>(nc) && a.roles[d - nc] != role::state)
                    throw error("the derivative of " + var_name(m, a.source[d - nc]) +
                                ", which is not a state, is used");
                visit(d);
                if (varies[d]) varies[node] = 1;
            }
        if (node >= static_cast<int>(nc) || a.roles[c] == role::state || a.roles[c] == role::time)
            varies[node] = 1;
        mark[node] = 2;
        if (is_computed(node)) order.push_back(node);
    };
    for (std::size_t c = 0; c < nc; ++c) {
        visit(static_cast<int>(c));
        if (a.roles[c] == role::state) visit(static_cast<int>(c + nc));
    }
    for (int node : order) {
        if (varies[node]) {
            a.algebraic.push_back(node);
        } else {
            a.roles[node] = role::derived;
            a.derived.push_back(node);
        }
    }
    for (std::size_t c = 0; c < nc; ++c)
        if (a.roles[c] == role::constant) a.constants.push_back(static_cast<int>(c));
    // states, the membrane voltage first; voltage in mV, others in their own units
    int v_cls = -1;
    if (m.oxmeta.count("membrane_voltage"))
        v_cls = m.vars[m.var_index.at(m.oxmeta.at("membrane_voltage"))].cls;
    if (v_cls >= 0 && a.roles[v_cls] == role::state) a.states.push_back(v_cls);
    for (std::size_t c = 0; c < nc; ++c)
        if (a.roles[c] == role::state && static_cast<int>(c) != v_cls)
            a.states.push_back(static_cast<int>(c));
    if (v_cls >= 0 && a.roles[v_cls] == role::state) a.voltage_state = 0;
    for (std::size_t i = 0; i < a.states.size(); ++i) {
        const variable& v = m.vars[a.source[a.states[i]]];
        const bool volt = same_dims(v.unit.d, builtin_units().at("volt").d);
        if (static_cast<int>(i) == a.voltage_state && volt) {
            a.state_factor.push_back(1e-3);
            a.state_unit.push_back("mV");
        } else {
            a.state_factor.push_back(v.unit.factor);
            a.state_unit.push_back(v.units_name);
        }
        if (!m.vars[a.source[a.states[i]]].has_initial) {
            // the initial value may sit on another variable of the class
            bool found = false;
            for (const auto& w : m.vars)
                if (w.cls == a.states[i] && w.has_initial) found = true;
            if (!found) throw error(var_name(m, a.source[a.states[i]]) + " has no initial value");
        }
    }
    if (a.time_cls >= 0) {
        const variable& t = m.vars[a.source[a.time_cls]];
        if (!same_dims(t.unit.d, builtin_units().at("second").d))
            throw error(var_name(m, a.source[a.time_cls]) +
                        " is the bound variable but its units '" + t.units_name +
                        "' are not a time");
        a.time_factor = std::abs(t.unit.factor - 1e-3) < 1e-15 ? 1e-3 : 1.0;
    }
    return a;
}

} // namespace noneq_cellml
