// A kinetics policy that gives both alpha/beta and inf/tau: which one the gate should use would
// be ambiguous, so gate_kinetics (its unambiguous_rate_form part) rejects it.
// expect: unambiguous_rate_form
#include <noneq/membrane/gates.hpp>

struct both_forms {
    static constexpr const char* name = "x";
    static double alpha(double) { return 1.0; }
    static double beta(double) { return 1.0; }
#ifndef NONEQ_CORRECTED
    static double inf(double) {
        return 0.5;
    }
    static double tau(double) {
        return 0.5;
    }
#endif
};

int main() {
    noneq::gate<both_forms, 1> g;
    (void)g;
    return 0;
}
