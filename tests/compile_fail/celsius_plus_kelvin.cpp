// Celsius readings do not mix with absolute temperatures.
// expect: no match for .operator\+
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    auto t = 1.0_K + 37.0_degC;
    (void)t;
    return 0;
}
