//! Property tests: the network readers and the solver never panic, whatever the input.

use std::path::PathBuf;

use dostyk_transit_gas::network::{SolverOptions, parse_network, solve};
use proptest::prelude::*;

fn read(rel: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel))
        .expect("committed file")
}

const DOSTYK: &str = r#"{"format": "dostyk-gas-network/1",
 "fluid": {"name": "lgas", "normal_density_kg_per_m3": 0.799495, "dynamic_viscosity_pa_s": 1.16859e-5,
           "compressibility": {"slope_per_bar": -0.0022, "offset": 1.0}},
 "temperature_k": 288.15,
 "junctions": [{"id": "A"}, {"id": "B", "height_m": 120}, {"id": "C"}],
 "pipes": [{"id": "AB", "from": "A", "to": "B", "length_km": 40, "inner_diameter_mm": 700, "roughness_mm": 0.05, "sections": 2},
           {"id": "BC", "from": "B", "to": "C", "length_km": 20, "inner_diameter_mm": 500, "roughness_mm": 0.05}],
 "valves": [{"id": "V", "from": "A", "to": "C", "inner_diameter_mm": 300, "loss_coefficient": 5, "open": true}],
 "slack_nodes": [{"junction": "A", "pressure_bar_g": 50}],
 "sinks": [{"junction": "C", "mass_flow_kg_per_s": 30}]}"#;

/// Replaces `len` bytes at `at` (clamped to char boundaries) with `with`.
fn mutate(text: &str, at: usize, len: usize, with: &str) -> String {
    let mut start = at % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{}{}", &text[..start], with, &text[end..])
}

fn parse_and_solve(text: &str) {
    if let Ok(network) = parse_network(text, "prop") {
        let options = SolverOptions {
            max_iterations: 30,
            ..SolverOptions::default()
        };
        let _ = solve(&network, &options);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = parse_network(&text, "prop");
    }

    #[test]
    fn mutated_dostyk_network_never_panics(at in 0usize..2000, len in 0usize..12,
                                           with in prop::sample::select(vec!["", "0", "-1", "1e300", "null", "\"x\"", "[", "}", "NaN", "true", "-0.0", "\"A\""])) {
        parse_and_solve(&mutate(DOSTYK, at, len, with));
    }

    #[test]
    fn mutated_pandapipes_network_never_panics(at in 0usize..60000, len in 0usize..8,
                                               with in prop::sample::select(vec!["", "0", "-5", "1e308", "null", "NaN", "\\\"", "]", "true", "9"])) {
        let text = read("tests/data/stanet/t_cross/t_cross2_N.json");
        parse_and_solve(&mutate(&text, at, len, with));
    }
}
