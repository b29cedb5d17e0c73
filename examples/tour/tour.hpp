// The tour's section registry: each section file defines one `tour_section` at namespace scope.
#pragma once

#include "cli.hpp"

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace tour {

struct section {
    std::string key;   // sort key, the file's number, e.g. "10"
    std::string title; // one line shown above the section's output
    std::function<void()> run;
};

inline std::vector<section>& registry() {
    static std::vector<section> sections;
    return sections;
}

struct registrar {
    registrar(std::string key, std::string title, std::function<void()> run) {
        registry().push_back({std::move(key), std::move(title), std::move(run)});
    }
};

/// Print one `key=value` line with 12 significant digits (shared with the examples).
using noneq_example::kv;

} // namespace tour
