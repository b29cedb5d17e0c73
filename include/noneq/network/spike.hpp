// noneq/network/spike.hpp — a spike as the network exchanges it: the source cell's global id and
// the threshold crossing time in steps (step index n plus the interpolated fraction of the step,
// core/crossing.hpp's linear_crossing; the time is t = (n + fraction) dt). Spikes are ordered by
// time, then source id: the one order in which they are delivered on every rank, so that results
// do not depend on the number of ranks or threads. 16 bytes, trivially copyable (sent as bytes).
#pragma once

#include <cstdint>
#include <type_traits>

namespace noneq {

struct spike {
    double t_steps;       ///< crossing time in steps of dt
    std::uint64_t source; ///< global id of the cell that fired
};
static_assert(std::is_trivially_copyable_v<spike> && sizeof(spike) == 16);

/// The delivery order: time, then source id.
constexpr bool operator<(const spike& a, const spike& b) {
    return a.t_steps < b.t_steps || (a.t_steps == b.t_steps && a.source < b.source);
}
constexpr bool operator==(const spike& a, const spike& b) {
    return a.t_steps == b.t_steps && a.source == b.source;
}

} // namespace noneq
