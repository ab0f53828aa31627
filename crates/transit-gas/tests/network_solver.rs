//! Gas network solver against closed forms, published pandapipes values and pandapipes fixtures
//! (generated once by tests/fixtures/generate_network_fixtures.py), plus the error cases.

use std::path::PathBuf;

use dostyk_transit_gas::network::{
    ElementId, FrictionModel, NetworkError, SolverOptions, parse_network, solve,
};
use serde_json::{Value, json};

const RHO_N_LGAS: f64 = 0.799_495; // lgas at 273.15 K (docs/methodology.md)
const ETA_LGAS_288: f64 = 1.168_59e-5; // lgas at 288.15 K

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).expect("fixture is committed")
}

fn key(id: &str) -> ElementId {
    ElementId::Key(id.to_string())
}

fn six_pipe(model: &str) -> Value {
    let pipes: Vec<Value> = [("P01", "J0", "J1", 100, 1000, 0.02), ("P12", "J1", "J2", 120, 1000, 0.02), ("P23", "J2", "J3", 80, 700, 0.02), ("P24", "J2", "J4", 60, 500, 0.05), ("P35", "J3", "J5", 40, 500, 0.05), ("P45", "J4", "J5", 50, 400, 0.05)]
        .iter()
        .map(|(id, a, b, l, d, k)| json!({"id": id, "from": a, "to": b, "length_km": l, "inner_diameter_mm": d, "roughness_mm": k}))
        .collect();
    json!({
        "format": "dostyk-gas-network/1",
        "name": "six-pipe test network",
        "fluid": {"name": "lgas", "normal_density_kg_per_m3": RHO_N_LGAS, "dynamic_viscosity_pa_s": ETA_LGAS_288,
                  "compressibility": {"slope_per_bar": -0.0022, "offset": 1.0}},
        "friction_model": model,
        "temperature_k": 288.15,
        "junctions": (0..6).map(|i| json!({"id": format!("J{i}")})).collect::<Vec<_>>(),
        "pipes": pipes,
        "slack_nodes": [{"junction": "J0", "pressure_bar_g": 54.0}],
        "sinks": [{"junction": "J1", "mass_flow_kg_per_s": 20.0}, {"junction": "J3", "mass_flow_kg_per_s": 60.0},
                  {"junction": "J5", "mass_flow_kg_per_s": 40.0}]
    })
}

#[test]
#[allow(clippy::many_single_char_names)] // the letters of the pipe law
fn single_pipe_matches_the_closed_form() {
    // One level pipe, 120 kg/s: p1² − p2² = λ(L/D)·pn·T·Z(pm)·ṁ²/(Tn·ρn·A²·1e5), solved here by a
    // fixed-point iteration independent of the solver.
    let mut net = six_pipe("nikuradse");
    net["junctions"] = json!([{"id": "J0"}, {"id": "J1"}]);
    net["pipes"] = json!([{"id": "P01", "from": "J0", "to": "J1", "length_km": 100, "inner_diameter_mm": 1000, "roughness_mm": 0.02}]);
    net["sinks"] = json!([{"junction": "J1", "mass_flow_kg_per_s": 120.0}]);
    let network = parse_network(&net.to_string(), "single pipe").expect("valid");
    let solution = solve(&network, &SolverOptions::default()).expect("solves");

    let (d, l, k, m, t) = (1.0_f64, 100_000.0_f64, 2e-5_f64, 120.0_f64, 288.15_f64);
    let area = std::f64::consts::PI * d * d / 4.0;
    let re = m * d / (ETA_LGAS_288 * area);
    let lambda = 64.0 / re + 1.0 / (2.0 * (d / k).log10() + 1.14).powi(2);
    let p1: f64 = 54.0 + 1.01325;
    let mut p2 = p1;
    for _ in 0..200 {
        let pm = 2.0 / 3.0 * (p1.powi(3) - p2.powi(3)) / (p1 * p1 - p2 * p2).max(1e-300);
        let pm = if p1 == p2 { p1 } else { pm };
        let z = 1.0 - 0.0022 * pm;
        let rhs =
            lambda * (l / d) * 1.01325 * t * z * m * m / (273.15 * RHO_N_LGAS * area * area * 1e5);
        p2 = (p1 * p1 - rhs).sqrt();
    }
    let expected = p2 - 1.01325;
    let got = solution.pressure_bar_g(&key("J1")).expect("solved");
    assert!(
        (got - expected).abs() < 1e-9,
        "solver {got}, closed form {expected}"
    );
    // And the value pandapipes 0.16.0 reports (gas.md 12.6): 51.69897 bar(g).
    assert!((got - 51.69897).abs() < 2e-5, "{got}");
    let v = solution
        .pipe(&key("P01"))
        .and_then(|p| p.velocity_m_per_s)
        .expect("velocity");
    assert!((v - 3.342).abs() < 1e-3, "v_mean {v}");
    let q = solution
        .pipe(&key("P01"))
        .and_then(|p| p.normal_volume_flow_m3_per_h)
        .expect("volume");
    assert!((q - 120.0 / RHO_N_LGAS * 3600.0).abs() < 1e-6);
}

#[test]
fn six_pipe_network_matches_published_pandapipes_values() {
    // pandapipes 0.16.0, four decimals (gas.md 12.6).
    let published: [(&str, [f64; 5], [f64; 2]); 3] = [
        (
            "nikuradse",
            [51.6990, 49.6906, 43.8281, 47.8438, 42.5161],
            [79.65277, 20.34723],
        ),
        (
            "colebrook",
            [51.5736, 49.4315, 43.2898, 47.4911, 41.9289],
            [79.54547, 20.45453],
        ),
        (
            "swamee-jain",
            [51.5565, 49.3982, 43.2104, 47.4433, 41.8396],
            [79.53774, 20.46226],
        ),
    ];
    for (model, pressures, flows) in published {
        let network = parse_network(&six_pipe(model).to_string(), "six pipe").expect("valid");
        let solution = solve(&network, &SolverOptions::default()).expect("solves");
        for (i, p_ref) in pressures.iter().enumerate() {
            let p = solution
                .pressure_bar_g(&key(&format!("J{}", i + 1)))
                .expect("solved");
            assert!(
                (p - p_ref).abs() < 1e-4,
                "{model} J{}: {p} vs {p_ref}",
                i + 1
            );
        }
        let m23 = solution
            .pipe(&key("P23"))
            .and_then(|p| p.mass_flow_kg_per_s)
            .expect("flow");
        let m24 = solution
            .pipe(&key("P24"))
            .and_then(|p| p.mass_flow_kg_per_s)
            .expect("flow");
        assert!(
            (m23 - flows[0]).abs() < 2e-4 && (m24 - flows[1]).abs() < 2e-4,
            "{model}: {m23} {m24}"
        );
    }
}

fn compare_with_fixture(network_file: &str, results_file: &str, p_tol: f64, v_tol: f64) -> usize {
    let network = parse_network(&fixture(network_file), network_file).expect("fixture parses");
    let reference: Value = serde_json::from_str(&fixture(results_file)).expect("results JSON");
    let mut compared = 0;
    for (model_name, res) in reference.as_object().expect("object") {
        let model = FrictionModel::from_name(model_name).expect("known model");
        let options = SolverOptions {
            friction_model: Some(model),
            ..SolverOptions::default()
        };
        let solution = solve(&network, &options)
            .unwrap_or_else(|e| panic!("{network_file} {model_name}: {e}"));
        for (idx, p_ref) in res["p_bar"].as_object().expect("p_bar") {
            let id = ElementId::Index(idx.parse().expect("index"));
            let p = solution.pressure_bar_g(&id).expect("junction");
            let p_ref = p_ref.as_f64().expect("number");
            assert!(
                (p - p_ref).abs() < p_tol,
                "{network_file} {model_name} junction {idx}: {p} vs pandapipes {p_ref}"
            );
            compared += 1;
        }
        for (idx, v_ref) in res["v_mean_m_per_s"].as_object().expect("v") {
            let id = ElementId::Index(idx.parse().expect("index"));
            let pipe = solution.pipe(&id).expect("pipe");
            let v = pipe.velocity_m_per_s.expect("velocity");
            let v_ref = v_ref.as_f64().expect("number");
            assert!(
                (v - v_ref).abs() < v_tol,
                "{network_file} {model_name} pipe {idx}: v {v} vs {v_ref}"
            );
            let m_ref = res["mdot_kg_per_s"][idx].as_f64().expect("mdot");
            let m = pipe.mass_flow_kg_per_s.expect("flow");
            assert!(
                (m - m_ref).abs() < 1e-5 * m_ref.abs().max(1.0),
                "{network_file} {model_name} pipe {idx}: mdot {m} vs {m_ref}"
            );
        }
    }
    compared
}

#[test]
fn six_pipe_pandapipes_file_matches_pandapipes_results() {
    let n = compare_with_fixture(
        "six_pipe_lgas.pandapipes.json",
        "six_pipe_lgas.results.json",
        1e-6,
        1e-6,
    );
    assert_eq!(n, 18);
}

#[test]
fn meshed_network_of_287_pipes_matches_pandapipes() {
    let n = compare_with_fixture(
        "mesh_300.pandapipes.json",
        "mesh_300.results.json",
        1e-6,
        1e-5,
    );
    assert_eq!(n, 2 * 156);
}

fn expect_err(net: &Value) -> NetworkError {
    let network = match parse_network(&net.to_string(), "case") {
        Ok(n) => n,
        Err(e) => return e,
    };
    solve(&network, &SolverOptions::default()).expect_err("must fail")
}

#[test]
fn disconnected_junctions_with_a_load_are_named() {
    let mut net = six_pipe("nikuradse");
    net["junctions"]
        .as_array_mut()
        .expect("array")
        .push(json!({"id": "island", "name": "Island"}));
    net["junctions"]
        .as_array_mut()
        .expect("array")
        .push(json!({"id": "islet"}));
    net["pipes"].as_array_mut().expect("array").push(json!({"id": "PI", "from": "island", "to": "islet", "length_km": 1, "inner_diameter_mm": 100, "roughness_mm": 0.1}));
    // Without a load the island has no pressure (as in pandapipes) and the rest is solved.
    let network = parse_network(&net.to_string(), "island").expect("valid");
    let solution = solve(&network, &SolverOptions::default()).expect("solves");
    assert_eq!(solution.pressure_bar_g(&key("island")), None);
    assert_eq!(
        solution.pipe(&key("PI")).and_then(|p| p.mass_flow_kg_per_s),
        None
    );
    assert!((solution.pressure_bar_g(&key("J1")).expect("p") - 51.69897).abs() < 2e-5);
    // With a withdrawal there is no solution: the error names the unconnected junctions.
    net["sinks"]
        .as_array_mut()
        .expect("array")
        .push(json!({"junction": "islet", "mass_flow_kg_per_s": 0.5}));
    let e = expect_err(&net);
    assert!(
        matches!(e.reason(), NetworkError::Disconnected { count: 2, .. }),
        "{e:?}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("\"island\" (Island)") && msg.contains("\"islet\""),
        "{msg}"
    );
}

#[test]
fn closed_valve_isolating_a_sink_is_named() {
    let mut net = six_pipe("nikuradse");
    net["junctions"]
        .as_array_mut()
        .expect("array")
        .push(json!({"id": "town"}));
    net["valves"] = json!([{"id": "V1", "name": "town gate", "from": "J5", "to": "town", "inner_diameter_mm": 300, "open": false}]);
    net["sinks"]
        .as_array_mut()
        .expect("array")
        .push(json!({"junction": "town", "mass_flow_kg_per_s": 1.0}));
    let e = expect_err(&net);
    let msg = e.to_string();
    assert!(
        msg.contains("\"town\"") && msg.contains("\"V1\" (town gate)"),
        "{msg}"
    );
    // Opened, the same valve (ideal connector) carries the town's withdrawal.
    net["valves"][0]["open"] = json!(true);
    let network = parse_network(&net.to_string(), "open valve").expect("valid");
    let solution = solve(&network, &SolverOptions::default()).expect("solves");
    let v = &solution.valves[0];
    assert!((v.mass_flow_kg_per_s.expect("flow") - 1.0).abs() < 1e-9);
    let p5 = solution.pressure_bar_g(&key("J5")).expect("p");
    assert!((solution.pressure_bar_g(&key("town")).expect("p") - p5).abs() < 1e-12);
}

#[test]
fn infeasible_withdrawal_reports_negative_pressure() {
    let mut net = six_pipe("nikuradse");
    net["sinks"][2]["mass_flow_kg_per_s"] = json!(400.0);
    let e = expect_err(&net);
    assert!(
        matches!(e.reason(), NetworkError::NegativePressure { .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("infeasible"), "{e}");
}

#[test]
fn missing_slack_and_bad_references_are_reported() {
    let mut net = six_pipe("nikuradse");
    net["slack_nodes"] = json!([]);
    let e = expect_err(&net);
    assert!(matches!(e.reason(), NetworkError::NoSlack));
    // The network came from a text named "case": the solver's error names it.
    assert!(matches!(&e, NetworkError::InNetwork { source_name, .. } if source_name == "case"));
    assert!(
        e.to_string()
            .starts_with("case: the network has no in-service pressure slack"),
        "{e}"
    );
    let mut net = six_pipe("nikuradse");
    net["pipes"][2]["to"] = json!("J9");
    let msg = expect_err(&net).to_string();
    assert!(
        msg.contains("pipe \"P23\"") && msg.contains("field \"to\"") && msg.contains("\"J9\""),
        "{msg}"
    );
    let mut net = six_pipe("nikuradse");
    net["pipes"][0]["inner_diameter_mm"] = json!(0.0);
    assert!(expect_err(&net).to_string().contains("inner_diameter_mm"));
}

#[test]
fn json_errors_give_line_and_field() {
    let text = "{\n  \"format\": \"dostyk-gas-network/1\",\n  \"temperature_k\": \"warm\"\n}";
    match parse_network(text, "bad.json") {
        Err(NetworkError::Read(e)) => {
            assert_eq!(e.location().line_number(), Some(3), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let e = parse_network("{\"format\": \"something-else\"}", "x.json").expect_err("unknown");
    assert!(matches!(e, NetworkError::UnknownFormat { .. }));
}

#[test]
fn normal_volume_flow_is_converted_with_the_normal_density() {
    let mut a = six_pipe("nikuradse");
    a["sinks"][1] =
        json!({"junction": "J3", "normal_volume_flow_m3_per_h": 60.0 / RHO_N_LGAS * 3600.0});
    let sa = solve(
        &parse_network(&a.to_string(), "a").expect("valid"),
        &SolverOptions::default(),
    )
    .expect("solves");
    let sb = solve(
        &parse_network(&six_pipe("nikuradse").to_string(), "b").expect("valid"),
        &SolverOptions::default(),
    )
    .expect("solves");
    for (x, y) in sa.junctions.iter().zip(&sb.junctions) {
        assert!((x.pressure_bar_g.expect("p") - y.pressure_bar_g.expect("p")).abs() < 1e-9);
    }
}

#[test]
fn output_json_is_byte_identical_from_run_to_run() {
    let network = parse_network(&fixture("mesh_300.pandapipes.json"), "mesh").expect("parses");
    let a = solve(&network, &SolverOptions::default()).expect("solves");
    let b = solve(&network, &SolverOptions::default()).expect("solves");
    assert_eq!(a.to_json_string(), b.to_json_string());
    assert!(
        !a.to_json_string().contains("seconds"),
        "a time in the result file"
    );
}

/// A 23 × 23 grid (1,012 pipes) with heavy offtakes, built here without Python: the network on
/// which pandapipes diverges even with 100 iterations (bench/gas). Dostyk must converge from the
/// flat start and balance the mass.
#[test]
fn large_meshed_grid_converges_from_a_flat_start_and_balances_mass() {
    let side = 23;
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        // xorshift64*, deterministic
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    };
    let id = |r: usize, c: usize| format!("N{r}_{c}");
    let mut junctions = Vec::new();
    let mut pipes = Vec::new();
    let mut sinks = Vec::new();
    let mut total = 0.0;
    for r in 0..side {
        for c in 0..side {
            junctions.push(json!({"id": id(r, c), "height_m": 400.0 * next()}));
            for (dr, dc, tag) in [(0, 1, "h"), (1, 0, "v")] {
                if r + dr < side && c + dc < side {
                    let d = [500.0, 700.0, 800.0, 1000.0, 1200.0][(next() * 5.0) as usize % 5];
                    pipes.push(json!({"id": format!("P{r}_{c}{tag}"), "from": id(r, c), "to": id(r + dr, c + dc),
                                      "length_km": 5.0 + 25.0 * next(), "inner_diameter_mm": d, "roughness_mm": 0.03}));
                }
            }
            if (r, c) != (0, 0) && (r, c) != (side - 1, side - 1) && next() < 0.35 {
                let m = 2.0 + 8.0 * next();
                total += m;
                sinks.push(json!({"junction": id(r, c), "mass_flow_kg_per_s": m}));
            }
        }
    }
    let mut net = six_pipe("nikuradse");
    net["junctions"] = json!(junctions);
    net["pipes"] = json!(pipes);
    net["sinks"] = json!(sinks);
    net["slack_nodes"] = json!([{"junction": id(0, 0), "pressure_bar_g": 70.0}, {"junction": id(side - 1, side - 1), "pressure_bar_g": 68.0}]);
    let network = parse_network(&net.to_string(), "grid").expect("valid");
    assert_eq!(network.pipes.len(), 1012);
    let solution = solve(&network, &SolverOptions::default()).expect("converges");
    assert!(
        solution.iterations <= 15,
        "{} iterations",
        solution.iterations
    );
    // Mass balance: what leaves the two slack junctions equals the total offtake.
    let supply: f64 = network
        .pipes
        .iter()
        .zip(&solution.pipes)
        .map(|(p, r)| {
            let m = r.mass_flow_kg_per_s.expect("flow");
            let slack = |j: usize| network.slacks.iter().any(|s| s.junction == j);
            (if slack(p.from) { m } else { 0.0 }) - (if slack(p.to) { m } else { 0.0 })
        })
        .sum();
    assert!(
        (supply - total).abs() < 1e-6 * total,
        "supply {supply} vs offtake {total}"
    );
    assert!(
        solution
            .junctions
            .iter()
            .all(|j| j.pressure_bar_g.expect("p") < 70.0 + 1e-9)
    );
}

#[test]
fn too_few_iterations_report_the_residual() {
    let network = parse_network(&six_pipe("colebrook").to_string(), "six").expect("valid");
    let options = SolverOptions {
        max_iterations: 2,
        ..SolverOptions::default()
    };
    match solve(&network, &options)
        .as_ref()
        .map_err(NetworkError::reason)
    {
        Err(
            e @ NetworkError::NotConverged {
                iterations,
                residual,
                element,
                equation,
                worst_residual,
            },
        ) => {
            assert_eq!(*iterations, 2);
            assert!(*residual > 1e-9);
            assert!(worst_residual.abs() <= *residual, "{e}");
            assert!(
                element.starts_with("pipe \"")
                    || element.starts_with("junction")
                    || element.starts_with('"'),
                "{e}"
            );
            assert!(
                equation.contains("equation") || equation.contains("balance"),
                "{e}"
            );
            assert!(
                e.to_string()
                    .contains(&format!("the {equation} of {element}")),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
}
