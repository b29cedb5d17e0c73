// A kelvin temperature passed where a Celsius reading is expected.
// expect: no matching function for call to .kelvin
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto t = kelvin(37.0_degC);
#else
    auto t = kelvin(310.0_K);
#endif
    (void)t;
    return 0;
}
