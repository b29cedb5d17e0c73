// noneq/kernels/ghk_voltage.hpp — the GHK voltage of a monovalent ion mix over arrays:
//   E[i] = (RT/F) ln( (sum_cations P c_out + sum_anions P c_in) / (sum_cations P c_in
//          + sum_anions P c_out) )   at element i,
// evaluated by the scalar API's own template noneq::ghk_voltage(unchecked, span of ghk_ion, T)
// instantiated with V = xsimd::batch<T> (conventions: kernels/simd.hpp).
#pragma once

#include <noneq/kernels/simd.hpp>
#include <noneq/potential/ghk_voltage.hpp>

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <type_traits>

namespace noneq::kernels {

/// One ion of a GHK-voltage mix over arrays: valence z (+1 or -1), permeability P (relative,
/// dimensionless, or absolute, m/s; only ratios matter), concentrations c_in, c_out (mol/m^3);
/// each an array over the elements or one broadcast value. Holds pointers: the arrays must
/// outlive the record.
template <class T>
struct ion_term {
    enum class p_kind { array, relative, absolute };
    int z;
    input<T> P;
    input<T> c_in;
    input<T> c_out;
    p_kind kind = p_kind::array;
};

/// Builds an ion record from arrays and/or quantities; T is the element type (float or double).
/// A broadcast P is a dimensionless (relative) or a permeability (m/s) quantity; one mix may not
/// combine the two.
template <class T, class P, class Cin, class Cout>
ion_term<T> ion(int z, const P& perm, const Cin& c_in, const Cout& c_out) {
    using kind = typename ion_term<T>::p_kind;
    kind k = kind::array;
    if constexpr (detail::quantity_arg<P>)
        k = std::is_same_v<typename detail::quantity_traits<P>::unit_type, unit::dimensionless>
                ? kind::relative
                : kind::absolute;
    return {z, detail::make_input<T, unit::dimensionless, unit::permeability>(perm, "P"),
            detail::make_input<T, unit::concentration>(c_in, "c_in"),
            detail::make_input<T, unit::concentration>(c_out, "c_out"), k};
}

/// Most ions one call accepts (the batch records live on the stack; a call allocates nothing).
inline constexpr std::size_t max_ghk_ions = 16;

namespace detail {

/// E over [b, e) for a mix of M ions (M fixed at compile time, so that the records live in
/// registers), or of m ions if M is 0, summarising every input array (one joint summary: all
/// must be >= 0 and finite) and the results (finite exactly where both weighted sums are > 0).
/// Flattened and out of line, as detail::elementwise_block.
template <std::size_t M, class V>
[[gnu::flatten, gnu::noinline]] void
ghk_voltage_block(std::span<const ion_term<V>> ions, const temperature<batch<V>>& T, V* out,
                  std::size_t b, std::size_t e, block_summary<V>& inputs,
                  block_summary<V>& results) {
    using B = batch<V>;
    constexpr std::size_t cap = M == 0 ? max_ghk_ions : M;
    const std::size_t count = M == 0 ? ions.size() : M;
    // Locals, whose address never escapes: the (may-alias) vector stores to `out` cannot clobber
    // them, so they stay in registers instead of being reloaded every batch.
    std::array<ion_term<V>, cap> terms;
    std::copy_n(ions.begin(), count, terms.begin());
    block_summary<V> in_sum, out_sum;
    std::array<ghk_ion<B>, cap> mix;
    for_each_batch<V>(b, e, [&](std::size_t i, auto part) {
        for (std::size_t k = 0; k < count; ++k) {
            const B p = terms[k].P.load(i, part), ci = terms[k].c_in.load(i, part),
                    co = terms[k].c_out.load(i, part);
            in_sum.add(xsimd::min(p, xsimd::min(ci, co)), p + ci + co);
            mix[k] = {terms[k].z, make<unit::dimensionless>(p), make<unit::concentration>(ci),
                      make<unit::concentration>(co)};
        }
        const B r = noneq::ghk_voltage(unchecked, std::span<const ghk_ion<B>>(mix.data(), count), T)
                        .value();
        out_sum.add(r);
        store(out, i, r, part);
    });
    inputs = in_sum;
    results = out_sum;
}

} // namespace detail

/// E[i] = GHK voltage (V, inside minus outside) of the monovalent mix `ions` at element i, at
/// temperature T. Throws domain_error for an empty list or more than max_ghk_ions ions, |z| != 1,
/// P or a concentration negative or not finite (naming ion, array and index, e.g.
/// "ions[2].c_out[17]"), sizes that differ from E's, relative and absolute P in one mix, or an
/// element whose potential does not exist (a weighted concentration sum is 0).
template <contiguous_array Out, class S>
void ghk_voltage(const execution& ex, Out&& E,
                 std::type_identity_t<std::span<const ion_term<element_t<Out>>>> ions,
                 const temperature<S>& T) {
    using V = element_t<Out>;
    using B = batch<V>;
    using kind = typename ion_term<V>::p_kind;
    V* out = detail::output_pointer(E, "E");
    const std::size_t n = E.size();
    require(!ions.empty(), "ions.size()", ions.size(), ">= 1 ion");
    require(ions.size() <= max_ghk_ions, "ions.size()", ions.size(), "<= max_ghk_ions (16)");
    require_positive("T", T.value(), "K");
    const detail::nonnegative_finite nonneg;
    const auto name = [](std::size_t k, const char* field) {
        return [=] { return "ions[" + std::to_string(k) + "]." + field; };
    };
    bool relative = false, absolute = false;
    for (std::size_t k = 0; k < ions.size(); ++k) {
        const auto& t = ions[k];
        if (t.z != 1 && t.z != -1)
            throw domain_error(name(k, "z")(), t.z, "+1 or -1 (monovalent ions only)");
        relative = relative || t.kind == kind::relative;
        absolute = absolute || t.kind == kind::absolute;
        const input<V>* ins[] = {&t.P, &t.c_in, &t.c_out};
        const char* fields[] = {"P", "c_in", "c_out"};
        const char* units[] = {"", "mol/m^3", "mol/m^3"};
        for (int f = 0; f < 3; ++f) {
            if (!ins[f]->is_broadcast())
                detail::require_size(name(k, fields[f]), ins[f]->size(), n);
            detail::check_broadcast(*ins[f], name(k, fields[f]), units[f], nonneg);
        }
    }
    if (relative && absolute)
        throw domain_error("argument 'ions' mixes relative (dimensionless) and absolute (m/s) "
                           "permeabilities; use one kind for the whole mix");
    const auto Tb = make<unit::temperature>(B(static_cast<V>(T.value())));
    const std::size_t m = ions.size();
    bool aliased = false; // the output is one of the inputs: validate before computing
    for (const auto& t : ions)
        for (const input<V>* in : {&t.P, &t.c_in, &t.c_out})
            aliased = aliased || (!in->is_broadcast() && in->data() == out);
    const auto check = [&](std::size_t b, std::size_t e) {
        for (std::size_t k = 0; k < m; ++k) {
            detail::check_block(ions[k].P, b, e, name(k, "P"), "", nonneg);
            detail::check_block(ions[k].c_in, b, e, name(k, "c_in"), "mol/m^3", nonneg);
            detail::check_block(ions[k].c_out, b, e, name(k, "c_out"), "mol/m^3", nonneg);
        }
    };
    detail::run_partitioned(ex, n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t b = begin; b < end; b += detail::block_size) {
            const std::size_t e = std::min(end, b + detail::block_size);
            if (aliased) check(b, e);
            detail::block_summary<V> inputs, results;
            switch (m) { // the usual small mixes get their own unrolled code
            case 1:
                detail::ghk_voltage_block<1>(ions, Tb, out, b, e, inputs, results);
                break;
            case 2:
                detail::ghk_voltage_block<2>(ions, Tb, out, b, e, inputs, results);
                break;
            case 3:
                detail::ghk_voltage_block<3>(ions, Tb, out, b, e, inputs, results);
                break;
            case 4:
                detail::ghk_voltage_block<4>(ions, Tb, out, b, e, inputs, results);
                break;
            default:
                detail::ghk_voltage_block<0>(ions, Tb, out, b, e, inputs, results);
            }
            if (!aliased && !nonneg(inputs)) check(b, e);
            // The potential exists where both weighted sums are positive and finite, i.e. where
            // the result is finite.
            const detail::finite fin;
            if (!fin(results))
                detail::check_block(input<V>::array(out, n), b, e,
                                    "E (a weighted concentration sum of the GHK voltage is 0 or "
                                    "infinite: no ion can carry charge one way)",
                                    "V", fin);
        }
    });
}

template <contiguous_array Out, class S>
void ghk_voltage(Out&& E, std::type_identity_t<std::span<const ion_term<element_t<Out>>>> ions,
                 const temperature<S>& T) {
    kernels::ghk_voltage(sequential, E, ions, T);
}

} // namespace noneq::kernels
