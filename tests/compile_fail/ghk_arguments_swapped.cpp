// A concentration passed where the GHK current expects a permeability.
// expect: no matching function for call to .ghk_current
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto i = ghk_current(1, 1e-8_m_per_s, 0.0_mV, 1.0_mM, 1.0_mM, kelvin(20.0_degC));
#else
    auto i = ghk_current(1, 1.0_mM, 0.0_mV, 1.0_mM, 1.0_mM, kelvin(20.0_degC));
#endif
    (void)i;
    return 0;
}
