// noneq-cellml: the C++ header of an analysed model.
#pragma once

#include "analyse.hpp"

#include <string>

namespace noneq_cellml {

struct codegen_options {
    std::string ns;     ///< namespace inside noneq::cellml_models (default: the model's name)
    std::string source; ///< the file name quoted in the header's comment
};

/// A C++ identifier from any name (letters, digits and '_'; not starting with a digit).
std::string identifier(const std::string& s);

/// The header: a class `model` in namespace noneq::cellml_models::<ns>.
std::string generate(const model& m, const analysis& a, const codegen_options& o);

} // namespace noneq_cellml
