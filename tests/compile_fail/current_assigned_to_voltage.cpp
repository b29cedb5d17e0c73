// A current stored in a voltage.
// expect: conversion from .*non-scalar type
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    voltage<double> v = 1.0_nA;
    (void)v;
    return 0;
}
