// A current stored in a voltage.
// expect: current_assigned_to_voltage\.cpp:15:[0-9]+: error: conversion from 'quantity<unit<list<di
// expect: m<boost::units::current_base_dimension,static_rational<1>>,boost::units::dimensionless_ty
// expect: pe>,\[\.\.\.\]>,\[\.\.\.\]>' to non-scalar type 'quantity<unit<list<dim<boost::units::len
// expect: gth_base_dimension,static_rational<2>>
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    current<double> v = 1.0_nA;
#else
    voltage<double> v = 1.0_nA;
#endif
    (void)v;
    return 0;
}
