// noneq-cellml: the linear (gate-like) states (linear.hpp).
#include "linear.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace noneq_cellml {
namespace {

constexpr int non_linear = 2; ///< any degree >= 2, or not a polynomial in x at all

/// Degree in one state x of expressions of one model, and d/dx of those of degree <= 1.
class in_state {
public:
    in_state(const model& m, const analysis& a, int x_cls) : m_(m), a_(a), x_(x_cls) {
        const variable& v = m.vars[a.source[x_cls]];
        where_ = "component '" + v.component + "', equation of variable '" + v.name + "'";
    }

    int degree(const expr& e) {
        switch (e.kind) {
        case expr::cn:
        case expr::constant:
            return 0;
        case expr::ci:
            return degree_of_class(m_.vars[e.var].cls);
        case expr::piecewise: {
            int d = 0;
            for (std::size_t i = 0; i < e.args.size(); ++i) {
                const int di = degree(e.args[i]);
                if (is_condition(e, i) && di > 0) return non_linear; // the piece depends on x
                d = std::max(d, di);
            }
            return d;
        }
        case expr::apply:
            break;
        }
        const std::string& op = e.op;
        if (op == "diff") return degree_of_rate(m_.vars[e.args.at(1).var].cls);
        std::vector<int> d;
        for (const auto& x : e.args)
            d.push_back(degree(x));
        const int top = d.empty() ? 0 : *std::max_element(d.begin(), d.end());
        if (op == "plus" || op == "minus") return top;
        if (op == "times") {
            int s = 0;
            for (int x : d)
                s += x;
            return std::min(s, non_linear);
        }
        if (op == "divide") return d.at(1) > 0 ? non_linear : d.at(0);
        if (op == "power") {
            if (d.at(1) > 0) return non_linear; // x in an exponent
            if (d.at(0) == 0) return 0;
            const type_info t = type_of(m_, e.args[1], where_);
            if (t.literal && t.value == 1.0) return d[0];
            if (t.literal && t.value == 0.0) return 0;
            return non_linear;
        }
        // functions, roots, min/max/rem/abs, relations and logic: constant only where x is absent
        if (e.qualifier && degree(*e.qualifier) > 0) return non_linear;
        return top > 0 ? non_linear : 0;
    }

    /// d e / dx for an expression of degree <= 1 in x; nullopt where it is 0.
    std::optional<expr> slope(const expr& e) {
        if (degree(e) == 0) return std::nullopt;
        switch (e.kind) {
        case expr::ci: {
            const int c = m_.vars[e.var].cls;
            if (c == x_) return number(1.0, dims{});
            return slope(a_.def[c]->rhs); // an algebraic variable that reads x
        }
        case expr::piecewise: {
            expr r = e;
            const dims bd = slope_dims(e);
            for (std::size_t i = 0; i < e.args.size(); ++i)
                if (!is_condition(e, i)) r.args[i] = slope(e.args[i]).value_or(number(0.0, bd));
            return r;
        }
        default:
            break;
        }
        const std::string& op = e.op;
        if (op == "diff") return slope(a_.def[m_.vars[e.args.at(1).var].cls]->rhs);
        if (op == "plus") {
            std::vector<expr> terms;
            for (const auto& x : e.args)
                if (auto s = slope(x)) terms.push_back(std::move(*s));
            return terms.size() == 1 ? terms[0] : apply("plus", std::move(terms));
        }
        if (op == "minus") {
            auto s0 = slope(e.args[0]);
            if (e.args.size() == 1) return apply("minus", {std::move(*s0)});
            auto s1 = slope(e.args[1]);
            if (!s1) return s0;
            if (!s0) return apply("minus", {std::move(*s1)});
            return apply("minus", {std::move(*s0), std::move(*s1)});
        }
        if (op == "times") { // exactly one factor reads x
            expr r = e;
            for (auto& f : r.args)
                if (degree(f) > 0) f = *slope(f);
            return r;
        }
        if (op == "divide") return apply("divide", {*slope(e.args[0]), e.args[1]});
        return slope(e.args.at(0)); // a power of exponent 1
    }

private:
    const model& m_;
    const analysis& a_;
    int x_;
    std::string where_;
    std::map<int, int> memo_; ///< class (or n_classes + class: a rate) -> degree

    static bool is_condition(const expr& e, std::size_t i) {
        return !(e.has_otherwise && i + 1 == e.args.size()) && i % 2 == 1;
    }
    int degree_of_class(int c) {
        if (c == x_) return 1;
        if (a_.roles[c] != role::algebraic) return 0; // time, constants, other states
        return memo(c, a_.def[c]->rhs);
    }
    int degree_of_rate(int c) {
        if (c == x_) return non_linear; // the rate of x read inside its own rate
        return memo(m_.n_classes + c, a_.def[c]->rhs);
    }
    int memo(int node, const expr& def) {
        if (const auto it = memo_.find(node); it != memo_.end()) return it->second;
        return memo_[node] = degree(def);
    }
    dims slope_dims(const expr& e) const {
        dims d = type_of(m_, e, where_).d;
        const dims& xd = m_.vars[a_.source[x_]].unit.d;
        for (int k = 0; k < n_base; ++k)
            d[k] -= xd[k];
        return d;
    }
    static expr number(double v, const dims& d) {
        expr e;
        e.kind = expr::cn;
        e.value = v;
        e.units = "dimensionless";
        e.unit.d = d;
        return e;
    }
    static expr apply(const std::string& op, std::vector<expr> args) {
        expr e;
        e.kind = expr::apply;
        e.op = op;
        e.args = std::move(args);
        return e;
    }
};

} // namespace

std::vector<linear_state> find_linear_states(const model& m, const analysis& a) {
    std::vector<linear_state> out;
    for (std::size_t i = 0; i < a.states.size(); ++i) {
        const int c = a.states[i];
        in_state s(m, a, c);
        const expr& rate = a.def[c]->rhs;
        if (s.degree(rate) == 1) out.push_back({i, *s.slope(rate)});
    }
    return out;
}

} // namespace noneq_cellml
