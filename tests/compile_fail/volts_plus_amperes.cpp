// A voltage plus a current has no meaning: no operator+ exists for the pair.
// expect: no match for .operator\+
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    auto x = 1.0_mV + 1.0_nA;
    (void)x;
    return 0;
}
