//! Run a pywr 1.x JSON model with Dostyk's allocation engine and print a node's flows.
//!
//! Run with `cargo run -p dostyk-water --example run_model [MODEL.json [NODE]]`; without
//! arguments it runs the small reservoir model committed with the crate's tests.

use std::path::PathBuf;

use dostyk_water::engine::Engine;
use dostyk_water::schema::Model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/models/storages.json"),
        PathBuf::from,
    );
    let model = Model::load(&path)?;
    let mut engine = Engine::new(&model)?;
    let (rows, columns) = engine.lp_size();
    let results = engine.run()?;
    println!(
        "{}: {} days, linear program {rows} x {columns}, {} simplex pivots",
        path.display(),
        results.dates().len(),
        engine.pivots()
    );
    let node = args
        .next()
        .or_else(|| results.columns().first().map(|(n, _)| n.clone()));
    if let Some(node) = node {
        for (name, attribute) in results.columns().iter().filter(|(n, _)| *n == node) {
            if let Some(series) = results.series(name, *attribute) {
                let first: Vec<String> = series.iter().take(5).map(|v| format!("{v:.3}")).collect();
                println!("{name} {attribute}: {} ...", first.join(", "));
            }
        }
    }
    Ok(())
}
