// exprel takes a floating-point value type (or a batch of them), not an int.
// expect: constraints not satisfied
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    auto y = exprel(1);
    (void)y;
    return 0;
}
