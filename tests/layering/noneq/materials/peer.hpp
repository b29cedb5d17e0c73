// A deliberately bad header for the layering check's own test (never compiled): materials/ and
// devices/ are peer domains and must not include each other.
#pragma once

#include <noneq/core/error.hpp>
#include "noneq/devices/seebeck.hpp"
