// A conductance given for the Severi 2012 membrane capacitance: the parameters are quantities, so
// the CellML's 3.2e-5 uF cannot be mistaken for a conductance (nor a bare number for either).
// Boost.Units names the two by their dimensions: a conductance is s^3 A^2 / (kg m^2), a
// capacitance s^4 A^2 / (kg m^2); the expected diagnostic is the missing conversion between the
// two (time exponents 3 and 4), so another wrong unit (a time, say) does not pass for this case.
// expect: time_base_dimension, boost::units::static_rational<3> >
// expect: .*static_rational<4, 1> >
#include <noneq/cardiac/severi2012.hpp>

using namespace noneq::literals;

int main() {
    noneq::severi2012::parameters p;
#ifdef NONEQ_CORRECTED
    p.C = 32.0_pF;
#else
    p.C = 32.0_nS; // meant 32 pF
#endif
    const noneq::severi2012::model m(p);
    (void)m;
    return 0;
}
