// In a model imported from CellML, a voltage plus a time (noneq/cellml/quantity.hpp): the
// converter rejects such a model itself; the generated header would not compile either.
// expect: cellml_voltage_plus_time\.cpp:17:[0-9]+: error: no match for 'operator\+' \(operand
// expect:  types are 'const noneq::cellml::q<noneq::cellml::basic_dim<noneq::cellml::exponents{
// expect: .*and 'const noneq::cellml::q<noneq::cellml::basic_dim<
#include <noneq/cellml/quantity.hpp>

using namespace noneq::cellml;

int main() {
    const q<dim<1, 2, -3, -1, 0, 0, 0>, double> v{-0.08}; // V
    const q<dim<0, 0, 1, 0, 0, 0, 0>, double> t{0.001};   // s
    (void)t;
#ifdef NONEQ_CORRECTED
    const auto x = v + v;
#else
    const auto x = v + t;
#endif
    (void)x;
    return 0;
}
