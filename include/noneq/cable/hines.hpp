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

#include <noneq/core/value_traits.hpp>

#include <cstddef>
#include <vector>

namespace noneq::cable {

/// Solves the tree system in place: on return r holds u (d is overwritten with 1/d of the
/// eliminated matrix, so the way back multiplies: one division per node, off the back
/// substitution's dependency chain). parent[0] is ignored (the root); parent[i] < i for i >= 1
/// (unchecked: the layout guarantees it). The off-diagonal b may be of the scalar type (one tree
/// shape for every lane).
template <class V, class B>
void hines_solve(const std::size_t* parent, const B* b, V* d, V* r, std::size_t n) {
    const V one(scalar_t<V>(1));
    // Where node i's parent is i - 1 (along every unbranched run), the next node's d and r stay
    // in registers: the serial chain is a division and a fused multiply-add per node, without a
    // store and reload between them.
    V di = d[n - 1], ri = r[n - 1];
    for (std::size_t i = n - 1; i >= 1; --i) {
        const std::size_t p = parent[i];
        const V bi(b[i]);
        const V inv = one / di;
        d[i] = inv;
        r[i] = ri;
        const V f = bi * inv;
        if (p == i - 1) {
            di = d[p] - f * bi;
            ri = r[p] - f * ri;
        } else {
            d[p] = d[p] - f * bi;
            r[p] = r[p] - f * ri;
            di = d[i - 1];
            ri = r[i - 1];
        }
    }
    d[0] = one / di;
    V prev = ri * d[0];
    r[0] = prev;
    for (std::size_t i = 1; i < n; ++i) {
        const std::size_t p = parent[i];
        const V up = p == i - 1 ? prev : r[p];
        prev = (r[i] - V(b[i]) * up) * d[i];
        r[i] = prev;
    }
}

} // namespace noneq::cable
