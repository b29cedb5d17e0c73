// exprel takes a floating-point value type (or a batch of them), not an int.
// expect: exprel_of_int\.cpp:14:[0-9]+: error: no matching function for call to 'exprel\(int\)'.*co
// expect: nstraints not satisfied.*is_floating_point_v<typename noneq::scalar_of<V>::type> \[wit
// expect: h V = int\]' evaluated to 'false'
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
