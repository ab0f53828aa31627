//! Snapshots of rendered output: the results CSV of a small model and the wording of errors.

// Test helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use dostyk_water::engine::Engine;
use dostyk_water::schema::Model;

const MODEL: &str = r#"{
  "metadata": {"title": "snapshot"},
  "timestepper": {"start": "2024-09-29", "end": "2024-10-02", "timestep": 1},
  "nodes": [
    {"name": "river", "type": "catchment", "flow": 9},
    {"name": "dam", "type": "storage", "max_volume": 10, "initial_volume": 7, "cost": -2},
    {"name": "canal", "type": "losslink", "loss_factor": 0.25, "max_flow": 4, "cost": 0.5},
    {"name": "farm", "type": "output", "max_flow": 6, "cost": -10},
    {"name": "sea", "type": "output", "cost": -1},
    {"name": "growing", "type": "seasonalvirtualstorage", "nodes": ["farm"], "max_volume": 100,
     "initial_volume": 5, "reset_day": 1, "reset_month": 4, "end_day": 1, "end_month": 10}
  ],
  "edges": [["river", "dam"], ["dam", "canal"], ["canal", "farm"], ["dam", "sea"]]
}"#;

#[test]
fn results_csv_of_a_small_model() {
    let m = Model::from_json_str(MODEL, Path::new("snapshot.json")).unwrap();
    let mut out = Vec::new();
    Engine::new(&m)
        .unwrap()
        .run()
        .unwrap()
        .write_csv(&mut out)
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn error_messages() {
    let cases = [
        MODEL.replace(r#""type": "losslink""#, r#""type": "DelayNode""#),
        MODEL.replace(r#""max_flow": 6"#, r#""max_flow": "demand""#),
        MODEL.replace(r#""end_month": 10"#, r#""end_month": 13"#),
        MODEL.replace(r#"["canal", "farm"]"#, r#"["canal", "farms"]"#),
        MODEL.replace(r#""start": "2024-09-29""#, r#""start": "2024-09-31""#),
    ];
    let rendered: Vec<String> = cases
        .iter()
        .map(|text| {
            Model::from_json_str(text, Path::new("models/snapshot.json"))
                .unwrap_err()
                .to_string()
        })
        .collect();
    insta::assert_snapshot!(rendered.join("\n"));
}
