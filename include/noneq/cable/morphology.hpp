// noneq/cable/morphology.hpp — the shape of a neuron: unbranched sections (NEURON's word) joined
// into a tree. A section is a sequence of truncated cones (frusta; a cylinder is the special case
// of equal end diameters) along its arc length; it hangs from a point x in [0, 1] of its parent
// section (x = 1: the parent's far end, where dendrites branch; x = 0 of the root section: its
// near end). Every section carries an integer tag (the SWC type: 1 soma, 2 axon, 3 basal and
// 4 apical dendrite, or the user's own), which the cable maps to a region's membrane.
//
// Lengths are quantities at the API; the stored numbers are um, as NEURON's. Sections are kept
// in the order they were added, and a parent must be added before its children (the Hines order
// of the nodes follows from it). The axial resistivity Ra is a cable property
// (cable/discretise.hpp); its unit (ohm m, read out as ohm cm) is defined here.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <boost/units/systems/si/length.hpp>
#include <boost/units/systems/si/resistance.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

// resistivity<V>, literals _ohm_cm and _ohm_m, in_ohm_cm: units.hpp.

namespace noneq::cable {

/// A truncated cone of length `length_um` from diameter d0 to d1 (um); d0 = d1: a cylinder.
struct frustum {
    double length_um;
    double d0_um;
    double d1_um;
};

/// Radius (um) at arc position s (um) from the start of a frustum of length l.
inline double radius_at(const frustum& f, double s) {
    return 0.5 * (f.d0_um + (f.d1_um - f.d0_um) * (s / f.length_um));
}

/// Lateral area (um^2) and the integral of ds / (pi r^2) (1/um) of the part [a, b] of a frustum:
/// the membrane area and, times Ra, the axial resistance of that part.
struct frustum_integrals {
    double area_um2 = 0;
    double inv_area_length = 0; ///< int ds / (pi r(s)^2), 1/um
};
inline frustum_integrals integrate(const frustum& f, double a, double b) {
    const double r0 = radius_at(f, a), r1 = radius_at(f, b), l = b - a;
    // Lateral area of a frustum: pi (r0 + r1) slant; resistance of a cone: l / (pi r0 r1).
    const double slant = std::sqrt(l * l + (r1 - r0) * (r1 - r0));
    return {std::numbers::pi * (r0 + r1) * slant, l / (std::numbers::pi * r0 * r1)};
}

/// One unbranched section: frusta along its arc, its parent and where on it it hangs.
struct section {
    static constexpr std::size_t no_parent = std::numeric_limits<std::size_t>::max();
    std::vector<frustum> pieces;
    std::size_t parent = no_parent;
    double parent_x = 1.0; ///< position on the parent, 0..1
    int tag = 0;           ///< SWC type or the user's own region label
    std::string name;

    double length_um() const {
        double l = 0;
        for (const auto& p : pieces)
            l += p.length_um;
        return l;
    }
    /// Membrane area and int ds/(pi r^2) over the arc [a, b] (um) of the section.
    frustum_integrals integrate(double a, double b) const {
        frustum_integrals sum;
        double s0 = 0;
        for (const auto& p : pieces) {
            const double s1 = s0 + p.length_um;
            const double lo = std::max(a, s0), hi = std::min(b, s1);
            if (hi > lo) {
                const auto r = cable::integrate(p, lo - s0, hi - s0);
                sum.area_um2 += r.area_um2;
                sum.inv_area_length += r.inv_area_length;
            }
            s0 = s1;
        }
        return sum;
    }
};

/// A tree of sections, built from code (add_section) or read from an SWC file (swc.hpp).
class morphology {
public:
    /// A cylinder of `length` and `diameter` hanging from `parent` at `parent_x` (the first
    /// section is the root: parent section::no_parent). Returns the section's index.
    std::size_t add_section(const length<double>& len, const length<double>& diameter,
                            std::size_t parent = section::no_parent, double parent_x = 1.0,
                            int tag = 0, std::string name = {}) {
        const double l = in_um(len), d = in_um(diameter);
        require_positive("length", l, "um");
        require_positive("diameter", d, "um");
        return add_section(std::vector<frustum>{{l, d, d}}, parent, parent_x, tag, std::move(name));
    }
    /// A section of several frusta (e.g. from 3D points).
    std::size_t add_section(std::vector<frustum> pieces, std::size_t parent = section::no_parent,
                            double parent_x = 1.0, int tag = 0, std::string name = {}) {
        require(!pieces.empty(), "pieces", 0, ">= 1 frustum");
        for (const auto& p : pieces) {
            require_positive("length", p.length_um, "um");
            require_positive("diameter", p.d0_um, "um");
            require_positive("diameter", p.d1_um, "um");
        }
        if (sections_.empty())
            require(parent == section::no_parent, "parent", double(parent),
                    "no parent for the first (root) section");
        else
            require(parent < sections_.size(), "parent", double(parent),
                    "index of a section added before this one");
        require(parent_x >= 0.0 && parent_x <= 1.0, "parent_x", parent_x, "0..1");
        if (parent != section::no_parent && parent != 0)
            require(parent_x > 0.0, "parent_x", parent_x,
                    "> 0 (only the root's x = 0 end is a branch point)");
        sections_.push_back({std::move(pieces), parent, parent_x, tag, std::move(name)});
        return sections_.size() - 1;
    }

    std::size_t size() const { return sections_.size(); }
    bool empty() const { return sections_.empty(); }
    const section& operator[](std::size_t i) const {
        require(i < sections_.size(), "section", double(i), "index < size()");
        return sections_[i];
    }
    const std::vector<section>& sections() const { return sections_; }
    /// Relabel every section tagged `from` as `to` (e.g. SWC's apical dendrites as basal).
    void retag(int from, int to) {
        for (auto& s : sections_)
            if (s.tag == from) s.tag = to;
    }
    /// Total membrane area (um^2).
    double area_um2() const {
        double a = 0;
        for (const auto& s : sections_)
            a += s.integrate(0.0, s.length_um()).area_um2;
        return a;
    }

private:
    std::vector<section> sections_;
};

} // namespace noneq::cable
