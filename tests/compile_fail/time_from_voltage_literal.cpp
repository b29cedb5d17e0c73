// A voltage literal where a time is due.
// expect: time_from_voltage_literal\.cpp:15:[0-9]+: error: conversion from 'quantity<unit<list<dim<
// expect: boost::units::length_base_dimension,static_rational<2>>.*to non-scalar type 'quantity<uni
// expect: t<list<dim<boost::units::time_base_dimension,static_rational<1>>,boost::units::dimensionl
// expect: ess_type>
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    noneq::time<double> t = 5.0_ms;
#else
    noneq::time<double> t = 5.0_mV;
#endif
    (void)t;
    return 0;
}
