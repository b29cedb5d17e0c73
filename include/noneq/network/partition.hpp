// noneq/network/partition.hpp — which rank owns which cell. Cells have global ids 0 .. n-1;
// rank r of R owns either the id range [n r / R, n (r + 1) / R) (distribution::block, the
// default: neighbours stay together) or the ids r, r + R, r + 2R, ... (distribution::round_robin:
// spreads a population whose activity varies with the id). A rank's cells are numbered locally
// 0 .. local_count() - 1 in increasing global id.
#pragma once

#include <noneq/core/error.hpp>

#include <cstddef>
#include <cstdint>

namespace noneq {

enum class distribution { block, round_robin };

class partition {
public:
    partition(std::uint64_t n_global, int rank = 0, int size = 1,
              distribution d = distribution::block)
        : n_(n_global), rank_(rank), size_(size), d_(d) {
        require(n_global > 0, "n_cells", double(n_global), ">= 1");
        require(size >= 1, "ranks", size, ">= 1");
        require(rank >= 0 && rank < size, "rank", rank, "0 <= rank < ranks");
    }
    std::uint64_t global_count() const { return n_; }
    int rank() const { return rank_; }
    int size() const { return size_; }
    distribution kind() const { return d_; }

    /// First global id of rank r's range (block distribution).
    std::uint64_t block_begin(int r) const {
        const std::uint64_t R = std::uint64_t(size_), q = std::uint64_t(r); // floor(n r / R)
        return n_ / R * q + n_ % R * q / R;
    }
    std::size_t local_count() const {
        if (d_ == distribution::block)
            return std::size_t(block_begin(rank_ + 1) - block_begin(rank_));
        const std::uint64_t R = std::uint64_t(size_), r = std::uint64_t(rank_);
        return std::size_t(n_ > r ? (n_ - r + R - 1) / R : 0);
    }
    /// Global id of local cell i.
    std::uint64_t gid(std::size_t i) const {
        return d_ == distribution::block
                   ? block_begin(rank_) + i
                   : std::uint64_t(rank_) + std::uint64_t(i) * unsigned(size_);
    }
    /// The rank that owns global id g (< global_count()).
    int owner(std::uint64_t g) const {
        if (d_ == distribution::round_robin) return int(g % unsigned(size_));
        int lo = 0, hi = size_ - 1; // the last r with block_begin(r) <= g
        while (lo < hi) {
            const int mid = (lo + hi + 1) / 2;
            if (block_begin(mid) <= g)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }
    bool is_local(std::uint64_t g) const { return g < n_ && owner(g) == rank_; }
    /// Local index of a global id this rank owns.
    std::size_t local_index(std::uint64_t g) const {
        return d_ == distribution::block ? std::size_t(g - block_begin(rank_))
                                         : std::size_t(g / unsigned(size_));
    }

private:
    std::uint64_t n_;
    int rank_, size_;
    distribution d_;
};

} // namespace noneq
