//! The JSON Schema in docs/network.schema.json lists exactly the fields the reader accepts, and
//! the solution JSON of the six-pipe network is pinned by a snapshot (values rounded to nine
//! significant digits so that last-bit differences of libm do not matter).

use std::collections::BTreeSet;
use std::path::PathBuf;

use dostyk_transit_gas::network::dostyk_json::{
    CompressibilitySpec, CompressorSpec, CurvePointsSpec, FlowControlSpec, FlowSpec, FluidSpec,
    JunctionSpec, NetworkFile, PipeSpec, PressureControlSpec, PumpSpec, SlackSpec, ValveSpec,
};
use dostyk_transit_gas::network::{SolverOptions, parse_network, solve};
use serde_json::Value;

fn schema() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/network.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("schema JSON")
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("object").keys().cloned().collect()
}

fn full_file() -> NetworkFile {
    NetworkFile {
        format: "dostyk-gas-network/1".into(),
        name: Some("n".into()),
        fluid: FluidSpec {
            name: "lgas".into(),
            normal_density_kg_per_m3: 0.799_495,
            dynamic_viscosity_pa_s: 1.168_59e-5,
            compressibility: CompressibilitySpec {
                slope_per_bar: -0.0022,
                offset: 1.0,
            },
        },
        friction_model: dostyk_transit_gas::network::FrictionModel::Nikuradse,
        temperature_k: 288.15,
        junctions: vec![
            JunctionSpec {
                id: "A".into(),
                name: Some("a".into()),
                height_m: 0.0,
                temperature_k: Some(288.15),
                initial_pressure_bar_g: Some(50.0),
                in_service: true,
            },
            JunctionSpec {
                id: "B".into(),
                name: None,
                height_m: 10.0,
                temperature_k: None,
                initial_pressure_bar_g: None,
                in_service: true,
            },
        ],
        pipes: vec![PipeSpec {
            id: "P".into(),
            name: Some("p".into()),
            from: "A".into(),
            to: "B".into(),
            length_km: 10.0,
            inner_diameter_mm: 500.0,
            roughness_mm: 0.05,
            loss_coefficient: 0.0,
            sections: 1,
            in_service: true,
        }],
        valves: vec![ValveSpec {
            id: "V".into(),
            name: Some("v".into()),
            from: "A".into(),
            to: "B".into(),
            inner_diameter_mm: 200.0,
            loss_coefficient: 3.0,
            open: false,
        }],
        slack_nodes: vec![SlackSpec {
            id: Some("S".into()),
            name: Some("s".into()),
            junction: "A".into(),
            pressure_bar_g: 50.0,
        }],
        sinks: vec![FlowSpec {
            id: Some("k".into()),
            name: Some("k".into()),
            junction: "B".into(),
            mass_flow_kg_per_s: Some(1.0),
            normal_volume_flow_m3_per_h: None,
        }],
        sources: vec![FlowSpec {
            id: Some("q".into()),
            name: Some("q".into()),
            junction: "B".into(),
            mass_flow_kg_per_s: None,
            normal_volume_flow_m3_per_h: Some(100.0),
        }],
        mass_storages: vec![FlowSpec {
            id: Some("m".into()),
            name: Some("m".into()),
            junction: "B".into(),
            mass_flow_kg_per_s: Some(0.1),
            normal_volume_flow_m3_per_h: None,
        }],
        pumps: vec![
            PumpSpec {
                id: "U".into(),
                name: Some("u".into()),
                from: "A".into(),
                to: "B".into(),
                std_type: None,
                curve_coefficients: None,
                curve_points: Some(CurvePointsSpec {
                    volume_flow_m3_per_h: vec![0.0, 10.0, 20.0],
                    pressure_bar: vec![1.0, 0.9, 0.6],
                    degree: 2,
                }),
                in_service: false,
            },
            PumpSpec {
                id: "U2".into(),
                name: None,
                from: "A".into(),
                to: "B".into(),
                std_type: Some("P1".into()),
                curve_coefficients: None,
                curve_points: None,
                in_service: true,
            },
            PumpSpec {
                id: "U3".into(),
                name: None,
                from: "A".into(),
                to: "B".into(),
                std_type: None,
                curve_coefficients: Some(vec![-0.001, 0.0, 1.0]),
                curve_points: None,
                in_service: false,
            },
        ],
        compressors: vec![CompressorSpec {
            id: "C".into(),
            name: Some("c".into()),
            from: "A".into(),
            to: "B".into(),
            pressure_ratio: 1.2,
            in_service: false,
        }],
        pressure_controls: vec![PressureControlSpec {
            id: "R".into(),
            name: Some("r".into()),
            from: "A".into(),
            to: "B".into(),
            controlled_junction: Some("B".into()),
            set_pressure_bar_g: 40.0,
            control_active: true,
            loss_coefficient: 0.0,
            in_service: false,
        }],
        flow_controls: vec![FlowControlSpec {
            id: "F".into(),
            name: Some("f".into()),
            from: "A".into(),
            to: "B".into(),
            mass_flow_kg_per_s: 1.0,
            control_active: true,
            in_service: false,
        }],
    }
}

#[test]
fn schema_lists_exactly_the_fields_of_the_reader() {
    let schema = schema();
    let file = serde_json::to_value(full_file()).expect("serialises");
    assert_eq!(keys(&schema["properties"]), keys(&file), "top level");
    let defs = &schema["$defs"];
    assert_eq!(
        keys(&defs["fluid"]["properties"]),
        keys(&file["fluid"]),
        "fluid"
    );
    assert_eq!(
        keys(&defs["fluid"]["properties"]["compressibility"]["properties"]),
        keys(&file["fluid"]["compressibility"])
    );
    assert_eq!(
        keys(&defs["junction"]["properties"]),
        keys(&file["junctions"][0]),
        "junction"
    );
    assert_eq!(
        keys(&defs["pipe"]["properties"]),
        keys(&file["pipes"][0]),
        "pipe"
    );
    assert_eq!(
        keys(&defs["valve"]["properties"]),
        keys(&file["valves"][0]),
        "valve"
    );
    assert_eq!(
        keys(&defs["slack"]["properties"]),
        keys(&file["slack_nodes"][0]),
        "slack"
    );
    let mut flow = keys(&file["sinks"][0]);
    flow.extend(keys(&file["sources"][0]));
    flow.extend(keys(&file["mass_storages"][0]));
    assert_eq!(keys(&defs["flow"]["properties"]), flow, "flow");
    let mut pump = BTreeSet::new();
    for p in file["pumps"].as_array().expect("pumps") {
        pump.extend(keys(p));
    }
    assert_eq!(keys(&defs["pump"]["properties"]), pump, "pump");
    for (def, list) in [
        ("compressor", "compressors"),
        ("pressure_control", "pressure_controls"),
        ("flow_control", "flow_controls"),
    ] {
        assert_eq!(
            keys(&defs[def]["properties"]),
            keys(&file[list][0]),
            "{def}"
        );
    }
    assert_eq!(
        keys(&defs["pump"]["properties"]["curve_points"]["properties"]),
        keys(&file["pumps"][0]["curve_points"]),
        "curve_points"
    );
    // And the fully populated file is read back.
    parse_network(&file.to_string(), "full").expect("valid network");
}

fn round(v: &mut Value) {
    match v {
        Value::Number(n) => {
            if let Some(x) = n.as_f64()
                && x != 0.0
                && n.as_i64().is_none()
            {
                let digits = 9 - 1 - x.abs().log10().floor() as i32;
                let scale = 10f64.powi(digits);
                *v = serde_json::json!((x * scale).round() / scale);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(round),
        Value::Object(map) => map.values_mut().for_each(round),
        _ => {}
    }
}

#[test]
fn six_pipe_solution_json() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/six_pipe_lgas.pandapipes.json");
    let network = parse_network(&std::fs::read_to_string(path).expect("fixture"), "six pipe")
        .expect("parses");
    let mut solution = solve(&network, &SolverOptions::default()).expect("solves");
    solution.residual = 0.0; // round-off level, not part of the result
    let mut value: Value = serde_json::from_str(&solution.to_json_string()).expect("JSON");
    round(&mut value);
    insta::assert_json_snapshot!(value);
}
