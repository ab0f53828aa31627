//! `Engine::explain`: binding constraints with shadow prices worked out by hand, the
//! conflicting bounds of an infeasible day, and the printed explanation (insta).

#![allow(clippy::unwrap_used)]

use std::path::Path;

use dostyk_water::NaiveDate;
use dostyk_water::engine::{ConstraintKind, Engine, EngineError, Explanation, Side};
use dostyk_water::schema::Model;

fn engine(nodes: &str, edges: &str) -> Engine {
    let text = format!(
        r#"{{"metadata": {{"title": "t"}},
            "timestepper": {{"start": "2024-01-01", "end": "2024-01-03", "timestep": 1}},
            "nodes": [{nodes}], "edges": [{edges}]}}"#
    );
    Engine::new(&Model::from_json_str(&text, Path::new("hand.json")).unwrap()).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, d).unwrap()
}

/// A source of 10 (cost 1) feeds a demand of at most 6 (worth 10) and a spill (worth 2).
/// All 10 units flow: 6 to the demand, 4 to the spill; objective 6 × (1 − 10) + 4 × (1 − 2)
/// = −58. One more unit of source goes to the spill: −1. One more unit of demand moves a
/// unit from the spill to the demand: −10 + 2 = −8.
fn source_demand_spill() -> Engine {
    engine(
        r#"{"name": "source", "type": "input", "max_flow": 10, "cost": 1},
           {"name": "demand", "type": "output", "max_flow": 6, "cost": -10},
           {"name": "spill", "type": "output", "cost": -2}"#,
        r#"["source", "demand"], ["source", "spill"]"#,
    )
}

#[test]
fn shadow_prices_match_the_hand_computation() {
    let Explanation::Solved {
        date,
        objective,
        binding,
    } = source_demand_spill().explain(day(2)).unwrap()
    else {
        panic!("expected a solved day")
    };
    assert_eq!(date, day(2));
    assert!((objective + 58.0).abs() < 1e-9, "{objective}");
    let find = |node: &str| {
        binding
            .iter()
            .find(|b| b.bound.nodes == [node] && b.bound.kind == ConstraintKind::FlowLimit)
            .unwrap_or_else(|| panic!("{node} not binding: {binding:?}"))
    };
    let demand = find("demand");
    assert_eq!((demand.bound.side, demand.bound.limit), (Side::Upper, 6.0));
    assert!((demand.shadow_price + 8.0).abs() < 1e-9, "{demand:?}");
    assert!((demand.value - 6.0).abs() < 1e-9);
    let source = find("source");
    assert_eq!((source.bound.side, source.bound.limit), (Side::Upper, 10.0));
    assert!((source.shadow_price + 1.0).abs() < 1e-9, "{source:?}");
    // Largest price first.
    assert!(binding[0].shadow_price.abs() >= binding[binding.len() - 1].shadow_price.abs());
}

/// A minimum flow that costs: the source must give at least 5 at cost 3 to an output worth 1:
/// each unit of the minimum costs 3 − 1 = 2.
#[test]
fn a_binding_minimum_has_a_positive_price() {
    let mut e = engine(
        r#"{"name": "source", "type": "input", "min_flow": 5, "max_flow": 10, "cost": 3},
           {"name": "sink", "type": "output", "cost": -1}"#,
        r#"["source", "sink"]"#,
    );
    let Explanation::Solved { binding, .. } = e.explain(day(1)).unwrap() else {
        panic!("expected a solved day")
    };
    let b = binding
        .iter()
        .find(|b| b.bound.side == Side::Lower && b.bound.kind == ConstraintKind::FlowLimit)
        .unwrap();
    assert_eq!(b.bound.limit, 5.0);
    assert!((b.shadow_price - 2.0).abs() < 1e-9, "{b:?}");
}

/// A source that must give 10 into a link of at most 4: the conflict is those two bounds,
/// and not the spare capacity of the other nodes.
fn forced_into_a_narrow_link() -> Engine {
    engine(
        r#"{"name": "source", "type": "input", "min_flow": 10, "max_flow": 10},
           {"name": "narrow", "type": "link", "max_flow": 4},
           {"name": "town", "type": "output", "max_flow": 50, "cost": -1}"#,
        r#"["source", "narrow"], ["narrow", "town"]"#,
    )
}

#[test]
fn an_infeasible_day_lists_a_smallest_conflict() {
    let Explanation::Infeasible { date, conflict } =
        forced_into_a_narrow_link().explain(day(1)).unwrap()
    else {
        panic!("expected an infeasible day")
    };
    assert_eq!(date, day(1));
    assert_eq!(conflict.len(), 2, "{conflict:?}");
    let sides: Vec<(Side, f64)> = conflict.iter().map(|b| (b.side, b.limit)).collect();
    assert!(sides.contains(&(Side::Lower, 10.0)), "{conflict:?}");
    assert!(sides.contains(&(Side::Upper, 4.0)), "{conflict:?}");
    // The run itself fails on that day, as before.
    assert!(matches!(
        forced_into_a_narrow_link().run(),
        Err(EngineError::Infeasible { .. })
    ));
}

#[test]
fn a_date_outside_the_run_is_refused_with_the_span() {
    let err = source_demand_spill().explain(day(9)).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, EngineError::DateOutsideRun { .. }), "{text}");
    assert!(
        text.contains("2024-01-09") && text.contains("2024-01-01 to 2024-01-03"),
        "{text}"
    );
}

#[test]
fn printed_explanations() {
    let solved = source_demand_spill().explain(day(1)).unwrap().to_string();
    let infeasible = forced_into_a_narrow_link()
        .explain(day(1))
        .unwrap()
        .to_string();
    insta::assert_snapshot!(format!("{solved}\n{infeasible}"));
}
