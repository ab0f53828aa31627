//! pywr's index parameters (`controlcurveindex`, `indexedarray`) and the parameters of earlier
//! flows and of the year (`deficit`, `rollingmeanflownode`, `interpolatedflow`,
//! `discountfactor`): bad definitions are refused naming the parameter and field, and extreme
//! values never panic. Their results against pywr are in pywr_fixtures.rs.

// Test helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use dostyk_water::engine::{Attribute, Engine, EngineError};
use dostyk_water::schema::Model;
use proptest::prelude::*;

/// A reservoir feeding a town whose demand is parameter "demand"; `timestep` as in pywr.
fn model(parameters: &str, timestep: &str) -> String {
    format!(
        r#"{{"metadata": {{"title": "t"}},
            "timestepper": {{"start": "2024-01-01", "end": "2024-03-31", "timestep": {timestep}}},
            "nodes": [
              {{"name": "river", "type": "catchment", "flow": 2}},
              {{"name": "dam", "type": "storage", "max_volume": 100, "initial_volume": 60}},
              {{"name": "town", "type": "output", "max_flow": "demand", "cost": -10}},
              {{"name": "spill", "type": "output", "cost": 1}}],
            "edges": [["river", "dam"], ["dam", "town"], ["dam", "spill"]],
            "parameters": {{{parameters}}}}}"#
    )
}

/// The error loading (or building an engine for) a model, as text.
fn error(text: &str) -> String {
    match Model::from_json_str(text, Path::new("m.json")) {
        Err(e) => e.to_string(),
        Ok(m) => match Engine::new(&m) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("the model was accepted"),
        },
    }
}

#[test]
fn bad_definitions_name_the_parameter_and_field() {
    let cases = [
        (
            r#""demand": {"type": "indexedarray", "index_parameter": "m", "params": [1, 2]},
               "m": {"type": "monthlyprofile", "values": [0,0,0,0,0,0,0,0,0,0,0,0]}"#,
            "1",
            r#"parameters "demand".index_parameter"#,
        ),
        (
            r#""demand": {"type": "indexedarray", "index_parameter": 1, "params": [1, 2]}"#,
            "1",
            r#"parameters "demand".index_parameter"#,
        ),
        (
            r#""demand": {"type": "indexedarray", "index_parameter": "z", "params": []},
               "z": {"type": "controlcurveindex", "storage_node": "dam", "control_curves": [0.5]}"#,
            "1",
            r#"parameters "demand".params"#,
        ),
        (
            r#""demand": {"type": "controlcurveindex", "storage_node": "town", "control_curves": [0.5]}"#,
            "1",
            r#"parameters "demand".storage_node"#,
        ),
        (
            r#""demand": {"type": "controlcurveindex", "storage_node": "dam", "control_curve": 0.5}"#,
            "1",
            r#"parameters "demand".control_curves"#,
        ),
        (
            r#""demand": {"type": "discountfactor", "rate": 0.03}"#,
            "1",
            r#"parameters "demand".base_year"#,
        ),
        (
            r#""demand": {"type": "discountfactor", "rate": -1, "base_year": 2020}"#,
            "1",
            r#"parameters "demand".rate"#,
        ),
        (
            r#""demand": {"type": "deficit", "node": "dam"}"#,
            "1",
            r#"parameters "demand".node"#,
        ),
        (
            r#""demand": {"type": "rollingmeanflownode", "node": "town"}"#,
            "1",
            r#"parameters "demand".timesteps"#,
        ),
        (
            r#""demand": {"type": "rollingmeanflownode", "node": "town", "timesteps": 2.5}"#,
            "1",
            r#"parameters "demand".timesteps"#,
        ),
        (
            r#""demand": {"type": "rollingmeanflownode", "node": "town", "days": 30}"#,
            "\"M\"",
            r#"parameters "demand".days"#,
        ),
        (
            r#""demand": {"type": "rollingmeanflownode", "node": "town", "days": 3}"#,
            "7",
            r#"parameters "demand".days"#,
        ),
        (
            r#""demand": {"type": "interpolatedflow", "node": "town", "flows": [0, 5, 4], "values": [1, 2, 3]}"#,
            "1",
            r#"parameters "demand".flows"#,
        ),
        (
            r#""demand": {"type": "interpolatedflow", "node": "town", "flows": [0, 5], "values": [1, 2],
                          "interp_kwargs": {"kind": "cubic"}}"#,
            "1",
            r#"parameters "demand".interp_kwargs.kind"#,
        ),
        (
            r#""demand": {"type": "tablesarray", "url": "levels.h5", "where": "/x", "node": "y"}"#,
            "1",
            "levels.h5",
        ),
    ];
    for (parameters, timestep, expected) in cases {
        let message = error(&model(parameters, timestep));
        assert!(message.contains(expected), "{expected}: {message}");
    }
}

#[test]
fn an_index_beyond_the_array_stops_the_run_with_the_node_named() {
    // pywr raises IndexError; the engine stops on the first day with the node named.
    let text = model(
        r#""demand": {"type": "indexedarray", "index_parameter": "z", "params": [3, 2]},
           "z": {"type": "controlcurveindex", "storage_node": "dam", "control_curves": [0.9, 0.8]}"#,
        "1",
    );
    let m = Model::from_json_str(&text, Path::new("m.json")).unwrap();
    match Engine::new(&m).unwrap().run() {
        Err(EngineError::NotANumber { nodes, .. }) => {
            assert!(nodes.contains(&"town".to_owned()), "{nodes:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_negative_index_counts_from_the_end_as_in_python() {
    // `constantscenarioindex` -1 selects the last of the params, as pywr's list indexing does.
    let text = model(
        r#""demand": {"type": "indexedarray", "index_parameter": "i", "params": [5, 0.5]},
           "i": {"type": "constantscenarioindex", "scenario": "s", "values": [-1, 0]}"#,
        "1",
    )
    .replace(
        r#""parameters""#,
        r#""scenarios": [{"name": "s", "size": 2}], "parameters""#,
    );
    let m = Model::from_json_str(&text, Path::new("m.json")).unwrap();
    let r = Engine::new(&m).unwrap().run().unwrap();
    let first_day = |s: usize| r.scenario_series(s, "town", Attribute::Flow).unwrap()[0];
    let per_combination = [first_day(0), first_day(1)];
    assert_eq!(per_combination, [0.5, 5.0]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Curves, selected values, rates, windows and flows at the extremes: the run ends with
    /// results or an error, never a panic.
    #[test]
    fn extreme_values_never_panic(
        curve in prop_oneof![Just(0.0), Just(1.0), Just(-1e308), Just(1e308), -2.0..2.0f64],
        picked in prop_oneof![Just(0.0), Just(1e15), Just(-1e15), -1e3..1e3f64],
        rate in prop_oneof![Just(0.0), Just(1e308), Just(-0.999_999), 0.0..10.0f64],
        base_year in prop_oneof![Just(-9999), Just(9999), Just(2024), 1900..2100i32],
        window in 1..500u32,
        flow in prop_oneof![Just(0.0), Just(1e14), -1e3..1e3f64],
    ) {
        let text = model(
            &format!(
                r#""z": {{"type": "controlcurveindex", "storage_node": "dam", "control_curves": [{curve:e}]}},
                   "pick": {{"type": "indexedarray", "index_parameter": "z", "params": [{picked:e}, 1]}},
                   "discount": {{"type": "discountfactor", "rate": {rate:e}, "base_year": {base_year}}},
                   "mean": {{"type": "rollingmeanflownode", "node": "town", "timesteps": {window}}},
                   "shortfall": {{"type": "deficit", "node": "town"}},
                   "level": {{"type": "interpolatedflow", "node": "town", "flows": [-1e3, {flow:e}, 1e15], "values": [0, 1, 2]}},
                   "demand": {{"type": "aggregated", "agg_func": "sum", "parameters": ["pick", "discount", "mean", "shortfall", "level"]}}"#
            ),
            "1",
        );
        if let Ok(m) = Model::from_json_str(&text, Path::new("m.json"))
            && let Ok(mut e) = Engine::new(&m)
        {
            let _ = e.run();
        }
    }
}
