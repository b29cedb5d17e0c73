// noneq-tour: one case of every model in the library, as key=value lines.
#include "tour.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    CLI::App app{"noneq tour: one case of each non-equilibrium model, as key=value lines"};
    std::string only;
    app.add_option("--only", only, "run only the sections whose title contains this text");
    CLI11_PARSE(app, argc, argv);

    auto sections = tour::registry();
    std::stable_sort(sections.begin(), sections.end(),
                     [](const auto& a, const auto& b) { return a.key < b.key; });
    int failed = 0;
    for (const auto& s : sections) {
        if (!only.empty() && s.title.find(only) == std::string::npos) continue;
        std::printf("\n# %s\n", s.title.c_str());
        try {
            s.run();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "tour section '%s' failed: %s\n", s.title.c_str(), e.what());
            ++failed;
        }
    }
    return failed == 0 ? 0 : 1;
}
