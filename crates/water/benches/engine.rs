//! Criterion benchmark of the allocation engine on the 4-year Syr Darya-like test model
//! (1,461 daily steps). `cargo bench -p dostyk-water`; the side-by-side comparison with pywr is
//! bench/water/compare.py.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dostyk_water::engine::Engine;
use dostyk_water::schema::Model;

fn syr_darya(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/syr_darya.json");
    // The model is committed with the crate; failing to load it is a broken checkout.
    let model = Model::load(&path).expect("committed test model loads");
    let mut engine = Engine::new(&model).expect("committed test model builds");
    let mut group = c.benchmark_group("water_engine");
    group.throughput(Throughput::Elements(engine.steps() as u64));
    group.sample_size(20);
    group.bench_function("syr_darya_4y_run", |b| {
        b.iter(|| engine.run().expect("committed test model runs"));
    });
    group.bench_function("syr_darya_build", |b| {
        b.iter(|| Engine::new(&model).expect("committed test model builds"));
    });
    group.finish();
}

criterion_group!(benches, syr_darya);
criterion_main!(benches);
