// noneq/softmatter/spectral_grid.hpp — the real-to-spectral transforms behind the field solvers.
//
// A field of n (1D) or ny x nx (2D) cells of width dx, every extent even and >= 2 (with KissFFT,
// fft.hpp's has_kissfft; without it a power of two); cell centres at x_i = (i + 1/2) dx. The
// backend (fft_backend::automatic: the own radix-2 FFT for powers of two, KissFFT otherwise) can
// be chosen. Two boundary conditions, one interface:
//   periodic: the real Fourier transform, half spectrum (ny x (nx/2 + 1) coefficients),
//             k = 2 pi j / (n dx), j wrapped to -n/2 .. n/2.
//   no_flux:  the cosine transform (DCT-II; inverse DCT-III) along each axis, ny x nx
//             coefficients, k = pi j / (n dx): every mode has zero normal derivative at the walls
//             x = 0 and x = n dx, so a diagonal operator in k conserves mass and lets no flux
//             through. (This is the Fourier series of the mirror-extended field, computed without
//             the 2^Dim-fold copy.)
// Both use the complex FFT of fft.hpp: two real rows (or columns) packed into one complex
// transform and separated by Hermitian symmetry; the DCT by Makhoul's permutation (IEEE Trans
// ASSP 28 (1980) 27): v = (x0, x2, ..., x3, x1), X_k = Re(e^{-i pi k/2n} FFT(v)_k).
// Coefficients are stored as complex numbers in both cases (imaginary part 0 for the DCT).
// Parseval: sum_x f(x) g(x) = sum_c weight[c] Re(F_c conj(G_c)).
// The transforms use internal scratch space: one grid per thread.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/softmatter/fft.hpp>

#include <xtensor/xtensor.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <numbers>
#include <vector>

namespace noneq::softmatter {

enum class boundary { periodic, no_flux };

template <std::size_t Dim>
class spectral_grid {
    static_assert(Dim == 1 || Dim == 2, "spectral_grid: 1D or 2D here; 3D: spectral_grid_3d.hpp");
    using cplx = std::complex<double>;

public:
    using field = xt::xtensor<double, Dim>;
    using shape_type = std::array<std::size_t, Dim>;

    spectral_grid(shape_type shape, double dx, boundary bc,
                  fft_backend backend = fft_backend::automatic)
        : shape_(checked(shape)), dx_(dx), bc_(bc), ny_(Dim == 2 ? shape[0] : 1),
          nx_(shape[Dim - 1]), cw_(bc == boundary::periodic ? nx_ / 2 + 1 : nx_), px_(nx_, backend),
          py_(ny_, backend), k2_(ny_ * cw_), w_(ny_ * cw_), block_(nx_ * group),
          scratch_(ny_ * cw_), twx_(nx_), twy_(ny_) {
        require_positive("dx", dx);
        const double N = double(nx_ * ny_);
        for (std::size_t j = 0; j < ny_; ++j)
            for (std::size_t i = 0; i < cw_; ++i) {
                const double ky = wavenumber(j, ny_), kx = wavenumber(i, nx_);
                k2_[j * cw_ + i] = ky * ky + kx * kx;
                if (bc == boundary::periodic) {
                    w_[j * cw_ + i] = (i == 0 || 2 * i == nx_ ? 1.0 : 2.0) / N;
                } else {
                    w_[j * cw_ + i] = (i == 0 ? 1.0 : 2.0) * (j == 0 || Dim == 1 ? 1.0 : 2.0) / N;
                }
            }
        for (std::size_t k = 0; k < nx_; ++k)
            twx_[k] = std::polar(1.0, -std::numbers::pi * double(k) / (2.0 * double(nx_)));
        for (std::size_t k = 0; k < ny_; ++k)
            twy_[k] = std::polar(1.0, -std::numbers::pi * double(k) / (2.0 * double(ny_)));
    }

    const shape_type& shape() const { return shape_; }
    /// The backend along x (the fastest axis; along y it is chosen the same way).
    fft_backend backend() const { return px_.backend(); }
    double dx() const { return dx_; }
    boundary bc() const { return bc_; }
    std::size_t cells() const { return nx_ * ny_; }
    /// Number of spectral coefficients.
    std::size_t size() const { return ny_ * cw_; }
    double cell_volume() const { return Dim == 2 ? dx_ * dx_ : dx_; }
    /// |k|^2 and the Parseval weight of each coefficient.
    const std::vector<double>& k2() const { return k2_; }
    const std::vector<double>& weight() const { return w_; }

    field make_field(double value = 0.0) const {
        field f = field::from_shape(shape_);
        f.fill(value);
        return f;
    }
    /// Cell-centre coordinate of cell `index` along any axis.
    double coordinate(std::size_t index) const { return (static_cast<double>(index) + 0.5) * dx_; }

    /// Real field (cells() values, row-major) -> coefficients (size() values).
    void forward(const double* f, cplx* c) const {
        if (bc_ == boundary::periodic) {
            for_row_groups(
                -1,
                [&](std::size_t a, std::size_t b, bool two, auto&& row) {
                    for (std::size_t k = 0; k < nx_; ++k)
                        row(k) = {f[a * nx_ + k], two ? f[b * nx_ + k] : 0.0};
                },
                [&](std::size_t a, std::size_t b, bool two, auto&& row) {
                    for (std::size_t k = 0; k < cw_; ++k) {
                        const cplx z = row(k), zc = std::conj(row((nx_ - k) % nx_));
                        c[a * cw_ + k] = 0.5 * (z + zc);
                        if (two) c[b * cw_ + k] = cplx(0.0, -0.5) * (z - zc);
                    }
                });
            if (ny_ > 1) py_.transform_strided(c, cw_, -1);
        } else {
            for_row_groups(
                -1,
                [&](std::size_t a, std::size_t b, bool two, auto&& row) {
                    for (std::size_t k = 0; k < nx_ / 2; ++k) {
                        row(k) = {f[a * nx_ + 2 * k], two ? f[b * nx_ + 2 * k] : 0.0};
                        row(nx_ - 1 - k) = {f[a * nx_ + 2 * k + 1],
                                            two ? f[b * nx_ + 2 * k + 1] : 0.0};
                    }
                },
                [&](std::size_t a, std::size_t b, bool two, auto&& row) {
                    for (std::size_t k = 0; k < nx_; ++k) {
                        const cplx z = row(k), zc = std::conj(row((nx_ - k) % nx_));
                        c[a * cw_ + k] = {(twx_[k] * (0.5 * (z + zc))).real(), 0.0};
                        if (two)
                            c[b * cw_ + k] = {(twx_[k] * (cplx(0.0, -0.5) * (z - zc))).real(), 0.0};
                    }
                });
            if (ny_ > 1) dct_columns_forward(c);
        }
    }

    /// Coefficients -> real field, normalised (inverse of forward).
    void inverse(const cplx* c, double* f) const {
        const double inv_n = 1.0 / double(nx_ * ny_);
        std::copy(c, c + size(), scratch_.begin());
        cplx* s = scratch_.data();
        if (bc_ == boundary::periodic) {
            if (ny_ > 1) py_.transform_strided(s, cw_, +1);
            for_row_groups(
                +1,
                [&](std::size_t a, std::size_t b, bool two, auto&& row) {
                    for (std::size_t k = 0; k < nx_; ++k) {
                        const cplx A = k < cw_ ? s[a * cw_ + k] : std::conj(s[a * cw_ + nx_ - k]);
                        const cplx B = !two      ? cplx(0.0)
                                       : k < cw_ ? s[b * cw_ + k]
                                                 : std::conj(s[b * cw_ + nx_ - k]);
                        row(k) = A + cplx(0.0, 1.0) * B;
                    }
                },
                [&](std::size_t a, std::size_t b, bool two, auto&& row) {
                    for (std::size_t k = 0; k < nx_; ++k) {
                        f[a * nx_ + k] = row(k).real() * inv_n;
                        if (two) f[b * nx_ + k] = row(k).imag() * inv_n;
                    }
                });
        } else {
            if (ny_ > 1) dct_columns_inverse(s);
            for_row_groups(
                +1,
                [&](std::size_t a, std::size_t b, bool two, auto&& row) {
                    for (std::size_t k = 0; k < nx_; ++k) {
                        const double ra = s[a * cw_ + k].real();
                        const double rb = two ? s[b * cw_ + k].real() : 0.0;
                        const double ra2 = k == 0 ? 0.0 : s[a * cw_ + nx_ - k].real();
                        const double rb2 = (k == 0 || !two) ? 0.0 : s[b * cw_ + nx_ - k].real();
                        const cplx t = std::conj(twx_[k]);
                        row(k) = t * cplx(ra, -ra2) + cplx(0.0, 1.0) * (t * cplx(rb, -rb2));
                    }
                },
                [&](std::size_t a, std::size_t b, bool two, auto&& row) {
                    for (std::size_t k = 0; k < nx_ / 2; ++k) {
                        f[a * nx_ + 2 * k] = row(k).real() * inv_n;
                        f[a * nx_ + 2 * k + 1] = row(nx_ - 1 - k).real() * inv_n;
                        if (two) {
                            f[b * nx_ + 2 * k] = row(k).imag() * inv_n;
                            f[b * nx_ + 2 * k + 1] = row(nx_ - 1 - k).imag() * inv_n;
                        }
                    }
                });
        }
    }

    void forward(const field& f, cplx* c) const {
        require_shape(f);
        forward(f.data(), c);
    }
    void inverse(const cplx* c, field& f) const {
        require_shape(f);
        inverse(c, f.data());
    }

private:
    static shape_type checked(shape_type s) {
        for (std::size_t d = 0; d < Dim; ++d) {
            if constexpr (has_kissfft)
                require(s[d] % 2 == 0 && s[d] >= 2, "grid", static_cast<double>(s[d]),
                        "even and >= 2");
            else
                require(is_power_of_two(s[d]) && s[d] >= 2, "grid", static_cast<double>(s[d]),
                        "a power of two >= 2 (any even extent with KissFFT)");
        }
        return s;
    }
    void require_shape(const field& f) const {
        for (std::size_t d = 0; d < Dim; ++d)
            require(f.shape()[d] == shape_[d], "field extent", static_cast<double>(f.shape()[d]),
                    "equal to the grid's extent " + std::to_string(shape_[d]));
    }
    double wavenumber(std::size_t j, std::size_t m) const {
        if (m == 1) return 0.0;
        if (bc_ == boundary::no_flux) return std::numbers::pi * double(j) / (double(m) * dx_);
        const double jj = j <= m / 2 ? double(j) : double(j) - double(m);
        return 2.0 * std::numbers::pi * jj / (double(m) * dx_);
    }
    // Rows are transformed in pairs (two real rows in one complex transform), and G pairs at a
    // time as the columns of an nx x G block, so that the FFT's inner loops run over G (unit
    // stride, vectorised) instead of along one row. pack(a, b, two, row) fills row(k) of the
    // pair's column; unpack reads it back after the transform.
    static constexpr std::size_t group = 8;
    template <class Pack, class Unpack>
    void for_row_groups(int sign, Pack&& pack, Unpack&& unpack) const {
        if (ny_ == 1) {
            auto row = [&](std::size_t k) -> cplx& { return block_[k]; };
            pack(0, 0, false, row);
            px_.transform(block_.data(), sign);
            unpack(0, 0, false, row);
            return;
        }
        const std::size_t pairs = ny_ / 2, G0 = pairs < group ? pairs : group;
        for (std::size_t g0 = 0; g0 < pairs; g0 += G0) {
            // the last group may be short (ny / 2 not a multiple of the group, e.g. ny = 24)
            const std::size_t G = std::min(G0, pairs - g0);
            for (std::size_t q = 0; q < G; ++q) {
                auto row = [&](std::size_t k) -> cplx& { return block_[k * G + q]; };
                pack(2 * (g0 + q), 2 * (g0 + q) + 1, true, row);
            }
            px_.transform_strided(block_.data(), G, sign);
            for (std::size_t q = 0; q < G; ++q) {
                auto row = [&](std::size_t k) -> cplx& { return block_[k * G + q]; };
                unpack(2 * (g0 + q), 2 * (g0 + q) + 1, true, row);
            }
        }
    }
    // DCT-II along y of the real parts of c (ny x nx), columns packed in pairs.
    void dct_columns_forward(cplx* c) const {
        const std::size_t h = nx_ / 2;
        std::vector<cplx>& z = colbuf_;
        z.resize(ny_ * h);
        for (std::size_t k = 0; k < ny_ / 2; ++k)
            for (std::size_t q = 0; q < h; ++q) {
                z[k * h + q] = {c[2 * k * cw_ + 2 * q].real(), c[2 * k * cw_ + 2 * q + 1].real()};
                z[(ny_ - 1 - k) * h + q] = {c[(2 * k + 1) * cw_ + 2 * q].real(),
                                            c[(2 * k + 1) * cw_ + 2 * q + 1].real()};
            }
        py_.transform_strided(z.data(), h, -1);
        for (std::size_t k = 0; k < ny_; ++k)
            for (std::size_t q = 0; q < h; ++q) {
                const cplx a = z[k * h + q], ac = std::conj(z[((ny_ - k) % ny_) * h + q]);
                c[k * cw_ + 2 * q] = {(twy_[k] * (0.5 * (a + ac))).real(), 0.0};
                c[k * cw_ + 2 * q + 1] = {(twy_[k] * (cplx(0.0, -0.5) * (a - ac))).real(), 0.0};
            }
    }
    // Inverse (DCT-III, unnormalised) along y, in place on the real parts of s.
    void dct_columns_inverse(cplx* s) const {
        const std::size_t h = nx_ / 2;
        std::vector<cplx>& z = colbuf_;
        z.resize(ny_ * h);
        for (std::size_t k = 0; k < ny_; ++k) {
            const cplx t = std::conj(twy_[k]);
            for (std::size_t q = 0; q < h; ++q) {
                const double ra = s[k * cw_ + 2 * q].real(), rb = s[k * cw_ + 2 * q + 1].real();
                const double ra2 = k == 0 ? 0.0 : s[(ny_ - k) * cw_ + 2 * q].real();
                const double rb2 = k == 0 ? 0.0 : s[(ny_ - k) * cw_ + 2 * q + 1].real();
                z[k * h + q] = t * cplx(ra, -ra2) + cplx(0.0, 1.0) * (t * cplx(rb, -rb2));
            }
        }
        py_.transform_strided(z.data(), h, +1);
        for (std::size_t k = 0; k < ny_ / 2; ++k)
            for (std::size_t q = 0; q < h; ++q) {
                const cplx e = z[k * h + q], o = z[(ny_ - 1 - k) * h + q];
                s[2 * k * cw_ + 2 * q] = {e.real(), 0.0};
                s[2 * k * cw_ + 2 * q + 1] = {e.imag(), 0.0};
                s[(2 * k + 1) * cw_ + 2 * q] = {o.real(), 0.0};
                s[(2 * k + 1) * cw_ + 2 * q + 1] = {o.imag(), 0.0};
            }
    }

    shape_type shape_;
    double dx_;
    boundary bc_;
    std::size_t ny_, nx_, cw_;
    fft_line px_, py_;
    std::vector<double> k2_, w_;
    mutable std::vector<cplx> block_, scratch_, colbuf_;
    std::vector<cplx> twx_, twy_;
};

} // namespace noneq::softmatter

#include <noneq/softmatter/spectral_grid_3d.hpp> // spectral_grid<3>: periodic, any even extent
