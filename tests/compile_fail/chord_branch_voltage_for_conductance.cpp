// A chord-conductance branch given a voltage where its conductance belongs.
// expect: chord_branch_voltage_for_conductance\.cpp:19:[0-9]+: error: could not convert .* from 'qu
// expect: antity<unit<list<dim<\[\.\.\.\],static_rational<2>>,list<dim<\[\.\.\.\],static_rational<1
// expect: >>,list<dim<\[\.\.\.\],static_rational<-3>>,list<dim<\[\.\.\.\],static_rational<-1>>,\[\.
// expect: \.\.\]>>>>,\[\.\.\.\]>,\[\.\.\.\]>' to 'quantity<unit<list<dim<\[\.\.\.\],static_rational
// expect: <-2>>,list<dim<\[\.\.\.\],static_rational<-1>>,list<dim<\[\.\.\.\],static_rational<3>>,li
// expect: st<dim<\[\.\.\.\],static_rational<2>>
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
