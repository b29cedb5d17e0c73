// F times a voltage is a molar energy, not a voltage.
// expect: conversion from .*non-scalar type
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
