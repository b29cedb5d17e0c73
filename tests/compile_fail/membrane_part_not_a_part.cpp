// A Membrane composed with a type that is neither a membrane part (current, state hooks) nor a
// pump policy: membrane<Cap, Ps...> requires each Ps to satisfy membrane_part_or_pump.
// expect: membrane_part_or_pump
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>

struct not_a_part {
    double conductance = 1.0;
};

int main() {
#ifdef NONEQ_CORRECTED
    using cell = noneq::membrane<noneq::specific_capacitance, noneq::leak>;
#else
    using cell = noneq::membrane<noneq::specific_capacitance, noneq::leak, not_a_part>;
#endif
    cell::state_type x{};
    (void)x;
    return 0;
}
