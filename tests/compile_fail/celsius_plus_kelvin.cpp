// Celsius readings do not mix with absolute temperatures.
// expect: celsius_plus_kelvin\.cpp:15:[0-9]+: error: no match for 'operator\+' \(operand types ar
// expect: e '[a-z:]*quantity<boost::units::unit<boost::units::list<boost::units::dim<boost::units::
// expect: temperature_base_dimension, boost::units::static_rational<1> >, boost::units::dimensionle
// expect: ss_type>[^']*' .* and 'noneq::celsius<double>'\)
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto t = 1.0_K + kelvin(37.0_degC);
#else
    auto t = 1.0_K + 37.0_degC;
#endif
    (void)t;
    return 0;
}
