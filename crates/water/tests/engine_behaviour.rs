//! Hand-checkable models with known answers, error reporting, and parser robustness.

// Test helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used, clippy::needless_range_loop)]

use std::path::Path;

use dostyk_water::engine::{Attribute, Engine, EngineError};
use dostyk_water::schema::{Model, SchemaError};
use proptest::prelude::*;

fn model(nodes: &str, edges: &str, extra: &str) -> String {
    format!(
        r#"{{"metadata": {{"title": "t"}},
            "timestepper": {{"start": "2024-02-27", "end": "2024-03-02", "timestep": 1}},
            "nodes": [{nodes}], "edges": [{edges}]{extra}}}"#
    )
}

fn leap_day() -> dostyk_water::NaiveDate {
    dostyk_water::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
}

fn run(text: &str) -> Result<dostyk_water::engine::Results, EngineError> {
    let m = Model::from_json_str(text, Path::new("hand.json")).expect("model parses");
    Engine::new(&m)?.run()
}

#[test]
fn input_link_output_delivers_the_smallest_capacity() {
    // Supply 10, link 7, demand 8: the link binds, 7 flows every day.
    let text = model(
        r#"{"name": "in", "type": "input", "max_flow": 10, "cost": 1},
           {"name": "link", "type": "link", "max_flow": 7},
           {"name": "out", "type": "output", "max_flow": 8, "cost": -5}"#,
        r#"["in", "link"], ["link", "out"]"#,
        "",
    );
    let r = run(&text).unwrap();
    assert_eq!(r.dates().len(), 5);
    for name in ["in", "link", "out"] {
        assert_eq!(
            r.series(name, Attribute::Flow).unwrap(),
            vec![7.0; 5],
            "{name}"
        );
    }
}

#[test]
fn no_flow_when_the_supply_costs_more_than_the_benefit() {
    let text = model(
        r#"{"name": "in", "type": "input", "max_flow": 10, "cost": 6},
           {"name": "out", "type": "output", "max_flow": 8, "cost": -5}"#,
        r#"["in", "out"]"#,
        "",
    );
    assert_eq!(
        run(&text).unwrap().series("out", Attribute::Flow).unwrap(),
        vec![0.0; 5]
    );
}

#[test]
fn storage_drains_by_its_release_each_day_and_stops_at_empty() {
    // 10 units stored, demand 4/day: volumes 6, 2, 0, 0, 0; deliveries 4, 4, 2, 0, 0. The
    // dry inflow "dry" puts the storage on a route (pywr refuses a storage nothing can fill).
    let text = model(
        r#"{"name": "dry", "type": "input", "max_flow": 0},
           {"name": "s", "type": "storage", "max_volume": 20, "initial_volume": 10},
           {"name": "d", "type": "output", "max_flow": 4, "cost": -1}"#,
        r#"["dry", "s"], ["s", "d"]"#,
        "",
    );
    let r = run(&text).unwrap();
    assert_eq!(
        r.series("s", Attribute::Volume).unwrap(),
        vec![6.0, 2.0, 0.0, 0.0, 0.0]
    );
    assert_eq!(
        r.series("d", Attribute::Flow).unwrap(),
        vec![4.0, 4.0, 2.0, 0.0, 0.0]
    );
}

#[test]
fn net_loss_link_takes_loss_on_top_of_delivery() {
    // 10 % net loss: delivering 5 needs 5.5 from the river; the rest (4.5) goes to the sea.
    let text = model(
        r#"{"name": "river", "type": "catchment", "flow": 10},
           {"name": "canal", "type": "losslink", "loss_factor": 0.1},
           {"name": "farm", "type": "output", "max_flow": 5, "cost": -10},
           {"name": "sea", "type": "output"}"#,
        r#"["river", "canal"], ["canal", "farm"], ["river", "sea"]"#,
        "",
    );
    let r = run(&text).unwrap();
    assert_eq!(r.value(leap_day(), "farm", Attribute::Flow), Some(5.0));
    let sea = r.value(leap_day(), "sea", Attribute::Flow).unwrap();
    assert!((sea - 4.5).abs() < 1e-12, "{sea}");
}

#[test]
fn infeasible_day_is_reported_with_date_and_nodes() {
    // A catchment forcing 5/day into a link limited to 3 with no other way out.
    let text = model(
        r#"{"name": "river", "type": "catchment", "flow": {"type": "monthlyprofile",
               "values": [1, 1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1]}},
           {"name": "weir", "type": "link", "max_flow": 3},
           {"name": "sea", "type": "output"}"#,
        r#"["river", "weir"], ["weir", "sea"]"#,
        "",
    );
    match run(&text) {
        Err(EngineError::Infeasible { date, nodes, .. }) => {
            assert_eq!(date.to_string(), "2024-03-01");
            assert!(
                nodes.contains(&"river".to_owned()) && nodes.contains(&"weir".to_owned()),
                "{nodes:?}"
            );
            let msg = EngineError::Infeasible {
                path: "hand.json".into(),
                date,
                nodes,
            }
            .to_string();
            assert!(msg.contains("2024-03-01") && msg.contains("weir"), "{msg}");
        }
        other => panic!("expected an infeasible day, got {other:?}"),
    }
}

#[test]
fn unsupported_node_type_in_a_file_names_type_and_path() {
    let dir = tempfile_dir();
    let path = dir.join("delay.json");
    let text = model(
        r#"{"name": "in", "type": "input"}, {"name": "lag", "type": "DelayNode", "days": 2}"#,
        r#"["in", "lag"]"#,
        "",
    );
    std::fs::write(&path, text).unwrap();
    let err = Model::load(&path).unwrap_err();
    assert!(matches!(err, SchemaError::Unsupported { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("DelayNode") && msg.contains(&path.display().to_string()),
        "{msg}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn unsupported_parameter_type_is_an_error() {
    let text = model(
        r#"{"name": "in", "type": "input", "max_flow": {"type": "weeklyprofile", "values": [1]}},
           {"name": "out", "type": "output"}"#,
        r#"["in", "out"]"#,
        "",
    );
    let err = Model::from_json_str(&text, Path::new("w.json"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("weeklyprofile") && err.contains("w.json"),
        "{err}"
    );
}

#[test]
fn reservoir_with_cost_and_above_curve_cost_is_rejected() {
    let text = model(
        r#"{"name": "r", "type": "reservoir", "max_volume": 10, "initial_volume": 5,
            "above_curve_cost": -1, "cost": -5},
           {"name": "out", "type": "output"}"#,
        r#"["r", "out"]"#,
        "",
    );
    let err = Model::from_json_str(&text, Path::new("r.json"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("above_curve_cost"), "{err}");
}

#[test]
fn results_csv_is_sorted_and_byte_identical_across_runs() {
    let text = model(
        r#"{"name": "b_in", "type": "input", "max_flow": 2.5, "cost": 1},
           {"name": "a_out", "type": "output", "max_flow": 8, "cost": -5}"#,
        r#"["b_in", "a_out"]"#,
        "",
    );
    let m = Model::from_json_str(&text, Path::new("x.json")).unwrap();
    let mut e = Engine::new(&m).unwrap();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    e.run().unwrap().write_csv(&mut a).unwrap();
    e.run().unwrap().write_csv(&mut b).unwrap();
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "date,node,attribute,value");
    assert_eq!(lines[1], "2024-02-27,a_out,flow,2.5");
    assert_eq!(lines[2], "2024-02-27,b_in,flow,2.5");
    assert_eq!(lines.len(), 1 + 5 * 2);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dostyk-water-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        (-1e6f64..1e6).prop_map(|f| serde_json::json!(f)),
        prop_oneof![
            Just("input"),
            Just("output"),
            Just("link"),
            Just("storage"),
            Just("reservoir"),
            Just("catchment"),
            Just("rivergauge"),
            Just("losslink"),
            Just("aggregatednode"),
            Just("annualvirtualstorage"),
            Just("seasonalvirtualstorage"),
            Just("monthlyprofile"),
            Just("dataframe"),
            Just("controlcurve"),
            Just("a"),
            Just("b"),
            Just("2020-01-01"),
        ]
        .prop_map(|s| serde_json::Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("name"),
                    Just("type"),
                    Just("nodes"),
                    Just("edges"),
                    Just("max_flow"),
                    Just("cost"),
                    Just("values"),
                    Just("timestepper"),
                    Just("start"),
                    Just("end"),
                    Just("parameters"),
                    Just("metadata"),
                    Just("max_volume"),
                    Just("initial_volume"),
                    Just("factors"),
                    Just("storage_node"),
                    Just("control_curves"),
                ]
                .prop_map(str::to_owned),
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn parser_never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
        let _ = Model::from_json_str(&s, Path::new("fuzz.json"));
    }

    #[test]
    fn parser_and_engine_never_panic_on_json_shaped_input(v in json_value()) {
        let text = v.to_string();
        if let Ok(m) = Model::from_json_str(&text, Path::new("fuzz.json"))
            && let Ok(mut e) = Engine::new(&m) {
                let _ = e.run();
            }
    }

    #[test]
    fn parser_never_panics_on_models_with_random_nodes(nodes in prop::collection::vec(json_value(), 0..5)) {
        let text = format!(
            r#"{{"metadata": {{}}, "timestepper": {{"start": "2020-01-01", "end": "2020-01-03"}},
                "nodes": {}, "edges": [["a", "b"]]}}"#,
            serde_json::Value::Array(nodes)
        );
        let _ = Model::from_json_str(&text, Path::new("fuzz.json"));
    }
}

/// A random layered network: inputs → links → outputs with a storage in the middle layer;
/// every link is fed by an input and every output by a link, so that every node is on a route.
fn random_network() -> impl Strategy<Value = (String, usize, usize, usize)> {
    (1usize..4, 1usize..4, 1usize..4)
        .prop_flat_map(|(ni, nl, no)| {
            (
                Just((ni, nl, no)),
                prop::collection::vec((0.0f64..20.0, -30i32..30), ni + nl + no),
                prop::collection::vec((0usize..4, 0usize..4), ni + nl),
                0.0f64..50.0,
                -10i32..10,
            )
        })
        .prop_map(|((ni, nl, no), caps, links, init, scost)| {
            let mut nodes = Vec::new();
            let mut edges = Vec::new();
            let mut pairs = std::collections::BTreeSet::new();
            for i in 0..ni {
                let (cap, cost) = caps[i];
                nodes.push(format!(r#"{{"name": "i{i}", "type": "input", "max_flow": {cap}, "cost": {cost}}}"#));
                pairs.insert((format!("i{i}"), format!("l{}", links[i].0 % nl)));
            }
            for l in 0..nl {
                let (cap, cost) = caps[ni + l];
                nodes.push(format!(r#"{{"name": "l{l}", "type": "link", "max_flow": {cap}, "cost": {cost}}}"#));
                pairs.insert((format!("i{}", l % ni), format!("l{l}")));
                pairs.insert((format!("l{l}"), format!("o{}", links[ni + l].0 % no)));
                pairs.insert((format!("l{l}"), "s".to_owned()));
            }
            for o in 0..no {
                pairs.insert((format!("l{}", o % nl), format!("o{o}")));
            }
            edges.extend(pairs.iter().map(|(a, b)| format!(r#"["{a}", "{b}"]"#)));
            nodes.push(format!(
                r#"{{"name": "s", "type": "storage", "max_volume": 60, "initial_volume": {init}, "cost": {scost}}}"#
            ));
            edges.push(format!(r#"["s", "o{}"]"#, links[0].1 % no));
            for o in 0..no {
                let (cap, cost) = caps[ni + nl + o];
                nodes.push(format!(r#"{{"name": "o{o}", "type": "output", "max_flow": {cap}, "cost": {cost}}}"#));
            }
            (model(&nodes.join(","), &edges.join(","), ""), ni, nl, no)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// On any feasible random network: bounds hold, links conserve mass, and the storage changes
    /// by inflow minus outflow (the debug build also checks LP optimality every step).
    #[test]
    fn random_networks_conserve_mass_and_respect_bounds((text, ni, nl, no) in random_network()) {
        let m = Model::from_json_str(&text, Path::new("random.json")).unwrap();
        let r = Engine::new(&m).unwrap().run().unwrap();
        let nodes: serde_json::Value = serde_json::from_str(&text).unwrap();
        for node in nodes["nodes"].as_array().unwrap() {
            let name = node["name"].as_str().unwrap();
            if let Some(cap) = node["max_flow"].as_f64() {
                for f in r.series(name, Attribute::Flow).unwrap() {
                    prop_assert!(f >= -1e-9 && f <= cap + 1e-9, "{name}: {f} outside [0, {cap}]");
                }
            }
        }
        let total = |prefix: &str, n: usize, day: usize| -> f64 {
            (0..n).map(|k| r.series(&format!("{prefix}{k}"), Attribute::Flow).unwrap()[day]).sum()
        };
        let volumes = r.series("s", Attribute::Volume).unwrap();
        let mut previous = nodes["nodes"].as_array().unwrap().iter()
            .find(|n| n["name"] == "s").unwrap()["initial_volume"].as_f64().unwrap();
        for day in 0..r.dates().len() {
            let supplied = total("i", ni, day);
            let delivered = total("o", no, day);
            let change = volumes[day] - previous;
            prop_assert!((supplied - delivered - change).abs() < 1e-6,
                "day {day}: in {supplied} out {delivered} storage change {change}");
            prop_assert!((-1e-9..=60.0 + 1e-9).contains(&volumes[day]));
            previous = volumes[day];
            let _ = nl;
        }
    }
}

#[test]
fn unbounded_day_is_reported_with_the_nodes() {
    // An unlimited source paying nothing into an unlimited demand with a benefit.
    let text = model(
        r#"{"name": "in", "type": "input"}, {"name": "out", "type": "output", "cost": -1}"#,
        r#"["in", "out"]"#,
        "",
    );
    match run(&text) {
        Err(EngineError::Unbounded { date, nodes, .. }) => {
            assert_eq!(date.to_string(), "2024-02-27");
            assert!(nodes.contains(&"out".to_owned()), "{nodes:?}");
        }
        other => panic!("expected an unbounded day, got {other:?}"),
    }
}

#[test]
fn licence_members_may_not_be_loss_links() {
    let text = model(
        r#"{"name": "in", "type": "input", "max_flow": 3},
           {"name": "canal", "type": "losslink", "loss_factor": 0.1},
           {"name": "out", "type": "output", "cost": -1},
           {"name": "lic", "type": "annualvirtualstorage", "nodes": ["canal"], "max_volume": 10, "initial_volume": 10}"#,
        r#"["in", "canal"], ["canal", "out"]"#,
        "",
    );
    let err = Model::from_json_str(&text, Path::new("l.json"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("losslink") && err.contains("lic"), "{err}");
}

#[test]
fn aggregated_members_on_one_route_are_rejected() {
    // "canal" feeds "farm": one route passes both, which pywr would count once in the cap.
    let text = model(
        r#"{"name": "in", "type": "input", "max_flow": 3},
           {"name": "canal", "type": "link"},
           {"name": "farm", "type": "output", "cost": -1},
           {"name": "cap", "type": "aggregatednode", "nodes": ["farm", "canal"], "max_flow": 2}"#,
        r#"["in", "canal"], ["canal", "farm"]"#,
        "",
    );
    let m = Model::from_json_str(&text, Path::new("agg.json")).unwrap();
    let err = Engine::new(&m).unwrap_err().to_string();
    assert!(
        err.contains("canal") && err.contains("farm") && err.contains("one route"),
        "{err}"
    );
}

#[test]
fn nan_parameter_is_reported_not_solved() {
    // (10^15)^21 × 0 = ∞ × 0 = NaN as the demand's cost: every number is within the model
    // limit (schema::MAX_MODEL_MAGNITUDE), their product is not.
    let factors = ["1e15"; 20].join(", ");
    let text = model(
        &format!(
            r#"{{"name": "in", "type": "input", "max_flow": 3}},
           {{"name": "out", "type": "output", "cost": {{"type": "aggregated", "agg_func": "product",
               "parameters": [{factors}, {{"type": "aggregated", "agg_func": "max", "parameters": [1e15, 1.0]}}, 0]}}}}"#
        ),
        r#"["in", "out"]"#,
        "",
    );
    match run(&text) {
        Err(EngineError::NotANumber { nodes, date, .. }) => {
            assert_eq!(date.to_string(), "2024-02-27");
            assert!(nodes.contains(&"out".to_owned()), "{nodes:?}");
        }
        other => panic!("expected NaN to be reported, got {other:?}"),
    }
}

/// A random basin: two catchments, a reservoir, a loss-link canal, a gauge, three demands with
/// tied or distinct costs, an aggregated cap with factors and a seasonal licence.
fn random_basin() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(0.0f64..30.0, 2),
        prop::collection::vec(-50i32..5, 6),
        prop::collection::vec(0.0f64..15.0, 4),
        0.0f64..0.6,
        prop::bool::ANY,
        0.0f64..1.0,
    )
        .prop_map(|(inflow, costs, caps, loss, gross, pc)| {
            let lft = if gross { "gross" } else { "net" };
            let nodes = format!(
                r#"{{"name": "c1", "type": "catchment", "flow": {{"type": "monthlyprofile", "values": [{a},{a},{b},{b},{a},{b},{a},{b},{a},{b},{a},{b}]}}}},
                   {{"name": "c2", "type": "catchment", "flow": {b}}},
                   {{"name": "res", "type": "storage", "max_volume": 200, "initial_volume_pc": {pc},
                     "cost": {{"type": "controlcurveinterpolated", "storage_node": "res", "control_curves": [0.6],
                               "values": [{c0}, {c1}, -60]}}}},
                   {{"name": "spill", "type": "link", "cost": 3}},
                   {{"name": "canal", "type": "losslink", "loss_factor": {loss}, "loss_factor_type": "{lft}", "max_flow": {k0}}},
                   {{"name": "gauge", "type": "rivergauge", "mrf": {k1}, "mrf_cost": {c2}, "cost": 0}},
                   {{"name": "d1", "type": "output", "max_flow": {k2}, "cost": {c3}}},
                   {{"name": "d2", "type": "output", "max_flow": {k3}, "cost": {c4}}},
                   {{"name": "d3", "type": "output", "max_flow": 5, "cost": {c5}}},
                   {{"name": "sea", "type": "output"}},
                   {{"name": "cap", "type": "aggregatednode", "nodes": ["d1", "d2"], "max_flow": 12, "factors": [2, 1]}},
                   {{"name": "lic", "type": "seasonalvirtualstorage", "nodes": ["d3"], "max_volume": 20,
                     "initial_volume": 10, "reset_day": 28, "reset_month": 2, "end_day": 1, "end_month": 3}}"#,
                a = inflow[0],
                b = inflow[1],
                c0 = costs[0],
                c1 = costs[1],
                c2 = costs[2],
                c3 = costs[3],
                c4 = costs[4],
                c5 = costs[5],
                k0 = caps[0],
                k1 = caps[1],
                k2 = caps[2],
                k3 = caps[3],
            );
            let edges = r#"["c1", "res"], ["res", "canal"], ["res", "spill"], ["spill", "gauge"], ["c2", "gauge"],
                ["canal", "d1"], ["canal", "d2"], ["gauge", "d3"], ["gauge", "sea"]"#;
            model(&nodes, edges, "")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    /// Every supported constraint type at once, with tied costs allowed: each day either solves
    /// (the debug build re-checks feasibility and optimality of every solve) or is reported
    /// infeasible; the solver never gives up or reports an unbounded day.
    #[test]
    fn random_basins_solve_or_report_infeasible(text in random_basin()) {
        let m = Model::from_json_str(&text, Path::new("basin.json")).unwrap();
        match Engine::new(&m).unwrap().run() {
            Ok(r) => {
                for v in r.series("res", Attribute::Volume).unwrap() {
                    prop_assert!((-1e-9..=200.0 + 1e-9).contains(&v));
                }
                let d1 = r.series("d1", Attribute::Flow).unwrap();
                let d2 = r.series("d2", Attribute::Flow).unwrap();
                for (a, b) in d1.iter().zip(&d2) {
                    prop_assert!((a - 2.0 * b).abs() < 1e-7, "factor row: d1 {a} d2 {b}");
                    prop_assert!(a + b <= 12.0 + 1e-7);
                }
            }
            Err(EngineError::Infeasible { .. }) => {}
            Err(other) => prop_assert!(false, "{other}"),
        }
    }
}

/// `in -> l0 -> l1 -> ... -> out`, `links` links long, over `start..=end`; `in` also feeds
/// every link directly, so each link has two inflows and its own balance row.
fn chain(links: usize, start: &str, end: &str) -> String {
    let mut nodes =
        vec![r#"{"name": "in", "type": "input", "max_flow": 10, "cost": 1}"#.to_owned()];
    let mut edges = Vec::new();
    let mut prev = "in".to_owned();
    for i in 0..links {
        let name = format!("l{i}");
        nodes.push(format!(r#"{{"name": "{name}", "type": "link"}}"#));
        edges.push(format!(r#"["{prev}", "{name}"]"#));
        if i > 0 {
            edges.push(format!(r#"["in", "{name}"]"#));
        }
        prev = name;
    }
    nodes.push(r#"{"name": "out", "type": "output", "max_flow": 8, "cost": -5}"#.to_owned());
    edges.push(format!(r#"["{prev}", "out"]"#));
    format!(
        r#"{{"metadata": {{"title": "chain"}},
            "timestepper": {{"start": "{start}", "end": "{end}", "timestep": 1}},
            "nodes": [{}], "edges": [{}]}}"#,
        nodes.join(","),
        edges.join(",")
    )
}

#[test]
fn a_model_too_large_for_memory_is_refused_before_it_is_built() {
    // Too many rows for the dense basis inverse: refused without allocating it.
    let text = chain(
        dostyk_water::engine::MAX_LP_ROWS + 10,
        "2024-01-01",
        "2024-01-02",
    );
    let m = Model::from_json_str(&text, Path::new("big.json")).unwrap();
    let Err(err) = Engine::new(&m) else {
        panic!("a model past MAX_LP_ROWS was accepted")
    };
    let msg = err.to_string();
    assert!(matches!(err, EngineError::TooLarge { .. }), "{msg}");
    assert!(
        msg.starts_with("big.json: the model is too large: its linear programme has")
            && msg.contains("accepts at most 10000 rows; split the model"),
        "{msg}"
    );
    // A small network over 9,999 years records too many values.
    let text = chain(200, "0001-01-01", "9999-12-31");
    let m = Model::from_json_str(&text, Path::new("long.json")).unwrap();
    let Err(err) = Engine::new(&m) else {
        panic!("results past MAX_RESULT_CELLS were accepted")
    };
    let msg = err.to_string();
    assert!(
        msg.contains("recorded nodes x 3652059 timesteps")
            && msg.contains("shorten the timestepper"),
        "{msg}"
    );
    // The same chain over a week is built and runs.
    let m = Model::from_json_str(
        &chain(200, "2024-01-01", "2024-01-07"),
        Path::new("ok.json"),
    )
    .unwrap();
    let r = Engine::new(&m).unwrap().run().unwrap();
    assert_eq!(r.series("out", Attribute::Flow).unwrap(), vec![8.0; 7]);
}

#[test]
fn a_model_file_larger_than_the_limit_is_refused_unread() {
    let dir = tempfile_dir();
    let path = dir.join("huge.json");
    // A sparse file: its length is past the limit without writing 256 MiB.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(dostyk_water::schema::MAX_MODEL_BYTES + 1)
        .unwrap();
    drop(file);
    let Err(err) = Model::load(&path) else {
        panic!("a model file past MAX_MODEL_BYTES was read")
    };
    assert!(matches!(err, SchemaError::TooLarge { .. }), "{err}");
    assert!(
        err.to_string().contains(
            "the model file is 268435457 bytes; Dostyk reads pywr models up to 268435456 bytes"
        ),
        "{err}"
    );
    std::fs::remove_file(&path).unwrap();
}

/// Issue #21: building the programme was quadratic in the length of a chain of links (each
/// link's name was looked up in the list of its column's labels, and a chain is one column):
/// 100,000 links took 45 s in a release build. Building is linear now; this checks the
/// result of a chain that long, not the time (`bench/water/hostile_models.py` writes the
/// model for timing).
#[test]
fn a_chain_of_100000_links_builds_and_carries_its_flow() {
    let links = 100_000;
    let mut nodes = vec![r#"{"name": "src", "type": "input", "max_flow": 5}"#.to_owned()];
    let mut edges = Vec::with_capacity(links + 1);
    let mut prev = "src".to_owned();
    for i in 0..links {
        let name = format!("l{i}");
        nodes.push(format!(r#"{{"name": "{name}", "type": "link"}}"#));
        edges.push(format!(r#"["{prev}", "{name}"]"#));
        prev = name;
    }
    nodes.push(r#"{"name": "sink", "type": "output", "max_flow": 10, "cost": -1}"#.to_owned());
    edges.push(format!(r#"["{prev}", "sink"]"#));
    let text = format!(
        r#"{{"timestepper": {{"start": "2024-01-01", "end": "2024-01-02"}},
            "nodes": [{}], "edges": [{}]}}"#,
        nodes.join(","),
        edges.join(",")
    );
    let m = Model::from_json_str(&text, Path::new("chain.json")).unwrap();
    let mut engine = Engine::new(&m).unwrap();
    // The whole chain is one column.
    assert_eq!(engine.lp_size().1, 1);
    let results = engine.run().unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    for node in ["src", "l0", "l49999", "l99999", "sink"] {
        assert_eq!(
            results.value(day, node, Attribute::Flow),
            Some(5.0),
            "{node}"
        );
    }
}

/// Issue #21 item 14: `Engine::write_csv` streams the results day by day; its CSV is byte for
/// byte that of `run()` then `Results::write_csv`, on a model with storages and licences.
#[test]
fn streamed_results_csv_is_the_held_results_csv() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/licences.json");
    let m = Model::load(&path).unwrap();
    let mut engine = Engine::new(&m).unwrap();
    let mut held = Vec::new();
    engine.run().unwrap().write_csv(&mut held).unwrap();
    let mut streamed = Vec::new();
    engine.write_csv(&mut streamed).unwrap();
    assert!(held.len() > 1000);
    assert_eq!(String::from_utf8(streamed), String::from_utf8(held));
}

/// A results output that fails is named as such, with the model.
#[test]
fn a_failing_results_output_is_a_write_error() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/basic.json");
    let m = Model::load(&path).unwrap();
    let err = Engine::new(&m).unwrap().write_csv(Full).unwrap_err();
    assert!(matches!(err, EngineError::Write { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("cannot write the results: disk full"),
        "{err}"
    );
}

#[test]
fn a_node_on_no_route_is_refused_with_its_name() {
    // As pywr's simple1_semi_broken: "supply2" feeds "link2", which leads nowhere.
    let text = model(
        r#"{"name": "supply1", "type": "input", "max_flow": 15},
           {"name": "link1", "type": "link"},
           {"name": "demand1", "type": "output", "max_flow": 10, "cost": -10},
           {"name": "supply2", "type": "input", "max_flow": 15},
           {"name": "link2", "type": "link"}"#,
        r#"["supply1", "link1"], ["link1", "demand1"], ["supply2", "link2"]"#,
        "",
    );
    let err = run(&text).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, EngineError::Build { .. }), "{message}");
    assert!(
        message.contains("node \"supply2\"") && message.contains("no route"),
        "{message}"
    );
    // As simple1_broken: no output is connected at all.
    let text = model(
        r#"{"name": "supply1", "type": "input", "max_flow": 15},
           {"name": "link1", "type": "link"},
           {"name": "demand1", "type": "output", "max_flow": 10, "cost": -10}"#,
        r#"["supply1", "link1"]"#,
        "",
    );
    let message = run(&text).unwrap_err().to_string();
    assert!(message.contains("node \"supply1\""), "{message}");
    // A storage that nothing can fill, and one whose releases reach no output.
    for (edges, culprit) in [
        (r#"["s", "d"], ["in", "d"]"#, "s"),
        (r#"["in", "s"], ["in", "d"]"#, "s"),
    ] {
        let text = model(
            r#"{"name": "in", "type": "input", "max_flow": 1},
               {"name": "s", "type": "storage", "max_volume": 20, "initial_volume": 10},
               {"name": "d", "type": "output", "max_flow": 4, "cost": -1}"#,
            edges,
            "",
        );
        let message = run(&text).unwrap_err().to_string();
        assert!(
            message.contains(&format!("node \"{culprit}\"")),
            "{message}"
        );
    }
}

proptest! {
    /// A river split whose slots all lead to valued outputs divides its inflow in the ratio of
    /// its factors, whatever the factors and the inflow (issue #15); extreme factors are an
    /// error or a run, never a panic.
    #[test]
    fn a_river_split_keeps_the_ratio_of_its_factors(
        inflow in 0.0f64..1e6,
        a in 1e-3f64..1e3,
        b in 1e-3f64..1e3,
        extreme in prop::sample::select(vec![1e308, -1e308, 5e-324, -1.0, 1e-12]),
    ) {
        let text = |fa: f64, fb: f64| model(
            &format!(r#"{{"name": "river", "type": "catchment", "flow": {inflow}}},
               {{"name": "weir", "type": "riversplit", "factors": [{fa:e}, {fb:e}],
                 "slot_names": ["main", "canal"]}},
               {{"name": "sea", "type": "output", "cost": -1}},
               {{"name": "farms", "type": "output", "cost": -2}}"#),
            r#"["river", "weir"], ["weir", "sea", "main", null], ["weir", "farms", "canal", null]"#,
            "",
        );
        let results = run(&text(a, b)).expect("a split of positive factors runs");
        let day = leap_day();
        let main = results.value(day, "sea", Attribute::Flow).unwrap();
        let canal = results.value(day, "farms", Attribute::Flow).unwrap();
        prop_assert!((main + canal - inflow).abs() <= 1e-9 * inflow.max(1.0));
        // The canal's water may leave by the main slot too (pywr's extra sub-link feeds both),
        // but farms value it more, so it all goes to the canal.
        prop_assert!((main * b - canal * a).abs() <= 1e-6 * inflow.max(1.0) * a.max(b));
        let _ = Model::from_json_str(&text(extreme, b), Path::new("hand.json"))
            .map(|m| Engine::new(&m).map(|mut e| e.run()));
    }
}
