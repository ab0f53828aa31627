//! Networks with compressors, pressure controls, flow controls, pumps, mass storages and
//! ext_grids of each type, built and solved in pandapipes 0.16.0 by
//! bench/gas/compare_components.py (meshed grids fed at two pressures, so pipes carry gas
//! both ways): Dostyk's pressures agree per junction within 1e-4 bar and its flows per branch
//! within 1e-6 (relative, or absolute below 1e-3 kg/s).

use std::path::PathBuf;

use dostyk_transit_gas::network::{ElementId, Solution, SolverOptions, read_network, solve};
use serde_json::Value;

const NETWORKS: &[&str] = &[
    "compressor_mesh",
    "pressure_control_mesh",
    "flow_control_mesh",
    "pump_mesh",
    "all_components",
];

fn flows<'a>(solution: &'a Solution, table: &str) -> Vec<(&'a ElementId, Option<f64>)> {
    match table {
        "pipe" => solution
            .pipes
            .iter()
            .map(|r| (&r.id, r.mass_flow_kg_per_s))
            .collect(),
        "valve" => solution
            .valves
            .iter()
            .map(|r| (&r.id, r.mass_flow_kg_per_s))
            .collect(),
        other => {
            let list = match other {
                "pump" => &solution.pumps,
                "compressor" => &solution.compressors,
                "press_control" => &solution.pressure_controls,
                "flow_control" => &solution.flow_controls,
                _ => panic!("unexpected table {other}"),
            };
            list.iter().map(|r| (&r.id, r.mass_flow_kg_per_s)).collect()
        }
    }
}

#[test]
fn component_networks_match_pandapipes_per_junction_and_branch() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/components");
    let mut report = Vec::new();
    for name in NETWORKS {
        let (network, _) = read_network(dir.join(format!("{name}.pandapipes.json")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let reference: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.results.json"))).expect("results"),
        )
        .expect("JSON");
        let solution =
            solve(&network, &SolverOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut dp = 0.0_f64;
        for (idx, p_ref) in reference["p_bar"].as_object().expect("p_bar") {
            let p = solution
                .pressure_bar_g(&ElementId::Index(idx.parse().expect("index")))
                .unwrap_or_else(|| panic!("{name}: junction {idx} not solved"));
            dp = dp.max((p - p_ref.as_f64().expect("number")).abs());
        }
        let mut dm = 0.0_f64;
        let mut branches = 0;
        for (table, items) in reference["branch_mdot_kg_per_s"]
            .as_object()
            .expect("branch flows")
        {
            let ours = flows(&solution, table);
            for (idx, m_ref) in items.as_object().expect("flows") {
                let id = ElementId::Index(idx.parse().expect("index"));
                let m = ours
                    .iter()
                    .find(|(i, _)| **i == id)
                    .and_then(|(_, m)| *m)
                    .unwrap_or_else(|| panic!("{name}: {table} {idx} not solved"));
                let m_ref = m_ref.as_f64().expect("number");
                dm = dm.max((m - m_ref).abs() / m_ref.abs().max(1e-3));
                branches += 1;
            }
        }
        report.push(format!(
            "{name}: {branches} branches, max |dp| {dp:.1e} bar, max rel |dm| {dm:.1e}"
        ));
        assert!(dp < 1e-4, "{name}: |dp| {dp} bar");
        assert!(dm < 1e-6, "{name}: relative |dm| {dm}");
    }
    println!("{}", report.join("\n"));
}
