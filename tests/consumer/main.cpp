#include <noneq/potential/nernst.hpp>

#include <cstdio>

int main() {
    using namespace noneq::literals;
    auto e_k = noneq::nernst(1, 140.0_mM, 5.0_mM, noneq::kelvin(37.0_degC));
    std::printf("consumer: E_K_mV=%.6f\n", noneq::in_mV(e_k));
    return noneq::in_mV(e_k) < -80.0 ? 0 : 1;
}
