//! Scenarios: the results do not depend on the number of threads, and absurd or empty
//! scenario definitions are clear errors, never a panic or a runaway allocation.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use dostyk_water::engine::{Engine, EngineError};
use dostyk_water::schema::{MAX_SCENARIO_COMBINATIONS, Model, SchemaError};
use proptest::prelude::*;

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("models")
}

fn csv_with_threads(model: &Model, threads: usize) -> Vec<u8> {
    let mut engine = Engine::new(model).unwrap();
    engine.set_threads(threads);
    let mut out = Vec::new();
    engine.write_csv(&mut out).unwrap();
    out
}

#[test]
fn results_are_byte_identical_whatever_the_number_of_threads() {
    for name in ["scenarios", "scenario_slices", "scenario_combinations"] {
        let model = Model::load(models().join(format!("{name}.json"))).unwrap();
        let one = csv_with_threads(&model, 1);
        for threads in [2, 3, 8, usize::MAX] {
            assert!(
                one == csv_with_threads(&model, threads),
                "{name}: {threads} threads differ from 1"
            );
        }
        // Held in memory, the same bytes.
        let mut engine = Engine::new(&model).unwrap();
        engine.set_threads(4);
        let mut held = Vec::new();
        engine.run().unwrap().write_csv(&mut held).unwrap();
        assert!(one == held, "{name}: run() and write_csv() differ");
    }
}

#[test]
fn each_combination_is_labelled_by_its_members() {
    let model = Model::load(models().join("scenarios.json")).unwrap();
    let engine = Engine::new(&model).unwrap();
    assert_eq!(
        engine.scenarios(),
        [
            "climate=dry;demand=0",
            "climate=dry;demand=1",
            "climate=mid;demand=0",
            "climate=mid;demand=1",
            "climate=wet;demand=0",
            "climate=wet;demand=1"
        ]
    );
    assert_eq!(engine.runs(), 6);
}

const SMALL: &str = r#"{
    "timestepper": {"start": "2024-01-01", "end": "2024-01-03"},
    "scenarios": SCENARIOS,
    "nodes": [
        {"name": "in", "type": "input", "max_flow": {"type": "constantscenario", "scenario": "a", "values": VALUES}},
        {"name": "out", "type": "output", "cost": -1}
    ],
    "edges": [["in", "out"]]
}"#;

fn small(scenarios: &str, values: &str) -> Result<Model, SchemaError> {
    let text = SMALL
        .replace("SCENARIOS", scenarios)
        .replace("VALUES", values);
    Model::from_json_str(&text, Path::new("/models/s.json"))
}

#[test]
fn a_scenario_of_size_zero_or_beyond_the_limit_is_refused_naming_the_field() {
    for size in [
        "0",
        "-1",
        "1e3",
        "9223372036854775807",
        "18446744073709551616",
    ] {
        let err = small(&format!(r#"[{{"name": "a", "size": {size}}}]"#), "[1]")
            .unwrap_err()
            .to_string();
        assert!(err.contains("scenarios[0].size"), "{size}: {err}");
        assert!(err.contains("/models/s.json"), "{err}");
    }
}

#[test]
fn too_many_combinations_are_refused_before_anything_is_allocated() {
    let big = r#"[{"name": "a", "size": 1}, {"name": "b", "size": 2000000000}, {"name": "c", "size": 2000000000}]"#;
    let err = small(big, "[1]").unwrap_err().to_string();
    assert!(
        err.contains(&format!(
            "more than {MAX_SCENARIO_COMBINATIONS} combinations"
        )),
        "{err}"
    );
    // A slice brings a huge ensemble down to a few members.
    let sliced =
        r#"[{"name": "a", "size": 1}, {"name": "b", "size": 2000000000, "slice": [5, 8]}]"#;
    let model = small(sliced, "[1]").unwrap();
    assert_eq!(model.combinations().unwrap().len(), 3);
}

#[test]
fn a_parameter_with_the_wrong_number_of_members_or_an_unknown_scenario_is_refused() {
    let err = small(r#"[{"name": "a", "size": 3}]"#, "[1, 2]")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("one value per member") && err.contains("(3), found 2"),
        "{err}"
    );
    let err = small(r#"[{"name": "b", "size": 2}]"#, "[1, 2]")
        .unwrap_err()
        .to_string();
    assert!(err.contains(r#"found "a""#), "{err}");
    let err = small(
        r#"[{"name": "a", "size": 2}], "scenario_combinations": [[2]]"#,
        "[1, 2]",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("scenario_combinations[0]"), "{err}");
    let err = small(
        r#"[{"name": "a", "size": 2, "slice": [5, null]}]"#,
        "[1, 2]",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("select no member"), "{err}");
}

#[test]
fn a_failing_combination_is_named_in_the_error() {
    // Member 1's max_flow is NaN-free but its demand is infeasible: a min_flow above supply.
    let text = r#"{
        "timestepper": {"start": "2024-01-01", "end": "2024-01-03"},
        "scenarios": [{"name": "a", "size": 3, "ensemble_names": ["x", "y", "z"]}],
        "nodes": [
            {"name": "in", "type": "input", "max_flow": {"type": "constantscenario", "scenario": "a", "values": [5, 1, 0.5]}},
            {"name": "out", "type": "output", "min_flow": 2, "cost": -1}
        ],
        "edges": [["in", "out"]]
    }"#;
    let model = Model::from_json_str(text, Path::new("/models/f.json")).unwrap();
    for threads in [1, 2, 3] {
        let mut engine = Engine::new(&model).unwrap();
        engine.set_threads(threads);
        let err = engine.run().unwrap_err();
        assert!(
            matches!(&err, EngineError::InScenario { scenario, .. } if scenario == "a=y"),
            "{threads} threads: {err}"
        );
        assert!(
            err.to_string()
                .starts_with("scenario a=y: /models/f.json: infeasible"),
            "{err}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any size, slice and list of combinations gives a model or an error, never a panic, and
    /// never more than the limit's combinations.
    #[test]
    fn scenario_definitions_never_panic(
        size in prop_oneof![Just(0u64), Just(1), 1u64..50, Just(u64::from(u32::MAX)), Just(u64::MAX)],
        start in proptest::option::of(-60i64..60),
        stop in proptest::option::of(-60i64..60),
        step in proptest::option::of(-5i64..5),
        user in proptest::option::of(proptest::collection::vec(0u64..60, 0..4)),
    ) {
        let part = |v: Option<i64>| v.map_or("null".to_owned(), |v| v.to_string());
        let combinations = user.as_ref().map_or_else(String::new, |u| {
            let list: Vec<String> = u.iter().map(|i| format!("[{i}]")).collect();
            format!(r#", "scenario_combinations": [{}]"#, list.join(","))
        });
        let scenarios = format!(
            r#"[{{"name": "a", "size": {size}, "slice": [{}, {}, {}]}}]{combinations}"#,
            part(start), part(stop), part(step)
        );
        let n = usize::try_from(size.min(60)).unwrap_or(1).max(1);
        let values = format!("[{}]", vec!["1"; n].join(","));
        if let Ok(model) = small(&scenarios, &values) {
            let combinations = model.combinations().unwrap();
            prop_assert!(!combinations.is_empty());
            prop_assert!(combinations.len() <= MAX_SCENARIO_COMBINATIONS);
            let results = Engine::new(&model).unwrap().run().unwrap();
            prop_assert_eq!(results.scenarios().len(), combinations.len());
        }
    }
}
