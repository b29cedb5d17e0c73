// Value types are not mixed silently: a float concentration with double ones.
// expect: float_mixed_with_double\.cpp:13:[0-9]+: error: no matching function for call to 'nernst.*
// expect: deduced conflicting types for parameter 'V' \('float' and 'double'\)
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto e = nernst(1, concentration<double>::from_value(140.0), 5.0_mM, kelvin(37.0_degC));
#else
    auto e = nernst(1, concentration<float>::from_value(140.0f), 5.0_mM, kelvin(37.0_degC));
#endif
    (void)e;
    return 0;
}
