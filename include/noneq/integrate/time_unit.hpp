// noneq/integrate/time_unit.hpp — the time unit of a model, explicit in its type.
//
// A model integrated by run() (run.hpp) states the unit its right-hand side is written in:
//   struct my_model { using time_unit = noneq::seconds; ... };      // dx/dt per second
// run() takes its times as noneq::time<double> quantities (5.0_ms, 2.0_s) and converts them to
// that unit, so a time in seconds handed to a millisecond model is converted, never misread, and a
// bare double where a time is due does not compile (tests/compile_fail/). Inside the model and in
// observers the time is a double in the declared unit, as in Boost.Odeint.
// A model that declares no unit but is a membrane (exponentially_steppable: noneq's membranes are
// written in mV and ms) is in milliseconds; any other model without a unit is rejected.
#pragma once

#include <noneq/integrate/exponential.hpp>
#include <noneq/units.hpp>

#include <concepts>

namespace noneq {

/// Time unit tags: how many seconds one unit is, and its symbol.
struct milliseconds {
    static constexpr double in_seconds = 1e-3;
    static constexpr const char* symbol = "ms";
};
struct seconds {
    static constexpr double in_seconds = 1.0;
    static constexpr const char* symbol = "s";
};

template <class U>
concept time_unit_tag = requires {
    { U::in_seconds } -> std::convertible_to<double>;
    { U::symbol } -> std::convertible_to<const char*>;
};

/// The time unit of model S: S::time_unit, or milliseconds for a membrane; none otherwise.
template <class S>
struct time_unit_of {};
template <class S>
requires time_unit_tag<typename S::time_unit>
struct time_unit_of<S> {
    using type = typename S::time_unit;
};
template <class S>
requires(!requires { typename S::time_unit; } &&
         exponentially_steppable<S>) struct time_unit_of<S> {
    using type = milliseconds;
};

/// A model whose time unit is known (declared, or a membrane's milliseconds).
template <class S>
concept has_time_unit = requires {
    typename time_unit_of<S>::type;
};

template <class S>
using time_unit_t = typename time_unit_of<S>::type;

/// A time as a double in unit U, and back.
template <time_unit_tag U>
double in_unit(const time<double>& t) {
    return t.value() / U::in_seconds;
}
template <time_unit_tag U>
time<double> from_unit(double t) {
    return time<double>::from_value(t * U::in_seconds);
}

} // namespace noneq
