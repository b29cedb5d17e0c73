// noneq/softmatter/spectral_grid_3d.hpp — spectral_grid<3>: the 3D periodic grid of the field
// solvers (included by spectral_grid.hpp; same interface as the 1D and 2D grids).
//
// nz x ny x nx cells of width dx (row-major, x fastest), each extent even and >= 2 with KissFFT or
// a power of two without it (fft.hpp). Periodic only: the full complex Fourier transform along
// each axis (no real-to-half-spectrum packing: simpler, at twice the arithmetic of the 2D grid's
// packed transforms), so size() = cells(), k = 2 pi j / (n dx) with j wrapped to -n/2 .. n/2,
// and the Parseval weight of every coefficient is 1/cells(). The no-flux (cosine) form is 1D and
// 2D only.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/softmatter/fft.hpp>

#include <xtensor/xtensor.hpp>

#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <numbers>
#include <string>
#include <vector>

namespace noneq::softmatter {

template <>
class spectral_grid<3> {
    using cplx = std::complex<double>;

public:
    using field = xt::xtensor<double, 3>;
    using shape_type = std::array<std::size_t, 3>;

    spectral_grid(shape_type shape, double dx, boundary bc,
                  fft_backend backend = fft_backend::automatic)
        : shape_(checked(shape, bc)), dx_(dx), bc_(bc), pz_(shape[0], backend),
          py_(shape[1], backend), px_(shape[2], backend), k2_(cells()),
          w_(cells(), 1.0 / double(cells())) {
        require_positive("dx", dx);
        const auto [nz, ny, nx] = shape_;
        for (std::size_t k = 0; k < nz; ++k)
            for (std::size_t j = 0; j < ny; ++j)
                for (std::size_t i = 0; i < nx; ++i) {
                    const double kz = wavenumber(k, nz), ky = wavenumber(j, ny),
                                 kx = wavenumber(i, nx);
                    k2_[(k * ny + j) * nx + i] = kz * kz + ky * ky + kx * kx;
                }
    }

    const shape_type& shape() const { return shape_; }
    double dx() const { return dx_; }
    boundary bc() const { return bc_; }
    fft_backend backend() const { return px_.backend(); }
    std::size_t cells() const { return shape_[0] * shape_[1] * shape_[2]; }
    std::size_t size() const { return cells(); }
    double cell_volume() const { return dx_ * dx_ * dx_; }
    const std::vector<double>& k2() const { return k2_; }
    const std::vector<double>& weight() const { return w_; }
    field make_field(double value = 0.0) const {
        field f = field::from_shape(shape_);
        f.fill(value);
        return f;
    }
    double coordinate(std::size_t index) const { return (static_cast<double>(index) + 0.5) * dx_; }

    void forward(const double* f, cplx* c) const {
        for (std::size_t i = 0; i < cells(); ++i)
            c[i] = {f[i], 0.0};
        transform(c, -1);
    }
    void inverse(const cplx* c, double* f) const {
        scratch_.assign(c, c + cells());
        transform(scratch_.data(), +1);
        const double inv_n = 1.0 / double(cells());
        for (std::size_t i = 0; i < cells(); ++i)
            f[i] = scratch_[i].real() * inv_n;
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
    static shape_type checked(shape_type s, boundary bc) {
        if (bc != boundary::periodic)
            throw domain_error("argument 'boundary' = 'no_flux' is not offered in 3D (periodic "
                               "only; no-flux grids are 1D and 2D)");
        for (std::size_t d = 0; d < 3; ++d) {
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
        for (std::size_t d = 0; d < 3; ++d)
            require(f.shape()[d] == shape_[d], "field extent", static_cast<double>(f.shape()[d]),
                    "equal to the grid's extent " + std::to_string(shape_[d]));
    }
    double wavenumber(std::size_t j, std::size_t m) const {
        const double jj = j <= m / 2 ? double(j) : double(j) - double(m);
        return 2.0 * std::numbers::pi * jj / (double(m) * dx_);
    }
    // along x (contiguous rows), y (each z-slab: rows of width nx), z (rows of width ny nx)
    void transform(cplx* c, int sign) const {
        const auto [nz, ny, nx] = shape_;
        for (std::size_t r = 0; r < nz * ny; ++r)
            px_.transform(c + r * nx, sign);
        for (std::size_t k = 0; k < nz; ++k)
            py_.transform_strided(c + k * ny * nx, nx, sign);
        pz_.transform_strided(c, ny * nx, sign);
    }

    shape_type shape_;
    double dx_;
    boundary bc_;
    fft_line pz_, py_, px_;
    std::vector<double> k2_, w_;
    mutable std::vector<cplx> scratch_;
};

} // namespace noneq::softmatter
