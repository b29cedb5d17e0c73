// A kernel's broadcast scalar is unit-checked: a voltage passed where the outside concentration
// belongs must not compile.
// expect: this broadcast argument has the wrong unit
#include <noneq/kernels/nernst.hpp>

#include <vector>

int main() {
    using namespace noneq::literals;
    std::vector<double> c_in(8, 10.0), E(8);
#ifdef NONEQ_CORRECTED
    noneq::kernels::nernst(E, 1, c_in, 145.0_mM, noneq::kelvin(37.0_degC));
#else
    noneq::kernels::nernst(E, 1, c_in, -65.0_mV, noneq::kelvin(37.0_degC));
#endif
    return 0;
}
