// A voltage passed where Nernst expects a concentration.
// expect: concentration_for_voltage\.cpp:14:[0-9]+: error: no matching function for call to 'nernst
// expect: \(int, [a-z:]*quantity<boost::units::unit<boost::units::list<boost::units::dim<boost::uni
// expect: ts::length_base_dimension, boost::units::static_rational<2> >
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
