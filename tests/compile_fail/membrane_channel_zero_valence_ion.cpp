// A channel for an "ion" of valence 0: ion_species requires z != 0 (Nernst and GHK divide by it).
// expect: template constraint failure.*ion_species
#include <noneq/membrane/channel.hpp>
#include <noneq/membrane/squid_axon.hpp>

struct neutral {
#ifdef NONEQ_CORRECTED
    static constexpr int z = 1;
#else
    static constexpr int z = 0;
#endif
    static constexpr std::size_t index = 0;
    static constexpr const char* name = "N";
};

int main() {
    using ch = noneq::channel<noneq::permeation::ohmic, neutral,
                              noneq::gates<noneq::gate<noneq::hh::n_kinetics, 4>>>;
    ch c({noneq::conductance_density<double>::from_value(1.0)});
    (void)c;
    return 0;
}
