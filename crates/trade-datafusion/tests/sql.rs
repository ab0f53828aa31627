//! SQL over the `comtrade` table gives `summary`'s totals; pushdown is observable; bad input
//! keeps the reader's file, line and field; Parquet conversions read back the same.

mod common;

use std::path::PathBuf;

use arrow::array::{AsArray, RecordBatch};
use arrow::datatypes::{Int64Type, UInt64Type};
use common::{SUMMARY_QUERY, fixture, good_fixtures, sql_totals, summary_totals};
use dostyk_trade::comtrade::{ComtradeReader, ReadOptions};
use dostyk_trade_datafusion::{
    AtomicFiles, ComtradeSession, ConvertOptions, Inputs, TableOptions, convert, session_config,
};

async fn session(files: &[PathBuf], options: TableOptions, partitions: usize) -> ComtradeSession {
    ComtradeSession::open(
        &Inputs::Comtrade(files.to_vec()),
        options,
        session_config(Some(partitions)),
    )
    .await
    .expect("the fixtures register")
}

fn count(batches: &[RecordBatch]) -> i64 {
    batches[0].column(0).as_primitive::<Int64Type>().value(0)
}

#[tokio::test]
async fn sql_totals_equal_summary_for_each_layout_and_all_together() {
    let mut cases: Vec<Vec<PathBuf>> = good_fixtures().into_iter().map(|f| vec![f]).collect();
    cases.push(good_fixtures());
    for files in cases {
        let expected = summary_totals(&files);
        assert!(!expected.is_empty(), "{files:?}");
        let s = session(&files, TableOptions::default(), 2).await;
        let got = sql_totals(&s.collect(SUMMARY_QUERY).await.unwrap());
        assert_eq!(got, expected, "{files:?}");
    }
}

#[tokio::test]
async fn one_partition_reading_every_piece_gives_the_same_totals() {
    let files = good_fixtures();
    let options = TableOptions {
        single_partition: true,
        min_range_bytes: 1000,
        ..TableOptions::default()
    };
    let s = session(&files, options, 3).await;
    assert_eq!(
        sql_totals(&s.collect(SUMMARY_QUERY).await.unwrap()),
        summary_totals(&files)
    );
    let before = s.counters().unwrap().rows_parsed();
    let all = count(&s.collect("SELECT COUNT(*) FROM comtrade").await.unwrap());
    assert_eq!(
        u64::try_from(all).unwrap(),
        s.counters().unwrap().rows_parsed() - before,
        "each row parsed once"
    );
}

#[tokio::test]
async fn a_file_named_twice_is_read_once() {
    let kaz = fixture("comtrade_api_kaz_uzb.csv");
    let spelled_again = kaz.parent().unwrap().join("./comtrade_api_kaz_uzb.csv");
    let once = session(std::slice::from_ref(&kaz), TableOptions::default(), 2).await;
    let twice = session(&[kaz.clone(), spelled_again], TableOptions::default(), 2).await;
    let q = "SELECT COUNT(*) FROM comtrade";
    assert_eq!(
        count(&twice.collect(q).await.unwrap()),
        count(&once.collect(q).await.unwrap())
    );
    assert_eq!(
        sql_totals(&twice.collect(SUMMARY_QUERY).await.unwrap()),
        summary_totals(std::slice::from_ref(&kaz))
    );

    let dir = tempfile::tempdir().unwrap();
    convert(
        std::slice::from_ref(&kaz),
        dir.path(),
        ConvertOptions::default(),
        &mut AtomicFiles,
    )
    .unwrap();
    let folder = dir.path().to_path_buf();
    let twice = ComtradeSession::open(
        &Inputs::Parquet(vec![folder.clone(), folder.join(".")]),
        TableOptions::default(),
        session_config(Some(2)),
    )
    .await
    .unwrap();
    assert_eq!(
        count(&twice.collect(q).await.unwrap()),
        count(&once.collect(q).await.unwrap()),
        "a folder named twice"
    );
}

#[tokio::test]
async fn the_raw_table_has_every_row_and_the_view_leaves_out_what_summary_skips() {
    let files = vec![fixture("comtrade_api_kaz_uzb.csv")];
    let s = session(&files, TableOptions::default(), 1).await;
    let all = count(&s.collect("SELECT COUNT(*) FROM comtrade").await.unwrap());
    assert_eq!(all, 19, "every data row of the fixture, breakdown rows too");
    let breakdown = count(
        &s.collect("SELECT COUNT(*) FROM comtrade WHERE partner2_code <> 0 OR mot_code <> 0 OR customs_code <> 'C00'")
            .await
            .unwrap(),
    );
    assert!(breakdown > 0);
    let counted = count(
        &s.collect("SELECT COUNT(*) FROM comtrade_counted")
            .await
            .unwrap(),
    );
    let used: u64 = summary_totals(&files).values().map(|v| v.2).sum();
    assert_eq!(counted as u64, used);
}

#[tokio::test]
async fn reporter_and_partner_filters_skip_rows_before_parsing() {
    let files = vec![fixture("comtrade_api_kaz_uzb.csv")];
    let s = session(&files, TableOptions::default(), 1).await;
    let total = count(&s.collect("SELECT COUNT(*) FROM comtrade").await.unwrap()) as u64;
    let counters = s.counters().unwrap().clone();
    assert_eq!(counters.rows_parsed(), total);
    assert_eq!(counters.rows_passed_over(), 0);

    let kaz = count(
        &s.collect(
            "SELECT COUNT(*) FROM comtrade WHERE reporter_iso = 'KAZ' AND partner_iso = 'UZB'",
        )
        .await
        .unwrap(),
    ) as u64;
    let parsed = counters.rows_parsed() - total;
    let passed = counters.rows_passed_over();
    assert_eq!(parsed, kaz, "only the KAZ-UZB rows are parsed");
    assert_eq!(parsed + passed, total, "the others are passed over");
    assert!(passed > 0);

    // Period and flow filters drop parsed rows before they go into a batch.
    let before = counters.rows_dropped();
    let x = count(
        &s.collect("SELECT COUNT(*) FROM comtrade WHERE flow_code = 'X' AND ref_year = 2022")
            .await
            .unwrap(),
    ) as u64;
    let dropped = counters.rows_dropped() - before;
    assert!(dropped > 0);
    assert!(x > 0 && x + dropped == total, "{x} + {dropped} != {total}");

    // The scan's metrics say the same.
    let plan = s
        .context()
        .sql("EXPLAIN ANALYZE SELECT COUNT(*) FROM comtrade WHERE reporter_code = 860")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    let text = arrow::util::pretty::pretty_format_batches(&plan)
        .unwrap()
        .to_string();
    assert!(text.contains("rows_passed_over="), "{text}");
}

#[tokio::test]
async fn byte_ranges_give_the_same_rows_and_lines_as_whole_files() {
    // A file large enough to split: the API fixture's rows repeated with other years.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let text = std::fs::read_to_string(fixture("comtrade_api_kaz_uzb.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let mut out = String::from(header);
    out.push('\n');
    for year in 1990..2020 {
        for r in &rows {
            out.push_str(
                &r.replace("2022", &year.to_string())
                    .replace("2023", &(year + 100).to_string()),
            );
            out.push('\n');
        }
    }
    std::fs::write(&big, &out).unwrap();
    let split = TableOptions {
        split_files: true,
        min_range_bytes: 1000,
        ..TableOptions::default()
    };
    let whole = TableOptions {
        split_files: false,
        ..TableOptions::default()
    };
    let q = "SELECT \"line\", reporter_iso, partner_iso, flow_code, cmd_code, primary_value FROM comtrade ORDER BY \"line\"";
    let a = session(std::slice::from_ref(&big), split, 4).await;
    let b = session(std::slice::from_ref(&big), whole, 4).await;
    let plan = a
        .context()
        .sql(q)
        .await
        .unwrap()
        .create_physical_plan()
        .await
        .unwrap();
    let shown = datafusion::physical_plan::displayable(plan.as_ref())
        .indent(true)
        .to_string();
    assert!(shown.contains("partitions=4"), "{shown}");
    let ra = a.collect(q).await.unwrap();
    let rb = b.collect(q).await.unwrap();
    assert_eq!(
        arrow::util::pretty::pretty_format_batches(&ra)
            .unwrap()
            .to_string(),
        arrow::util::pretty::pretty_format_batches(&rb)
            .unwrap()
            .to_string()
    );
    let lines: Vec<u64> = ra
        .iter()
        .flat_map(|b| b.column(0).as_primitive::<UInt64Type>().values().to_vec())
        .collect();
    assert_eq!(lines.first(), Some(&2));
    assert_eq!(lines.last(), Some(&(1 + 30 * rows.len() as u64)));
    assert_eq!(
        summary_totals(std::slice::from_ref(&big)),
        sql_totals(&a.collect(SUMMARY_QUERY).await.unwrap())
    );

    // A bad cell in the last range is named as a plain read names it.
    let bad = dir.path().join("bad.csv");
    let mut broken = out.clone();
    let at = broken.rfind(",X,Export,").unwrap();
    broken.replace_range(at..at + 3, ",Q,");
    std::fs::write(&bad, &broken).unwrap();
    let expected = ComtradeReader::open(&bad, ReadOptions::default())
        .unwrap()
        .find_map(Result::err)
        .unwrap()
        .to_string();
    let s = session(&[bad], split, 4).await;
    let err = s
        .collect("SELECT COUNT(*) FROM comtrade")
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), expected);
}

#[tokio::test]
async fn bad_input_keeps_the_readers_file_line_and_field() {
    for name in ["bad_flow_code.csv", "bad_decimal_comma.csv"] {
        let f = fixture(name);
        let expected = ComtradeReader::open(&f, ReadOptions::default())
            .unwrap()
            .find_map(Result::err)
            .unwrap()
            .to_string();
        let s = session(&[f], TableOptions::default(), 2).await;
        let err = s.collect("SELECT * FROM comtrade").await.unwrap_err();
        assert!(
            matches!(err, dostyk_trade_datafusion::Error::Trade(_)),
            "{err:?}"
        );
        assert_eq!(err.to_string(), expected);
        assert!(
            expected.contains(name) && expected.contains("line"),
            "{expected}"
        );
    }
    let missing = ComtradeSession::open(
        &Inputs::Comtrade(vec![fixture("bad_missing_columns.csv")]),
        TableOptions::default(),
        session_config(Some(1)),
    )
    .await
    .unwrap_err();
    assert!(missing.to_string().contains("partnerCode"), "{missing}");
}

#[tokio::test]
async fn parquet_conversion_reads_back_with_the_same_totals_and_bytes() {
    let files = good_fixtures();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let small = ConvertOptions {
        batch_rows: 7,
        buffer_bytes: 1,
    };
    let ra = convert(&files, a.path(), small, &mut AtomicFiles).unwrap();
    let rb = convert(
        &files,
        b.path(),
        ConvertOptions::default(),
        &mut AtomicFiles,
    )
    .unwrap();
    assert_eq!(ra, rb);
    assert!(
        ra.files
            .iter()
            .any(|f| f.starts_with("ref_year=2022/reporter_iso=KAZ")),
        "{:?}",
        ra.files
    );
    for f in &ra.files {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{} differs between a spilling and an in-memory conversion",
            f.display()
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let s = ComtradeSession::open(
        &Inputs::Parquet(vec![a.path().to_path_buf()]),
        TableOptions::default(),
        session_config(Some(2)),
    )
    .await
    .unwrap();
    assert_eq!(
        sql_totals(&s.collect(SUMMARY_QUERY).await.unwrap()),
        summary_totals(&files)
    );
    let rows = count(&s.collect("SELECT COUNT(*) FROM comtrade").await.unwrap());
    assert_eq!(rows as u64, ra.rows);
}
