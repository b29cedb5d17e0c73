// The exponential (Rush-Larsen) stepper on a plain ODE system: it needs a membrane-like system
// (current, relax, capacitance), and says so.
// expect: exponential_euler needs a system with current
#include <noneq/integrate/exponential.hpp>

#include <array>

struct decay {
    using state_type = std::array<double, 1>;
    void operator()(const state_type& x, state_type& d, double) const { d[0] = -x[0]; }
};

int main() {
    decay sys;
    decay::state_type x{1.0};
    noneq::exponential_euler<decay::state_type> st;
    st.do_step(sys, x, 0.0, 0.1);
    return 0;
}
