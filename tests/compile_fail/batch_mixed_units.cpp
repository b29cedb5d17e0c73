// A batch of voltages plus a batch of concentrations.
// expect: batch_mixed_units\.cpp:18:[0-9]+: error: no match for 'operator\+' \(operand types are '[
// expect: ^']*current_base_dimension, boost::units::static_rational<-1> >[^']*xsimd::batch<double
// expect: > >' .* and '[^']*unit<boost::units::list<boost::units::dim<boost::units::length_base_dim
// expect: ension, boost::units::static_rational<-3> >, boost::units::list<boost::units::dim<boost::
// expect: units::amount_base_dimension, boost::units::static_rational<1> >, boost::units::dimension
// expect: less_type>
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    using B = xsimd::batch<double>;
#ifdef NONEQ_CORRECTED
    auto x = value_cast<B>(1.0_mV) + value_cast<B>(1.0_mV);
#else
    auto x = value_cast<B>(1.0_mV) + value_cast<B>(1.0_mM);
#endif
    (void)x;
    return 0;
}
