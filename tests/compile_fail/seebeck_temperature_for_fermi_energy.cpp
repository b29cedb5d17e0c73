// The Mott formula needs the Fermi energy; a temperature in its place does not compile.
// expect: no matching function for call to .seebeck_free_electron_metal
#include <noneq/devices/seebeck.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    auto s = devices::seebeck_free_electron_metal(300.0_K, 3.24_eV);
#else
    auto s = devices::seebeck_free_electron_metal(300.0_K, 300.0_K);
#endif
    (void)s;
    return 0;
}
