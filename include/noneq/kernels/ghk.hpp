// noneq/kernels/ghk.hpp — the GHK current density of one ion species over arrays,
//   I[i] = z F P[i] (c_in[i] - c_out[i] e^{-u}) exprel(-u),   u = z F v[i] / (R T),
// evaluated by the scalar API's own template noneq::ghk_current(unchecked, ...) instantiated with
// V = xsimd::batch<T> (conventions: kernels/simd.hpp). Smooth through v = 0.
#pragma once

#include <noneq/flux/ghk_current.hpp>
#include <noneq/kernels/simd.hpp>

namespace noneq::kernels {

/// I[i] = GHK current density (A/m^2, outward positive) of an ion of valence z with permeability
/// P[i] (m/s), membrane potential v[i] (V), concentrations c_in[i], c_out[i] (mol/m^3) at
/// temperature T. Each input is an array or a quantity broadcast to every element. Throws
/// domain_error for z == 0, T not positive and finite, P or a concentration negative or not
/// finite, v not finite or beyond |z F v / (R T)| = 700 (about 18 V / |z|, where e^{-u}
/// overflows; as the scalar ghk_current) naming the first bad index, or arrays whose sizes
/// differ from I's.
template <contiguous_array Out, class P, class Vm, class Cin, class Cout, class S>
void ghk_current(const execution& ex, Out&& I, int z, const P& perm, const Vm& v, const Cin& c_in,
                 const Cout& c_out, const temperature<S>& T) {
    using V = element_t<Out>;
    V* out = detail::output_pointer(I, "I");
    const std::size_t n = I.size();
    const auto p = detail::make_input<V, unit::permeability>(perm, "P", n);
    const auto vm = detail::make_input<V, unit::voltage>(v, "v", n);
    const auto ci = detail::make_input<V, unit::concentration>(c_in, "c_in", n);
    const auto co = detail::make_input<V, unit::concentration>(c_out, "c_out", n);
    require(z != 0, "z", z, "nonzero integer valence");
    require_positive("T", T.value(), "K");
    const auto Tb = make<unit::temperature>(batch<V>(static_cast<V>(T.value())));
    using nonneg = detail::nonnegative_finite;
    const auto v_ok = detail::ghk_voltage_range(z, static_cast<double>(T.value()));
    detail::elementwise(
        ex, out, n,
        [z, Tb](const batch<V>& p_, const batch<V>& v_, const batch<V>& c_i, const batch<V>& c_o) {
            return noneq::ghk_current(unchecked, z, make<unit::permeability>(p_),
                                      make<unit::voltage>(v_), make<unit::concentration>(c_i),
                                      make<unit::concentration>(c_o), Tb)
                .value();
        },
        detail::check_as<nonneg>(p, "P", "m/s"), detail::check_as(vm, "v", "V", v_ok),
        detail::check_as<nonneg>(ci, "c_in", "mol/m^3"),
        detail::check_as<nonneg>(co, "c_out", "mol/m^3"));
}

template <contiguous_array Out, class P, class Vm, class Cin, class Cout, class S>
void ghk_current(Out&& I, int z, const P& perm, const Vm& v, const Cin& c_in, const Cout& c_out,
                 const temperature<S>& T) {
    kernels::ghk_current(sequential, I, z, perm, v, c_in, c_out, T);
}

} // namespace noneq::kernels
