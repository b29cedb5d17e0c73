// A chord-conductance branch given a voltage where its conductance belongs.
// expect: could not convert
#include <noneq/potential/chord.hpp>

#include <array>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    const std::array<chord_branch<double, unit::conductance>, 1> b{{{1.0_nS, -65.0_mV}}};
#else
    const std::array<chord_branch<double, unit::conductance>, 1> b{{{-65.0_mV, -65.0_mV}}};
#endif
    auto v = chord_potential(b);
    (void)v;
    return 0;
}
