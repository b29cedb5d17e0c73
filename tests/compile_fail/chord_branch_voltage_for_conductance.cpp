// A chord-conductance branch given a voltage where its conductance belongs.
// expect: could not convert
#include <noneq/potential/chord.hpp>

#include <array>

using namespace noneq;
using namespace noneq::literals;

int main() {
    const std::array<chord_branch<double, unit::conductance>, 1> b{{{-65.0_mV, -65.0_mV}}};
    auto v = chord_potential(b);
    (void)v;
    return 0;
}
