//! Restate a gas volume at other reference conditions, then solve a pandapipes network.
//!
//! Run with `cargo run -p dostyk-transit-gas --example gas_network_and_units [NETWORK.json]`;
//! without arguments it solves one of the STANET reference networks shipped with the tests.

use std::path::PathBuf;

use dostyk_transit_gas::network::{SolverOptions, read_network, solve};
use dostyk_transit_gas::reference::{FactorBasis, GasVolume, ReferenceConditions, VolumeUnit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The same gas: 5.6 bcm measured at 20 °C (GOST 2939) is about 7 % fewer cubic metres at 0 °C.
    let gost = GasVolume::new(5.6, VolumeUnit::Km3, ReferenceConditions::Gost2939);
    let normal = gost.convert(ReferenceConditions::Normal, FactorBasis::IdealGas);
    println!(
        "5.6 bcm at 20 °C = {:.4} bcm at 0 °C",
        normal.in_unit(VolumeUnit::Km3)
    );

    let path = std::env::args().nth(1).map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/stanet/combined_networks/parallel_N.json")
        },
        PathBuf::from,
    );
    let (network, format) = read_network(&path)?;
    let solution = solve(&network, &SolverOptions::default())?;
    println!(
        "{} ({format:?}): converged {} in {} iterations, residual {:.2e}",
        path.display(),
        solution.converged,
        solution.iterations,
        solution.residual
    );
    for j in solution.junctions.iter().take(5) {
        println!("  junction {:?}: {:?} bar g", j.name, j.pressure_bar_g);
    }
    Ok(())
}
