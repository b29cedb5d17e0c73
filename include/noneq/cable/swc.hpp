// noneq/cable/swc.hpp — a morphology from an SWC file (Cannon et al. 1998, J Neurosci Methods
// 84:49; the INCF SWC specification): one sample per line, "n T x y z R P" (id, type, position
// and radius in um, parent id or -1), '#' comments and blank lines ignored. Types: 1 soma, 2 axon,
// 3 basal dendrite, 4 apical dendrite, others custom; they become the sections' tags.
//
// Sections are the unbranched chains of samples between branch points; each piece between a
// sample and its parent is a frustum from the parent's radius to the sample's. A neurite hanging
// from the soma starts at its soma sample with a cylinder of its own first radius. The soma:
//   * one soma sample (a sphere of radius r): a cylinder of the same area, length = diameter =
//     2 r (NEURON's Import3d and Arbor do the same); neurites hang from its middle (x = 0.5);
//   * three soma samples, the second and third children of the first (NeuroMorpho.org's
//     standard: a cylinder of radius r from y - r to y + r): the same cylinder, 2 r by 2 r;
//   * any other chain of soma samples (a contour or cylinder soma, as Arbor reads it): frusta
//     along the chain; neurites hang where their parent sample lies on it.
// Rejected, with the line number and the reason (noneq::domain_error): a line without seven
// numbers, an id that is not a positive integer or is repeated, a radius <= 0 or a non-finite
// value, a parent not defined on an earlier line, a second root, soma samples that branch other
// than as the three-point soma, and a section of zero length.
#pragma once

#include <noneq/cable/morphology.hpp>
#include <noneq/core/error.hpp>

#include <cmath>
#include <cstddef>
#include <fstream>
#include <istream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace noneq::cable {

namespace detail {
struct swc_sample {
    long id;
    int type;
    double x, y, z, r;
    long parent;
    std::size_t line;
    std::vector<std::size_t> children{};
};
[[noreturn]] inline void swc_fail(std::size_t line, const std::string& why) {
    throw domain_error("swc line " + std::to_string(line) + ": " + why);
}
inline double swc_distance(const swc_sample& a, const swc_sample& b) {
    return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) +
                     (a.z - b.z) * (a.z - b.z));
}
} // namespace detail

/// Reads an SWC morphology from a stream (see the header comment).
inline morphology read_swc(std::istream& in) {
    using detail::swc_fail;
    std::vector<detail::swc_sample> s;
    std::map<long, std::size_t> index;
    std::string text;
    std::size_t line = 0;
    while (std::getline(in, text)) {
        ++line;
        const auto hash = text.find('#');
        if (hash != std::string::npos) text.erase(hash);
        std::istringstream ls(text);
        std::vector<std::string> f;
        for (std::string w; ls >> w;)
            f.push_back(w);
        if (f.empty()) continue;
        if (f.size() != 7)
            swc_fail(line, "expected 7 fields 'n T x y z R P', found " + std::to_string(f.size()));
        double v[7];
        for (int k = 0; k < 7; ++k) {
            std::size_t used = 0;
            try {
                v[k] = std::stod(f[k], &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != f[k].size() || !std::isfinite(v[k]))
                swc_fail(line,
                         "field " + std::to_string(k + 1) + " '" + f[k] + "' is not a number");
        }
        const long id = long(v[0]), parent = long(v[6]);
        if (double(id) != v[0] || id <= 0)
            swc_fail(line, "id '" + f[0] + "' is not a positive integer");
        if (double(parent) != v[6] || (parent <= 0 && parent != -1))
            swc_fail(line, "parent '" + f[6] + "' is neither -1 nor a positive integer");
        if (double(int(v[1])) != v[1]) swc_fail(line, "type '" + f[1] + "' is not an integer");
        if (!(v[5] > 0)) swc_fail(line, "radius " + f[5] + " is not > 0");
        if (index.count(id)) swc_fail(line, "id " + f[0] + " is repeated");
        if (parent != -1 && !index.count(parent))
            swc_fail(line, "parent " + f[6] + " is not defined on an earlier line");
        if (parent == -1 && !s.empty()) swc_fail(line, "a second root (parent -1)");
        index[id] = s.size();
        s.push_back({id, int(v[1]), v[2], v[3], v[4], v[5], parent, line});
        if (parent != -1) s[index[parent]].children.push_back(s.size() - 1);
    }
    if (s.empty()) throw domain_error("swc: no samples");

    morphology m;
    std::vector<double> soma_x(s.size(), -1.0); // x on the soma section of each soma sample
    std::vector<std::size_t> soma;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i].type == 1) soma.push_back(i);
    const bool has_soma = !soma.empty() && s[0].type == 1;
    if (!soma.empty() && !has_soma)
        swc_fail(s[soma[0]].line, "soma sample but the root is not soma");
    if (has_soma) {
        const auto& r0 = s[0];
        const bool three_point =
            soma.size() == 3 && s[soma[1]].parent == r0.id && s[soma[2]].parent == r0.id;
        if (soma.size() == 1 || three_point) {
            m.add_section(2 * r0.r * 1e-6 * make<unit::length>(1.0),
                          2 * r0.r * 1e-6 * make<unit::length>(1.0), section::no_parent, 1.0, 1,
                          "soma");
            for (const auto k : soma)
                soma_x[k] = 0.5;
        } else { // a chain of soma samples: frusta along it
            std::vector<frustum> pieces;
            std::vector<double> arc{0.0};
            for (std::size_t k = 1; k < soma.size(); ++k) {
                const auto& a = s[soma[k]];
                if (a.parent != s[soma[k - 1]].id)
                    swc_fail(a.line, "soma samples must form a chain (or be the three-point soma)");
                const double l = detail::swc_distance(a, s[soma[k - 1]]);
                if (!(l > 0)) swc_fail(a.line, "soma sample at the same place as its parent");
                pieces.push_back({l, 2 * s[soma[k - 1]].r, 2 * a.r});
                arc.push_back(arc.back() + l);
            }
            m.add_section(pieces, section::no_parent, 1.0, 1, "soma");
            for (std::size_t k = 0; k < soma.size(); ++k)
                soma_x[soma[k]] = arc[k] / arc.back();
        }
    }
    // Neurites: a section per unbranched chain. Work list: (first sample, parent section, x).
    struct start {
        std::size_t sample;
        std::size_t parent;
        double x;
    };
    std::vector<start> todo;
    const std::size_t none = section::no_parent;
    if (has_soma) {
        for (const auto k : soma)
            for (const auto c : s[k].children)
                if (s[c].type != 1) todo.push_back({c, 0, soma_x[k]});
    } else {
        for (const auto c : s[0].children)
            todo.push_back({c, none, 0.0});
        if (todo.empty()) swc_fail(s[0].line, "a single sample and no soma: no length");
    }
    for (std::size_t t = 0; t < todo.size(); ++t) {
        const start st = todo[t];
        std::vector<frustum> pieces;
        std::size_t cur = st.sample;
        const auto& p0 = s[index[s[cur].parent]];
        const bool from_soma = p0.type == 1 && has_soma;
        for (;;) {
            const auto& a = s[cur];
            const auto& p = s[index[a.parent]];
            const double l = detail::swc_distance(a, p);
            if (l > 0)
                pieces.push_back({l, (from_soma && cur == st.sample) ? 2 * a.r : 2 * p.r, 2 * a.r});
            if (a.children.size() != 1) break;
            cur = a.children[0];
        }
        if (pieces.empty()) swc_fail(s[cur].line, "a section of zero length");
        // Without a soma, the first chain is the root; its siblings hang from its x = 0 end.
        const std::size_t parent = st.parent == none && m.size() > 0 ? 0 : st.parent;
        const std::size_t me =
            m.add_section(pieces, parent, st.parent == none ? 0.0 : st.x, s[st.sample].type);
        for (const auto c : s[cur].children)
            todo.push_back({c, me, 1.0});
    }
    return m;
}

/// Reads an SWC file.
inline morphology load_swc(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw domain_error("swc: cannot open '" + path + "'");
    return read_swc(in);
}

} // namespace noneq::cable
