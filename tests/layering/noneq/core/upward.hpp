// A deliberately bad header for the layering check's own test (never compiled): core/ sits below
// membrane/ and must not include it; the downward include and the commented-out one are legal.
#pragma once

#include <noneq/units.hpp>
#include <noneq/membrane/membrane.hpp>
// #include <noneq/analysis/spikes.hpp>
