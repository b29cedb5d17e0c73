// A voltage literal where a time is due.
// expect: conversion from .*non-scalar type
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
