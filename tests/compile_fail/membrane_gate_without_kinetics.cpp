// A gate built from a type that has neither alpha/beta nor inf/tau rate functions: gate<K, P>
// requires K to satisfy noneq::gate_kinetics.
// expect: template constraint failure.*gate_kinetics
#include <noneq/membrane/gates.hpp>

struct no_rates {
#ifdef NONEQ_CORRECTED
    static constexpr const char* name = "x";
    static double alpha(double) {
        return 1.0;
    }
    static double beta(double) {
        return 1.0;
    }
#else
    static constexpr const char* name = "x";
#endif
};

int main() {
    noneq::gate<no_rates, 3> g;
    (void)g;
    return 0;
}
