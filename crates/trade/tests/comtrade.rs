//! The Comtrade readers on the committed fixtures: all layouts, mixed files, double counting
//! and error messages.

// Test helpers unwrap: a panic with the error is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use dostyk_core_model::money::Currency;
use dostyk_trade::TradeError;
use dostyk_trade::aggregate::{Aggregator, Direction, FlowKey};
use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::{
    BreakdownRequest, ComtradeReader, Layout, ReadOptions, Row, SkipReason,
};
use dostyk_trade::flow::{Commodity, FlowCode, Level};
use rust_decimal_macros::dec;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A committed fixture, opened with the default options.
fn open(name: &str) -> ComtradeReader {
    ComtradeReader::open(data(name), ReadOptions::default()).unwrap()
}

fn read_all(name: &str, options: ReadOptions) -> Vec<Row> {
    ComtradeReader::open(data(name), options)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

fn flows(rows: &[Row]) -> Vec<&dostyk_trade::flow::TradeFlow> {
    rows.iter()
        .filter_map(|r| match r {
            Row::Flow(f) => Some(f),
            Row::Skipped(_) => None,
        })
        .collect()
}

const KAZ: M49Area = M49Area::from_m49(398);
const UZB: M49Area = M49Area::from_m49(860);

fn aggregate(files: &[&str]) -> Aggregator {
    let mut agg = Aggregator::new();
    for f in files {
        agg.add_all(ComtradeReader::open(data(f), ReadOptions::default()).unwrap())
            .unwrap();
    }
    agg
}

fn total(
    agg: &Aggregator,
    reporter: M49Area,
    partner: M49Area,
    period: &str,
    d: Direction,
) -> Option<rust_decimal::Decimal> {
    let key = FlowKey {
        reporter,
        partner,
        period: period.parse().unwrap(),
        direction: d,
    };
    agg.totals()
        .0
        .into_iter()
        .find(|t| t.key == key)
        .map(|t| t.value_usd)
}

#[test]
fn api_csv_rows_are_read_with_their_fields() {
    let reader = open("comtrade_api_kaz_uzb.csv");
    assert_eq!(reader.layout(), Layout::ApiCsv);
    let rows: Vec<Row> = reader.collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), 19);
    let f = flows(&rows);
    let first = f[0];
    assert_eq!(first.reporter, KAZ);
    assert_eq!(first.partner, UZB);
    assert_eq!(first.flow, FlowCode::Export);
    assert_eq!(first.period.to_string(), "2022");
    assert_eq!(first.commodity, Commodity::Total);
    assert_eq!(first.value_usd, dec!(3700000000.0));
    assert_eq!(first.fob_usd, Some(dec!(3700000000.0)));
    assert_eq!(first.cif_usd, None);
    assert_eq!(first.origin.line, 2);
    // Imports: primaryValue is the CIF value.
    assert_eq!(f[1].flow, FlowCode::Import);
    assert_eq!(f[1].cif_usd, Some(f[1].value_usd));
    // The HS6 wheat row keeps its leading digits, edition and weight.
    let wheat = f
        .iter()
        .find(|f| f.commodity.to_string() == "100199")
        .unwrap();
    assert_eq!(wheat.commodity.level(), Some(Level::Hs6));
    assert_eq!(wheat.net_weight_kg, Some(3_400_000_000.0));
    assert_eq!(wheat.quantity.as_ref().unwrap().unit.as_deref(), Some("kg"));
    // Re-exports are kept as RX, not dropped.
    assert!(f.iter().any(|f| f.flow == FlowCode::ReExport));
}

#[test]
fn breakdown_rows_are_skipped_unless_asked_for() {
    let rows = read_all("comtrade_api_kaz_uzb.csv", ReadOptions::default());
    let skipped: Vec<_> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Skipped(s) => Some(s),
            Row::Flow(_) => None,
        })
        .collect();
    assert_eq!(skipped.len(), 4);
    assert!(
        skipped
            .iter()
            .all(|s| matches!(s.reason, SkipReason::Breakdown { .. }))
    );
    let options = ReadOptions {
        breakdown: BreakdownRequest {
            mode_of_transport: true,
            ..BreakdownRequest::default()
        },
        ..ReadOptions::default()
    };
    let rows = read_all("comtrade_api_kaz_uzb.csv", options);
    let mot: Vec<_> = flows(&rows)
        .into_iter()
        .filter(|f| f.breakdown.mode_of_transport != 0)
        .collect();
    assert_eq!(mot.len(), 2);
    assert_eq!(mot[0].breakdown.mode_of_transport, 3100);
}

#[test]
fn totals_never_add_hs_rows_breakdowns_or_re_exports() {
    let agg = aggregate(&["comtrade_api_kaz_uzb.csv"]);
    // TOTAL 3.1bn; the HS rows (1.8bn + 0.85bn), breakdowns and re-exports are not added.
    assert_eq!(
        total(&agg, KAZ, UZB, "2023", Direction::Export),
        Some(dec!(3100000000.0))
    );
    let (_, skipped) = agg.totals();
    let reasons = &skipped[&(KAZ, UZB, "2023".parse().unwrap())];
    let finer: u64 = reasons
        .iter()
        .filter(|(r, _)| {
            matches!(
                r,
                SkipReason::FinerLevel {
                    used: Level::Total,
                    ..
                }
            )
        })
        .map(|(_, t)| t.rows)
        .sum();
    assert_eq!(finer, 5);
    assert!(reasons.contains_key(&SkipReason::NotInTurnover { flow: "RX".into() }));
    let breakdown: u64 = reasons
        .iter()
        .filter(|(r, _)| matches!(r, SkipReason::Breakdown { .. }))
        .map(|(_, t)| t.rows)
        .sum();
    assert_eq!(breakdown, 4);
    // World is its own partner.
    assert_eq!(
        total(&agg, KAZ, M49Area::WORLD, "2023", Direction::Export),
        Some(dec!(78000000000.0))
    );
}

#[test]
fn without_total_the_coarsest_hs_level_is_summed() {
    let text = std::fs::read_to_string(data("comtrade_api_kaz_uzb.csv")).unwrap();
    // Keep the header and the HS rows only.
    let kept: String = text
        .lines()
        .enumerate()
        .filter(|(i, l)| {
            *i == 0
                || (l.contains(",2023,")
                    && l.contains(",X,Export,")
                    && !l.contains(",TOTAL,All Commodities,"))
        })
        .fold(String::new(), |mut acc, (_, l)| {
            acc.push_str(l);
            acc.push('\n');
            acc
        });
    let mut agg = Aggregator::new();
    agg.add_all(
        ComtradeReader::from_reader(
            "hs-only.csv",
            std::io::Cursor::new(kept),
            ReadOptions::default(),
        )
        .unwrap(),
    )
    .unwrap();
    // Chapters 10 + 27 + 72 + 11; the HS6 wheat row is inside chapter 10.
    assert_eq!(
        total(&agg, KAZ, UZB, "2023", Direction::Export),
        Some(dec!(1800000000.0))
    );
    let key = FlowKey {
        reporter: KAZ,
        partner: UZB,
        period: "2023".parse().unwrap(),
        direction: Direction::Export,
    };
    let chapters = agg.commodities(&key, Level::Hs2);
    assert_eq!(chapters.len(), 4);
    assert_eq!(chapters[0].0.to_string(), "10");
}

#[test]
fn bulk_plain_and_gzip_and_both_legacy_headers() {
    let plain = open("comtrade_bulk_kaz_monthly.tsv");
    assert_eq!(plain.layout(), Layout::BulkTsv);
    let gz = open("comtrade_bulk_uzb_2023h1.txt.gz");
    assert_eq!(gz.layout(), Layout::BulkTsv);
    let human = open("comtrade_legacy_human_kaz_2017.csv");
    assert_eq!(human.layout(), Layout::LegacyHuman);
    let machine = open("comtrade_legacy_machine_uzb_2017.csv");
    assert_eq!(machine.layout(), Layout::LegacyMachine);

    let rows: Vec<Row> = gz.collect::<Result<_, _>>().unwrap();
    let f = flows(&rows);
    assert_eq!(f.len(), 12);
    assert_eq!(f[0].period.to_string(), "2023-01");
    assert_eq!(f[0].reporter, UZB);
    assert_eq!(f[0].cif_usd, Some(dec!(250000000)));

    let rows: Vec<Row> = machine.collect::<Result<_, _>>().unwrap();
    let f = flows(&rows);
    assert_eq!(f[0].flow, FlowCode::Import);
    assert_eq!(f[1].flow, FlowCode::Export);
    assert_eq!(f[2].flow, FlowCode::ReImport);
    assert_eq!(f[0].period.to_string(), "2017");
}

#[test]
fn mixed_files_add_up_by_reporter_partner_and_period() {
    let agg = aggregate(&[
        "comtrade_api_kaz_uzb.csv",
        "comtrade_bulk_kaz_monthly.tsv",
        "comtrade_bulk_uzb_2023h1.txt.gz",
        "comtrade_legacy_human_kaz_2017.csv",
        "comtrade_legacy_machine_uzb_2017.csv",
    ]);
    assert_eq!(
        total(&agg, KAZ, UZB, "2017", Direction::Import),
        Some(dec!(735200000))
    );
    assert_eq!(
        total(&agg, UZB, KAZ, "2017", Direction::Export),
        Some(dec!(700000000))
    );
    assert_eq!(
        total(&agg, KAZ, UZB, "2023-03", Direction::Export),
        Some(dec!(301300000))
    );
    assert_eq!(
        total(&agg, UZB, KAZ, "2023-06", Direction::Import),
        Some(dec!(216200000))
    );
    assert_eq!(
        total(&agg, KAZ, UZB, "2022", Direction::Export),
        Some(dec!(3700000000.0))
    );
}

#[test]
fn the_same_file_twice_is_reported_as_duplicates_not_summed() {
    let agg = aggregate(&[
        "comtrade_legacy_human_kaz_2017.csv",
        "comtrade_legacy_human_kaz_2017.csv",
    ]);
    assert_eq!(
        total(&agg, KAZ, UZB, "2017", Direction::Export),
        Some(dec!(1300000000))
    );
    let (_, skipped) = agg.totals();
    let reasons = &skipped[&(KAZ, UZB, "2017".parse().unwrap())];
    let dups: Vec<_> = reasons
        .iter()
        .filter(|(r, _)| matches!(r, SkipReason::Duplicate { .. }))
        .collect();
    assert_eq!(dups.iter().map(|(_, t)| t.rows).sum::<u64>(), 2);
    // Each copy names the place of the row it repeats, and its own place, as `Location`s.
    for (reason, tally) in dups {
        let SkipReason::Duplicate { first } = reason else {
            unreachable!()
        };
        assert!(first.path().ends_with("comtrade_legacy_human_kaz_2017.csv"));
        assert_eq!(tally.first.len(), 1);
        assert_eq!(tally.first[0].line_number(), first.line_number());
        assert!(
            reason.to_string().starts_with("same row already read at ")
                && reason.to_string().ends_with(&format!(
                    "comtrade_legacy_human_kaz_2017.csv, line {}",
                    first.line_number().unwrap()
                )),
            "{reason}"
        );
    }
}

#[test]
fn conflicting_values_for_one_flow_are_refused() {
    let mut agg = aggregate(&["comtrade_api_kaz_uzb.csv"]);
    let err = agg.add_all(open("conflict_kaz_2022.csv")).unwrap_err();
    let msg = err.to_string();
    let TradeError::ConflictingDuplicate(conflict) = err else {
        panic!("not a conflict: {msg}")
    };
    assert!(conflict.at.path().ends_with("conflict_kaz_2022.csv"));
    assert_eq!(conflict.at.line_number(), Some(2));
    assert!(conflict.first.path().ends_with("comtrade_api_kaz_uzb.csv"));
    assert_eq!(conflict.first.line_number(), Some(2));
    assert_eq!(conflict.value.currency, Currency::USD);
    assert_eq!(conflict.first_value.currency, Currency::USD);
    assert_ne!(conflict.value.amount, conflict.first_value.amount);
    assert!(
        msg.ends_with("; pass only one vintage of the data, or read the files separately"),
        "{msg}"
    );
    // The place of the second value opens the message, as in every read error.
    assert!(
        msg.starts_with(&format!("{}: the same flow (reporter KAZ", conflict.at)),
        "{msg}"
    );
    assert!(msg.contains("comtrade_api_kaz_uzb.csv, line 2"), "{msg}");
    assert!(msg.contains("3650000000.0 USD"), "{msg}");
}

#[test]
fn filter_is_pushed_into_the_reader() {
    let options = ReadOptions {
        reporters: vec![UZB],
        ..ReadOptions::default()
    };
    let mut reader = ComtradeReader::open(data("comtrade_api_kaz_uzb.csv"), options).unwrap();
    let rows: Vec<Row> = reader.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(reader.filtered_out(), 15);
}

#[test]
fn decimal_comma_names_file_line_and_column() {
    let err = open("bad_decimal_comma.csv")
        .collect::<Result<Vec<_>, _>>()
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("bad_decimal_comma.csv"), "{msg}");
    assert!(
        msg.contains("line 3, field \"primaryValue\": \"12,5\" is not a number"),
        "{msg}"
    );
}

#[test]
fn missing_columns_are_listed() {
    let err =
        ComtradeReader::open(data("bad_missing_columns.csv"), ReadOptions::default()).unwrap_err();
    let TradeError::Read(read) = &err else {
        panic!("expected a read error, got {err:?}")
    };
    assert_eq!(read.location().line_number(), Some(1));
    let msg = err.to_string();
    assert!(msg.contains("bad_missing_columns.csv, line 1: "), "{msg}");
    assert!(
        msg.contains(
            "the header lacks the columns partnerCode (or ptCode, Partner Code), primaryValue"
        ),
        "{msg}"
    );
}

#[test]
fn unknown_flow_code_is_an_error_with_the_expected_codes() {
    let err = open("bad_flow_code.csv")
        .collect::<Result<Vec<_>, _>>()
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("line 2, field \"flowCode\": \"Q\" is not a Comtrade flow code"),
        "{msg}"
    );
    assert!(msg.contains("RX"), "{msg}");
}

#[test]
fn other_comtrade_flow_codes_are_kept_and_reported() {
    let text = std::fs::read_to_string(data("comtrade_api_kaz_uzb.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let row = lines
        .next()
        .unwrap()
        .replace(",X,Export,", ",DX,Domestic Export,");
    let input = format!("{header}\n{row}\n");
    let rows: Vec<Row> = read_text("dx.csv", input);
    let f = flows(&rows);
    assert_eq!(f[0].flow, FlowCode::Other("DX".into()));
    let mut agg = Aggregator::new();
    agg.add(f[0]).unwrap();
    let (totals, skipped) = agg.totals();
    assert!(totals.is_empty());
    assert!(
        skipped[&(KAZ, UZB, "2022".parse().unwrap())]
            .contains_key(&SkipReason::NotInTurnover { flow: "DX".into() })
    );
}

#[test]
fn columns_in_another_order_and_case() {
    let input = "PRIMARYVALUE;ignored,cmdcode,Period,flowcode,PARTNERCODE,reporterCODE\n";
    // A header with a stray column name and fields in a different order.
    let input = input.replace(";ignored", ",note") + "\"1,5\",n,TOTAL,2023,M,860,398\n";
    let err = ComtradeReader::from_reader(
        "order.csv",
        std::io::Cursor::new(input.clone()),
        ReadOptions::default(),
    )
    .unwrap()
    .collect::<Result<Vec<_>, _>>()
    .unwrap_err();
    // The value column is first; the comma inside it is refused, not split.
    assert!(
        err.to_string().contains("field \"PRIMARYVALUE\": \"1,5\""),
        "{err}"
    );
    let input = input.replace("\"1,5\"", "1.5");
    let rows: Vec<Row> = read_text("order.csv", input);
    assert_eq!(flows(&rows)[0].value_usd, dec!(1.5));
}

/// Every row of a small in-memory file, which must read without error.
fn read_text(name: &str, input: impl Into<Vec<u8>>) -> Vec<Row> {
    ComtradeReader::from_reader(
        name,
        std::io::Cursor::new(input.into()),
        ReadOptions::default(),
    )
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The first error of a small in-memory file.
fn first_error(input: &str) -> String {
    ComtradeReader::from_reader(
        "edited.csv",
        std::io::Cursor::new(input.to_owned()),
        ReadOptions::default(),
    )
    .unwrap()
    .collect::<Result<Vec<_>, _>>()
    .unwrap_err()
    .to_string()
}

const HEADER: &str = "refPeriodId,refYear,refMonth,period,reporterCode,partnerCode,flowCode,cmdCode,netWgt,cifvalue,fobvalue,primaryValue";

#[test]
fn negative_values_and_weights_are_refused() {
    for (row, column) in [
        (
            "20220101,2022,52,2022,398,860,X,TOTAL,,,,-5",
            "primaryValue",
        ),
        ("20220101,2022,52,2022,398,860,X,TOTAL,,,-5,5", "fobvalue"),
        ("20220101,2022,52,2022,398,860,X,TOTAL,-1.5,,,5", "netWgt"),
    ] {
        let msg = first_error(&format!("{HEADER}\n{row}\n"));
        assert!(
            msg.contains(&format!("edited.csv, line 2, field \"{column}\":"))
                && msg.contains("is negative"),
            "{msg}"
        );
    }
    let msg = first_error(&format!(
        "{HEADER}\n20220101,2022,52,2022,398,860,X,TOTAL,,,,1000000000000000.01\n"
    ));
    assert!(
        msg.contains("field \"primaryValue\":") && msg.contains("is larger than 10^15 US dollars"),
        "{msg}"
    );
    // Zero, and a negative zero, are values.
    let rows: Vec<Row> = read_text(
        "zero.csv",
        format!("{HEADER}\n20220101,2022,52,2022,398,860,X,TOTAL,0,,-0,0\n"),
    );
    assert_eq!(flows(&rows).len(), 1);
}

#[test]
fn period_columns_that_disagree_are_refused() {
    let msg = first_error(&format!(
        "{HEADER}\n20221301,2022,52,2022,398,860,X,TOTAL,,,,5\n"
    ));
    assert!(
        msg.contains("line 2, field \"refPeriodId\": \"20221301\" is not the first day of the row's period 2022; expected 20220101"),
        "{msg}"
    );
    let msg = first_error(&format!(
        "{HEADER}\n20221101,2022,11,202311,398,860,X,TOTAL,,,,5\n"
    ));
    assert!(
        msg.contains("field \"period\": \"202311\" does not agree with refYear and refMonth, which give 2022-11; expected 202211"),
        "{msg}"
    );
    // The check holds on every row, not only the first of a run of equal periods.
    let msg = first_error(&format!(
        "{HEADER}\n20220101,2022,52,2022,398,860,X,TOTAL,,,,5\n20220101,2022,52,2022,398,860,M,TOTAL,,,,5\n20221301,2022,52,2022,860,398,X,TOTAL,,,,5\n"
    ));
    assert!(
        msg.contains("line 4, field \"refPeriodId\": \"20221301\""),
        "{msg}"
    );
    // A monthly row whose three period columns agree is read.
    let input = format!("{HEADER}\n20221101,2022,11,202211,398,860,X,TOTAL,,,,5\n");
    let rows: Vec<Row> = read_text("ok.csv", input);
    assert_eq!(flows(&rows)[0].period.to_string(), "2022-11");
}

#[test]
fn unknown_area_codes_are_refused_and_comtrade_codes_are_not() {
    let msg = first_error(&format!(
        "{HEADER}\n20220101,2022,52,2022,999,860,X,TOTAL,,,,5\n"
    ));
    assert!(
        msg.contains(
            "line 2, field \"reporterCode\": \"999\" is not a country or area code Comtrade uses"
        ),
        "{msg}"
    );
    let msg = first_error(&format!(
        "{HEADER}\n20220101,2022,52,2022,398,1,X,TOTAL,,,,5\n"
    ));
    assert!(msg.contains("field \"partnerCode\": \"1\""), "{msg}");
    // Comtrade's own codes: World, Areas nes, USA 842, Fmr USSR.
    for partner in [0, 899, 842, 810] {
        let input = format!("{HEADER}\n20220101,2022,52,2022,398,{partner},X,TOTAL,,,,5\n");
        let rows: Vec<Row> = read_text("ok.csv", input);
        assert_eq!(flows(&rows).len(), 1, "partner {partner}");
    }
}

#[test]
fn a_cut_short_gzip_file_says_so_and_where() {
    use std::fmt::Write as _;
    use std::io::Write as _;
    let mut text = String::from(HEADER);
    text.push('\n');
    for year in 1995..2025 {
        let _ = writeln!(
            text,
            "{year}0101,{year},52,{year},398,860,X,TOTAL,,,,{year}000"
        );
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let whole: Vec<Row> = read_text("ok.csv.gz", bytes.clone());
    assert_eq!(flows(&whole).len(), 30);
    let cut = bytes[..bytes.len() - 12].to_vec();
    let err = match ComtradeReader::from_reader(
        "cut.csv.gz",
        std::io::Cursor::new(cut),
        ReadOptions::default(),
    ) {
        Ok(reader) => reader.collect::<Result<Vec<_>, _>>().unwrap_err(),
        Err(e) => e,
    };
    assert!(matches!(err, TradeError::Unreadable { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("the gzip file is cut short or corrupt; download or compress it again"),
        "{err}"
    );
}

#[test]
fn short_rows_and_unclosed_quotes_are_errors() {
    let input = "reporterCode,partnerCode,flowCode,period,cmdCode,primaryValue\n398,860,X\n";
    let err = ComtradeReader::from_reader(
        "short.csv",
        std::io::Cursor::new(input),
        ReadOptions::default(),
    )
    .unwrap()
    .next()
    .unwrap()
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("short.csv, line 2: the row has 3 field(s) but the header has 6"),
        "{err}"
    );
    let input =
        "reporterCode,partnerCode,flowCode,period,cmdCode,primaryValue\n398,860,X,2023,TOTAL,\"5\n";
    let err = ComtradeReader::from_reader(
        "open.csv",
        std::io::Cursor::new(input),
        ReadOptions::default(),
    )
    .unwrap()
    .next()
    .unwrap()
    .unwrap_err();
    assert!(err.to_string().contains("never closed"), "{err}");
}

#[test]
fn empty_files_and_broken_headers() {
    let err = ComtradeReader::from_reader(
        "empty.csv",
        std::io::Cursor::new(""),
        ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("empty.csv: the file is empty"),
        "{err}"
    );
    let err = ComtradeReader::from_reader(
        "q.csv",
        std::io::Cursor::new("\"reporterCode,x\n"),
        ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("q.csv, line 1: a quoted column name is never closed"),
        "{err}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn reader_never_panics_on_arbitrary_bytes(body in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let mut input = b"reporterCode,partnerCode,flowCode,period,cmdCode,primaryValue,motCode,customsCode\n".to_vec();
        input.extend_from_slice(&body);
        if let Ok(reader) = ComtradeReader::from_reader("fuzz.csv", std::io::Cursor::new(input), ReadOptions::default()) {
            for row in reader {
                if row.is_err() { break; }
            }
        }
    }

    #[test]
    fn reader_never_panics_on_arbitrary_headers(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
        if let Ok(reader) = ComtradeReader::from_reader("fuzz.csv", std::io::Cursor::new(bytes), ReadOptions::default()) {
            for row in reader {
                if row.is_err() { break; }
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Rows written in any of the layouts read back to the same sums: exports and imports per
    /// reporter, partner and year, and turnover = exports + imports.
    #[test]
    fn written_rows_read_back_to_their_sums(
        rows in proptest::collection::btree_map(
            (0usize..2, 0usize..2, 2020i32..2023, 0usize..2, 1u32..50),
            (0i64..10_000_000_000, 0u32..3),
            1..40,
        ),
        layout in 0usize..3,
    ) {
        use std::collections::BTreeMap;
        use rust_decimal::Decimal;
        let areas = [398u16, 860];
        let mut text = match layout {
            0 => "reporterCode,partnerCode,flowCode,refYear,refMonth,period,classificationCode,cmdCode,partner2Code,motCode,customsCode,primaryValue,cmdDesc\n".to_owned(),
            1 => "datasetCode\treporterCode\tflowCode\tpartnerCode\tpartner2Code\trefYear\trefMonth\tperiod\tclassificationCode\tcmdCode\tcustomsCode\tmotCode\tprimaryValue\n".to_owned(),
            _ => "Classification,Year,Period,Trade Flow Code,Reporter Code,Partner Code,Commodity Code,Commodity,Trade Value (US$)\n".to_owned(),
        };
        let mut expected: BTreeMap<(u16, u16, i32, &str), Decimal> = BTreeMap::new();
        for ((r, p, year, f, code), (m, s)) in &rows {
            // Reporter KAZ or UZB; partner the other one, or World.
            let (r, p) = (areas[*r], if *p == 0 { areas[1 - *r] } else { 0 });
            let value = Decimal::new(*m, *s);
            let flow = ["X", "M"][*f];
            let hs = format!("{:04}{:02}", 1000 + code, code % 100);
            *expected.entry((r, p, *year, flow)).or_default() += value;
            let line = match layout {
                0 => format!("{r},{p},{flow},{year},52,{year},H6,{hs},0,0,C00,{value},\"Goods, {hs}\"\n"),
                1 => format!("ds\t{r}\t{flow}\t{p}\t0\t{year}\t52\t{year}\tH6\t{hs}\tC00\t0\t{value}\n"),
                _ => format!("H6,{year},{year},{},{r},{p},{hs},\"Goods, {hs}\",{value}\n", if flow == "M" { 1 } else { 2 }),
            };
            text.push_str(&line);
        }
        let mut agg = Aggregator::new();
        agg.add_all(ComtradeReader::from_reader("prop.csv", std::io::Cursor::new(text), ReadOptions::default()).unwrap()).unwrap();
        let (totals, _) = agg.totals();
        proptest::prop_assert_eq!(totals.len(), expected.len());
        for t in &totals {
            let flow = match t.key.direction { Direction::Export => "X", Direction::Import => "M" };
            let key = (t.key.reporter.m49(), t.key.partner.m49(), t.key.period.calendar_year(), flow);
            proptest::prop_assert_eq!(Some(&t.value_usd), expected.get(&key));
        }
        for r in dostyk_trade::turnover::by_period(&totals) {
            if let (Some(x), Some(m)) = (r.turnover.exports_usd, r.turnover.imports_usd) {
                proptest::prop_assert_eq!(r.turnover.turnover_usd(), Some(x + m));
            }
        }
    }
}

/// Every row of a fixture after `edit`, read from memory, as `(line, row)` pairs.
fn rows_with_lines(name: &str, edit: impl Fn(&[u8]) -> Vec<u8>) -> Vec<(u64, Row)> {
    let bytes = edit(&std::fs::read(data(name)).unwrap());
    ComtradeReader::from_reader(name, std::io::Cursor::new(bytes), ReadOptions::default())
        .unwrap()
        .map(|row| {
            let row = row.unwrap();
            let line = match &row {
                Row::Flow(f) => f.origin.line,
                Row::Skipped(s) => s.origin.line,
            };
            (line, row)
        })
        .collect()
}

/// The same row without where it was read, to compare files with different line ends.
fn without_origin(rows: &[(u64, Row)]) -> Vec<String> {
    rows.iter()
        .map(|(_, row)| match row {
            Row::Flow(f) => format!(
                "{:?}",
                (
                    f.reporter,
                    f.partner,
                    &f.flow,
                    f.period,
                    &f.commodity,
                    f.value_usd
                )
            ),
            Row::Skipped(s) => format!(
                "{:?}",
                (s.reporter, s.partner, &s.flow, s.period, &s.reason)
            ),
        })
        .collect()
}

#[test]
fn cr_only_and_crlf_files_read_as_the_lf_file_in_every_layout() {
    // Issue #21: a file whose lines end in a lone CR (`tr '\n' '\r'`) was one long header line
    // and read as empty.
    for name in [
        "comtrade_api_kaz_uzb.csv",
        "comtrade_bulk_kaz_monthly.tsv",
        "comtrade_legacy_human_kaz_2017.csv",
        "comtrade_legacy_machine_uzb_2017.csv",
    ] {
        let lf = rows_with_lines(name, <[u8]>::to_vec);
        assert!(!lf.is_empty(), "{name}");
        let cr = rows_with_lines(name, |b| {
            b.iter()
                .map(|&c| if c == b'\n' { b'\r' } else { c })
                .collect()
        });
        let crlf = rows_with_lines(name, |b| {
            b.iter()
                .flat_map(|&c| {
                    if c == b'\n' {
                        vec![b'\r', b'\n']
                    } else {
                        vec![c]
                    }
                })
                .collect()
        });
        for (ends, rows) in [("CR", &cr), ("CRLF", &crlf)] {
            assert_eq!(
                without_origin(rows),
                without_origin(&lf),
                "{name} with {ends}"
            );
            let lines = |r: &[(u64, Row)]| r.iter().map(|(l, _)| *l).collect::<Vec<_>>();
            assert_eq!(lines(rows), lines(&lf), "{name} with {ends}: line numbers");
        }
    }
}

#[test]
fn a_cr_only_file_names_the_line_of_a_bad_cell() {
    let input = format!(
        "{HEADER}\r20220101,2022,52,2022,398,860,X,TOTAL,,,,5\r20220101,2022,52,2022,398,860,M,TOTAL,,,,12,5\r"
    );
    let e = first_error(&input.replace("12,5", "\"12,5\""));
    assert!(
        e.starts_with("edited.csv, line 3, field \"primaryValue\": \"12,5\" is not a number"),
        "{e}"
    );
}

/// 3 GiB of zero bytes without a line end, gzip-compressed as 768 concatenated members of
/// 4 MiB (gzip readers read on across members), about the 14 MB of the issue's
/// `head -c 3G /dev/zero | gzip -1`, made in milliseconds.
fn gzip_zeros() -> Vec<u8> {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&vec![0u8; 4 << 20]).unwrap();
    let member = gz.finish().unwrap();
    member.repeat(768)
}

/// A reader that counts the bytes read from it.
struct Counting(
    std::io::Cursor<Vec<u8>>,
    std::sync::Arc<std::sync::atomic::AtomicU64>,
);
impl std::io::Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        self.1
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

#[test]
fn a_line_without_end_is_refused_at_the_limit_not_buffered() {
    // Issue #21: `head -c 3G /dev/zero | gzip -1` aborted with a 4 GiB allocation failure.
    // The stream here never ends: the reader must stop at the limit, having read about 1 MiB.
    let compressed = gzip_zeros();
    let counted = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let e = ComtradeReader::from_reader(
        "b.txt.gz",
        Counting(std::io::Cursor::new(compressed.clone()), counted.clone()),
        ReadOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "b.txt.gz, line 1: the row is longer than 1048576 bytes (1 MiB), the most a row may hold (a Comtrade row has a few hundred bytes); the file has no line end here: check that it is a Comtrade CSV or TSV file and not a binary or damaged one"
    );
    let read = counted.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        read < 1 << 20,
        "the reader read {read} of {} compressed bytes",
        compressed.len()
    );

    // After a good header and row, on a later line.
    let mut text = format!("{HEADER}\n20220101,2022,52,2022,398,860,X,TOTAL,,,,5\n").into_bytes();
    text.extend(std::iter::repeat_n(
        b'7',
        dostyk_trade::comtrade::MAX_ROW_BYTES + 1,
    ));
    let mut reader = ComtradeReader::from_reader(
        "long.csv",
        std::io::Cursor::new(text),
        ReadOptions::default(),
    )
    .unwrap();
    assert!(reader.next().unwrap().is_ok());
    let e = reader.next().unwrap().unwrap_err().to_string();
    assert!(
        e.starts_with("long.csv, line 3: the row is longer than 1048576 bytes"),
        "{e}"
    );
    assert!(reader.next().is_none());

    // A quote never closed runs over lines until the limit, and says so.
    let mut text = format!("{HEADER}\n20220101,2022,52,2022,398,860,X,\"TOTAL,,,,5\n").into_bytes();
    while text.len() <= dostyk_trade::comtrade::MAX_ROW_BYTES + 100 {
        text.extend_from_slice(b"20220101,2022,52,2022,398,860,X,TOTAL,,,,5\n");
    }
    let e = ComtradeReader::from_reader(
        "quote.csv",
        std::io::Cursor::new(text),
        ReadOptions::default(),
    )
    .unwrap()
    .collect::<Result<Vec<_>, _>>()
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("quote.csv, line 2: a quoted field opened on this line is not closed within 1048576 bytes"), "{e}");
}

#[test]
fn utf16_files_are_named_as_utf16() {
    for (bom, order) in [
        ([0xFF, 0xFE], "little-endian"),
        ([0xFE, 0xFF], "big-endian"),
    ] {
        let mut bytes = bom.to_vec();
        for unit in format!("{HEADER}\n").encode_utf16() {
            let b = if order == "little-endian" {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&b);
        }
        let e = ComtradeReader::from_reader(
            "u16.csv",
            std::io::Cursor::new(bytes),
            ReadOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(&format!("u16.csv: the text is UTF-16 ({order}")),
            "{e}"
        );
        assert!(e.contains("save the file as UTF-8"), "{e}");
    }
}

#[test]
fn numbers_beyond_any_value_are_out_of_range_not_not_a_number() {
    for (value, column, says) in [
        (
            "1e400",
            "primaryValue",
            "is out of range: the largest value accepted is 10^15 US dollars",
        ),
        (
            "79228162514264337593543950336",
            "cifvalue",
            "is out of range: the largest value accepted is 10^15 US dollars",
        ),
        (
            "1e400",
            "netWgt",
            "is out of range: the largest number accepted is about 1.8e308",
        ),
    ] {
        let mut cells = vec![
            "20220101", "2022", "52", "2022", "398", "860", "X", "TOTAL", "", "", "", "5",
        ];
        let at = HEADER.split(',').position(|c| c == column).unwrap();
        cells[at] = value;
        let e = first_error(&format!("{HEADER}\n{}\n", cells.join(",")));
        assert!(
            e.starts_with(&format!(
                "edited.csv, line 2, field \"{column}\": \"{value}\" {says}"
            )),
            "{e}"
        );
    }
    // 1e308 kg is a number (absurd, but weights are not added up); Decimal::MAX US dollars is
    // over the 10^15 limit.
    let rows = read_text(
        "w.csv",
        format!("{HEADER}\n20220101,2022,52,2022,398,860,X,TOTAL,1e308,,,5\n"),
    );
    assert_eq!(flows(&rows)[0].net_weight_kg, Some(1e308));
    let e = first_error(&format!(
        "{HEADER}\n20220101,2022,52,2022,398,860,X,TOTAL,,,,{}\n",
        rust_decimal::Decimal::MAX
    ));
    assert!(e.contains("is larger than 10^15 US dollars"), "{e}");
}

#[test]
fn control_characters_in_a_cell_are_escaped_in_messages() {
    let e = first_error(&format!(
        "{HEADER}\n20220101,2022,52,2022,398,860,X\u{0}\u{1b}[2J,TOTAL,,,,5\n"
    ));
    assert!(
        e.contains("field \"flowCode\": \"X\\u{0}\\u{1b}[2J\" is not a Comtrade flow code"),
        "{e}"
    );
    assert!(!e.chars().any(char::is_control), "{e:?}");
}
