// noneq/tissue/grid.hpp — a structured grid of nodes for the monodomain equation: nx x ny x nz
// nodes (1D: ny = nz = 1; 2D: nz = 1) spaced hx, hy, hz, the first node of each axis at 0 and the
// last at (n - 1) h: nodes sit ON the tissue's faces (vertex-centred), so a slab of length L at
// spacing h has L/h + 1 nodes along that axis, as in the N-version benchmark (Niederer et al.
// 2011), where point P8 is the far corner node. Node (i, j, k) has index i + nx (j + ny k).
// Regions are boxes (closed: a node on a box's face is inside) or any predicate over points.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

namespace noneq::tissue {

/// A point of the tissue (m from the grid's first node).
struct point {
    length<double> x, y, z;
};

/// An axis-aligned box [lo, hi] (closed).
struct box {
    point lo, hi;
    bool contains(const point& p, double slack_m = 0.0) const {
        const auto in = [&](length<double> v, length<double> a, length<double> b) {
            return si_value(v) >= si_value(a) - slack_m && si_value(v) <= si_value(b) + slack_m;
        };
        return in(p.x, lo.x, hi.x) && in(p.y, lo.y, hi.y) && in(p.z, lo.z, hi.z);
    }
};

/// Which nodes a region holds.
using node_predicate = std::function<bool(const point&)>;

class grid {
public:
    /// n nodes per axis (each >= 1, at least 2 in total), spacing h per axis (> 0).
    grid(std::array<std::size_t, 3> n, std::array<length<double>, 3> h) : n_(n) {
        for (int a = 0; a < 3; ++a) {
            require(n[a] >= 1, a == 0 ? "nx" : a == 1 ? "ny" : "nz", n[a], ">= 1 node");
            require_positive(a == 0 ? "hx" : a == 1 ? "hy" : "hz", si_value(h[a]), "m");
            h_[a] = si_value(h[a]);
        }
        require(n[0] * n[1] * n[2] >= 2, "nx*ny*nz", n[0] * n[1] * n[2], ">= 2 nodes");
    }

    /// A slab [0, Lx] x [0, Ly] x [0, Lz] at spacing dx on every axis (Ly = 0: 1D; Lz = 0: 2D).
    /// Each extent must be a whole number of steps (within 1e-9 relative).
    static grid slab(length<double> Lx, length<double> Ly, length<double> Lz, length<double> dx) {
        require_positive("dx", si_value(dx), "m");
        require_positive("Lx", si_value(Lx), "m");
        const std::array<double, 3> L{si_value(Lx), si_value(Ly), si_value(Lz)};
        std::array<std::size_t, 3> n{};
        for (int a = 0; a < 3; ++a) {
            const char* name = a == 0 ? "Lx" : a == 1 ? "Ly" : "Lz";
            require(std::isfinite(L[a]) && L[a] >= 0, name, L[a], ">= 0, finite", "m");
            const double steps = L[a] / si_value(dx);
            const double whole = std::round(steps);
            require(std::abs(steps - whole) <= 1e-9 * std::max(1.0, steps), "dx", si_value(dx),
                    "a divisor of every extent (whole number of steps)", "m");
            n[a] = static_cast<std::size_t>(whole) + 1;
        }
        return grid(n, {dx, dx, dx});
    }

    std::size_t nx() const { return n_[0]; }
    std::size_t ny() const { return n_[1]; }
    std::size_t nz() const { return n_[2]; }
    std::size_t n(int axis) const { return n_[axis]; }
    std::size_t size() const { return n_[0] * n_[1] * n_[2]; }
    /// Spacing along an axis, m.
    double h_m(int axis) const { return h_[axis]; }
    length<double> h(int axis) const { return make<unit::length>(h_[axis]); }
    /// Number of axes with more than one node.
    int dims() const { return int(n_[0] > 1) + int(n_[1] > 1) + int(n_[2] > 1); }

    std::size_t index(std::size_t i, std::size_t j, std::size_t k) const {
        return i + n_[0] * (j + n_[1] * k);
    }
    std::array<std::size_t, 3> ijk(std::size_t idx) const {
        return {idx % n_[0], (idx / n_[0]) % n_[1], idx / (n_[0] * n_[1])};
    }
    point at(std::size_t idx) const {
        const auto c = ijk(idx);
        return {make<unit::length>(double(c[0]) * h_[0]), make<unit::length>(double(c[1]) * h_[1]),
                make<unit::length>(double(c[2]) * h_[2])};
    }
    /// The node nearest to p (p clamped into the grid).
    std::size_t nearest(const point& p) const {
        const std::array<double, 3> x{si_value(p.x), si_value(p.y), si_value(p.z)};
        std::array<std::size_t, 3> c{};
        for (int a = 0; a < 3; ++a) {
            const double r = std::round(x[a] / h_[a]);
            c[a] = r <= 0 ? 0 : std::min<std::size_t>(static_cast<std::size_t>(r), n_[a] - 1);
        }
        return index(c[0], c[1], c[2]);
    }
    /// The nodes inside b (closed; a node within 1e-9 h of a face counts as inside).
    std::vector<std::size_t> nodes_in(const box& b) const {
        std::vector<std::size_t> out;
        const double slack = 1e-9 * std::min({h_[0], h_[1], h_[2]});
        for (std::size_t idx = 0; idx < size(); ++idx)
            if (b.contains(at(idx), slack)) out.push_back(idx);
        return out;
    }

private:
    std::array<std::size_t, 3> n_;
    std::array<double, 3> h_{};
};

/// A region predicate: every node.
inline node_predicate everywhere() {
    return [](const point&) { return true; };
}
/// A region predicate: the nodes inside b (closed, with 1e-12 m of slack for rounding).
inline node_predicate inside(const box& b) {
    return [b](const point& p) { return b.contains(p, 1e-12); };
}

} // namespace noneq::tissue
