//! Pumps, compressors, pressure controls and flow controls in Dostyk's network JSON: the
//! equations hold in the solution, and a component that would have to work backwards is an
//! error naming it.

use dostyk_transit_gas::network::{
    ElementId, NetworkError, Solution, SolverOptions, parse_network, solve,
};

/// A line A → B → (component) → C → D with a slack at A and a sink at D; `components` is the
/// JSON of the component lists.
fn line(components: &str, sink_kg_per_s: f64, slack_bar_g: f64) -> String {
    format!(
        r#"{{"format": "dostyk-gas-network/1",
      "fluid": {{"name": "lgas", "normal_density_kg_per_m3": 0.799495,
                "dynamic_viscosity_pa_s": 1.16859e-5,
                "compressibility": {{"slope_per_bar": -0.0022}}}},
      "temperature_k": 288.15,
      "junctions": [{{"id": "A"}}, {{"id": "B"}}, {{"id": "C"}}, {{"id": "D"}}],
      "pipes": [{{"id": "AB", "from": "A", "to": "B", "length_km": 50, "inner_diameter_mm": 800,
                  "roughness_mm": 0.02}},
                {{"id": "CD", "from": "C", "to": "D", "length_km": 50, "inner_diameter_mm": 800,
                  "roughness_mm": 0.02}}],
      "slack_nodes": [{{"id": "S", "junction": "A", "pressure_bar_g": {slack_bar_g}}}],
      "sinks": [{{"id": "K", "junction": "D", "mass_flow_kg_per_s": {sink_kg_per_s}}}],
      {components}}}"#
    )
}

fn solved(text: &str) -> Result<Solution, NetworkError> {
    solve(
        &parse_network(text, "line.json")?,
        &SolverOptions::default(),
    )
}

fn p(solution: &Solution, id: &str) -> f64 {
    solution
        .pressure_bar_g(&ElementId::Key(id.into()))
        .expect("junction solved")
}

const P_AMB: f64 = 1.01325;

#[test]
fn a_compressor_multiplies_the_absolute_pressure() {
    let s = solved(&line(
        r#""compressors": [{"id": "CS", "from": "B", "to": "C", "pressure_ratio": 1.4}]"#,
        80.0,
        40.0,
    ))
    .expect("solves");
    let ratio = (p(&s, "C") + P_AMB) / (p(&s, "B") + P_AMB);
    assert!((ratio - 1.4).abs() < 1e-9, "{ratio}");
    let cs = &s.compressors[0];
    assert!((cs.mass_flow_kg_per_s.unwrap() - 80.0).abs() < 1e-6);
    assert!((cs.pressure_lift_bar.unwrap() - (p(&s, "C") - p(&s, "B"))).abs() < 1e-12);
    assert!(p(&s, "D") > p(&s, "B"), "the compressor lifts the far end");
}

#[test]
fn a_pressure_control_holds_its_controlled_junction_even_downstream_of_its_outlet() {
    for controlled in ["C", "D"] {
        let s = solved(&line(
            &format!(
                r#""pressure_controls": [{{"id": "PR", "from": "B", "to": "C",
                    "controlled_junction": "{controlled}", "set_pressure_bar_g": 20}}]"#
            ),
            40.0,
            50.0,
        ))
        .expect("solves");
        assert!((p(&s, controlled) - 20.0).abs() < 1e-9, "{controlled}");
        assert!((s.pressure_controls[0].mass_flow_kg_per_s.unwrap() - 40.0).abs() < 1e-6);
    }
}

#[test]
fn a_pressure_control_that_cannot_reach_its_set_point_is_an_error() {
    let e = solved(&line(
        r#""pressure_controls": [{"id": "PR", "from": "B", "to": "C", "set_pressure_bar_g": 60}]"#,
        40.0,
        50.0,
    ))
    .unwrap_err();
    assert!(
        matches!(e.reason(), NetworkError::ComponentOutOfRange { .. }),
        "{e}"
    );
    let text = e.to_string();
    assert!(
        text.starts_with(
            "line.json: pressure control \"PR\": cannot hold junction \"C\" at 60 bar g"
        ),
        "{text}"
    );
    assert!(text.contains("only lowers the pressure"), "{text}");
    // Inactive, it is a plain loss and the network solves.
    let s = solved(&line(
        r#""pressure_controls": [{"id": "PR", "from": "B", "to": "C", "set_pressure_bar_g": 60,
            "control_active": false, "loss_coefficient": 2}]"#,
        40.0,
        50.0,
    ))
    .expect("solves");
    assert!(p(&s, "C") < p(&s, "B"));
}

#[test]
fn a_compressor_with_gas_flowing_against_it_is_an_error() {
    // A second slack at D at a higher pressure drives the gas from D to A, against the
    // compressor.
    let text = line(
        r#""compressors": [{"id": "CS", "from": "B", "to": "C", "pressure_ratio": 1.1}]"#,
        0.0,
        40.0,
    )
    .replace(
        r#""slack_nodes": [{"id": "S", "junction": "A", "pressure_bar_g": 40}]"#,
        r#""slack_nodes": [{"id": "S", "junction": "A", "pressure_bar_g": 40},
                         {"id": "S2", "junction": "D", "pressure_bar_g": 60}]"#,
    );
    let e = solved(&text).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with("line.json: compressor \"CS\": gas would flow against its direction"),
        "{msg}"
    );
}

#[test]
fn a_flow_control_fixes_the_flow_and_refuses_to_raise_the_pressure() {
    // A meshed case: a second path A → D in parallel with the flow control.
    let text = line(
        r#""flow_controls": [{"id": "FC", "from": "B", "to": "C", "mass_flow_kg_per_s": 10}]"#,
        60.0,
        50.0,
    )
    .replace(
        r#""roughness_mm": 0.02}],"#,
        r#""roughness_mm": 0.02},
                {"id": "AD", "from": "A", "to": "D", "length_km": 120, "inner_diameter_mm": 600,
                 "roughness_mm": 0.02}],"#,
    );
    let s = solved(&text).expect("solves");
    assert!((s.flow_controls[0].mass_flow_kg_per_s.unwrap() - 10.0).abs() < 1e-9);
    assert!(
        (s.pipe(&ElementId::Key("AD".into()))
            .unwrap()
            .mass_flow_kg_per_s
            .unwrap()
            - 50.0)
            .abs()
            < 1e-6
    );
    // With a wide parallel path D sits near A's pressure, above B: pushing 10 kg/s from B to C
    // would need a pump there.
    let e = solved(&text.replace("\"inner_diameter_mm\": 600", "\"inner_diameter_mm\": 2000"))
        .unwrap_err();
    assert!(
        matches!(e.reason(), NetworkError::ComponentOutOfRange { .. }),
        "{e}"
    );
}

#[test]
fn a_pump_lifts_by_its_curve() {
    let s = solved(&line(
        r#""pumps": [{"id": "PU", "from": "B", "to": "C", "std_type": "P1"}]"#,
        0.02,
        5.0,
    ))
    .expect("solves");
    let lift = s.pumps[0].pressure_lift_bar.unwrap();
    assert!(lift > 3.0 && lift < 6.1, "{lift}");
}

#[test]
fn a_compressor_between_two_slacks_leaves_its_flow_undetermined() {
    let text = r#"{"format": "dostyk-gas-network/1",
      "fluid": {"name": "lgas", "normal_density_kg_per_m3": 0.799495,
                "dynamic_viscosity_pa_s": 1.16859e-5, "compressibility": {"slope_per_bar": -0.0022}},
      "temperature_k": 288.15,
      "junctions": [{"id": "A"}, {"id": "B"}],
      "compressors": [{"id": "CS", "from": "A", "to": "B", "pressure_ratio": 1.2}],
      "slack_nodes": [{"id": "S1", "junction": "A", "pressure_bar_g": 40},
                      {"id": "S2", "junction": "B", "pressure_bar_g": 60}]}"#;
    let e = solved(text).unwrap_err();
    assert!(
        matches!(e.reason(), NetworkError::Undetermined { .. }),
        "{e}"
    );
    assert!(e.to_string().contains("compressor \"CS\""), "{e}");
}

#[test]
fn a_pressure_control_of_a_slack_junction_is_refused() {
    let e = solved(&line(
        r#""pressure_controls": [{"id": "PR", "from": "B", "to": "C", "controlled_junction": "A",
            "set_pressure_bar_g": 20}]"#,
        40.0,
        50.0,
    ))
    .unwrap_err();
    assert!(e.to_string().contains("held by a slack"), "{e}");
}
