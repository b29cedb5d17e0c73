// noneq/cable/discretise.hpp — a morphology cut into compartments, as NEURON does it: each
// section into nseg segments of equal length h, one node at each segment's centre carrying the
// membrane of that segment (its lateral area), and one node of zero area at each section end,
// where children attach (the root section also has one at its x = 0 end). Neighbouring nodes are
// joined by the axial resistance of the cable between them: two half segments between centres,
// one half segment between a centre and an end node (NEURON's finite-volume scheme; Hines &
// Carnevale 1997, "The NEURON simulation environment", Neural Comput 9:1179). A sealed end is an
// end node with nothing beyond it. The scheme is second order in h (tests/test_cable.cpp
// measures it).
//
// Node order: a node's parent has a smaller index (sections in morphology order, a parent first),
// which is the order the Hines elimination (hines.hpp) needs.
//
// nseg per section: fixed, by compartment length (nseg = ceil(L / dx)), or NEURON's d_lambda rule
// (fixnseg.hoc: nseg = int((L / (d_lambda lambda_f) + 0.9) / 2) * 2 + 1, with the AC length
// constant lambda_f = 1e5 sqrt(d / (4 pi f Ra cm)) um at f = 100 Hz, d in um, Ra in ohm cm, cm in
// uF/cm^2; over several frusta L / lambda_f = sum_i l_i sqrt(2) 1e-5 sqrt(4 pi f Ra cm) /
// sqrt(d0_i + d1_i), as fixnseg.hoc's 3D-point form).
#pragma once

#include <noneq/cable/morphology.hpp>
#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <numbers>
#include <vector>

namespace noneq::cable {

/// How many segments each section gets.
class discretisation {
public:
    enum class rule { fixed, by_length, d_lambda };

    static discretisation fixed(std::size_t nseg) {
        require(nseg >= 1, "nseg", double(nseg), ">= 1");
        discretisation d;
        d.rule_ = rule::fixed;
        d.n_ = nseg;
        return d;
    }
    static discretisation by_length(const length<double>& dx) {
        require_positive("dx", in_um(dx), "um");
        discretisation d;
        d.rule_ = rule::by_length;
        d.dx_um_ = in_um(dx);
        return d;
    }
    /// NEURON's d_lambda rule (default d_lambda = 0.1 of the length constant at 100 Hz).
    static discretisation
    d_lambda(double d_lambda = 0.1,
             const frequency<double>& f = frequency<double>::from_value(100)) {
        require_positive("d_lambda", d_lambda);
        require_positive("frequency", f.value(), "Hz");
        discretisation d;
        d.rule_ = rule::d_lambda;
        d.dl_ = d_lambda;
        d.f_hz_ = f.value();
        return d;
    }

    rule kind() const { return rule_; }

    /// L / lambda_f of a section (NEURON's fixnseg.hoc), Ra in ohm cm, cm in uF/cm^2.
    double electrotonic_length_ac(const section& s, double ra_ohm_cm, double cm_uF_per_cm2) const {
        double lam = 0;
        for (const auto& p : s.pieces)
            lam += p.length_um / std::sqrt(p.d0_um + p.d1_um);
        return lam * std::numbers::sqrt2 * 1e-5 *
               std::sqrt(4 * std::numbers::pi * f_hz_ * ra_ohm_cm * cm_uF_per_cm2);
    }

    std::size_t nseg(const section& s, double ra_ohm_cm, double cm_uF_per_cm2) const {
        switch (rule_) {
        case rule::fixed:
            return n_;
        case rule::by_length:
            return std::max<std::size_t>(1, std::size_t(std::ceil(s.length_um() / dx_um_ - 1e-9)));
        case rule::d_lambda: {
            const double e = electrotonic_length_ac(s, ra_ohm_cm, cm_uF_per_cm2);
            return std::size_t((e / dl_ + 0.9) / 2) * 2 + 1;
        }
        }
        return 1;
    }

private:
    rule rule_ = rule::fixed;
    std::size_t n_ = 1;
    double dx_um_ = 0, dl_ = 0.1, f_hz_ = 100;
};

/// A place on the morphology: section index and x in [0, 1] along it.
struct location {
    std::size_t section;
    double x;
};

/// The nodes of a discretised morphology.
struct layout {
    struct section_nodes {
        std::size_t start; ///< node at x = 0 (the parent's node it hangs from; root: node 0)
        std::size_t first; ///< first segment-centre node
        std::size_t nseg;
        std::size_t end; ///< zero-area node at x = 1
        double length_um;
    };
    std::vector<std::size_t> parent; ///< parent node (node 0: itself)
    std::vector<double> g_axial_uS;  ///< conductance to the parent node (node 0: 0)
    std::vector<double> area_um2;    ///< membrane area (0 at section ends)
    std::vector<int> tag;            ///< the tag of the node's section
    std::vector<double> distance_um; ///< path distance from the root's x = 0 end
    std::vector<section_nodes> sections;

    std::size_t size() const { return parent.size(); }
    std::size_t compartments() const {
        return std::size_t(
            std::count_if(area_um2.begin(), area_um2.end(), [](double a) { return a > 0; }));
    }
    /// The node a location maps to: a section end, or the centre of the segment holding x
    /// (NEURON's rule for point processes and recordings).
    std::size_t node(const location& l) const {
        require(l.section < sections.size(), "section", double(l.section), "index < sections");
        require(l.x >= 0.0 && l.x <= 1.0, "x", l.x, "0..1");
        const auto& s = sections[l.section];
        if (l.x == 0.0) return s.start;
        if (l.x == 1.0) return s.end;
        return s.first + std::min(s.nseg - 1, std::size_t(l.x * double(s.nseg)));
    }
};

/// Discretises `m` with rule `d` and axial resistivity `ra`; `cm_of_tag(tag)` gives the specific
/// capacitance (uF/cm^2) of a section's membrane (for the d_lambda rule).
inline layout make_layout(const morphology& m, const discretisation& d,
                          const resistivity<double>& ra,
                          const std::function<double(int)>& cm_of_tag) {
    require(!m.empty(), "morphology", 0, ">= 1 section");
    const double ra_ohm_cm = in_ohm_cm(ra);
    require_positive("Ra", ra_ohm_cm, "ohm cm");
    layout out;
    auto add = [&](std::size_t parent, double g, double area, int tag, double dist) {
        out.parent.push_back(parent);
        out.g_axial_uS.push_back(g);
        out.area_um2.push_back(area);
        out.tag.push_back(tag);
        out.distance_um.push_back(dist);
        return out.parent.size() - 1;
    };
    // conductance (uS) of the arc [a, b] of section s: R = Ra int ds/(pi r^2), ohm cm * 1/um
    // = 1e4 ohm = 1e-2 MOhm.
    auto g_of = [&](const section& s, double a, double b) {
        return 1.0 / (ra_ohm_cm * s.integrate(a, b).inv_area_length * 1e-2);
    };
    add(0, 0.0, 0.0, m[0].tag, 0.0);
    for (std::size_t k = 0; k < m.size(); ++k) {
        const section& s = m[k];
        const double L = s.length_um();
        const std::size_t n = d.nseg(s, ra_ohm_cm, cm_of_tag(s.tag));
        const double h = L / double(n);
        const std::size_t start = k == 0 ? 0 : out.node({s.parent, s.parent_x});
        const double d0 = out.distance_um[start];
        std::size_t prev = start;
        const std::size_t first = out.size();
        for (std::size_t i = 0; i < n; ++i) {
            const double a = i == 0 ? 0.0 : (double(i) - 0.5) * h;
            const double c = (double(i) + 0.5) * h;
            const double area = s.integrate(double(i) * h, double(i + 1) * h).area_um2;
            prev = add(prev, g_of(s, a, c), area, s.tag, d0 + c);
        }
        const std::size_t end = add(prev, g_of(s, L - 0.5 * h, L), 0.0, s.tag, d0 + L);
        out.sections.push_back({start, first, n, end, L});
    }
    return out;
}

} // namespace noneq::cable
