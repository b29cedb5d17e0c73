// noneq/softmatter/spectral_grid.hpp — the periodic grid behind the spectral field solvers.
//
// A field of n (1D) or ny x nx (2D) cells of width dx, every extent a power of two. Periodic:
// the grid is the field. No-flux: each axis is mirrored to 2n cells (the even, half-sample
// symmetric extension x_0 .. x_{n-1}, x_{n-1} .. x_0), whose Fourier series is the cosine series
// (DCT-II) of the field: every mode has zero normal derivative at both walls, so the linear
// operators below conserve mass and let no flux through. The mirrored copy costs a factor 2 per
// axis and keeps one FFT for both boundary conditions. Cell centres sit at x_i = (i + 1/2) dx; the
// walls of a no-flux box at x = 0 and x = n dx.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/softmatter/fft.hpp>

#include <xtensor/xtensor.hpp>

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
    static_assert(Dim == 1 || Dim == 2, "spectral_grid: 1D or 2D");

public:
    using field = xt::xtensor<double, Dim>;
    using shape_type = std::array<std::size_t, Dim>;

    spectral_grid(shape_type shape, double dx, boundary bc)
        : shape_(shape), dx_(dx), bc_(bc), ny_(Dim == 2 ? shape[0] : 1), nx_(shape[Dim - 1]),
          mult_(bc == boundary::no_flux ? 2 : 1), my_(Dim == 2 ? mult_ * ny_ : 1), mx_(mult_ * nx_),
          fft_(my_, mx_), k2_(my_ * mx_) {
        for (std::size_t d = 0; d < Dim; ++d)
            require(is_power_of_two(shape[d]) && shape[d] >= 2, "grid",
                    static_cast<double>(shape[d]), "a power of two >= 2");
        require_positive("dx", dx);
        for (std::size_t j = 0; j < my_; ++j)
            for (std::size_t i = 0; i < mx_; ++i)
                k2_[j * mx_ + i] = wavenumber(j, my_) * wavenumber(j, my_) +
                                   wavenumber(i, mx_) * wavenumber(i, mx_);
    }

    const shape_type& shape() const { return shape_; }
    double dx() const { return dx_; }
    boundary bc() const { return bc_; }
    /// Cells of the extended (periodic) grid.
    std::size_t size() const { return my_ * mx_; }
    /// How many copies of the field the extended grid holds (1, 2 or 4).
    double replication() const { return Dim == 2 ? double(mult_ * mult_) : double(mult_); }
    double cell_volume() const { return Dim == 2 ? dx_ * dx_ : dx_; }
    const std::vector<double>& k2() const { return k2_; }
    const fft_nd& fft() const { return fft_; }

    /// Field -> extended grid (real values into `out`, size()).
    template <class Out>
    void extend(const field& f, Out* out) const {
        require(f.shape()[Dim - 1] == nx_ && (Dim == 1 || f.shape()[0] == ny_), "field shape",
                static_cast<double>(f.shape()[0]), "equal to the grid's shape");
        const double* src = f.data();
        for (std::size_t j = 0; j < my_; ++j) {
            const std::size_t sj = j < ny_ ? j : 2 * ny_ - 1 - j;
            for (std::size_t i = 0; i < mx_; ++i) {
                const std::size_t si = i < nx_ ? i : 2 * nx_ - 1 - i;
                out[j * mx_ + i] = Out(src[sj * nx_ + si]);
            }
        }
    }

    /// Extended real values -> field (the original block), times `scale`.
    void restrict_to(const double* in, double scale, field& f) const {
        double* dst = f.data();
        for (std::size_t j = 0; j < ny_; ++j)
            for (std::size_t i = 0; i < nx_; ++i)
                dst[j * nx_ + i] = scale * in[j * mx_ + i];
    }
    /// Real parts of an extended complex array -> field, times `scale`.
    void restrict_to(const std::complex<double>* in, double scale, field& f) const {
        double* dst = f.data();
        for (std::size_t j = 0; j < ny_; ++j)
            for (std::size_t i = 0; i < nx_; ++i)
                dst[j * nx_ + i] = scale * in[j * mx_ + i].real();
    }

    field make_field(double value = 0.0) const {
        field f = field::from_shape(shape_);
        f.fill(value);
        return f;
    }

    /// Cell-centre coordinate along axis `axis` (0 = slow/y in 2D).
    double coordinate(std::size_t index) const { return (static_cast<double>(index) + 0.5) * dx_; }

private:
    double wavenumber(std::size_t j, std::size_t m) const {
        if (m == 1) return 0.0;
        const double jj = j <= m / 2 ? double(j) : double(j) - double(m);
        return 2.0 * std::numbers::pi * jj / (double(m) * dx_);
    }

    shape_type shape_;
    double dx_;
    boundary bc_;
    std::size_t ny_, nx_, mult_, my_, mx_;
    fft_nd fft_;
    std::vector<double> k2_;
};

} // namespace noneq::softmatter
