// noneq/noneq.hpp — umbrella header: every header of the library, layer by layer.
// Including only the headers a translation unit needs compiles much faster.
#pragma once

// units and constants
#include <noneq/constants.hpp>
#include <noneq/units.hpp>

// core
#include <noneq/core/crossing.hpp>
#include <noneq/core/dual.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/core/fermi_dirac.hpp>
#include <noneq/core/jacobian.hpp>
#include <noneq/core/linear_solve.hpp>
#include <noneq/core/lu.hpp>
#include <noneq/core/newton.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/core/simd_math.hpp>
#include <noneq/core/threads.hpp>
#include <noneq/core/value_traits.hpp>

// potentials
#include <noneq/potential/chord.hpp>
#include <noneq/potential/driving_force.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/potential/ghk_divalent.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/potential/nernst.hpp>
#include <noneq/potential/reaction.hpp>

// flux laws
#include <noneq/flux/chord_current.hpp>
#include <noneq/flux/cycle_turnover.hpp>
#include <noneq/flux/ghk_current.hpp>
#include <noneq/flux/ghk_mixture.hpp>
#include <noneq/flux/ghk_reversal.hpp>
#include <noneq/flux/ghk_slope.hpp>
#include <noneq/flux/markov_cycle.hpp>
#include <noneq/flux/ohmic.hpp>

// integrators (the Boost 1.74 uBLAS / C++20 shim first)
#include <noneq/integrate/ublas_cxx20.hpp>

#include <noneq/integrate/exponential.hpp>
#include <noneq/integrate/guarded.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/rodas4.hpp>
#include <noneq/integrate/rosenbrock.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/integrate/sensitivity.hpp>
#include <noneq/integrate/stop_at_outputs.hpp>
#include <noneq/integrate/time_unit.hpp>
#if defined(NONEQ_WITH_SUNDIALS) && NONEQ_WITH_SUNDIALS
#include <noneq/integrate/cvodes.hpp> // and cvode.hpp, through run.hpp
#endif

// populations
#include <noneq/population/population.hpp>

// networks (network/mpi.hpp needs <mpi.h>: include it with the target noneq::mpi)
#include <noneq/network/cobahh.hpp>
#include <noneq/network/communicator.hpp>
#include <noneq/network/connection.hpp>
#include <noneq/network/dry_run.hpp>
#include <noneq/network/network.hpp>
#include <noneq/network/partition.hpp>
#include <noneq/network/simulate.hpp>
#include <noneq/network/spike.hpp>
#include <noneq/network/synapses.hpp>
#include <noneq/network/traub_miles.hpp>
// cables: multi-compartment neurons
#include <noneq/cable/analytic.hpp>
#include <noneq/cable/cable.hpp>
#include <noneq/cable/cell_batch.hpp>
#include <noneq/cable/discretise.hpp>
#include <noneq/cable/hines.hpp>
#include <noneq/cable/morphology.hpp>
#include <noneq/cable/point_process.hpp>
#include <noneq/cable/region.hpp>
#include <noneq/cable/swc.hpp>

// kernels
#include <noneq/kernels/arrays.hpp>
#include <noneq/kernels/currents.hpp>
#include <noneq/kernels/ghk.hpp>
#include <noneq/kernels/ghk_voltage.hpp>
#include <noneq/kernels/nernst.hpp>
#include <noneq/kernels/parallel.hpp>
#include <noneq/kernels/simd.hpp>
#include <noneq/kernels/validation.hpp>

// analysis
#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/analysis/eigenvalues.hpp>
#include <noneq/analysis/fixed_points.hpp>
#include <noneq/analysis/iv_curve.hpp>
#include <noneq/analysis/spikes.hpp>

// cardiac cells
#include <noneq/cardiac/calcium_buffering.hpp>
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/funny_current.hpp>
#include <noneq/cardiac/ryanodine_receptor.hpp>
#include <noneq/cardiac/severi2012.hpp>
#include <noneq/cardiac/sodium_calcium_exchanger.hpp>
#include <noneq/cardiac/sodium_potassium_pump.hpp>
#include <noneq/cardiac/units.hpp>

// membranes
#include <noneq/membrane/channel.hpp>
#include <noneq/membrane/gates.hpp>
#include <noneq/membrane/hh.hpp>
#include <noneq/membrane/ions.hpp>
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>
#include <noneq/membrane/part.hpp>
#include <noneq/membrane/pump_leak.hpp>
#include <noneq/membrane/pump_nak.hpp>
#include <noneq/membrane/rate_table.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/membrane/synapse.hpp>

// tissue: the monodomain equation over grids of cells
#include <noneq/tissue/cg.hpp>
#include <noneq/tissue/diffusion.hpp>
#include <noneq/tissue/grid.hpp>
#include <noneq/tissue/medium.hpp>
#include <noneq/tissue/mitchell_schaeffer.hpp>
#include <noneq/tissue/monodomain.hpp>
#include <noneq/tissue/stimulus.hpp>
#include <noneq/tissue/units.hpp>

// bioenergetics
#include <noneq/bioenergetics/antiporter.hpp>
#include <noneq/bioenergetics/driven_chain.hpp>
#include <noneq/bioenergetics/gillespie.hpp>
#include <noneq/bioenergetics/proton_pumps.hpp>
#include <noneq/bioenergetics/ratchet.hpp>
#include <noneq/bioenergetics/vacuole_model.hpp>

// devices
#include <noneq/devices/detailed_balance.hpp>
#include <noneq/devices/photoelectrochemistry.hpp>
#include <noneq/devices/recombination.hpp>
#include <noneq/devices/seebeck.hpp>
#include <noneq/devices/spectrum.hpp>
#include <noneq/devices/teg.hpp>

// materials
#include <noneq/materials/dislocation_climb.hpp>
#include <noneq/materials/fcc_metal.hpp>
#include <noneq/materials/vacancy_anneal.hpp>

// soft matter
#include <noneq/softmatter/atp_gradient.hpp>
#include <noneq/softmatter/cahn_hilliard.hpp>
#include <noneq/softmatter/fft.hpp>
#include <noneq/softmatter/flory_huggins.hpp>
#include <noneq/softmatter/morphology.hpp>
#include <noneq/softmatter/shear.hpp>
#include <noneq/softmatter/spectral_grid.hpp>
