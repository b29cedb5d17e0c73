// A model that does not declare its time unit (and is not a membrane, whose unit is ms) is not
// an integrable_system: run() rejects it rather than guess.
// expect: required for the satisfaction of 'has_time_unit<S>'
#include <noneq/integrate/run.hpp>

#include <array>

namespace {
struct decay {
    using state_type = std::array<double, 1>;
#ifdef NONEQ_CORRECTED
    using time_unit = noneq::seconds;
#endif
    void operator()(const state_type& x, state_type& d, double) const {
        d[0] = -x[0];
    }
};
} // namespace

int main() {
    using namespace noneq::literals;
    decay::state_type x{1.0};
    noneq::run(decay{}, x, 0.0_s, 2.0_s, noneq::method::rodas4);
    return 0;
}
