// A bare number is not a voltage: use -65.0_mV or make<unit::voltage>(...).
// expect: conversion from .double. to non-scalar type
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    voltage<double> v = -65.0;
    (void)v;
    return 0;
}
