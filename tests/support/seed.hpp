// tests/support/seed.hpp — seeds of the random tests. Each site names its fixed default, so a
// plain run is reproducible; NONEQ_SEED=<n> in the environment moves every site to a new stream
// (default + n), so repeated CI runs sample new inputs. The seed in use is printed, so a failure
// can be replayed with the same NONEQ_SEED.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>

namespace noneq::test {

/// The environment's offset NONEQ_SEED (0 when unset or empty).
inline std::uint64_t seed_offset() {
    const char* env = std::getenv("NONEQ_SEED");
    return (env && *env) ? std::strtoull(env, nullptr, 0) : 0;
}

/// The seed for one random test: `fallback` plus NONEQ_SEED. Call it inside a test case (it
/// reports the seed through doctest's MESSAGE).
inline std::uint64_t seed(std::uint64_t fallback) {
    const std::uint64_t offset = seed_offset();
    const std::uint64_t s = fallback + offset;
    MESSAGE("random seed " << s << " (default " << fallback << " + NONEQ_SEED " << offset << ")");
    return s;
}

} // namespace noneq::test
