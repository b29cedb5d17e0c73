// transport_work given a concentration where the potential difference dpsi belongs (arguments
// out of order): the unit-checked signature rejects it.
// expect: no matching function for call to .transport_work
#include <noneq/potential/electrochemical.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto w = transport_work(1, 145.0_mM, 12.0_mM, -70.0_mV, kelvin(37.0_degC));
#else
    auto w = transport_work(1, 145.0_mM, -70.0_mV, 12.0_mM, kelvin(37.0_degC));
#endif
    (void)w;
    return 0;
}
