// F times a voltage is a molar energy, not a voltage.
// expect: molar_energy_for_voltage\.cpp:16:[0-9]+: error: conversion from 'quantity<unit<list<\[\.
// expect: \.\.\],list<\[\.\.\.\],list<dim<\[\.\.\.\],static_rational<-2>>,list<dim<boost::units::am
// expect: ount_base_dimension,\[\.\.\.\]>,\[\.\.\.\]>>>>,\[\.\.\.\],\[\.\.\.\]>,\[\.\.\.\]>' to non
// expect: -scalar type 'quantity<unit<list<\[\.\.\.\],list<\[\.\.\.\],list<dim<\[\.\.\.\],static_ra
// expect: tional<-3>>,list<dim<boost::units::current_base_dimension
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    molar_energy<double> v = constants::F * 1.0_mV;
#else
    voltage<double> v = constants::F * 1.0_mV;
#endif
    (void)v;
    return 0;
}
