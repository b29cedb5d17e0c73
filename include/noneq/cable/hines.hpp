// noneq/cable/hines.hpp — the exact solve of a tree-structured linear system (Hines 1984,
// "Efficient computation of branched nerve equations", Int J Biomed Comput 15:69): with nodes
// numbered so that every node's parent has a smaller index, the matrix has a diagonal d, and one
// symmetric off-diagonal pair b_i between node i and its parent p(i). Gaussian elimination from
// the leaves to the root, then substitution back out, costs O(n) and creates no fill-in: the
// cable's tridiagonal (Thomas) solve generalised to branches.
//   row i:  d_i u_i + b_i u_p(i) + sum_{children c} b_c u_c = r_i
// Written over any value type: with xsimd batches, one solve runs one tree per lane (cells of
// one morphology in SIMD lanes).
#pragma once

#include <cstddef>
#include <vector>

namespace noneq::cable {

/// Solves the tree system in place: on return r holds u (d is overwritten). parent[0] is
/// ignored (the root); parent[i] < i for i >= 1 (unchecked: the layout guarantees it).
/// The off-diagonal b may be of the scalar type (one tree shape for every lane).
template <class V, class B>
void hines_solve(const std::size_t* parent, const B* b, V* d, V* r, std::size_t n) {
    for (std::size_t i = n - 1; i >= 1; --i) {
        const std::size_t p = parent[i];
        const V bi(b[i]);
        const V f = bi / d[i];
        d[p] = d[p] - f * bi;
        r[p] = r[p] - f * r[i];
    }
    r[0] = r[0] / d[0];
    for (std::size_t i = 1; i < n; ++i)
        r[i] = (r[i] - V(b[i]) * r[parent[i]]) / d[i];
}

} // namespace noneq::cable
