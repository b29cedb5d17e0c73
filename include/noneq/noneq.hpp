// noneq/noneq.hpp — umbrella header: everything in the library.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/units.hpp>

#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/core/value_traits.hpp>

#include <noneq/flux/ghk_current.hpp>
#include <noneq/flux/ohmic.hpp>
#include <noneq/potential/nernst.hpp>
