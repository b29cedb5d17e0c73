// noneq/core/error.hpp — noneq::domain_error and the checks that raise it. A message names the
// argument, the offending value (the first offending lane of a batch, or array index) and the
// allowed range, e.g.
//   noneq: argument 'c_in' = -1 mol/m^3 is outside the allowed range (> 0)
#pragma once

#include <noneq/core/value_traits.hpp>

#include <cmath>
#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace noneq {

/// Thrown for physically meaningless input. Derived from std::domain_error.
class domain_error : public std::domain_error {
public:
    domain_error(std::string_view argument, long double value, std::string_view allowed,
                 std::string_view unit = {})
        : std::domain_error(format(argument, value, allowed, unit)), argument_(argument),
          value_(value) {}

    explicit domain_error(const std::string& message)
        : std::domain_error("noneq: " + message), argument_(), value_(NAN) {}

    const std::string& argument() const noexcept { return argument_; }
    long double value() const noexcept { return value_; }

private:
    static std::string format(std::string_view argument, long double value,
                              std::string_view allowed, std::string_view unit) {
        std::ostringstream os;
        os.precision(17);
        os << "noneq: argument '" << argument << "' = " << value;
        if (!unit.empty()) os << ' ' << unit;
        os << " is outside the allowed range (" << allowed << ")";
        return os.str();
    }
    std::string argument_;
    long double value_;
};

/// Throws domain_error naming `argument`, its first offending lane and `allowed` unless every
/// lane of `ok` holds. `ok` is a bool (scalar) or a batch mask; NaN must make `ok` false, so
/// write conditions as `x > 0`, not `!(x <= 0)`.
template <class M, class V>
void require(const M& ok, std::string_view argument, const V& value, std::string_view allowed,
             std::string_view unit = {}) {
    if constexpr (std::is_same_v<M, bool>) {
        if (!ok) throw domain_error(argument, static_cast<long double>(value), allowed, unit);
    } else {
        if (!xsimd::all(ok)) {
            for (std::size_t i = 0; i < lanes<V>(); ++i)
                if (!mask_lane(ok, i))
                    throw domain_error(argument, static_cast<long double>(lane(value, i)), allowed,
                                       unit);
        }
    }
}

/// x > 0 and finite.
template <class V>
void require_positive(std::string_view argument, const V& x, std::string_view unit = {}) {
    require(x > V(0) && is_finite(x), argument, x, "> 0, finite", unit);
}

/// x >= 0 and finite.
template <class V>
void require_nonnegative(std::string_view argument, const V& x, std::string_view unit = {}) {
    require(x >= V(0) && is_finite(x), argument, x, ">= 0, finite", unit);
}

/// x finite (not NaN, not infinite).
template <class V>
void require_finite(std::string_view argument, const V& x, std::string_view unit = {}) {
    require(is_finite(x), argument, x, "finite", unit);
}

/// Array form: checks every element with `ok(x)`, naming the first bad index.
template <class Range, class Pred>
void require_each(const Range& xs, std::string_view argument, std::string_view allowed, Pred ok) {
    std::size_t i = 0;
    for (const auto& x : xs) {
        if (!ok(x)) {
            std::ostringstream name;
            name << argument << '[' << i << ']';
            throw domain_error(name.str(), static_cast<long double>(x), allowed);
        }
        ++i;
    }
}

} // namespace noneq

namespace noneq {

/// Tag selecting the unchecked overload of a formula: the caller (a kernel that validated its
/// arrays once, or a model stepping from a validated state) vouches for the input. The checked
/// overload validates and then calls the unchecked one, so each formula is written once.
struct unchecked_t {
    explicit constexpr unchecked_t() = default;
};
inline constexpr unchecked_t unchecked{};

} // namespace noneq
