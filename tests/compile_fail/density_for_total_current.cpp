// A current density (A/m^2) is not a current (A): the membrane area is missing.
// expect: density_for_total_current\.cpp:16:[0-9]+: error: conversion from 'quantity<unit<list<dim<
// expect: boost::units::length_base_dimension,static_rational<-2>>,boost::units::list<boost::units:
// expect: :dim<boost::units::current_base_dimension, boost::units::static_rational<1> >, boost::uni
// expect: ts::dimensionless_type>>.*to non-scalar type 'quantity<unit<list<dim<boost::units::curren
// expect: t_base_dimension,static_rational<1>>,boost::units::dimensionless_type>
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    current<double> i = 1.0_mS_per_cm2 * 1.0_mV * 1.0_cm2;
#else
    current<double> i = 1.0_mS_per_cm2 * 1.0_mV;
#endif
    (void)i;
    return 0;
}
