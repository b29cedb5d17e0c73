// The GHK voltage equation needs an absolute temperature; a Celsius reading is not one and must
// be converted with kelvin(...) first.
// expect: no matching function for call to .ghk_voltage
#include <noneq/potential/ghk_voltage.hpp>

#include <array>

using namespace noneq;
using namespace noneq::literals;

int main() {
    const std::array<ghk_ion<double>, 1> ions{
        {{1, make<unit::dimensionless>(1.0), 400.0_mM, 20.0_mM}}};
#ifdef NONEQ_CORRECTED
    auto v = ghk_voltage(ions, kelvin(6.3_degC));
#else
    auto v = ghk_voltage(ions, 6.3_degC);
#endif
    (void)v;
    return 0;
}
