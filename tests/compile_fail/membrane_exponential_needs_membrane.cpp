// The exponential (Rush-Larsen) stepper on a plain ODE system: it needs a membrane-like system
// (current and slope conductance, relax, capacitance), and says so.
// expect: exponential_euler needs a system with current_and_conductance
#include <noneq/integrate/exponential.hpp>

#include <array>

#ifdef NONEQ_CORRECTED
#include <noneq/membrane/part.hpp>
struct decay { // membrane-like: current and slope, an exact relaxation of the rest, a capacitance
    using state_type = std::array<double, 1>;
    struct cap {
        double uF_per_cm2() const { return 1.0; }
    };
    noneq::part_current<double> current_and_conductance(const double* x, double) const {
        return {x[0], 1.0};
    }
    void relax(double*, double, double, double) const {}
    cap capacitance() const { return {}; }
};
#else
struct decay {
    using state_type = std::array<double, 1>;
    void operator()(const state_type& x, state_type& d, double) const { d[0] = -x[0]; }
};
#endif

int main() {
    decay sys;
    decay::state_type x{1.0};
    noneq::exponential_euler<decay::state_type> st;
    st.do_step(sys, x, 0.0, 0.1);
    return 0;
}
