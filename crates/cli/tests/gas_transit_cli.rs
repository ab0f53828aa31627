//! The gas and transit commands end to end: arguments in, output and exit status out.

// Test helpers outside #[test] functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{Run, dostyk};

fn data(name: &str) -> PathBuf {
    common::workspace("crates/transit-gas/tests/data").join(name)
}

fn fixture(name: &str) -> PathBuf {
    common::workspace("crates/transit-gas/tests/fixtures").join(name)
}

#[test]
fn convert_refuses_a_volume_without_conditions() {
    let Run {
        code, stderr: err, ..
    } = dostyk(["gas", "convert", "1.28", "bcm", "--to", "normal"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("no reference conditions"), "{err}");
}

#[test]
fn convert_refuses_a_result_beyond_the_largest_number_instead_of_printing_inf() {
    for format in ["table", "json"] {
        let Run {
            code,
            stdout: out,
            stderr: err,
        } = dostyk([
            "gas", "convert", "1e300", "bcm", "--from", "normal", "--to", "gost", "--format",
            format,
        ]);
        assert_ne!(code, Some(0), "{out}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("1e300 bcm cannot be restated: in m3 it is beyond the largest number"),
            "{err}"
        );
    }
}

#[test]
fn convert_gives_the_gost_to_normal_factor() {
    let Run {
        code,
        stdout: out,
        stderr: err,
    } = dostyk([
        "gas", "convert", "1", "bcm", "--from", "gost", "--to", "normal", "--format", "json",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let factor = v["volume_factor"].as_f64().unwrap();
    assert!((factor - 273.15 / 293.15).abs() < 1e-15);
}

#[test]
fn balance_writes_its_output_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("balance.json");
    let Run {
        code, stderr: err, ..
    } = dostyk([
        "gas",
        "balance",
        data("entsog_kz_uz.json").to_str().unwrap(),
        "--format",
        "json",
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(v["superseded_records"], 1);
    // Nothing but the output is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn balance_error_names_file_line_and_field() {
    let Run {
        code, stderr: err, ..
    } = dostyk([
        "gas",
        "balance",
        data("entsog_malformed.csv").to_str().unwrap(),
    ]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("entsog_malformed.csv, line 3, field \"value\""),
        "{err}"
    );
}

#[test]
fn cpmm_and_route() {
    let Run {
        code,
        stdout: out,
        stderr: err,
    } = dostyk([
        "transit",
        "cpmm",
        data("cpmm_crossings.csv").to_str().unwrap(),
        data("cpmm_trips.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|s| s["indicator"] == "TFI3" && s["median"] == "800.00")
    );
    let Run {
        code,
        stdout: out,
        stderr: err,
    } = dostyk([
        "transit",
        "route",
        "shymkent",
        "tashkent",
        "--network",
        data("corridor_kz_uz.json").to_str().unwrap(),
        "--by",
        "time",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total_hours"], 3.5);
    assert_eq!(v["legs"][0]["to"], "kazygurt");
}

#[test]
fn solve_writes_the_result_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result.json");
    let Run {
        code,
        stdout,
        stderr: err,
    } = dostyk([
        "gas",
        "solve",
        fixture("six_pipe_lgas.pandapipes.json").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--timing",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.is_empty());
    assert!(err.contains("solving the network"), "{err}");
    assert!(err.contains("solve_seconds "), "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["converged"], true);
    for key in ["iterations", "residual", "junctions", "pipes"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let j1 = &v["junctions"][1];
    assert_eq!(j1["id"], 1);
    assert!((j1["pressure_bar_g"].as_f64().unwrap() - 51.69897).abs() < 2e-5);
    for key in [
        "id",
        "name",
        "mass_flow_kg_per_s",
        "normal_volume_flow_m3_per_h",
        "velocity_m_per_s",
    ] {
        assert!(v["pipes"][0].get(key).is_some(), "pipe field {key}");
    }
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// `--repeat N` solves N times in the process (a benchmark's warm solve): the same result file,
/// one `solve_seconds` line, and no repeat of a time series or of nothing.
#[test]
fn solve_repeats_for_timing_with_the_same_result() {
    let network = fixture("six_pipe_lgas.pandapipes.json");
    let network = network.to_str().unwrap();
    let once = dostyk(["gas", "solve", network]);
    assert_eq!(once.code, Some(0), "{}", once.stderr);
    let repeated = dostyk(["gas", "solve", network, "--timing", "--repeat", "5"]);
    assert_eq!(repeated.code, Some(0), "{}", repeated.stderr);
    assert_eq!(once.stdout, repeated.stdout);
    let seconds: Vec<f64> = repeated
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix("solve_seconds "))
        .map(|s| s.parse().expect("a number of seconds"))
        .collect();
    assert_eq!(seconds.len(), 1, "{}", repeated.stderr);
    assert!(seconds[0] > 0.0 && seconds[0] < 10.0, "{seconds:?}");
    for bad in [
        vec!["gas", "solve", network, "--repeat", "0"],
        vec!["gas", "solve", network, "--repeat", "many"],
        vec![
            "gas",
            "solve",
            network,
            "--repeat",
            "2",
            "--loads",
            "loads.csv",
        ],
    ] {
        let run = dostyk(bad.clone());
        assert_eq!(run.code, Some(2), "{bad:?}: {}", run.stderr);
        assert!(run.stderr.contains("--repeat"), "{bad:?}: {}", run.stderr);
    }
}

/// Issue #21: `gas solve X --out X` overwrote the network with its result. An `--out` that is
/// the input, under any name, is refused before anything is read, and the input is kept.
#[test]
fn solve_refuses_an_out_that_is_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let network = dir.path().join("net.json");
    std::fs::copy(fixture("six_pipe_lgas.pandapipes.json"), &network).unwrap();
    let before = std::fs::read(&network).unwrap();
    let input = network.to_str().unwrap();
    let same = dir.path().join(".").join("net.json");
    for out in [input, same.to_str().unwrap()] {
        let Run {
            code,
            stdout,
            stderr: err,
        } = dostyk(["gas", "solve", input, "--out", out]);
        assert_ne!(code, Some(0));
        assert!(stdout.is_empty());
        assert!(err.contains("is the input file"), "{err}");
        assert!(
            err.contains("the result would overwrite it; write the result to another file"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&network).unwrap(), before);
}

#[test]
fn solve_refuses_an_unknown_friction_model() {
    let Run {
        code, stderr: err, ..
    } = dostyk(["gas", "solve", "x.json", "--friction-model", "moody"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("expected nikuradse, colebrook or swamee-jain"),
        "{err}"
    );
}

/// A named pipe given as an input is refused at once, never read (it would block for ever).
#[cfg(unix)]
#[test]
fn a_named_pipe_as_input_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.csv");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this system: nothing to test
    }
    let pipe = pipe.to_str().unwrap();
    for args in [vec!["gas", "balance", pipe], vec!["transit", "cpmm", pipe]] {
        let Run {
            code, stderr: err, ..
        } = dostyk(&args);
        assert_ne!(code, Some(0), "{args:?}");
        assert!(
            err.contains("is a named pipe (FIFO), not a regular file"),
            "{args:?}: {err}"
        );
    }
}
