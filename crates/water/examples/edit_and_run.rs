//! Edit a pywr model in code and run it: widen a canal, validate, run, read a typed result.
//!
//! Run with `cargo run -p dostyk-water --example edit_and_run`; `cargo test --examples` runs
//! it too (it asserts what it prints).

use std::path::Path;

use dostyk_water::prelude::*;

/// A river of 10 units a day; a canal of 4 feeds farms that want 6 (benefit 10 a unit);
/// the rest goes to the sea.
const MODEL: &str = r#"{
  "metadata": {"title": "canal widening"},
  "timestepper": {"start": "2024-04-01", "end": "2024-04-10", "timestep": 1},
  "nodes": [
    {"name": "river", "type": "catchment", "flow": 10},
    {"name": "canal", "type": "link", "max_flow": 4, "cost": 1},
    {"name": "farms", "type": "output", "max_flow": 6, "cost": -10},
    {"name": "sea", "type": "output"}
  ],
  "edges": [["river", "canal"], ["canal", "farms"], ["river", "sea"]]
}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut model = Model::from_json_str(MODEL, Path::new("canal_widening.json"))?;
    let day = NaiveDate::from_ymd_opt(2024, 4, 5).ok_or("2024-04-05 is a date")?;

    let before = Engine::new(&model)?.run()?;
    let farms_before = before.value(day, "farms", Attribute::Flow);
    println!("farms receive {farms_before:?} on {day} through a canal of 4");
    assert_eq!(farms_before, Some(4.0));

    // Widen the canal to 8: the farms' demand of 6 then binds instead.
    let canal = model.node_mut("canal").ok_or("the model has a canal")?;
    *canal.max_flow_mut().ok_or("a link has a max_flow")? = Some(ParameterValue::Constant(8.0));
    model.validate()?;

    let after = Engine::new(&model)?.run()?;
    let farms = after.value(day, "farms", Attribute::Flow);
    let sea = after.value(day, "sea", Attribute::Flow);
    println!("after widening the canal to 8: farms {farms:?}, sea {sea:?} on {day}");
    assert_eq!(farms, Some(6.0));
    assert_eq!(sea, Some(4.0));
    assert_eq!(after.series("farms", Attribute::Flow), Some(vec![6.0; 10]));

    // An invalid edit is refused, naming node and field.
    *model
        .node_mut("canal")
        .and_then(Node::max_flow_mut)
        .ok_or("a link has a max_flow")? = Some(ParameterValue::Constant(f64::NAN));
    let refused = Engine::new(&model)
        .err()
        .ok_or("a NaN max_flow is refused")?;
    println!("a NaN max_flow is refused: {refused}");
    assert!(refused.to_string().contains(r#"node "canal".max_flow"#));
    Ok(())
}
