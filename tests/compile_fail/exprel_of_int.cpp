// exprel takes a floating-point value type (or a batch of them), not an int.
// expect: constraints not satisfied
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto y = exprel(1.0);
#else
    auto y = exprel(1);
#endif
    (void)y;
    return 0;
}
