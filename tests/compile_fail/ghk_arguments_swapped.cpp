// A concentration passed where the GHK current expects a permeability.
// expect: no matching function for call to .ghk_current
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    auto i = ghk_current(1, 1.0_mM, 0.0_mV, 1.0_mM, 1.0_mM, kelvin(20.0_degC));
    (void)i;
    return 0;
}
