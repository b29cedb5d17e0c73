// run() takes its times as quantities: a bare double (seconds? milliseconds?) does not compile.
// expect: cannot convert '0.0' \(type 'double'\)
// expect:  to type 'noneq::time<double>
#include <noneq/integrate/run.hpp>

#include <array>

namespace {
struct decay {
    using state_type = std::array<double, 1>;
    using time_unit = noneq::seconds;
    void operator()(const state_type& x, state_type& d, double) const { d[0] = -x[0]; }
};
} // namespace

int main() {
    decay::state_type x{1.0};
#ifdef NONEQ_CORRECTED
    using namespace noneq::literals;
    noneq::run(decay{}, x, 0.0_s, 2.0_s, noneq::method::rodas4);
#else
    noneq::run(decay{}, x, 0.0, 2.0, noneq::method::rodas4);
#endif
    return 0;
}
