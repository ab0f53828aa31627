//! Ballista standalone (a scheduler and an executor in this process) gives the same answer as
//! local DataFusion, over Comtrade files and over their Parquet conversion.

#![cfg(feature = "ballista")]

mod common;

use common::{SUMMARY_QUERY, good_fixtures, sql_totals, summary_totals};
use dostyk_trade_datafusion::{
    AtomicFiles, ComtradeSession, ConvertOptions, Inputs, TableOptions, convert, session_config,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ballista_standalone_equals_local_datafusion() {
    let files = good_fixtures();
    let expected = summary_totals(&files);
    let inputs = Inputs::Comtrade(files.clone());
    let local = ComtradeSession::open(&inputs, TableOptions::default(), session_config(Some(2)))
        .await
        .unwrap();
    let local_totals = sql_totals(&local.collect(SUMMARY_QUERY).await.unwrap());
    assert_eq!(local_totals, expected);

    let remote = dostyk_trade_datafusion::ballista::session(
        &inputs,
        TableOptions::default(),
        session_config(Some(2)),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        sql_totals(&remote.collect(SUMMARY_QUERY).await.unwrap()),
        expected
    );

    let dir = tempfile::tempdir().unwrap();
    convert(
        &files,
        dir.path(),
        ConvertOptions::default(),
        &mut AtomicFiles,
    )
    .unwrap();
    let parquet = dostyk_trade_datafusion::ballista::session(
        &Inputs::Parquet(vec![dir.path().to_path_buf()]),
        TableOptions::default(),
        session_config(Some(2)),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        sql_totals(&parquet.collect(SUMMARY_QUERY).await.unwrap()),
        expected
    );
}
