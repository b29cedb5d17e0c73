// noneq/kernels/currents.hpp — per-step membrane currents of a population over arrays: the ohmic
// current g (v - E) and the total membrane current density of N compartments,
//   I[i] = sum_k g_k[i] (v[i] - E_k[i]) + sum_j I_GHK,j(v[i]),
// evaluated by the scalar API's own templates noneq::ohmic_current and
// noneq::ghk_current(unchecked, ...) with V = xsimd::batch<T> (conventions: kernels/simd.hpp).
// The sum over terms is accumulated in registers, one batch of compartments at a time.
#pragma once

#include <noneq/flux/ghk_current.hpp>
#include <noneq/flux/ohmic.hpp>
#include <noneq/kernels/simd.hpp>

#include <span>
#include <string>
#include <type_traits>

namespace noneq::kernels {

/// I[i] = g[i] (v[i] - e[i]): an ohmic current (g in S, I in A) or current density (g in S/m^2,
/// I in A/m^2). Each input is an array or a quantity broadcast to every element. Throws
/// domain_error for g negative or not finite, v or e not finite (naming the first bad index), or
/// arrays whose sizes differ from I's.
template <contiguous_array Out, class G, class Vm, class E>
void ohmic_current(const execution& ex, Out&& I, const G& g, const Vm& v, const E& e) {
    using V = element_t<Out>;
    V* out = detail::output_pointer(I, "I");
    const std::size_t n = I.size();
    const auto gi = detail::make_input<V, unit::conductance_density, unit::conductance>(g, "g", n);
    const auto vm = detail::make_input<V, unit::voltage>(v, "v", n);
    const auto ei = detail::make_input<V, unit::voltage>(e, "e", n);
    detail::elementwise(
        ex, out, n,
        [](const batch<V>& g_, const batch<V>& v_, const batch<V>& e_) {
            return noneq::ohmic_current(make<unit::conductance_density>(g_),
                                        make<unit::voltage>(v_), make<unit::voltage>(e_))
                .value();
        },
        detail::check_as<detail::nonnegative_finite>(gi, "g", "S/m^2"),
        detail::check_as<detail::finite>(vm, "v", "V"),
        detail::check_as<detail::finite>(ei, "e", "V"));
}

template <contiguous_array Out, class G, class Vm, class E>
void ohmic_current(Out&& I, const G& g, const Vm& v, const E& e) {
    kernels::ohmic_current(sequential, I, g, v, e);
}

/// An ohmic term of a population's membrane current: conductance density g (S/m^2) and reversal
/// potential e (V), each an array over the compartments or one broadcast value. Holds pointers:
/// the arrays must outlive the term.
template <class T>
struct ohmic_term {
    input<T> g;
    input<T> e;
};

/// A GHK term: valence z, permeability P (m/s), concentrations c_in, c_out (mol/m^3), each an
/// array or one broadcast value.
template <class T>
struct ghk_term {
    int z;
    input<T> P;
    input<T> c_in;
    input<T> c_out;
};

/// Builds an ohmic term from arrays and/or quantities; T is the element type (float or double).
template <class T, class G, class E>
ohmic_term<T> ohmic(const G& g, const E& e) {
    return {detail::make_input<T, unit::conductance_density>(g, "g"),
            detail::make_input<T, unit::voltage>(e, "e")};
}

/// Builds a GHK term from arrays and/or quantities; T is the element type (float or double).
template <class T, class P, class Cin, class Cout>
ghk_term<T> ghk(int z, const P& perm, const Cin& c_in, const Cout& c_out) {
    return {z, detail::make_input<T, unit::permeability>(perm, "P"),
            detail::make_input<T, unit::concentration>(c_in, "c_in"),
            detail::make_input<T, unit::concentration>(c_out, "c_out")};
}

namespace detail {

/// I over [b, e) with the validation summaries: `pos` of the arrays that must be >= 0, `fin` of
/// those that must be finite. Flattened and out of line, as detail::elementwise_block.
template <class V>
[[gnu::flatten, gnu::noinline]] void
total_current_block(const input<V>& v, std::span<const ohmic_term<V>> ohmic,
                    std::span<const ghk_term<V>> ghk, const temperature<batch<V>>& T, V* out,
                    std::size_t b, std::size_t e, block_summary<V>& pos_out,
                    block_summary<V>& fin_out, block_summary<V>& v_out) {
    const input<V> v_ = v; // locals: not clobbered by the (may-alias) vector stores to out
    block_summary<V> pos, fin, vs;
    for_each_batch<V>(b, e, [&](std::size_t i, auto part) {
        const batch<V> vb = v_.load(i, part);
        vs.add(magnitude_within::prepare(vb));
        const auto vq = make<unit::voltage>(vb);
        batch<V> acc(V(0));
        for (const auto& t : ohmic) {
            const batch<V> g = t.g.load(i, part), ev = t.e.load(i, part);
            pos.add(g);
            if (!t.e.is_broadcast()) fin.add(ev); // a broadcast e was checked once
            acc += noneq::ohmic_current(make<unit::conductance_density>(g), vq,
                                        make<unit::voltage>(ev))
                       .value();
        }
        for (const auto& t : ghk) {
            const batch<V> p = t.P.load(i, part), ci = t.c_in.load(i, part),
                           co = t.c_out.load(i, part);
            pos.add(xsimd::min(p, xsimd::min(ci, co)), p + ci + co);
            acc +=
                noneq::ghk_current(unchecked, t.z, make<unit::permeability>(p), vq,
                                   make<unit::concentration>(ci), make<unit::concentration>(co), T)
                    .value();
        }
        store(out, i, acc, part);
    });
    pos_out = pos;
    fin_out = fin;
    v_out = vs;
}

} // namespace detail

/// Total membrane current density (A/m^2, outward positive) of N compartments at potentials
/// v[i] (V): I[i] = sum over `ohmic` of g (v - e) + sum over `ghk` of the GHK current at
/// temperature T. Validates every array once (naming the term, e.g. "ohmic[1].g[17]") and every
/// term's size against I's; a GHK term needs z != 0.
template <contiguous_array Out, class Vm, class S>
void total_current(const execution& ex, Out&& I, const Vm& v,
                   std::type_identity_t<std::span<const ohmic_term<element_t<Out>>>> ohmic,
                   std::type_identity_t<std::span<const ghk_term<element_t<Out>>>> ghk,
                   const temperature<S>& T) {
    using V = element_t<Out>;
    V* out = detail::output_pointer(I, "I");
    const std::size_t n = I.size();
    const auto vm = detail::make_input<V, unit::voltage>(v, "v", n);
    require_positive("T", T.value(), "K");
    const detail::nonnegative_finite nonneg;
    const detail::finite fin;
    detail::check_broadcast(vm, "v", "V", fin);
    const auto term_name = [](const char* list, std::size_t k, const char* field) {
        return [=] { return std::string(list) + '[' + std::to_string(k) + "]." + field; };
    };
    for (std::size_t k = 0; k < ohmic.size(); ++k) {
        const auto& t = ohmic[k];
        if (!t.g.is_broadcast()) detail::require_size(term_name("ohmic", k, "g"), t.g.size(), n);
        if (!t.e.is_broadcast()) detail::require_size(term_name("ohmic", k, "e"), t.e.size(), n);
        detail::check_broadcast(t.g, term_name("ohmic", k, "g"), "S/m^2", nonneg);
        detail::check_broadcast(t.e, term_name("ohmic", k, "e"), "V", fin);
    }
    for (std::size_t k = 0; k < ghk.size(); ++k) {
        const auto& t = ghk[k];
        if (t.z == 0) throw domain_error(term_name("ghk", k, "z")(), 0, "nonzero integer valence");
        const input<V>* ins[] = {&t.P, &t.c_in, &t.c_out};
        const char* fields[] = {"P", "c_in", "c_out"};
        const char* units[] = {"m/s", "mol/m^3", "mol/m^3"};
        for (int f = 0; f < 3; ++f) {
            if (!ins[f]->is_broadcast())
                detail::require_size(term_name("ghk", k, fields[f]), ins[f]->size(), n);
            detail::check_broadcast(*ins[f], term_name("ghk", k, fields[f]), units[f], nonneg);
        }
    }
    const auto Tb = make<unit::temperature>(batch<V>(static_cast<V>(T.value())));
    bool aliased = !vm.is_broadcast() && vm.data() == out; // then validate before computing
    for (const auto& t : ohmic)
        for (const input<V>* in : {&t.g, &t.e})
            aliased = aliased || (!in->is_broadcast() && in->data() == out);
    for (const auto& t : ghk)
        for (const input<V>* in : {&t.P, &t.c_in, &t.c_out})
            aliased = aliased || (!in->is_broadcast() && in->data() == out);
    // v: finite, and within the GHK range of the term with the largest |z| (if any).
    int z_max = 0;
    for (const auto& t : ghk)
        z_max = std::max(z_max, std::abs(t.z));
    const detail::magnitude_within v_ok =
        z_max > 0 ? detail::ghk_voltage_range(z_max, static_cast<double>(T.value()))
                  : detail::magnitude_within{std::numeric_limits<double>::max(), "finite"};
    detail::check_broadcast(vm, "v", "V", v_ok);
    const auto check = [&](std::size_t b, std::size_t e) {
        detail::check_block(vm, b, e, "v", "V", v_ok);
        for (std::size_t k = 0; k < ohmic.size(); ++k) {
            detail::check_block(ohmic[k].g, b, e, term_name("ohmic", k, "g"), "S/m^2", nonneg);
            detail::check_block(ohmic[k].e, b, e, term_name("ohmic", k, "e"), "V", fin);
        }
        for (std::size_t k = 0; k < ghk.size(); ++k) {
            detail::check_block(ghk[k].P, b, e, term_name("ghk", k, "P"), "m/s", nonneg);
            detail::check_block(ghk[k].c_in, b, e, term_name("ghk", k, "c_in"), "mol/m^3", nonneg);
            detail::check_block(ghk[k].c_out, b, e, term_name("ghk", k, "c_out"), "mol/m^3",
                                nonneg);
        }
    };
    detail::run_partitioned(ex, n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t b = begin; b < end; b += detail::block_size) {
            const std::size_t e = std::min(end, b + detail::block_size);
            if (aliased) check(b, e);
            // Validation fused into the computation (see detail::elementwise), with one joint
            // summary of the arrays that must be >= 0 and one of those that must be finite.
            detail::block_summary<V> pos, fin_s, v_s;
            detail::total_current_block(vm, ohmic, ghk, Tb, out, b, e, pos, fin_s, v_s);
            if (!aliased && !(nonneg(pos) && fin(fin_s) && v_ok(v_s))) check(b, e);
        }
    });
}

template <contiguous_array Out, class Vm, class S>
void total_current(Out&& I, const Vm& v,
                   std::type_identity_t<std::span<const ohmic_term<element_t<Out>>>> ohmic,
                   std::type_identity_t<std::span<const ghk_term<element_t<Out>>>> ghk,
                   const temperature<S>& T) {
    kernels::total_current(sequential, I, v, ohmic, ghk, T);
}

} // namespace noneq::kernels
