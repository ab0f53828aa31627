//! `dostyk water run|compliance` end to end.

mod common;

use std::ffi::OsString;
use std::path::PathBuf;

use common::{Run, dostyk};

fn data(name: &str) -> PathBuf {
    common::workspace("crates/water/tests/data").join(name)
}

#[test]
fn run_writes_sorted_results() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    std::fs::write(
        &model,
        r#"{"metadata": {}, "timestepper": {"start": "2024-01-01", "end": "2024-01-02", "timestep": 1},
            "nodes": [{"name": "s", "type": "catchment", "flow": 2},
                      {"name": "d", "type": "output", "cost": -1}],
            "edges": [["s", "d"]]}"#,
    )
    .unwrap();
    let expected = "date,node,attribute,value\n2024-01-01,d,flow,2\n2024-01-01,s,flow,2\n\
                    2024-01-02,d,flow,2\n2024-01-02,s,flow,2\n";
    let out = dir.path().join("sub").join("r.csv");
    let Run {
        code,
        stdout,
        stderr: err,
    } = dostyk([
        OsString::from("water"),
        "run".into(),
        model.clone().into(),
        "--out".into(),
        out.clone().into(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.is_empty());
    assert!(err.contains("timesteps in"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    let Run {
        code,
        stdout,
        stderr: err,
    } = dostyk([
        OsString::from("--quiet"),
        "water".into(),
        "run".into(),
        model.into(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(stdout, expected);
    assert!(err.is_empty(), "--quiet: {err}");
}

#[test]
fn scenarios_run_in_parallel_with_the_same_bytes_and_timing_on_request() {
    let model = common::workspace("crates/water/tests/models").join("scenarios.json");
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("r{threads}.csv"));
        let Run { code, stderr, .. } = dostyk([
            OsString::from("--quiet"),
            "water".into(),
            "run".into(),
            model.clone().into(),
            "--threads".into(),
            threads.into(),
            "--timing".into(),
            "--out".into(),
            out.clone().into(),
        ]);
        assert_eq!(code, Some(0), "{stderr}");
        // --timing prints the time loop even with --quiet, and nothing else.
        let seconds = stderr
            .trim()
            .strip_prefix("loop_seconds ")
            .and_then(|s| s.parse::<f64>().ok());
        assert!(seconds.is_some_and(|s| s > 0.0), "{stderr}");
        written.push(std::fs::read(&out).unwrap());
    }
    assert!(
        written[0] == written[1],
        "1 and 2 threads wrote different results"
    );
    let text = String::from_utf8(written.swap_remove(0)).unwrap();
    assert!(
        text.starts_with(
            "date,scenario,node,attribute,value\n2020-01-01,climate=dry;demand=0,farms,flow,"
        ),
        "{}",
        &text[..200]
    );
    let Run { code, stderr, .. } = dostyk([
        OsString::from("water"),
        "run".into(),
        model.into(),
        "--threads".into(),
        "0".into(),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
}

#[test]
fn compliance_writes_json_identical_to_the_library_output() {
    use dostyk_water::compliance::{self, DekadLimits};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("compliance.json");
    let Run {
        code, stderr: err, ..
    } = dostyk([
        OsString::from("water"),
        "compliance".into(),
        data("limits.csv").into(),
        data("intake.csv").into(),
        "--format".into(),
        "json".into(),
        "--out".into(),
        out.clone().into(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let written = std::fs::read_to_string(&out).unwrap();
    let limits = dostyk_water::limits::read_limits_csv(data("limits.csv")).unwrap();
    let intake = dostyk_water::intake::read_intake_csv(data("intake.csv")).unwrap();
    let expected = compliance::assess(&limits, &intake, DekadLimits::AsGiven)
        .unwrap()
        .to_json()
        .unwrap();
    assert_eq!(written, expected);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn compliance_bad_arguments_are_usage_errors() {
    let Run {
        code, stderr: err, ..
    } = dostyk([
        OsString::from("water"),
        "compliance".into(),
        data("limits.csv").into(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("<INTAKE.csv>"), "{err}");
    let Run {
        code, stderr: err, ..
    } = dostyk([
        OsString::from("water"),
        "compliance".into(),
        data("limits.csv").into(),
        data("intake.csv").into(),
        "--format".into(),
        "xml".into(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("[possible values: table, json]"), "{err}");
}

#[test]
fn compliance_bad_file_names_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "country,line,season,dekad,volume,unit,source\nKAZ,total,growing-2025,,1,litres,s\n",
    )
    .unwrap();
    let Run {
        code,
        stdout,
        stderr: err,
    } = dostyk([
        OsString::from("water"),
        "compliance".into(),
        bad.into(),
        data("intake.csv").into(),
    ]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert!(err.contains("bad.csv, line 2, field \"unit\""), "{err}");
}

/// A run killed (SIGKILL) while it writes its results leaves nothing in the output folder: the
/// results are written to a file without a name (`O_TMPFILE`) that is linked into the folder
/// only when complete. A named temporary stayed behind as a hidden file as large as the results
/// (issue #21 item 14).
#[cfg(target_os = "linux")]
#[test]
fn a_run_killed_while_writing_leaves_no_file_behind() {
    use std::fmt::Write as _;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    // 40 outputs over a century: 1.5 million results, tens of MB of CSV written day by day.
    let mut nodes = String::from(r#"[{"name": "s", "type": "input", "max_flow": 1000}"#);
    let mut edges = String::from("[");
    for i in 0..40 {
        let _ = write!(
            nodes,
            r#", {{"name": "o{i}", "type": "output", "max_flow": 1, "cost": -1}}"#
        );
        let _ = write!(edges, r#"{}["s", "o{i}"]"#, if i == 0 { "" } else { ", " });
    }
    let model = dir.path().join("m.json");
    std::fs::write(
        &model,
        format!(
            r#"{{"timestepper": {{"start": "2000-01-01", "end": "2099-12-31", "timestep": 1}},
                "nodes": {nodes}], "edges": {edges}]}}"#
        ),
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out_dir = out_dir.canonicalize().unwrap();
    let mut child = common::command()
        .args(["water", "run", "--quiet", "--out"])
        .arg(out_dir.join("results.csv"))
        .arg(&model)
        .spawn()
        .expect("the dostyk binary runs");
    // Wait until the run has an open file in the output folder with results in it.
    let fds = PathBuf::from(format!("/proc/{}/fd", child.id()));
    let started = Instant::now();
    let writing = loop {
        let open_here = std::fs::read_dir(&fds)
            .into_iter()
            .flatten()
            .flatten()
            .find(|fd| {
                std::fs::read_link(fd.path()).is_ok_and(|target| target.starts_with(&out_dir))
                    && std::fs::metadata(fd.path()).is_ok_and(|m| m.len() > 256 * 1024)
            });
        if let Some(fd) = open_here {
            break std::fs::read_link(fd.path()).unwrap();
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be killed mid-write; give the model more days"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the run never wrote into the output folder"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    let left: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        left.is_empty(),
        "killed while writing {}, the run left {left:?} in the output folder",
        writing.display()
    );
}

#[test]
fn explain_prints_the_binding_constraints_of_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    // 10 in, 6 to a demand worth 10, the rest to a spill worth 2: the demand's maximum is
    // worth 10 - 2 = 8 per unit, the source's 2 - 1 = 1.
    std::fs::write(
        &model,
        r#"{"metadata": {}, "timestepper": {"start": "2024-01-01", "end": "2024-01-02", "timestep": 1},
            "nodes": [{"name": "source", "type": "input", "max_flow": 10, "cost": 1},
                      {"name": "demand", "type": "output", "max_flow": 6, "cost": -10},
                      {"name": "spill", "type": "output", "cost": -2}],
            "edges": [["source", "demand"], ["source", "spill"]]}"#,
    )
    .unwrap();
    let run = |date: &str| {
        dostyk([
            OsString::from("--quiet"),
            "water".into(),
            "run".into(),
            model.clone().into(),
            "--explain".into(),
            date.into(),
        ])
    };
    let Run {
        code,
        stdout,
        stderr,
    } = run("2024-01-02");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.starts_with("2024-01-02: solved; objective -58"),
        "{stdout}"
    );
    assert!(
        stdout.contains("demand flow limit max 6 (value 6): shadow price -8"),
        "{stdout}"
    );
    assert!(
        stdout.contains("source flow limit max 10 (value 10): shadow price -1"),
        "{stdout}"
    );
    let Run { code, stderr, .. } = run("2024-02-01");
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("2024-02-01 is not a day of the run"),
        "{stderr}"
    );
}

#[test]
fn a_csv_recorder_writes_its_file_under_the_folder_of_recorders_only() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    let write_model = |url: &str| {
        std::fs::write(
            &model,
            format!(
                r#"{{"timestepper": {{"start": "2024-01-01", "end": "2024-01-02", "timestep": 1}},
                    "nodes": [{{"name": "s", "type": "catchment", "flow": 2.5}},
                              {{"name": "d", "type": "output", "cost": -1}}],
                    "edges": [["s", "d"]],
                    "recorders": {{"file": {{"type": "CSVRecorder", "url": "{url}"}}}}}}"#
            ),
        )
        .unwrap();
    };
    let run = |recorders: Option<&std::path::Path>| {
        let mut args = vec![
            OsString::from("water"),
            "run".into(),
            model.clone().into(),
            "--out".into(),
            dir.path().join("r.csv").into(),
        ];
        if let Some(r) = recorders {
            args.extend([OsString::from("--recorders"), r.into()]);
        }
        dostyk(args)
    };
    write_model("flows/out.csv");
    let out_dir = dir.path().join("out");
    let Run { code, stderr, .. } = run(Some(&out_dir.join("rec.json")));
    assert_eq!(code, Some(0), "{stderr}");
    // pywr's CSVRecorder file: every node sorted by name, Python's csv and float formats.
    assert_eq!(
        std::fs::read_to_string(out_dir.join("flows/out.csv")).unwrap(),
        "Datetime,d,s\r\n2024-01-01T00:00:00,2.5,2.5\r\n2024-01-02T00:00:00,2.5,2.5\r\n"
    );
    assert!(!dir.path().join("flows").exists());
    // Without --recorders nothing is written, and the run says so.
    let Run { code, stderr, .. } = run(None);
    assert_eq!(code, Some(0), "{stderr}");
    // A url that leaves the folder of --recorders is refused, and nothing is written there.
    write_model("../escaped.csv");
    let Run { code, stderr, .. } = run(Some(&out_dir.join("rec.json")));
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("recorders \"file\".url") && stderr.contains("folder of --recorders"),
        "{stderr}"
    );
    assert!(!dir.path().join("escaped.csv").exists());
}
