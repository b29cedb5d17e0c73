// noneq/kernels/simd.hpp — the machinery every array kernel shares: accepting arrays (std::span,
// std::vector, xt::xtensor and other contiguous containers) and broadcast scalars as inputs
// (kernels/arrays.hpp), validating them once per call (kernels/validation.hpp), and here the
// elementwise loop that walks the index range batch by batch with a padded tail.
//
// Array conventions (all kernels):
// - Arrays hold plain numbers in coherent SI units (V, mol/m^3 (= mM), m/s, S/m^2, A/m^2); a
//   per-call scalar is a quantity (unit-checked at compile time) broadcast to every element.
// - All arrays of one call have the same element type, float or double, and the same number of
//   elements as the output; they are read as flat arrays in memory order. Any alignment and any
//   length work: loads are unaligned (as fast as aligned loads on aligned data on current x86),
//   and the last partial batch is loaded into a buffer padded with its own last element, so an
//   element's result never depends on its position or on the length of the array.
// - The output may be the same array as an input (each element is read before it is written),
//   but must not partially overlap one.
// - Inputs are validated once per call, block by block (1024 elements) as they are computed:
//   the loaded batches are summarised on the way (a running minimum and a non-finite flag), and
//   a block whose summary fails is rescanned for its first bad element, which throws
//   noneq::domain_error naming the array, the index and the value (e.g. "argument 'c_in[17]' =
//   -1 mol/m^3 ..."). A call whose output is one of its inputs validates each block before
//   computing it. After a throw, the output's contents are unspecified.
#pragma once

#include <noneq/kernels/arrays.hpp>
#include <noneq/kernels/parallel.hpp>
#include <noneq/kernels/validation.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

namespace noneq::kernels {
namespace detail {

/// out[i] = f(in[0][i], in[1][i], ...) over [b, e), with a validation summary of each input.
/// Flattened, and kept out of line so that the attribute holds: the formula template and all it
/// calls are inlined into the loop whatever the inliner's budget for the translation unit (an
/// out-of-line exprel costs the GHK current ~15 %). The inputs and summaries are locals whose
/// address never escapes, so the (may-alias) vector stores to `out` cannot clobber them.
template <class... Pred, class T, class F, std::size_t N, std::size_t... K>
[[gnu::flatten, gnu::noinline]] void
elementwise_block(std::index_sequence<K...>, const F& f, T* out,
                  const std::array<input<T>, N>& inputs, std::size_t b, std::size_t e,
                  std::array<block_summary<T>, N>& summaries) {
    const std::array<input<T>, N> in = inputs;
    // The formula too: a kernel's lambda captures its per-call values (valence, temperature) by
    // value, and a local copy lets the compiler hoist what they determine (RT/zF) out of the loop.
    const F fn = f;
    std::array<block_summary<T>, N> sums;
    for_each_batch<T>(b, e, [&](std::size_t i, auto part) {
        store(out, i, fn(noted<Pred>(sums[K], in[K].load(i, part))...), part);
    });
    summaries = sums;
}

template <class T, class F, class... Pred, std::size_t... K>
void elementwise_impl(std::index_sequence<K...> seq, const execution& ex, T* out, std::size_t n,
                      const F& f, const checked<T, Pred>&... args) {
    (check_broadcast(args.in, args.name, args.unit, args.ok), ...);
    // An output that is one of the inputs is overwritten before a failed block could be
    // rescanned for its first bad index: such calls validate each block before computing it.
    const bool aliased = ((!args.in.is_broadcast() && args.in.data() == out) || ...);
    const std::array<input<T>, sizeof...(K)> in{args.in...};
    run_partitioned(ex, n, [&](std::size_t begin, std::size_t end) {
        std::array<block_summary<T>, sizeof...(K)> sums;
        for (std::size_t b = begin; b < end; b += block_size) {
            const std::size_t e = std::min(end, b + block_size);
            if (aliased) (check_block(args.in, b, e, args.name, args.unit, args.ok), ...);
            // Otherwise validation is fused into the computation: the loaded batches (a partial
            // batch is padded with its own last element) are summarised as they go by, and a
            // block whose summary fails is rescanned for its first bad element, which throws.
            elementwise_block<Pred...>(seq, f, out, in, b, e, sums);
            if (!aliased && !(args.ok(sums[K]) && ...))
                (check_block(args.in, b, e, args.name, args.unit, args.ok), ...);
        }
    });
}

/// out[i] = f(x1[i], x2[i], ...) over [0, n) under `ex`, f taking and returning batch<T>; the
/// inputs are validated once, each element just before or as it is used.
template <class T, class F, class... Pred>
void elementwise(const execution& ex, T* out, std::size_t n, const F& f,
                 const checked<T, Pred>&... args) {
    elementwise_impl(std::index_sequence_for<Pred...>{}, ex, out, n, f, args...);
}

} // namespace detail
} // namespace noneq::kernels
