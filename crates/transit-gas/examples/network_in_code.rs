//! A gas network built in code: the Beineu–Bozoi–Shymkent line as two pipes joined by a valve, solved
//! for pressures and flows.
//!
//! Run with `cargo run -p dostyk-transit-gas --example network_in_code`; `cargo test
//! --examples` runs it as a test (`main` asserts its results).

use dostyk_transit_gas::network::{
    Fluid, NetworkBuilder, NetworkError, PipeSpec, SolverOptions, solve,
};

fn main() -> Result<(), NetworkError> {
    let mut net = NetworkBuilder::new(Fluid::lgas()).name("Beineu–Bozoi–Shymkent, simplified");
    let beineu = net.add_junction("Beineu");
    let bozoi = net.add_junction("Bozoi");
    let bozoi_out = net.add_junction("Bozoi outlet");
    let shymkent = net.add_junction_at("Shymkent", 500.0);
    // 1 020 mm pipe (about 1 m inside), 0.02 mm roughness.
    let first = net.add_pipe(
        "Beineu–Bozoi",
        beineu,
        bozoi,
        PipeSpec::new(200_000.0, 1.0, 2e-5),
    );
    net.add_valve("Bozoi valve", bozoi, bozoi_out, 1.0, 0.0, true);
    let second = net.add_pipe(
        "Bozoi–Shymkent",
        bozoi_out,
        shymkent,
        PipeSpec::new(150_000.0, 1.0, 2e-5),
    );
    net.add_ext_grid("Beineu compressor station", beineu, 70.0);
    // About 4.7 bcm a year: 120 kg/s × 8760 h × 3600 s / 0.7995 kg/m³ ≈ 4.7e9 m³ at 0 °C.
    net.add_sink("Bozoi offtake", bozoi, 30.0);
    net.add_sink("Shymkent", shymkent, 90.0);
    let network = net.build();

    let solution = solve(&network, &SolverOptions::default())?;
    for junction in &solution.junctions {
        println!(
            "junction {}: {:.3} bar(g)",
            junction.id,
            junction.pressure_bar_g.unwrap_or(f64::NAN)
        );
    }
    for pipe in &solution.pipes {
        println!("{pipe:.3}");
    }

    // Mass is conserved: the first pipe carries both offtakes, the second only Shymkent's.
    let flow = |i: usize| solution.pipes[i].mass_flow_kg_per_s.unwrap_or(f64::NAN);
    assert!((flow(first.index()) - 120.0).abs() < 1e-6);
    assert!((flow(second.index()) - 90.0).abs() < 1e-6);
    // Pressure falls along the line.
    let p = |j: dostyk_transit_gas::network::JunctionId| {
        solution.junctions[j.index()]
            .pressure_bar_g
            .unwrap_or(f64::NAN)
    };
    assert!(p(beineu) > p(bozoi) && p(bozoi_out) > p(shymkent) && p(shymkent) > 0.0);
    Ok(())
}
