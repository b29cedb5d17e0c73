// Celsius readings do not mix with absolute temperatures.
// expect: no match for .operator\+
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
