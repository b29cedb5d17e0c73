// noneq/integrate/band.hpp — the half-bandwidths of a banded Jacobian, for the methods with a
// banded linear solver (cvode_bdf: run_options::cvode_band).
#pragma once

#include <cstddef>

namespace noneq {

/// J_ij = 0 for j - i > upper or i - j > lower (a tridiagonal Jacobian: {1, 1}).
struct band {
    std::size_t upper = 0, lower = 0;
};

} // namespace noneq
