//! `solve_series`: each step of a time series gives the solution a separate `solve` of the
//! network with that step's loads gives, from the previous step's solution and with the
//! network analysed once.

use std::path::PathBuf;

use dostyk_transit_gas::network::{NetworkError, SolverOptions, read_network, solve, solve_series};

#[test]
fn every_step_equals_a_separate_solve() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/components/all_components.pandapipes.json");
    let (network, _) = read_network(&path).expect("fixture");
    let base: Vec<f64> = network
        .loads
        .iter()
        .map(|l| l.withdrawal_kg_per_s)
        .collect();
    let factors = [1.0, 0.8, 1.1, 0.6, 1.0];
    let steps: Vec<Vec<f64>> = factors
        .iter()
        .map(|f| base.iter().map(|w| w * f).collect())
        .collect();
    let options = SolverOptions::default();
    let mut seen = 0;
    solve_series(&network, &options, &steps, |k, solution| {
        let mut alone = network.clone();
        for (load, &w) in alone.loads.iter_mut().zip(&steps[k]) {
            load.withdrawal_kg_per_s = w;
        }
        let reference = solve(&alone, &options).expect("step solves alone");
        for (a, b) in solution.junctions.iter().zip(&reference.junctions) {
            let (a, b) = (a.pressure_bar_g.unwrap(), b.pressure_bar_g.unwrap());
            assert!((a - b).abs() < 1e-8, "step {k}: {a} vs {b}");
        }
        for (a, b) in solution.compressors.iter().zip(&reference.compressors) {
            let (a, b) = (a.mass_flow_kg_per_s.unwrap(), b.mass_flow_kg_per_s.unwrap());
            assert!((a - b).abs() < 1e-7, "step {k}: {a} vs {b}");
        }
        // From the previous solution a step needs fewer iterations than from the flat start.
        if k > 0 {
            assert!(
                solution.iterations < reference.iterations,
                "step {k}: {} iterations, {} alone",
                solution.iterations,
                reference.iterations
            );
        }
        seen += 1;
        Ok(())
    })
    .expect("series solves");
    assert_eq!(seen, factors.len());
}

#[test]
fn a_step_without_a_solution_is_named_by_its_number() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/components/compressor_mesh.pandapipes.json");
    let (network, _) = read_network(&path).expect("fixture");
    let base: Vec<f64> = network
        .loads
        .iter()
        .map(|l| l.withdrawal_kg_per_s)
        .collect();
    let steps = vec![
        base.clone(),
        base.iter().map(|w| w * 1e4).collect(),
        base.clone(),
    ];
    let e = solve_series(&network, &SolverOptions::default(), &steps, |_, _| Ok(())).unwrap_err();
    assert!(e.to_string().contains("step 1 of the time series: "), "{e}");
    let short = vec![base[1..].to_vec()];
    let e = solve_series(&network, &SolverOptions::default(), &short, |_, _| Ok(())).unwrap_err();
    assert!(matches!(e, NetworkError::InvalidElement { .. }), "{e}");
}
