// A voltage plus a current has no meaning: no operator+ exists for the pair.
// expect: volts_plus_amperes\.cpp:15:[0-9]+: error: no match for 'operator\+' \(operand types are '
// expect: [^']*current_base_dimension, boost::units::static_rational<-1> >[^']*' .* and '[^']*unit<
// expect: boost::units::list<boost::units::dim<boost::units::current_base_dimension, boost::units::
// expect: static_rational<1> >, boost::units::dimensionless_type>
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto x = 1.0_mV + 1.0_mV;
#else
    auto x = 1.0_mV + 1.0_nA;
#endif
    (void)x;
    return 0;
}
