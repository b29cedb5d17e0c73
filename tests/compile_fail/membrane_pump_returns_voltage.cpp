// A pump policy whose current() returns a voltage instead of a current density: it does not
// satisfy noneq::pump_policy, so a Membrane rejects it.
// expect: membrane_part_or_pump
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>

struct bad_pump {
#ifdef NONEQ_CORRECTED
    noneq::current_density<double> current(const noneq::voltage<double>& v,
                                           const noneq::environment&) const {
        return noneq::current_density<double>::from_value(v.value());
    }
#else
    noneq::voltage<double> current(const noneq::voltage<double>& v,
                                   const noneq::environment&) const {
        return v;
    }
#endif
};

int main() {
    using cell = noneq::membrane<noneq::specific_capacitance, noneq::leak, bad_pump>;
    cell::state_type x{};
    (void)x;
    return 0;
}
