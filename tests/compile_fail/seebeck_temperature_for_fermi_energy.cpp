// The Mott formula needs the Fermi energy; a temperature in its place does not compile.
// expect: no matching function for call to .seebeck_free_electron_metal
#include <noneq/devices/seebeck.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    auto s = devices::seebeck_free_electron_metal(300.0_K, 300.0_K);
    (void)s;
    return 0;
}
