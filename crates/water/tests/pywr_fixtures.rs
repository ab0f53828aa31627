//! Dostyk's allocation engine against pywr 1.31.1 on the models in tests/models.
//!
//! The expected CSVs in tests/fixtures were produced once by tests/fixtures/generate.py running
//! pywr (GLPK); this test needs no Python. Tolerance: |dostyk − pywr| ≤ 1e-6 × max(|dostyk|,
//! |pywr|) + 1e-8. The absolute floor of 1e-8 covers values that are zero in one engine and
//! round-off (~1e-12) in the other; it is below pywr's own bound-cleaning threshold of 1e-8.

// Test helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used, clippy::needless_range_loop)]

use std::path::{Path, PathBuf};

use dostyk_water::engine::Engine;
use dostyk_water::schema::Model;

const REL_TOL: f64 = 1e-6;
const ABS_FLOOR: f64 = 1e-8;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn compare(name: &str) {
    let model = Model::load(dir().join("models").join(format!("{name}.json"))).unwrap();
    let results = Engine::new(&model).unwrap().run().unwrap();
    let mut ours = Vec::new();
    results.write_csv(&mut ours).unwrap();
    let ours = String::from_utf8(ours).unwrap();
    let expected =
        std::fs::read_to_string(dir().join("fixtures").join(format!("{name}.csv"))).unwrap();
    let ours: Vec<&str> = ours.lines().collect();
    let theirs: Vec<&str> = expected.lines().collect();
    assert_eq!(ours.len(), theirs.len(), "{name}: row count differs");
    let mut worst = (0.0_f64, String::new());
    let mut failures = Vec::new();
    for (a, b) in ours.iter().zip(&theirs).skip(1) {
        let (ka, va) = a.rsplit_once(',').unwrap();
        let (kb, vb) = b.rsplit_once(',').unwrap();
        assert_eq!(ka, kb, "{name}: rows out of step");
        let (x, y): (f64, f64) = (va.parse().unwrap(), vb.parse().unwrap());
        let diff = (x - y).abs();
        let allowed = REL_TOL * x.abs().max(y.abs()) + ABS_FLOOR;
        if diff > worst.0 {
            worst = (diff, ka.to_owned());
        }
        if diff > allowed {
            failures.push(format!("{ka}: dostyk {x} pywr {y}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: {} values differ from pywr, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(15)]
    );
    eprintln!(
        "{name}: largest absolute difference {:e} at {}",
        worst.0, worst.1
    );
}

#[test]
fn basic_network_matches_pywr() {
    compare("basic");
}

#[test]
fn storages_and_reservoirs_match_pywr() {
    compare("storages");
}

#[test]
fn loss_links_and_gauges_match_pywr() {
    compare("losses");
}

#[test]
fn aggregated_nodes_match_pywr() {
    compare("aggregated");
}

#[test]
fn licences_match_pywr() {
    compare("licences");
}

#[test]
fn syr_darya_like_model_matches_pywr() {
    compare("syr_darya");
}

#[test]
fn varying_volumes_and_parameter_functions_match_pywr() {
    compare("varying");
}

#[test]
fn infeasible_day_is_the_same_as_pywr() {
    let expected = std::fs::read_to_string(dir().join("fixtures").join("infeasible.csv")).unwrap();
    let day = expected.trim().strip_prefix("infeasible,").unwrap();
    let model = Model::load(dir().join("models").join("infeasible.json")).unwrap();
    match Engine::new(&model).unwrap().run() {
        Err(dostyk_water::engine::EngineError::Infeasible { date, nodes, .. }) => {
            assert_eq!(date.to_string(), day);
            assert!(nodes.contains(&"pond".to_owned()), "{nodes:?}");
        }
        other => panic!("pywr found {day} infeasible; Dostyk returned {other:?}"),
    }
}

#[test]
fn parameter_coefficients_match_pywr() {
    compare("coefficients");
}

#[test]
fn inputs_and_outputs_pass_other_water_through_as_in_pywr() {
    // issue #15: the discharge's 3 units join the river's; before the fix they replaced it.
    compare("passthrough");
}

#[test]
fn values_from_tables_files_and_day_first_dates_match_pywr() {
    // issue #15: `tables`, table references, constant/profiles from CSV, a day-first dataframe
    // with carriage-return line ends, and the `river` node.
    compare("tables");
}

#[test]
fn piecewise_links_and_drawdown_profiles_match_pywr() {
    compare("bands");
}

#[test]
fn storage_and_interpolated_volume_parameters_match_pywr() {
    compare("volumes");
}

#[test]
fn aggregated_storages_and_break_links_match_pywr() {
    compare("aggregates");
}

#[test]
fn a_weekly_timestep_matches_pywr() {
    // 7-day steps: storages move flow x 7, the daily CSV is averaged per week, the licence is
    // drawn down by flow x 7 and the last week runs past `end` (issue #15).
    compare("weekly");
}

#[test]
fn every_scenario_aware_parameter_matches_pywr_in_every_combination() {
    // Two scenarios, one with ensemble names: a dataframe with a column per member,
    // constantscenario, constantscenarioindex, scenariomonthly/daily/weeklyprofile,
    // scenariowrapper, arrayindexedscenario and arrayindexedscenariomonthlyfactors (issue #15).
    compare("scenarios");
}

#[test]
fn scenario_slices_match_pywr() {
    // A stride and a reversed order: 3 x 3 combinations, in pywr's order.
    compare("scenario_slices");
}

#[test]
fn user_scenario_combinations_match_pywr() {
    // The listed combinations override the slices, in their order, a repeat included.
    compare("scenario_combinations");
}

/// pywr's recorder values (tests/fixtures/NAME.recorders.json, written by generate.py) against
/// the engine's: the value, the values per scenario and the series, where pywr has them.
fn compare_recorders(name: &str) {
    let model = Model::load(dir().join("models").join(format!("{name}.json"))).unwrap();
    let mut engine = Engine::new(&model).unwrap();
    engine.run().unwrap();
    let ours = engine.recorder_values().to_json();
    let theirs: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            dir()
                .join("fixtures")
                .join(format!("{name}.recorders.json")),
        )
        .unwrap(),
    )
    .unwrap();
    let close = |x: &serde_json::Value, y: &serde_json::Value| match (x.as_f64(), y.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= REL_TOL * a.abs().max(b.abs()) + ABS_FLOOR,
        (None, None) => x.is_null() && y.is_null(),
        _ => false,
    };
    let theirs = theirs.as_object().unwrap();
    assert_eq!(
        theirs.len(),
        ours["recorders"].as_object().unwrap().len(),
        "{name}: number of recorders"
    );
    let mut checked = 0;
    for (rec, t) in theirs {
        let o = &ours["recorders"][rec];
        assert!(o.is_object(), "{name}: recorder {rec} missing");
        if !t["value"].is_null() || !o["value"].is_null() {
            assert!(
                close(&o["value"], &t["value"]),
                "{name}: {rec} value: dostyk {} pywr {}",
                o["value"],
                t["value"]
            );
            checked += 1;
        }
        if let Some(values) = t["values"].as_array() {
            let ov = o["values"].as_array().unwrap();
            assert_eq!(ov.len(), values.len(), "{name}: {rec} scenarios");
            for (x, y) in ov.iter().zip(values) {
                assert!(close(x, y), "{name}: {rec} values: dostyk {x} pywr {y}");
            }
        }
        if let Some(rows) = t["series"].as_array() {
            let orows = o["series"]["values"].as_array().unwrap();
            assert_eq!(orows.len(), rows.len(), "{name}: {rec} series rows");
            for (k, (r, q)) in orows.iter().zip(rows).enumerate() {
                let (r, q) = (r.as_array().unwrap(), q.as_array().unwrap());
                assert_eq!(r.len(), q.len(), "{name}: {rec} series row {k} scenarios");
                for (x, y) in r.iter().zip(q) {
                    assert!(
                        close(x, y),
                        "{name}: {rec} series row {k}: dostyk {x} pywr {y}"
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "{name}: nothing compared");
}

#[test]
fn recorders_and_threshold_parameters_match_pywr() {
    // Every recorder type the engine computes, the threshold parameters (recorder,
    // parameter, storage, node, year, ordinal day; a ratchet) and optimisation attributes.
    compare("recorders");
    compare_recorders("recorders");
}

#[test]
fn recorders_match_pywr_per_scenario_combination_whatever_the_threads() {
    // Two scenarios (3 x 2 combinations): each combination records into its own samples, a
    // `recorderthreshold` reads its own combination's recorder and a ratchet keeps its own
    // state; `values` has one number per combination and `value` is their `agg_func` (min,
    // max, sum, median, mean).
    compare("scenario_recorders");
    compare_recorders("scenario_recorders");
    let model = Model::load(dir().join("models").join("scenario_recorders.json")).unwrap();
    let json = |threads: usize| {
        let mut engine = Engine::new(&model).unwrap();
        engine.set_threads(threads);
        engine.run().unwrap();
        assert_eq!(engine.recorder_values().scenarios, 6);
        engine.recorder_values().to_json().to_string()
    };
    assert_eq!(json(1), json(4));
}

#[test]
fn river_splits_match_pywr() {
    // issue #15: a `riversplit` into three named slots (one outside the ratios) with costs and
    // capacities on every sub-link, and a `RiverSplitWithGauge` whose MRF is a profile.
    compare("splits");
}

#[test]
fn rolling_and_monthly_licences_match_pywr() {
    // issue #15: rolling licences started below full (the missing volume spread over the
    // window) and empty, and a licence refilled every two months.
    compare("rolling_licences");
}

#[test]
fn hydropower_targets_and_recorders_match_pywr() {
    // issue #15: a level from scipy's cubic spline of the volume, a turbine released to meet a
    // power target, and pywr's hydropower recorders (power series, total energy).
    compare("hydropower");
    compare_recorders("hydropower");
}

#[test]
fn index_parameters_match_pywr() {
    // issue #15: `controlcurveindex` (a monthly curve and a number) selecting through
    // `indexedarray`, and an `indexedarray` indexed by a `storagethreshold`; the storage
    // passes through all three zones. The recorders check the index and the values each day.
    compare("indexed");
    compare_recorders("indexed");
}

#[test]
fn parameters_of_earlier_flows_and_the_year_match_pywr() {
    // issue #15: `deficit` (set after the allocation: the tanker makes up yesterday's
    // deficit; its recorder holds today's), `interpolatedflow` on the previous flow,
    // `rollingmeanflownode` in timesteps and in days (two-day steps), and `discountfactor`.
    compare("flow_history");
    compare_recorders("flow_history");
}

#[test]
fn data_files_includes_and_a_csv_recorder_match_pywr() {
    // issue #15: gzip and bzip2 CSV in a folder beside the model's, an Excel sheet, an inline
    // `dataframe` whose columns (scenario members) are not in sorted order, `includes`, a
    // duration-curve target read from a CSV, and the gzip-packed file of a CSVRecorder.
    compare("data_files");
    compare_recorders("data_files");
    let model = Model::load(dir().join("models").join("data_files.json")).unwrap();
    let mut engine = Engine::new(&model).unwrap();
    engine.run().unwrap();
    let [file] = &engine.recorder_values().files[..] else {
        panic!("one recorder file")
    };
    assert_eq!(
        (file.recorder.as_str(), file.url.as_str()),
        ("flows", "data_files_flows.csv.gz")
    );
    let mut ours = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&file.bytes[..]),
        &mut ours,
    )
    .unwrap();
    let theirs = std::fs::read_to_string(
        dir()
            .join("fixtures")
            .join("data_files.data_files_flows.csv"),
    )
    .unwrap();
    // Python's csv module ends lines with \r\n.
    assert!(ours.ends_with("\r\n") && theirs.ends_with("\r\n"));
    let (ours, theirs): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
    assert_eq!(ours.len(), theirs.len(), "rows");
    assert_eq!(ours[0], theirs[0], "header");
    for (o, t) in ours.iter().zip(&theirs).skip(1) {
        let (o, t): (Vec<&str>, Vec<&str>) = (o.split(',').collect(), t.split(',').collect());
        assert_eq!((o.len(), o[0]), (t.len(), t[0]), "{o:?} {t:?}");
        for (x, y) in o[1..].iter().zip(&t[1..]) {
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            assert!(
                (x - y).abs() <= REL_TOL * x.abs().max(y.abs()) + ABS_FLOOR,
                "{o:?} {t:?}"
            );
        }
    }
}
