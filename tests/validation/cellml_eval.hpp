// A small evaluator of CellML 1.0 models, for tests that compare a noneq model with its published
// CellML description: it reads the file, joins the variables of the components through the
// connections, and evaluates the MathML right-hand side (algebraic equations on demand,
// piecewise, the arithmetic, exponential, logarithmic and relational operators COR emits) at a
// given state. Units are not converted: a connection between variables of different units is
// rejected (COR's files keep them equal). Not a general CellML tool: no imports, no reactions, no
// algebraic loops.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace cellml {

/// One XML element: local name (namespace prefix dropped), attributes, children, text.
struct element {
    std::string name;
    std::map<std::string, std::string> attr;
    std::vector<std::unique_ptr<element>> kids;
    std::string text;

    std::string get(const std::string& a) const {
        const auto it = attr.find(a);
        return it == attr.end() ? std::string() : it->second;
    }
};

namespace detail {

inline std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

inline std::string local(const std::string& qname) {
    const auto c = qname.find(':');
    return c == std::string::npos ? qname : qname.substr(c + 1);
}

/// A minimal XML reader: elements, attributes, text; skips declarations, comments and
/// processing instructions. Enough for machine-written CellML.
class xml_reader {
public:
    explicit xml_reader(std::string s) : s_(std::move(s)) {}

    std::unique_ptr<element> root() {
        skip_misc();
        return read_element();
    }

private:
    std::string s_;
    std::size_t p_ = 0;

    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("CellML XML: " + what + " at offset " + std::to_string(p_));
    }
    void skip_ws() {
        while (p_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[p_])))
            ++p_;
    }
    bool starts(const char* t) const { return s_.compare(p_, std::strlen(t), t) == 0; }
    void skip_past(const char* t) {
        const auto e = s_.find(t, p_);
        if (e == std::string::npos) fail(std::string("unterminated, expected ") + t);
        p_ = e + std::strlen(t);
    }
    void skip_misc() { // whitespace, <?...?>, <!--...-->, <!DOCTYPE ...>
        for (;;) {
            skip_ws();
            if (starts("<?"))
                skip_past("?>");
            else if (starts("<!--"))
                skip_past("-->");
            else if (starts("<!"))
                skip_past(">");
            else
                return;
        }
    }
    std::string read_name() {
        const auto b = p_;
        while (p_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[p_])) &&
               s_[p_] != '>' && s_[p_] != '/' && s_[p_] != '=')
            ++p_;
        if (p_ == b) fail("expected a name");
        return s_.substr(b, p_ - b);
    }
    std::unique_ptr<element> read_element() {
        if (!starts("<")) fail("expected '<'");
        ++p_;
        auto e = std::make_unique<element>();
        e->name = local(read_name());
        for (;;) {
            skip_ws();
            if (starts("/>")) {
                p_ += 2;
                return e;
            }
            if (starts(">")) {
                ++p_;
                break;
            }
            const std::string a = read_name();
            skip_ws();
            if (!starts("=")) fail("expected '=' after attribute " + a);
            ++p_;
            skip_ws();
            const char q = s_[p_];
            if (q != '"' && q != '\'') fail("expected a quoted value");
            const auto end = s_.find(q, p_ + 1);
            if (end == std::string::npos) fail("unterminated attribute value");
            e->attr[a] = s_.substr(p_ + 1, end - p_ - 1);
            p_ = end + 1;
        }
        for (;;) { // content
            const auto lt = s_.find('<', p_);
            if (lt == std::string::npos) fail("unterminated element " + e->name);
            e->text += s_.substr(p_, lt - p_);
            p_ = lt;
            if (starts("</")) {
                skip_past(">");
                e->text = trim(e->text);
                return e;
            }
            if (starts("<!--") || starts("<?")) {
                skip_misc();
                continue;
            }
            e->kids.push_back(read_element());
        }
    }
};

} // namespace detail

/// A CellML 1.0 model, evaluated at a state.
class model {
public:
    explicit model(const std::string& path) {
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot open CellML file " + path);
        std::stringstream ss;
        ss << in.rdbuf();
        root_ = detail::xml_reader(ss.str()).root();
        build();
    }

    std::size_t n_states() const { return states_.size(); }

    /// Overrides a constant (a variable with an initial value that no equation defines).
    void set(const std::string& component, const std::string& var, double value) {
        const int c = cls(component, var);
        if (!value_[c].has_init || is_state_[c] || alg_[c].expr)
            throw std::runtime_error("not a constant: " + component + "." + var);
        value_[c].init = value;
        invalidate();
    }
    /// Sets a state variable (by its name in the component whose ODE defines it).
    void set_state(const std::string& name, double value) {
        value_[state(name)].init = value;
        invalidate();
    }
    double initial_value(const std::string& name) const {
        return initial_.at(static_cast<std::size_t>(state(name)));
    }
    /// The value of any variable at the current state and constants.
    double value(const std::string& component, const std::string& var) {
        return variable(component, var);
    }
    /// d(name)/dt at the current state and constants.
    double derivative(const std::string& name) {
        const auto& d = ode_.at(state(name));
        return eval(*d.expr, d.component);
    }

private:
    struct definition {
        const element* expr = nullptr;
        std::string component;
    };
    struct slot {
        bool has_init = false;
        double init = 0.0;
    };

    std::unique_ptr<element> root_;
    std::map<std::string, int> key_; // "component/variable" -> union-find node
    std::vector<int> parent_;        // union-find over variables
    std::vector<slot> value_;        // per class root
    std::vector<definition> alg_;
    std::vector<char> is_state_;
    std::map<int, definition> ode_;
    std::map<std::string, int> state_by_name_;
    std::vector<double> initial_;
    std::vector<double> cache_;
    std::vector<char> cached_, busy_;
    std::vector<int> states_;

    int find(int i) {
        while (parent_[i] != i)
            i = parent_[i] = parent_[parent_[i]];
        return i;
    }
    int cls(const std::string& component, const std::string& var) {
        const auto it = key_.find(component + "/" + var);
        if (it == key_.end()) throw std::runtime_error("no variable " + component + "." + var);
        return find(it->second);
    }
    int state(const std::string& name) const {
        const auto it = state_by_name_.find(name);
        if (it == state_by_name_.end()) throw std::runtime_error("no state variable " + name);
        return it->second;
    }
    void invalidate() { std::fill(cached_.begin(), cached_.end(), 0); }

    void build() {
        std::map<std::string, std::string> unit_of;
        std::vector<std::pair<std::string, std::string>> inits;
        for (const auto& c : root_->kids) {
            if (c->name != "component") continue;
            for (const auto& v : c->kids) {
                if (v->name != "variable") continue;
                const std::string k = c->get("name") + "/" + v->get("name");
                key_[k] = static_cast<int>(parent_.size());
                parent_.push_back(static_cast<int>(parent_.size()));
                unit_of[k] = v->get("units");
                if (!v->get("initial_value").empty())
                    inits.emplace_back(k, v->get("initial_value"));
            }
        }
        for (const auto& con : root_->kids) {
            if (con->name != "connection") continue;
            std::string c1, c2;
            for (const auto& m : con->kids)
                if (m->name == "map_components") {
                    c1 = m->get("component_1");
                    c2 = m->get("component_2");
                }
            for (const auto& m : con->kids) {
                if (m->name != "map_variables") continue;
                const std::string k1 = c1 + "/" + m->get("variable_1");
                const std::string k2 = c2 + "/" + m->get("variable_2");
                if (!key_.count(k1) || !key_.count(k2))
                    throw std::runtime_error("connection to an undeclared variable " + k1);
                if (unit_of[k1] != unit_of[k2])
                    throw std::runtime_error("units differ across a connection: " + k1);
                parent_[find(key_[k1])] = find(key_[k2]);
            }
        }
        const std::size_t n = parent_.size();
        value_.assign(n, {});
        alg_.assign(n, {});
        is_state_.assign(n, 0);
        cache_.assign(n, 0.0);
        cached_.assign(n, 0);
        busy_.assign(n, 0);
        for (const auto& [k, v] : inits) {
            auto& s = value_[find(key_[k])];
            s.has_init = true;
            s.init = std::stod(v);
        }
        for (const auto& c : root_->kids) {
            if (c->name != "component") continue;
            const std::string comp = c->get("name");
            for (const auto& m : c->kids) {
                if (m->name != "math") continue;
                for (const auto& eq : m->kids) {
                    if (eq->name != "apply" || eq->kids.size() != 3 || eq->kids[0]->name != "eq")
                        throw std::runtime_error("unsupported equation in " + comp);
                    const element& lhs = *eq->kids[1];
                    const element* rhs = eq->kids[2].get();
                    if (lhs.name == "ci") {
                        alg_[cls(comp, lhs.text)] = {rhs, comp};
                    } else if (lhs.name == "apply" && lhs.kids.at(0)->name == "diff") {
                        const std::string var = lhs.kids.at(2)->text;
                        // the bound variable (time) is free: 0 unless set
                        auto& t = value_[cls(comp, lhs.kids.at(1)->kids.at(0)->text)];
                        t.has_init = true;
                        const int s = cls(comp, var);
                        is_state_[s] = 1;
                        ode_[s] = {rhs, comp};
                        state_by_name_[var] = s;
                        states_.push_back(s);
                        initial_.resize(n);
                        initial_[static_cast<std::size_t>(s)] = value_[s].init;
                    } else {
                        throw std::runtime_error("unsupported left-hand side in " + comp);
                    }
                }
            }
        }
    }

    double variable(const std::string& component, const std::string& name) {
        const int c = cls(component, name);
        if (is_state_[c] || (!alg_[c].expr && value_[c].has_init)) return value_[c].init;
        if (!alg_[c].expr) throw std::runtime_error("undefined variable " + component + "." + name);
        if (cached_[c]) return cache_[c];
        if (busy_[c]) throw std::runtime_error("algebraic loop through " + component + "." + name);
        busy_[c] = 1;
        const double v = eval(*alg_[c].expr, alg_[c].component);
        busy_[c] = 0;
        cached_[c] = 1;
        return cache_[c] = v;
    }

    double eval(const element& e, const std::string& comp) {
        if (e.name == "ci") return variable(comp, e.text);
        if (e.name == "cn") return std::stod(e.text);
        if (e.name == "pi") return std::numbers::pi;
        if (e.name == "exponentiale") return std::numbers::e;
        if (e.name == "true") return 1.0;
        if (e.name == "false") return 0.0;
        if (e.name == "piecewise") {
            for (const auto& piece : e.kids) {
                if (piece->name == "piece" && eval(*piece->kids.at(1), comp) != 0.0)
                    return eval(*piece->kids.at(0), comp);
                if (piece->name == "otherwise") return eval(*piece->kids.at(0), comp);
            }
            throw std::runtime_error("piecewise without a true piece in " + comp);
        }
        if (e.name != "apply") throw std::runtime_error("unsupported MathML element " + e.name);
        const std::string& op = e.kids.at(0)->name;
        std::vector<double> a;
        for (std::size_t i = 1; i < e.kids.size(); ++i)
            a.push_back(eval(*e.kids[i], comp));
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
        if (op == "exp") return std::exp(a.at(0));
        if (op == "ln") return std::log(a.at(0));
        if (op == "abs") return std::abs(a.at(0));
        if (op == "eq") return a.at(0) == a.at(1);
        if (op == "gt") return a.at(0) > a.at(1);
        if (op == "lt") return a.at(0) < a.at(1);
        if (op == "geq") return a.at(0) >= a.at(1);
        if (op == "leq") return a.at(0) <= a.at(1);
        if (op == "and") return fold([](double x, double y) { return double(x != 0 && y != 0); });
        if (op == "or") return fold([](double x, double y) { return double(x != 0 || y != 0); });
        throw std::runtime_error("unsupported MathML operator " + op);
    }
};

} // namespace cellml
