// A voltage plus a current has no meaning: no operator+ exists for the pair.
// expect: no match for .operator\+
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
