// A pump policy whose current() returns a voltage instead of a current density: it does not
// satisfy noneq::pump_policy, so a Membrane rejects it.
// expect: membrane_part_or_pump
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>

struct bad_pump {
    noneq::voltage<double> current(const noneq::voltage<double>& v,
                                   const noneq::environment&) const {
        return v;
    }
};

int main() {
    using cell = noneq::membrane<noneq::specific_capacitance, noneq::leak, bad_pump>;
    cell::state_type x{};
    (void)x;
    return 0;
}
