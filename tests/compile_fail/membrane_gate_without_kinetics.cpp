// A gate built from a type that has neither alpha/beta nor inf/tau rate functions: gate<K, P>
// requires K to satisfy noneq::gate_kinetics.
// expect: template constraint failure.*gate_kinetics
#include <noneq/membrane/gates.hpp>

struct no_rates {
    static constexpr const char* name = "x";
};

int main() {
    noneq::gate<no_rates, 3> g;
    (void)g;
    return 0;
}
