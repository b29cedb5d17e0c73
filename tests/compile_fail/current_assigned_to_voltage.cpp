// A current stored in a voltage.
// expect: conversion from .*non-scalar type
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
