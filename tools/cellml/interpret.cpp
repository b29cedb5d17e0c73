// noneq-cellml: the interpreter (interpret.hpp).
#include "interpret.hpp"

#include <noneq/core/exprel.hpp>

#include <cmath>
#include <limits>
#include <numbers>

namespace noneq_cellml {

interpreter::interpreter(const std::string& path) : interpreter(read_model(path)) {}

interpreter::interpreter(model m)
    : m_(std::move(m)), a_(analyse(m_)), lin_(find_linear_states(m_, a_)) {
    const auto nc = static_cast<std::size_t>(m_.n_classes);
    v_.assign(nc, 0.0);
    rate_.assign(nc, 0.0);
    k_.assign(nc, 0.0);
    for (int c : a_.constants) {
        const variable& v = m_.vars[a_.source[c]];
        k_[c] = v.initial * v.unit.factor;
    }
    update();
}

std::string interpreter::state_name(std::size_t i) const {
    const variable& v = m_.vars[a_.source[a_.states.at(i)]];
    return v.component + "." + v.name;
}

std::vector<double> interpreter::initial_state() const {
    std::vector<double> x(a_.states.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        for (const auto& v : m_.vars)
            if (v.cls == a_.states[i] && v.has_initial) {
                x[i] = v.initial * v.unit.factor / a_.state_factor[i];
                if (&v == &m_.vars[a_.source[a_.states[i]]]) break;
            }
    return x;
}

int interpreter::class_of(const std::string& name) const {
    const auto it = m_.var_index.find(name);
    if (it == m_.var_index.end()) throw error("no variable '" + name + "' in " + m_.name);
    return m_.vars[it->second].cls;
}

double interpreter::constant(const std::string& name) const {
    const int c = class_of(name);
    if (a_.roles[c] != role::constant) throw error("'" + name + "' is not a constant");
    return k_[c] / m_.vars[m_.var_index.at(name)].unit.factor;
}

void interpreter::set_constant(const std::string& name, double value) {
    const int c = class_of(name);
    if (a_.roles[c] != role::constant) throw error("'" + name + "' is not a constant");
    k_[c] = value * m_.vars[m_.var_index.at(name)].unit.factor;
    update();
}

std::string interpreter::annotated_constant(const std::string& oxmeta_name) const {
    const auto it = m_.oxmeta.find(oxmeta_name);
    if (it == m_.oxmeta.end()) return {};
    return a_.roles[class_of(it->second)] == role::constant ? it->second : std::string();
}

void interpreter::update() {
    for (int c : a_.constants)
        v_[c] = k_[c];
    for (int c : a_.derived)
        k_[c] = v_[c] = eval(a_.def[c]->rhs);
}

double interpreter::value(const std::string& name) const {
    const int c = class_of(name);
    return v_[c] / m_.vars[m_.var_index.at(name)].unit.factor;
}

void interpreter::rhs(const std::vector<double>& x, std::vector<double>& dx, double t) const {
    const int nc = m_.n_classes;
    dx.resize(a_.states.size());
    if (a_.time_cls >= 0) v_[a_.time_cls] = t * a_.time_factor;
    for (std::size_t i = 0; i < a_.states.size(); ++i)
        v_[a_.states[i]] = x[i] * a_.state_factor[i];
    for (int c : a_.constants)
        v_[c] = k_[c];
    for (int c : a_.derived)
        v_[c] = k_[c];
    for (int node : a_.algebraic) {
        const int c = node % nc;
        (node >= nc ? rate_[c] : v_[c]) = eval(a_.def[c]->rhs);
    }
    for (std::size_t i = 0; i < a_.states.size(); ++i)
        dx[i] = rate_[a_.states[i]] * a_.time_factor / a_.state_factor[i];
}

std::vector<std::size_t> interpreter::linear_states() const {
    std::vector<std::size_t> r;
    for (const auto& l : lin_)
        r.push_back(l.index);
    return r;
}

void interpreter::rhs_linear(const std::vector<double>& x, std::vector<double>& dx,
                             std::vector<double>& b, double t) const {
    rhs(x, dx, t);
    b.resize(lin_.size());
    for (std::size_t j = 0; j < lin_.size(); ++j)
        b[j] = eval(lin_[j].b) * a_.time_factor;
}

double interpreter::eval(const expr& e) const {
    switch (e.kind) {
    case expr::ci:
        return v_[m_.vars[e.var].cls];
    case expr::cn:
        return e.value * e.unit.factor;
    case expr::constant:
        if (e.op == "pi") return std::numbers::pi;
        if (e.op == "exponentiale") return std::numbers::e;
        if (e.op == "true") return 1.0;
        if (e.op == "false") return 0.0;
        if (e.op == "infinity") return std::numeric_limits<double>::infinity();
        return std::numeric_limits<double>::quiet_NaN();
    case expr::piecewise: {
        const std::size_t pieces = (e.args.size() - (e.has_otherwise ? 1 : 0)) / 2;
        for (std::size_t i = 0; i < pieces; ++i)
            if (eval(e.args[2 * i + 1]) != 0.0) return eval(e.args[2 * i]);
        return e.has_otherwise ? eval(e.args.back()) : std::numeric_limits<double>::quiet_NaN();
    }
    case expr::apply:
        break;
    }
    const std::string& op = e.op;
    if (op == "diff") return rate_[m_.vars[e.args.at(1).var].cls];
    std::vector<double> a;
    a.reserve(e.args.size());
    for (const auto& x : e.args)
        a.push_back(eval(x));
    const auto fold = [&](auto f) {
        double r = a.at(0);
        for (std::size_t i = 1; i < a.size(); ++i)
            r = f(r, a[i]);
        return r;
    };
    if (op == "plus") return fold([](double x, double y) { return x + y; });
    if (op == "times") return fold([](double x, double y) { return x * y; });
    if (op == "minus") return a.size() == 1 ? -a[0] : a.at(0) - a.at(1);
    if (op == "divide") return a.at(0) / a.at(1);
    if (op == "power") return std::pow(a.at(0), a.at(1));
    if (op == "root") return std::pow(a.at(0), 1.0 / (e.qualifier ? eval(*e.qualifier) : 2.0));
    if (op == "exp") return std::exp(a.at(0));
    if (op == "exprel") return noneq::exprel(a.at(0));
    if (op == "ln") return std::log(a.at(0));
    if (op == "log")
        return e.qualifier ? std::log(a.at(0)) / std::log(eval(*e.qualifier)) : std::log10(a.at(0));
    if (op == "abs") return std::abs(a.at(0));
    if (op == "floor") return std::floor(a.at(0));
    if (op == "ceiling") return std::ceil(a.at(0));
    if (op == "min") return fold([](double x, double y) { return std::fmin(x, y); });
    if (op == "max") return fold([](double x, double y) { return std::fmax(x, y); });
    if (op == "rem") return std::fmod(a.at(0), a.at(1));
    if (op == "sin") return std::sin(a[0]);
    if (op == "cos") return std::cos(a[0]);
    if (op == "tan") return std::tan(a[0]);
    if (op == "sec") return 1.0 / std::cos(a[0]);
    if (op == "csc") return 1.0 / std::sin(a[0]);
    if (op == "cot") return 1.0 / std::tan(a[0]);
    if (op == "sinh") return std::sinh(a[0]);
    if (op == "cosh") return std::cosh(a[0]);
    if (op == "tanh") return std::tanh(a[0]);
    if (op == "arcsin") return std::asin(a[0]);
    if (op == "arccos") return std::acos(a[0]);
    if (op == "arctan") return std::atan(a[0]);
    if (op == "arcsinh") return std::asinh(a[0]);
    if (op == "arccosh") return std::acosh(a[0]);
    if (op == "arctanh") return std::atanh(a[0]);
    if (op == "eq") return a.at(0) == a.at(1);
    if (op == "neq") return a.at(0) != a.at(1);
    if (op == "lt") return a.at(0) < a.at(1);
    if (op == "gt") return a.at(0) > a.at(1);
    if (op == "leq") return a.at(0) <= a.at(1);
    if (op == "geq") return a.at(0) >= a.at(1);
    if (op == "and") return fold([](double x, double y) { return double(x != 0 && y != 0); });
    if (op == "or") return fold([](double x, double y) { return double(x != 0 || y != 0); });
    if (op == "not") return a.at(0) == 0.0;
    throw error("unsupported MathML operator <" + op + ">");
}

} // namespace noneq_cellml
