//! The briefing's product structure (HS sections, agri-food lens) from a dataset with a UN
//! Comtrade file, such as `dostyk trade fetch` writes. The values are constructed for the test.

use std::path::{Path, PathBuf};

use dostyk_reporting::i18n::Language;
use dostyk_reporting::render::Format;
use dostyk_reporting::{ReportOptions, run};

const COMTRADE: &str = "\
typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,partner2Code,classificationCode,cmdCode,customsCode,motCode,primaryValue
C,A,20230101,2023,52,2023,398,KAZ,X,860,UZB,0,H6,TOTAL,C00,0,3000000000
C,A,20230101,2023,52,2023,398,KAZ,X,860,UZB,0,H6,10,C00,0,600000000
C,A,20230101,2023,52,2023,398,KAZ,X,860,UZB,0,H6,27,C00,0,1500000000
C,A,20230101,2023,52,2023,398,KAZ,X,860,UZB,0,H6,72,C00,0,900000000
C,A,20230101,2023,52,2023,398,KAZ,M,860,UZB,0,H6,TOTAL,C00,0,1000000000
C,A,20230101,2023,52,2023,398,KAZ,M,860,UZB,0,H6,07,C00,0,300000000
C,A,20230101,2023,52,2023,398,KAZ,M,860,UZB,0,H6,52,C00,0,200000000
C,A,20230101,2023,52,2023,398,KAZ,M,860,UZB,0,H6,87,C00,0,500000000
C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H6,10,C00,0,100000000
";

const ENTRIES: &str = r#"
[[files]]
id = "comtrade"
kind = "trade.comtrade"
path = "trade/comtrade.csv"
sources = ["test-comtrade"]

[[sources]]
id = "test-comtrade"
publisher = "Test statistics division"
title = "Constructed Comtrade records for tests"
side = "third_party"
kind = "illustrative"
"#;

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini")
}

/// The mini dataset with `COMTRADE` added (or `csv` instead of it).
fn dataset(csv: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(mini()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir(dir.path().join("trade")).unwrap();
    std::fs::write(dir.path().join("trade/comtrade.csv"), csv).unwrap();
    let manifest = dir.path().join("dataset.toml");
    let text = std::fs::read_to_string(&manifest).unwrap() + ENTRIES;
    std::fs::write(manifest, text).unwrap();
    dir
}

fn report(data: &Path, out: &Path) -> Result<String, String> {
    run(&ReportOptions {
        data: data.to_path_buf(),
        out: out.to_path_buf(),
        languages: vec![Language::En],
        formats: vec![Format::Markdown],
        as_of: None,
        since: None,
    })
    .map_err(|e| e.to_string())?;
    Ok(std::fs::read_to_string(out.join("en/report.md")).unwrap())
}

#[test]
fn the_briefing_shows_the_hs_structure_and_the_agri_food_lens() {
    let data = dataset(COMTRADE);
    let out = tempfile::tempdir().unwrap();
    let md = report(data.path(), out.path()).unwrap();
    assert!(!md.contains("holds no product-level"), "{md}");
    assert!(
        md.contains("Trade by HS section, 2023, as each side declared it to UN Comtrade"),
        "{md}"
    );
    // KAZ exports 2023: V mineral products 1.5 of 3.0 bn = 50 %; II vegetable products 20 %.
    let section = |name: &str| {
        md.lines()
            .find(|l| l.contains("exports") && l.contains(name))
            .unwrap_or_else(|| panic!("no row for {name}: {md}"))
            .to_owned()
    };
    let v = section("Mineral products");
    assert!(v.contains("50"), "{v}");
    let ii = section("Vegetable products");
    assert!(ii.contains("20"), "{ii}");
    // The agri-food lens: exports 0.6 bn (20 %), imports 0.3 of 1.0 bn (30 %).
    // Markdown escapes the parentheses of the caption.
    assert!(
        md.contains(r"Agri-food trade \(HS chapters 01–24\), 2023"),
        "{md}"
    );
    let lens = md
        .lines()
        .skip_while(|l| !l.contains("Agri-food trade"))
        .filter(|l| l.starts_with('|'))
        .collect::<Vec<_>>();
    assert!(
        lens.iter()
            .any(|l| l.contains("imports") && l.contains("30")),
        "{lens:?}"
    );
    assert!(lens.iter().any(|l| l.contains("test-comtrade")), "{lens:?}");
}

#[test]
fn without_hs_rows_the_absence_is_stated() {
    let totals: String = COMTRADE
        .lines()
        .filter(|l| !l.contains(",H6,") || l.contains("TOTAL"))
        .flat_map(|l| [l, "\n"])
        .collect();
    let data = dataset(&totals);
    let out = tempfile::tempdir().unwrap();
    let md = report(data.path(), out.path()).unwrap();
    assert!(md.contains("holds no product-level"), "{md}");
}

#[test]
fn conflicting_comtrade_rows_are_refused_when_the_dataset_loads() {
    let conflicting =
        format!("{COMTRADE}C,A,20230101,2023,52,2023,398,KAZ,X,860,UZB,0,H6,10,C00,0,700000000\n");
    let data = dataset(&conflicting);
    let out = tempfile::tempdir().unwrap();
    let e = report(data.path(), out.path()).unwrap_err();
    assert!(e.contains("is given twice with different values"), "{e}");
}

#[test]
fn the_top_products_carry_share_and_growth() {
    let data = dataset(COMTRADE);
    let out = tempfile::tempdir().unwrap();
    let md = report(data.path(), out.path()).unwrap();
    let top: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.contains("Top products, 2023"))
        .filter(|l| l.starts_with("| Kazakhstan"))
        .take(6)
        .collect();
    // Exports: 27 (1.5 bn, 50 %), 72 (900 m, 30 %), 10 (600 m, 20 %, +500 % on 100 m in 2022).
    assert!(
        top[0].contains("| 27 ") && top[0].contains("50%"),
        "{top:?}"
    );
    assert!(
        top[2].contains("| 10 ") && top[2].contains("500%"),
        "{top:?}"
    );
    // No 2022 value for 72: no growth.
    assert!(
        top[1].contains("| 72 ") && top[1].ends_with("| – |"),
        "{top:?}"
    );
    assert!(top[3].contains("imports"), "{top:?}");
}

#[test]
fn the_mirror_table_sets_both_declarations_side_by_side() {
    // UZB declares importing 2.9 bn from KAZ in 2023 (CIF); KAZ declares exporting 3.0 bn.
    let both = format!(
        "{COMTRADE}C,A,20230101,2023,52,2023,860,UZB,M,398,KAZ,0,H6,TOTAL,C00,0,2900000000\n"
    );
    let data = dataset(&both);
    let out = tempfile::tempdir().unwrap();
    let md = report(data.path(), out.path()).unwrap();
    let row = md
        .lines()
        .find(|l| l.starts_with("| 2023 | Kazakhstan → Uzbekistan"))
        .unwrap_or_else(|| panic!("{md}"));
    // Gap (2.9 − 3.0) / 3.0 = −3.3 %; after 2.9 / 1.06 = 2.7358…: −8.8 %.
    assert!(row.contains("$3 bn") && row.contains("$2.9 bn"), "{row}");
    assert!(row.contains("-3.3%") || row.contains("−3.3%"), "{row}");
    assert!(row.contains("-8.8%") || row.contains("−8.8%"), "{row}");
}
