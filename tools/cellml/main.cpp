// noneq-cellml: converts a CellML 1.0/1.1 model into a unit-checked noneq model header.
//
//   noneq-cellml MODEL.cellml -o MODEL.hpp [--namespace NAME]
//
// Exit status 0 on success; 1 with one line on stderr naming what is wrong (for inconsistent
// units: the component, the variable and the two units); 2 for bad command-line arguments.
#include "analyse.hpp"
#include "codegen.hpp"
#include "model.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    std::string in, out, ns;
    bool quiet = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if ((a == "-o" || a == "--output") && i + 1 < argc) {
            out = argv[++i];
        } else if (a == "--namespace" && i + 1 < argc) {
            ns = argv[++i];
        } else if (a == "-q" || a == "--quiet") {
            quiet = true;
        } else if (a == "-h" || a == "--help") {
            std::cout << "usage: noneq-cellml MODEL.cellml -o MODEL.hpp [--namespace NAME] [-q]\n";
            return 0;
        } else if (!a.empty() && a[0] != '-' && in.empty()) {
            in = a;
        } else {
            std::cerr << "noneq-cellml: unknown argument '" << a << "' (see --help)\n";
            return 2;
        }
    }
    if (in.empty() || out.empty()) {
        std::cerr << "noneq-cellml: need an input file and -o OUTPUT (see --help)\n";
        return 2;
    }
    try {
        auto m = noneq_cellml::read_model(in);
        const auto a = noneq_cellml::analyse(m);
        noneq_cellml::codegen_options o;
        o.ns = ns.empty() ? std::filesystem::path(in).stem().string() : ns;
        o.source = std::filesystem::path(in).filename().string();
        const std::string text = noneq_cellml::generate(m, a, o);
        std::ofstream f(out);
        if (!(f << text)) throw noneq_cellml::error("cannot write " + out);
        if (!quiet)
            std::cout << "noneq-cellml: " << o.source << " -> " << out << ": " << a.states.size()
                      << " states, " << a.constants.size() << " constants, "
                      << a.algebraic.size() + a.derived.size() << " algebraic, "
                      << a.exprel_rewrites << " exprel rewrites\n";
    } catch (const std::exception& e) {
        std::cerr << "noneq-cellml: " << in << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
