// A batch of voltages plus a batch of concentrations.
// expect: no match for .operator\+
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    using B = xsimd::batch<double>;
#ifdef NONEQ_CORRECTED
    auto x = value_cast<B>(1.0_mV) + value_cast<B>(1.0_mV);
#else
    auto x = value_cast<B>(1.0_mV) + value_cast<B>(1.0_mM);
#endif
    (void)x;
    return 0;
}
