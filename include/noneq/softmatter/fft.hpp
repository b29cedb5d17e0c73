// noneq/softmatter/fft.hpp — a small in-place radix-2 complex FFT (iterative Cooley-Tukey,
// decimation in time, precomputed twiddles and bit reversal) for the spectral field solvers.
//
// `transform(x, sign)` transforms n contiguous values. `transform_strided(x, width, sign)`
// transforms n "elements" that are rows of `width` contiguous values (x[i*width + j]): all
// `width` columns at once, with unit-stride inner loops — the second pass of a 2D transform
// without a transpose. The contiguous form is kept separate although it equals width 1 of the
// strided one: routing it through the strided loop costs the 2D step 28 % (measured, 256^2).
// sign = -1 is the forward transform X_k = sum_j x_j e^{-2 pi i jk/n}; sign =
// +1 the inverse WITHOUT the 1/n factor (callers fold it into their own scaling).
//
// Arithmetic is written on real and imaginary parts (std::complex's operator* checks for NaN
// and infinities per C99 Annex G unless -ffast-math, which the project does not use).
//
// fft_line: one transform length n, any n >= 1, behind the same interface, by one of two
// backends: this radix-2 FFT (powers of two), or KissFFT (Mark Borgerding, BSD-3-Clause; Debian
// libkissfft-dev; its header-only C++ template kissfft<double>, mixed radix 2, 3, 4, 5 and
// generic: any n, in double precision, where the packaged C library is float only). KissFFT is
// used when its header is found (has_kissfft; define NONEQ_NO_KISSFFT to opt out).
// fft_backend::automatic takes this FFT for powers of two, so results on those grids are bit for
// bit what they were, and KissFFT for every other n.
#pragma once

#include <noneq/core/error.hpp>

#if __has_include(<kissfft/kissfft.hh>) && !defined(NONEQ_NO_KISSFFT)
#include <kissfft/kissfft.hh>
#define NONEQ_HAS_KISSFFT 1
#else
#define NONEQ_HAS_KISSFFT 0
#endif

#include <algorithm>
#include <optional>

#include <cmath>
#include <complex>
#include <cstddef>
#include <numbers>
#include <utility>
#include <vector>

namespace noneq::softmatter {

inline bool is_power_of_two(std::size_t n) {
    return n > 0 && (n & (n - 1)) == 0;
}

class fft_plan {
public:
    explicit fft_plan(std::size_t n)
        : n_(n), rev_(n), cos_(n > 1 ? n - 1 : 1), sin_(n > 1 ? n - 1 : 1) {
        require(is_power_of_two(n), "n", static_cast<double>(n), "a power of two >= 1");
        std::size_t bits = 0;
        while ((std::size_t{1} << bits) < n)
            ++bits;
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t r = 0;
            for (std::size_t b = 0; b < bits; ++b)
                if (i & (std::size_t{1} << b)) r |= std::size_t{1} << (bits - 1 - b);
            rev_[i] = r;
        }
        // Twiddles stage by stage, contiguous: stage `len` uses e^{2 pi i j / len}, j < len/2,
        // stored from offset len/2 - 1 (so the inner loops read them with unit stride).
        for (std::size_t len = 2; len <= n; len <<= 1)
            for (std::size_t j = 0; j < len / 2; ++j) {
                const double t =
                    2.0 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(len);
                cos_[len / 2 - 1 + j] = std::cos(t);
                sin_[len / 2 - 1 + j] = std::sin(t);
            }
    }

    std::size_t size() const { return n_; }

    /// In-place transform of n contiguous complex values.
    void transform(std::complex<double>* x, int sign) const {
        double* d = reinterpret_cast<double*>(x);
        for (std::size_t i = 0; i < n_; ++i)
            if (i < rev_[i]) {
                std::swap(d[2 * i], d[2 * rev_[i]]);
                std::swap(d[2 * i + 1], d[2 * rev_[i] + 1]);
            }
        const double sg = sign < 0 ? -1.0 : 1.0;
        for (std::size_t len = 2; len <= n_; len <<= 1) {
            const std::size_t half = len / 2;
            const double* cs = cos_.data() + (half - 1);
            const double* sn = sin_.data() + (half - 1);
            for (std::size_t i = 0; i < n_; i += len)
                for (std::size_t j = 0; j < half; ++j) {
                    const double wr = cs[j], wi = sg * sn[j];
                    double* u = d + 2 * (i + j);
                    double* v = d + 2 * (i + j + half);
                    const double tr = v[0] * wr - v[1] * wi, ti = v[0] * wi + v[1] * wr;
                    v[0] = u[0] - tr;
                    v[1] = u[1] - ti;
                    u[0] += tr;
                    u[1] += ti;
                }
        }
    }

    /// In-place transform along the slow index of an n x width row-major array (every column).
    void transform_strided(std::complex<double>* x, std::size_t width, int sign) const {
        double* d = reinterpret_cast<double*>(x);
        const std::size_t w2 = 2 * width;
        for (std::size_t i = 0; i < n_; ++i)
            if (i < rev_[i])
                for (std::size_t c = 0; c < w2; ++c)
                    std::swap(d[i * w2 + c], d[rev_[i] * w2 + c]);
        const double sg = sign < 0 ? -1.0 : 1.0;
        for (std::size_t len = 2; len <= n_; len <<= 1) {
            const std::size_t half = len / 2;
            const double* cs = cos_.data() + (half - 1);
            const double* sn = sin_.data() + (half - 1);
            for (std::size_t i = 0; i < n_; i += len)
                for (std::size_t j = 0; j < half; ++j) {
                    const double wr = cs[j], wi = sg * sn[j];
                    double* u = d + (i + j) * w2;
                    double* v = d + (i + j + half) * w2;
                    for (std::size_t c = 0; c < w2; c += 2) {
                        const double tr = v[c] * wr - v[c + 1] * wi;
                        const double ti = v[c] * wi + v[c + 1] * wr;
                        v[c] = u[c] - tr;
                        v[c + 1] = u[c + 1] - ti;
                        u[c] += tr;
                        u[c + 1] += ti;
                    }
                }
        }
    }

private:
    std::size_t n_;
    std::vector<std::size_t> rev_;
    std::vector<double> cos_, sin_;
};

/// True if KissFFT is available (fft_line then takes any length).
inline constexpr bool has_kissfft = NONEQ_HAS_KISSFFT != 0;

enum class fft_backend { automatic, own, kissfft };

/// A transform of one length n by either backend (see the file comment), with fft_plan's
/// interface: transform(x, sign) and transform_strided(x, width, sign), in place.
class fft_line {
    using cplx = std::complex<double>;

public:
    explicit fft_line(std::size_t n, fft_backend b = fft_backend::automatic) : n_(n) {
        require(n >= 1, "n", static_cast<double>(n), ">= 1");
        if (b == fft_backend::automatic)
            b = is_power_of_two(n) || !has_kissfft ? fft_backend::own : fft_backend::kissfft;
        if (b == fft_backend::kissfft && !has_kissfft)
            throw domain_error("argument 'fft_backend' = 'kissfft' needs the KissFFT header "
                               "(Debian libkissfft-dev)");
        if (b == fft_backend::own) {
            own_.emplace(n); // rejects n that is not a power of two
        } else {
#if NONEQ_HAS_KISSFFT
            fwd_.emplace(n, false);
            inv_.emplace(n, true);
            in_.resize(n);
            out_.resize(n);
#endif
        }
        backend_ = b;
    }
    std::size_t size() const {
        return n_;
    }
    fft_backend backend() const {
        return backend_;
    }

    void transform(cplx* x, int sign) const {
        if (own_) return own_->transform(x, sign);
#if NONEQ_HAS_KISSFFT
        std::copy(x, x + n_, in_.begin());
        (sign < 0 ? *fwd_ : *inv_).transform(in_.data(), x);
#endif
    }
    void transform_strided(cplx* x, std::size_t width, int sign) const {
        if (own_) return own_->transform_strided(x, width, sign);
#if NONEQ_HAS_KISSFFT
        const auto& k = sign < 0 ? *fwd_ : *inv_;
        for (std::size_t c = 0; c < width; ++c) { // each column: read strided, write back
            k.transform(x + c, out_.data(), 0, 1, width);
            for (std::size_t i = 0; i < n_; ++i)
                x[i * width + c] = out_[i];
        }
#endif
    }

private:
    std::size_t n_;
    fft_backend backend_ = fft_backend::own;
    std::optional<fft_plan> own_;
#if NONEQ_HAS_KISSFFT
    std::optional<kissfft<double>> fwd_, inv_;
    mutable std::vector<cplx> in_, out_;
#endif
};

/// A 1D or 2D transform over a row-major ny x nx complex array (ny = 1 for 1D).
class fft_nd {
public:
    fft_nd(std::size_t ny, std::size_t nx) : ny_(ny), nx_(nx), px_(nx), py_(ny) {}
    void operator()(std::complex<double>* x, int sign) const {
        for (std::size_t r = 0; r < ny_; ++r)
            px_.transform(x + r * nx_, sign);
        if (ny_ > 1) py_.transform_strided(x, nx_, sign);
    }
    std::size_t size() const { return nx_ * ny_; }

private:
    std::size_t ny_, nx_;
    fft_plan px_, py_;
};

} // namespace noneq::softmatter
