//! Criterion benchmark of the gas network solver on the committed 287-pipe meshed network
//! (tests/fixtures/mesh_300.pandapipes.json): the whole solve from a flat start, per friction
//! model. The side-by-side comparison with pandapipes is bench/gas/compare_pandapipes.py.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use dostyk_transit_gas::network::{FrictionModel, SolverOptions, parse_network, solve};

fn bench(c: &mut Criterion) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mesh_300.pandapipes.json");
    let text = std::fs::read_to_string(path).expect("committed fixture");
    let network = parse_network(&text, "mesh_300").expect("fixture parses");
    for model in [FrictionModel::Nikuradse, FrictionModel::Colebrook] {
        let options = SolverOptions {
            friction_model: Some(model),
            ..SolverOptions::default()
        };
        c.bench_function(&format!("solve mesh_300 ({})", model.name()), |b| {
            b.iter(|| solve(black_box(&network), black_box(&options)).expect("solves"));
        });
    }
    c.bench_function("parse mesh_300 (pandapipes JSON)", |b| {
        b.iter(|| parse_network(black_box(&text), "mesh_300").expect("parses"));
    });
}

// The macro defines an undocumented function `benches`.
#[allow(missing_docs)]
mod group {
    use super::{bench, criterion_group};
    criterion_group!(benches, bench);
}
use group::benches;
criterion_main!(benches);
