// A bare number is not a voltage: use -65.0_mV or make<unit::voltage>(...).
// expect: conversion from .double. to non-scalar type
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
#ifdef NONEQ_CORRECTED
    voltage<double> v = -65.0_mV;
#else
    voltage<double> v = -65.0;
#endif
    (void)v;
    return 0;
}
