//! Parquet at the command line (feature `parquet`): `water run --format parquet` and
//! `gas solve --loads X.parquet [--format parquet]` write the rows of their CSV, typed, the same
//! bytes on every run; bad Parquet loads are refused with the errors of the
//! `gas-loads-parquet` rows of docs/robustness.md, whose fixtures this file writes.

mod common;

use std::ffi::OsString;

use common::{Run, dostyk};

#[cfg(not(feature = "parquet"))]
#[test]
fn without_the_feature_parquet_is_refused_saying_how_to_get_it() {
    let model = common::workspace("crates/water/tests/models/basic.json");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.parquet");
    let Run { code, stderr, .. } = dostyk([
        OsString::from("water"),
        "run".into(),
        model.into(),
        "--format".into(),
        "parquet".into(),
        "--out".into(),
        out.clone().into(),
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("cargo feature `parquet`"), "{stderr}");
    assert!(!out.exists());
    // Parquet loads (by name or by content) are refused the same way, not read as CSV.
    let robustness = common::workspace("crates/reporting/tests/robustness/inputs");
    let Run { code, stderr, .. } = dostyk([
        OsString::from("gas"),
        "solve".into(),
        robustness.join("base-gas-loads-network.json").into(),
        "--loads".into(),
        robustness.join("glp-good.parquet").into(),
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("a Parquet file of loads needs Parquet support"),
        "{stderr}"
    );
}

#[cfg(feature = "parquet")]
mod with_parquet {
    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type, Int32Type, UInt32Type};
    use arrow_array::{
        Array, ArrayRef, Float32Array, Float64Array, Int64Array, RecordBatch, StringArray,
        TimestampSecondArray,
    };
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::ArrowWriter;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::file::properties::WriterProperties;

    use super::*;

    /// The bad-input fixtures' folder (docs/robustness.md's paths are relative to its parent).
    fn robustness() -> PathBuf {
        common::workspace("crates/reporting/tests/robustness")
    }

    /// CSV's quoting of a field (as the results CSV writes it).
    fn field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    }

    /// The text of a cell of a string, dictionary, date or number column, as the CSV writes it.
    fn cell(array: &ArrayRef, r: usize) -> String {
        if array.is_null(r) {
            return String::new();
        }
        match array.data_type() {
            DataType::Utf8 => field(array.as_string::<i32>().value(r)),
            DataType::Dictionary(_, _) => {
                let d = array.as_dictionary::<Int32Type>();
                let k = usize::try_from(d.keys().value(r)).unwrap();
                field(d.values().as_string::<i32>().value(k))
            }
            DataType::Date32 => array
                .as_primitive::<Date32Type>()
                .value_as_date(r)
                .unwrap()
                .to_string(),
            DataType::Float64 => array.as_primitive::<Float64Type>().value(r).to_string(),
            DataType::UInt32 => array.as_primitive::<UInt32Type>().value(r).to_string(),
            other => panic!("unexpected column type {other}"),
        }
    }

    /// A Parquet file read back with arrow's reader as CSV text (header, then rows), and its
    /// column types.
    fn parquet_as_csv(path: &Path) -> (String, Vec<DataType>, usize) {
        let file = std::fs::File::open(path).unwrap();
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let schema = Arc::clone(builder.schema());
        let groups = builder.metadata().num_row_groups();
        let mut text = schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect::<Vec<_>>()
            .join(",");
        text.push('\n');
        for batch in builder.build().unwrap() {
            let batch = batch.unwrap();
            for r in 0..batch.num_rows() {
                let cells: Vec<String> = batch.columns().iter().map(|c| cell(c, r)).collect();
                text.push_str(&cells.join(","));
                text.push('\n');
            }
        }
        let types = schema
            .fields()
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        (text, types, groups)
    }

    fn run_ok(args: &[OsString]) {
        let Run { code, stderr, .. } = dostyk(args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
    }

    fn water_run(model: &Path, out: &Path, format: &str, threads: &str) {
        run_ok(&[
            "--quiet".into(),
            "water".into(),
            "run".into(),
            model.into(),
            "--threads".into(),
            threads.into(),
            "--format".into(),
            format.into(),
            "--out".into(),
            out.into(),
        ]);
    }

    #[test]
    fn water_parquet_holds_the_csv_rows_typed_and_the_same_bytes_every_run() {
        let dir = tempfile::tempdir().unwrap();
        let dictionary = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
        for (name, columns) in [
            ("basic.json", 4),
            ("storages.json", 4),
            ("scenarios.json", 5),
        ] {
            let model = common::workspace("crates/water/tests/models").join(name);
            let csv = dir.path().join(format!("{name}.csv"));
            let parquet = dir.path().join(format!("{name}.parquet"));
            water_run(&model, &csv, "csv", "2");
            water_run(&model, &parquet, "parquet", "2");
            let (text, types, groups) = parquet_as_csv(&parquet);
            assert_eq!(text, std::fs::read_to_string(&csv).unwrap(), "{name}");
            let mut expected = vec![DataType::Date32];
            expected.extend(std::iter::repeat_n(dictionary.clone(), columns - 2));
            expected.push(DataType::Float64);
            assert_eq!(types, expected, "{name}");
            assert_eq!(groups, 1, "{name}");
            // The same bytes again, whatever the number of threads.
            let again = dir.path().join(format!("{name}.again.parquet"));
            water_run(&model, &again, "parquet", "1");
            assert!(
                std::fs::read(&parquet).unwrap() == std::fs::read(&again).unwrap(),
                "{name}: two runs wrote different Parquet files"
            );
        }
        // No time and no library version in the footer: only the program's name and version.
        let file = std::fs::File::open(dir.path().join("basic.json.parquet")).unwrap();
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let meta = builder.metadata().file_metadata();
        assert_eq!(
            meta.created_by(),
            Some(concat!("dostyk ", env!("CARGO_PKG_VERSION")))
        );
        let keys: Vec<&str> = meta
            .key_value_metadata()
            .into_iter()
            .flatten()
            .map(|kv| kv.key.as_str())
            .collect();
        assert_eq!(keys, ["ARROW:schema"]);
    }

    #[test]
    fn water_parquet_needs_an_out_file_and_leaves_no_file_on_failure() {
        let model = common::workspace("crates/water/tests/models/basic.json");
        let Run { code, stderr, .. } = dostyk([
            OsString::from("water"),
            "run".into(),
            model.into(),
            "--format".into(),
            "parquet".into(),
        ]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains("give it with --out FILE.parquet"),
            "{stderr}"
        );
        // An infeasible model fails mid-run: nothing is left where the file would be.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.parquet");
        let model = common::workspace("crates/water/tests/models/infeasible.json");
        let Run { code, stderr, .. } = dostyk([
            OsString::from("water"),
            "run".into(),
            model.into(),
            "--format".into(),
            "parquet".into(),
            "--out".into(),
            out.clone().into(),
        ]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "{stderr}"
        );
    }

    const NETWORK: &str =
        "crates/transit-gas/tests/fixtures/components/all_components.pandapipes.json";

    /// Loads of three loads over `n` steps: labels, then sink/0, sink/3 and source/0.
    fn loads(n: usize) -> (Vec<String>, [Vec<f64>; 3]) {
        let labels = (0..n).map(|k| format!("2025-01-01 {k:02}:00")).collect();
        let f = |base: f64, k: usize| base * (0.6 + 0.1 * (k % 6) as f64);
        (
            labels,
            [
                (0..n).map(|k| f(4.9, k)).collect(),
                (0..n).map(|k| f(6.4, k)).collect(),
                (0..n).map(|k| -f(0.5, k)).collect(),
            ],
        )
    }

    fn write_parquet(path: &Path, columns: Vec<(&str, ArrayRef)>, properties: WriterProperties) {
        let batch = RecordBatch::try_from_iter(columns).unwrap();
        let mut w = ArrowWriter::try_new(Vec::new(), batch.schema(), Some(properties)).unwrap();
        w.write(&batch).unwrap();
        std::fs::write(path, w.into_inner().unwrap()).unwrap();
    }

    fn gas_solve(loads: &Path, out: &Path, format: &str) {
        run_ok(&[
            "--quiet".into(),
            "gas".into(),
            "solve".into(),
            common::workspace(NETWORK).into(),
            "--loads".into(),
            loads.into(),
            "--format".into(),
            format.into(),
            "--out".into(),
            out.into(),
        ]);
    }

    #[test]
    fn gas_series_reads_parquet_loads_and_writes_the_csv_table_as_parquet() {
        let dir = tempfile::tempdir().unwrap();
        let (labels, [a, b, c]) = loads(30);
        let mut csv = String::from("hour,sink/0,sink/3,source/0\n");
        for k in 0..labels.len() {
            let _ = writeln!(csv, "{},{},{},{}", labels[k], a[k], b[k], c[k]);
        }
        let loads_csv = dir.path().join("loads.csv");
        std::fs::write(&loads_csv, csv).unwrap();
        // pyarrow's and polars' defaults: snappy and zstd.
        for (name, compression) in [
            ("snappy", parquet::basic::Compression::SNAPPY),
            (
                "zstd",
                parquet::basic::Compression::ZSTD(parquet::basic::ZstdLevel::default()),
            ),
        ] {
            let loads_parquet = dir.path().join(format!("loads-{name}.parquet"));
            write_parquet(
                &loads_parquet,
                vec![
                    (
                        "hour",
                        Arc::new(StringArray::from(labels.clone())) as ArrayRef,
                    ),
                    ("sink/0", Arc::new(Float64Array::from(a.clone()))),
                    ("sink/3", Arc::new(Float64Array::from(b.clone()))),
                    ("source/0", Arc::new(Float64Array::from(c.clone()))),
                ],
                WriterProperties::builder()
                    .set_compression(compression)
                    .set_max_row_group_row_count(Some(7))
                    .build(),
            );
            // Parquet loads give the table CSV loads give, byte for byte.
            let from_csv = dir.path().join("from-csv.csv");
            let from_parquet = dir.path().join(format!("from-{name}.csv"));
            gas_solve(&loads_csv, &from_csv, "csv");
            gas_solve(&loads_parquet, &from_parquet, "csv");
            let table = std::fs::read_to_string(&from_csv).unwrap();
            assert_eq!(std::fs::read_to_string(&from_parquet).unwrap(), table);
            // The Parquet table holds the CSV table's rows and columns.
            let out = dir.path().join(format!("table-{name}.parquet"));
            gas_solve(&loads_parquet, &out, "parquet");
            let (text, types, _) = parquet_as_csv(&out);
            assert_eq!(text, table);
            assert_eq!(types[..2], [DataType::Utf8, DataType::UInt32]);
            assert!(types[2..].iter().all(|t| *t == DataType::Float64));
            let again = dir.path().join("again.parquet");
            gas_solve(&loads_csv, &again, "parquet");
            assert!(
                std::fs::read(&out).unwrap() == std::fs::read(&again).unwrap(),
                "two runs wrote different Parquet tables"
            );
        }
    }

    #[test]
    fn timestamps_and_integers_are_read_as_labels_and_withdrawals() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loads.parquet");
        write_parquet(
            &path,
            vec![
                (
                    "time",
                    Arc::new(TimestampSecondArray::from(vec![
                        1_735_689_600,
                        1_735_693_200,
                    ])) as ArrayRef,
                ),
                ("sink/0", Arc::new(Int64Array::from(vec![4, 5]))),
                ("sink/3", Arc::new(Float32Array::from(vec![6.5, 6.25]))),
            ],
            WriterProperties::builder().build(),
        );
        let out = dir.path().join("t.csv");
        gas_solve(&path, &out, "csv");
        let table = std::fs::read_to_string(&out).unwrap();
        let steps: Vec<&str> = table
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect();
        assert_eq!(steps, ["2025-01-01 00:00:00", "2025-01-01 01:00:00"]);
    }

    /// A Parquet file of `columns` with fixed properties, so the fixtures are the same bytes
    /// whenever they are made.
    fn fixture_bytes(columns: Vec<(&str, ArrayRef)>) -> Vec<u8> {
        let fields: Vec<Field> = columns
            .iter()
            .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let batch = RecordBatch::try_new(
            Arc::clone(&schema),
            columns.into_iter().map(|c| c.1).collect(),
        )
        .unwrap();
        let properties = WriterProperties::builder()
            .set_created_by("dostyk tests".to_owned())
            .build();
        let mut w = ArrowWriter::try_new(Vec::new(), schema, Some(properties)).unwrap();
        w.write(&batch).unwrap();
        w.into_inner().unwrap()
    }

    fn text(values: &[&str]) -> ArrayRef {
        Arc::new(StringArray::from(values.to_vec()))
    }

    fn numbers(values: &[Option<f64>]) -> ArrayRef {
        Arc::new(Float64Array::from(values.to_vec()))
    }

    /// The `gas-loads-parquet` fixtures of docs/robustness.md (under
    /// crates/reporting/tests/robustness/inputs), made here from their description.
    fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
        let hours = text(&["h0", "h1", "h2"]);
        let good = fixture_bytes(vec![
            ("hour", Arc::clone(&hours)),
            ("K", numbers(&[Some(1.0), Some(0.5), Some(-1.0)])),
        ]);
        vec![
            ("glp-good.parquet", good.clone()),
            ("glp-not-parquet.parquet", b"hour,K\nh0,1\n".to_vec()),
            ("glp-truncated.parquet", good[..good.len() / 2].to_vec()),
            (
                "glp-text-withdrawals.parquet",
                fixture_bytes(vec![
                    ("hour", Arc::clone(&hours)),
                    ("K", text(&["1", "lots", "2"])),
                ]),
            ),
            (
                "glp-null.parquet",
                fixture_bytes(vec![
                    ("hour", Arc::clone(&hours)),
                    ("K", numbers(&[Some(1.0), None, Some(2.0)])),
                ]),
            ),
            (
                "glp-nan.parquet",
                fixture_bytes(vec![
                    ("hour", Arc::clone(&hours)),
                    ("K", numbers(&[Some(1.0), Some(2.0), Some(f64::NAN)])),
                ]),
            ),
            (
                "glp-infinite.parquet",
                fixture_bytes(vec![
                    ("hour", Arc::clone(&hours)),
                    ("K", numbers(&[Some(f64::INFINITY), Some(2.0), Some(1.0)])),
                ]),
            ),
            (
                "glp-unknown-load.parquet",
                fixture_bytes(vec![
                    ("hour", Arc::clone(&hours)),
                    ("X", numbers(&[Some(1.0), Some(2.0), Some(1.0)])),
                ]),
            ),
            (
                "glp-number-labels.parquet",
                fixture_bytes(vec![
                    ("hour", numbers(&[Some(0.0), Some(1.0), Some(2.0)])),
                    ("K", numbers(&[Some(1.0), Some(2.0), Some(1.0)])),
                ]),
            ),
            (
                "glp-null-label.parquet",
                fixture_bytes(vec![
                    (
                        "hour",
                        Arc::new(StringArray::from(vec![Some("h0"), None, Some("h2")])),
                    ),
                    ("K", numbers(&[Some(1.0), Some(2.0), Some(1.0)])),
                ]),
            ),
            (
                "glp-no-step.parquet",
                fixture_bytes(vec![("hour", text(&[])), ("K", numbers(&[]))]),
            ),
        ]
    }

    /// The fixtures in the repository are the ones [`fixtures`] makes (set
    /// `DOSTYK_WRITE_FIXTURES=1` to write them after changing it).
    #[test]
    fn the_committed_fixtures_are_the_ones_described_here() {
        let inputs = robustness().join("inputs");
        let write = std::env::var_os("DOSTYK_WRITE_FIXTURES").is_some();
        for (name, bytes) in fixtures() {
            let path = inputs.join(name);
            if write {
                std::fs::write(&path, &bytes).unwrap();
            }
            assert!(
                std::fs::read(&path).is_ok_and(|b| b == bytes),
                "{name} differs from its description in this test; run it with DOSTYK_WRITE_FIXTURES=1"
            );
        }
    }

    /// The rows of docs/robustness.md of kind `gas-loads-parquet`: (id, fixture, error).
    fn table_rows() -> Vec<(String, String, String)> {
        let text = std::fs::read_to_string(common::workspace("docs/robustness.md")).unwrap();
        text.lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.trim().trim_matches('|').split(" | ").collect();
                (cells.len() == 4 && cells[1].trim() == "gas-loads-parquet").then(|| {
                    let error = cells[3].trim();
                    let error = error
                        .strip_prefix('`')
                        .and_then(|e| e.strip_suffix('`'))
                        .unwrap_or(error);
                    (
                        cells[0].trim().to_owned(),
                        cells[2].trim().to_owned(),
                        error.replace("\\|", "|").replace("<br>", "\n"),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn every_gas_loads_parquet_row_of_the_robustness_table_holds() {
        let rows = table_rows();
        let made: Vec<String> = fixtures()
            .iter()
            .map(|(n, _)| format!("inputs/{n}"))
            .collect();
        let listed: Vec<&String> = rows.iter().map(|r| &r.1).collect();
        assert_eq!(
            listed,
            made.iter().collect::<Vec<_>>(),
            "one row per fixture, in order"
        );
        let mut failures = String::new();
        for (id, fixture, error) in rows {
            let run = common::run(
                common::command()
                    .current_dir(robustness())
                    .args([
                        "--quiet",
                        "gas",
                        "solve",
                        "inputs/base-gas-loads-network.json",
                    ])
                    .args(["--loads", &fixture, "--out"])
                    .arg(
                        std::env::temp_dir()
                            .join(format!("dostyk-{id}-{}.csv", std::process::id())),
                    ),
            );
            let got = if run.ok() {
                "(accepted)".to_owned()
            } else {
                run.stderr
                    .trim_end()
                    .strip_prefix("error: ")
                    .unwrap_or(&run.stderr)
                    .to_owned()
            };
            let _ = std::fs::remove_file(
                std::env::temp_dir().join(format!("dostyk-{id}-{}.csv", std::process::id())),
            );
            if got != error {
                let _ = writeln!(
                    failures,
                    "{id}:\n  table: {error}\n  code:  {got}\n  | {id} | gas-loads-parquet | {fixture} | {} |",
                    got.replace('|', "\\|").replace('\n', "<br>")
                );
            }
        }
        assert!(
            failures.is_empty(),
            "docs/robustness.md and the reader disagree:\n{failures}"
        );
    }

    /// A named pipe is refused at once, never opened (it would block for ever).
    #[cfg(unix)]
    #[test]
    fn a_named_pipe_of_loads_is_refused_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("loads.parquet");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system: nothing to test
        }
        let network = robustness().join("inputs/base-gas-loads-network.json");
        let Run { code, stderr, .. } = dostyk([
            OsString::from("gas"),
            "solve".into(),
            network.into(),
            "--loads".into(),
            pipe.into(),
        ]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains("is a named pipe (FIFO), not a regular file"),
            "{stderr}"
        );
    }
}
