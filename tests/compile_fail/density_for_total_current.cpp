// A current density (A/m^2) is not a current (A): the membrane area is missing.
// expect: conversion from .*non-scalar type
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
