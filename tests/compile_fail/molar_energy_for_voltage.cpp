// F times a voltage is a molar energy, not a voltage.
// expect: conversion from .*non-scalar type
#include <noneq/noneq.hpp>

using namespace noneq;
using namespace noneq::literals;

int main() {
    voltage<double> v = constants::F * 1.0_mV;
    (void)v;
    return 0;
}
