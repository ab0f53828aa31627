//! Ballista standalone (a scheduler and an executor in this process) gives the same answer as
//! local DataFusion, over Comtrade files and over their Parquet conversion.

#![cfg(feature = "ballista")]

mod common;

use common::{SUMMARY_QUERY, assert_same_totals, good_fixtures, sql_totals, summary_totals};
use dostyk_trade_datafusion::{
    AtomicFiles, ComtradeSession, ConvertOptions, Inputs, TableOptions, convert, session_config,
};

/// A local DataFusion session on two partitions.
async fn local(inputs: &Inputs) -> ComtradeSession {
    ComtradeSession::open(inputs, TableOptions::default(), session_config(Some(2)))
        .await
        .unwrap()
}

/// A Ballista session, scheduler and executor in this process, on two partitions.
async fn standalone(inputs: &Inputs) -> ComtradeSession {
    dostyk_trade_datafusion::ballista::session(
        inputs,
        TableOptions::default(),
        session_config(Some(2)),
        None,
    )
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ballista_standalone_equals_local_datafusion() {
    let files = good_fixtures();
    let expected = summary_totals(&files);
    let inputs = Inputs::Comtrade(files.clone());
    let local = local(&inputs).await;
    let local_totals = sql_totals(&local.collect(SUMMARY_QUERY).await.unwrap());
    assert_same_totals(&local_totals, &expected, "local DataFusion");

    let remote = standalone(&inputs).await;
    assert_same_totals(
        &sql_totals(&remote.collect(SUMMARY_QUERY).await.unwrap()),
        &expected,
        "Ballista standalone over the Comtrade files",
    );

    let dir = tempfile::tempdir().unwrap();
    convert(
        &files,
        dir.path(),
        ConvertOptions::default(),
        &mut AtomicFiles,
    )
    .unwrap();
    let parquet = standalone(&Inputs::Parquet(vec![dir.path().to_path_buf()])).await;
    assert_same_totals(
        &sql_totals(&parquet.collect(SUMMARY_QUERY).await.unwrap()),
        &expected,
        "Ballista standalone over the Parquet conversion",
    );
}

/// Every row once, query after query: a scan that Ballista splits between tasks must not be
/// read once per task (a self-join on file and line matches each row with itself only).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ballista_reads_every_row_once() {
    let inputs = Inputs::Comtrade(good_fixtures());
    let local = local(&inputs).await;
    let remote = standalone(&inputs).await;
    let rows = count(
        &local
            .collect("SELECT COUNT(*) FROM comtrade")
            .await
            .unwrap(),
    );
    let join =
        "SELECT COUNT(*) FROM comtrade a JOIN comtrade b ON a.file = b.file AND a.line = b.line";
    for _ in 0..5 {
        assert_eq!(count(&remote.collect(join).await.unwrap()), rows);
        assert_eq!(
            count(
                &remote
                    .collect("SELECT COUNT(*) FROM comtrade_counted")
                    .await
                    .unwrap()
            ),
            count(
                &local
                    .collect("SELECT COUNT(*) FROM comtrade_counted")
                    .await
                    .unwrap()
            )
        );
    }
}

fn count(batches: &[arrow::array::RecordBatch]) -> i64 {
    use arrow::array::AsArray;
    batches[0]
        .column(0)
        .as_primitive::<arrow::datatypes::Int64Type>()
        .value(0)
}
