// noneq/kernels/nernst.hpp — the Nernst potential over arrays: E[i] = (RT/zF) ln(c_out[i]/c_in[i])
// for N compartments, evaluated by the scalar API's own template noneq::nernst(unchecked, ...)
// instantiated with V = xsimd::batch<T> (conventions: kernels/simd.hpp).
#pragma once

#include <noneq/kernels/simd.hpp>
#include <noneq/potential/nernst.hpp>

namespace noneq::kernels {

/// E[i] = Nernst potential (V) of an ion of valence z with concentrations c_in[i], c_out[i]
/// (mol/m^3; arrays, or concentration quantities broadcast to every element) at temperature T.
/// Throws domain_error for z == 0, T or a concentration not positive and finite (naming the
/// first bad index), or arrays whose sizes differ from E's.
template <contiguous_array Out, class Cin, class Cout, class S>
void nernst(const execution& ex, Out&& E, int z, const Cin& c_in, const Cout& c_out,
            const temperature<S>& T) {
    using V = element_t<Out>;
    V* out = detail::output_pointer(E, "E");
    const std::size_t n = E.size();
    const auto ci = detail::make_input<V, unit::concentration>(c_in, "c_in", n);
    const auto co = detail::make_input<V, unit::concentration>(c_out, "c_out", n);
    require(z != 0, "z", z, "nonzero integer valence");
    require_positive("T", T.value(), "K");
    const auto Tb = make<unit::temperature>(batch<V>(static_cast<V>(T.value())));
    using pos = detail::positive_finite;
    detail::elementwise(
        ex, out, n,
        [z, Tb](const batch<V>& c_i, const batch<V>& c_o) {
            return noneq::nernst(unchecked, z, make<unit::concentration>(c_i),
                                 make<unit::concentration>(c_o), Tb)
                .value();
        },
        detail::check_as<pos>(ci, "c_in", "mol/m^3"),
        detail::check_as<pos>(co, "c_out", "mol/m^3"));
}

template <contiguous_array Out, class Cin, class Cout, class S>
void nernst(Out&& E, int z, const Cin& c_in, const Cout& c_out, const temperature<S>& T) {
    kernels::nernst(sequential, E, z, c_in, c_out, T);
}

} // namespace noneq::kernels
