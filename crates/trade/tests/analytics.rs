//! Turnover, year-to-date growth and target tracking on the committed fixtures.

// Test helpers unwrap: a panic with the error is the failure report.
#![allow(clippy::unwrap_used)]

use dostyk_core_model::period::YearToDate;
use dostyk_core_model::provenance::ReportingSide;
use dostyk_trade::aggregate::{Direction, FlowKey};
use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::ReadOptions;
use dostyk_trade::flow::Level;
use dostyk_trade::summary::read_files;
use dostyk_trade::target::{TargetUsd, annual_history, side_progress};
use dostyk_trade::turnover::{TurnoverSeries, agri_food_lens, top_products};
use rust_decimal_macros::dec;

#[test]
fn kazakh_year_to_date_2023_against_2022() {
    let agg = read_files(
        &["tests/data/comtrade_bulk_kaz_monthly.tsv"],
        &ReadOptions::default(),
    )
    .unwrap();
    let (totals, _) = agg.totals();
    let kaz = M49Area::from_code("KAZ").unwrap();
    let uzb = M49Area::from_code("UZB").unwrap();
    let s = TurnoverSeries::new(&totals, kaz, uzb);
    // Q1 2023 is the published Finprom figure: exports 821.3m, imports 248.9m.
    let q1 = s.quarter(2023, 1).unwrap();
    assert_eq!(q1.exports_usd, Some(dec!(821300000)));
    assert_eq!(q1.imports_usd, Some(dec!(248900000)));
    assert_eq!(q1.turnover_usd(), Some(dec!(1070200000)));
    // 2023 Jan–Nov against 2022 Jan–Nov (sums of the constructed months).
    let c = s
        .year_to_date_comparison(YearToDate::new(2023, 11).unwrap())
        .unwrap();
    assert_eq!(c.current.exports_usd, Some(dec!(2761300000)));
    assert_eq!(c.previous.exports_usd, Some(dec!(3350000000)));
    assert_eq!(c.current.imports_usd, Some(dec!(1104900000)));
    assert_eq!(c.previous.imports_usd, Some(dec!(1180000000)));
    // (3866.2 / 4530 - 1) × 100 = -14.6534...
    assert_eq!(c.turnover_growth_pct().unwrap().round_dp(4), dec!(-14.6534));
    // 2022 is complete by months; 2023 is not.
    assert_eq!(s.year(2022).unwrap().exports_usd, Some(dec!(3700000000)));
    assert!(s.year(2023).is_err());
}

#[test]
fn products_and_agri_lens_from_hs_rows() {
    let agg = read_files(
        &["tests/data/comtrade_api_kaz_uzb.csv"],
        &ReadOptions::default(),
    )
    .unwrap();
    let key = FlowKey {
        reporter: M49Area::from_code("KAZ").unwrap(),
        partner: M49Area::from_code("UZB").unwrap(),
        period: "2023".parse().unwrap(),
        direction: Direction::Export,
    };
    let chapters = agg.commodities(&key, Level::Hs2);
    let top = top_products(&chapters, &[], dec!(3100000000), 3);
    assert_eq!(top[0].code.to_string(), "10");
    // 900m of the 3.1bn total.
    assert_eq!(top[0].share_pct.unwrap().round_dp(2), dec!(29.03));
    let lens = agri_food_lens(&chapters);
    assert_eq!(lens.agri_food_usd, dec!(1050000000));
    // The same lens straight from the aggregate (HS2 is its coarsest HS level).
    assert_eq!(agg.agri_food_lens(&key), Some(lens));
    let imports = FlowKey {
        direction: Direction::Import,
        ..key
    };
    assert_eq!(agg.agri_food_lens(&imports), None);
}

#[test]
fn progress_to_ten_billion_from_the_kazakh_side() {
    let agg = read_files(
        &["tests/data/comtrade_api_kaz_uzb.csv"],
        &ReadOptions::default(),
    )
    .unwrap();
    let (totals, _) = agg.totals();
    let s = TurnoverSeries::new(
        &totals,
        M49Area::from_code("KAZ").unwrap(),
        M49Area::from_code("UZB").unwrap(),
    );
    let history = annual_history(&s, 2020..=2025);
    assert_eq!(
        history,
        vec![(2022, dec!(5000000000)), (2023, dec!(4400000000))]
    );
    let target = TargetUsd {
        value_usd: dec!(10000000000),
        year: 2030,
    };
    let p = side_progress(ReportingSide::Kazakhstan, target, &history, 1).unwrap();
    assert_eq!(p.progress_pct, Some(dec!(44)));
    // (10 / 4.4)^(1/7) - 1 = 12.44 %
    assert_eq!(
        p.required_cagr.unwrap().round_dp(3),
        rust_decimal::Decimal::new(124, 3)
    );
    assert_eq!(p.reached.unwrap().to_string(), "not before 2050");
}

#[test]
fn national_figures_against_the_comtrade_fixture() {
    use dostyk_core_model::period::Span;
    use dostyk_trade::national::{NationalFlow, read_national};
    let figures = read_national("tests/data/national_kz_uz.csv").unwrap();
    assert_eq!(figures.len(), 12);
    // Published Jan-Jun 2023 UZ imports from KZ against the monthly bulk fixture (built to match).
    let uz_import = figures
        .iter()
        .find(|f| {
            f.side == Some(ReportingSide::Uzbekistan)
                && f.flow == NationalFlow::Import
                && f.period.to_string() == "2023-YTD06"
        })
        .unwrap();
    assert_eq!(uz_import.value_usd, dec!(1496200000.0));
    let agg = read_files(
        &["tests/data/comtrade_bulk_uzb_2023h1.txt.gz"],
        &ReadOptions::default(),
    )
    .unwrap();
    let (totals, _) = agg.totals();
    let s = TurnoverSeries::new(
        &totals,
        M49Area::from_code("UZB").unwrap(),
        M49Area::from_code("KAZ").unwrap(),
    );
    let Span::YearToDate(span) = uz_import.period else {
        panic!("a year-to-date span")
    };
    assert_eq!(
        s.year_to_date(span).unwrap().imports_usd,
        Some(uz_import.value_usd)
    );
    // The KZ 2023 turnover is the sum of its published exports and imports.
    let kz: Vec<_> = figures
        .iter()
        .filter(|f| f.period.to_string() == "2023")
        .collect();
    assert_eq!(kz[0].value_usd, kz[1].value_usd + kz[2].value_usd);
}
