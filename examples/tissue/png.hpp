// A minimal PNG writer (8-bit RGB, zlib "stored" blocks: no compression, no dependency), for the
// activation map of noneq-tissue --sheet. PNG: ISO/IEC 15948; zlib: RFC 1950/1951.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace noneq_example {

namespace png_detail {
inline std::uint32_t crc32(const std::uint8_t* p, std::size_t n, std::uint32_t c = 0xffffffffu) {
    for (std::size_t i = 0; i < n; ++i) {
        c ^= p[i];
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return c;
}
inline void be32(std::vector<std::uint8_t>& o, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8)
        o.push_back(std::uint8_t(v >> s));
}
inline void chunk(std::vector<std::uint8_t>& o, const char* type,
                  const std::vector<std::uint8_t>& data) {
    be32(o, std::uint32_t(data.size()));
    const std::size_t start = o.size();
    o.insert(o.end(), type, type + 4);
    o.insert(o.end(), data.begin(), data.end());
    be32(o, crc32(o.data() + start, o.size() - start) ^ 0xffffffffu);
}
} // namespace png_detail

/// Writes w x h RGB pixels (row-major, 3 bytes each) to `path`; throws std::runtime_error.
inline void write_png(const std::string& path, std::size_t w, std::size_t h,
                      const std::vector<std::uint8_t>& rgb) {
    using namespace png_detail;
    if (rgb.size() != w * h * 3) throw std::runtime_error("write_png: wrong pixel count");
    std::vector<std::uint8_t> raw; // each row: filter byte 0, then the pixels
    raw.reserve(h * (3 * w + 1));
    for (std::size_t y = 0; y < h; ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), rgb.begin() + std::ptrdiff_t(y * 3 * w),
                   rgb.begin() + std::ptrdiff_t((y + 1) * 3 * w));
    }
    std::vector<std::uint8_t> z{0x78, 0x01}; // zlib header, no compression
    std::uint32_t a = 1, b = 0;              // Adler-32
    for (std::size_t pos = 0; pos < raw.size() || pos == 0;) {
        const std::size_t len = std::min<std::size_t>(65535, raw.size() - pos);
        z.push_back(pos + len == raw.size() ? 1 : 0);
        z.push_back(std::uint8_t(len & 0xff));
        z.push_back(std::uint8_t(len >> 8));
        z.push_back(std::uint8_t(~len & 0xff));
        z.push_back(std::uint8_t((~len >> 8) & 0xff));
        for (std::size_t i = pos; i < pos + len; ++i) {
            z.push_back(raw[i]);
            a = (a + raw[i]) % 65521u;
            b = (b + a) % 65521u;
        }
        pos += len;
        if (len == 0) break;
    }
    be32(z, (b << 16) | a);
    std::vector<std::uint8_t> out{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<std::uint8_t> ihdr;
    be32(ihdr, std::uint32_t(w));
    be32(ihdr, std::uint32_t(h));
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0}); // 8 bits, RGB, deflate, no filter, no interlace
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z);
    chunk(out, "IEND", {});
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(out.data()), std::streamsize(out.size()));
    if (!f) throw std::runtime_error("cannot write PNG file " + path);
}

/// A colour for x in [0, 1]: blue (early) through cyan, green, yellow to red (late).
inline std::array<std::uint8_t, 3> heat_colour(double x) {
    x = x < 0 ? 0 : x > 1 ? 1 : x;
    const double r = std::min(1.0, std::max(0.0, 1.5 - std::abs(4.0 * x - 3.0)));
    const double g = std::min(1.0, std::max(0.0, 1.5 - std::abs(4.0 * x - 2.0)));
    const double b = std::min(1.0, std::max(0.0, 1.5 - std::abs(4.0 * x - 1.0)));
    return {std::uint8_t(255 * r), std::uint8_t(255 * g), std::uint8_t(255 * b)};
}

} // namespace noneq_example
