// A Celsius reading is not an absolute temperature: it must go through kelvin().
// expect: celsius_for_temperature\.cpp:13:[0-9]+: error: no matching function for call to 'nernst\(
// expect: int, [^']*, noneq::celsius<double>\)'
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto e = nernst(1, 140.0_mM, 5.0_mM, kelvin(37.0_degC));
#else
    auto e = nernst(1, 140.0_mM, 5.0_mM, 37.0_degC);
#endif
    (void)e;
    return 0;
}
