// A shear rate is a frequency (1/s): passing a temperature in its place does not compile.
// expect: could not convert .*temperature_base_dimension.* to
// .*time_base_dimension,static_rational<-1>
#include <noneq/softmatter/shear.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    const softmatter::crossover_rheology r{};
#ifdef NONEQ_CORRECTED
    auto s = softmatter::make_sheared_solution(100.0, 0.6, r, 300.0_Hz, 300.0_K, 1e-28_m3);
#else
    auto s = softmatter::make_sheared_solution(100.0, 0.6, r, 300.0_K, 300.0_K, 1e-28_m3);
#endif
    (void)s;
    return 0;
}
