// A voltage passed where Nernst expects a concentration.
// expect: no matching function for call to .nernst
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto e = nernst(1, 1.0_mM, 2.0_mM, kelvin(37.0_degC));
#else
    auto e = nernst(1, 1.0_mV, 2.0_mM, kelvin(37.0_degC));
#endif
    (void)e;
    return 0;
}
