//! The audit of issue #20 on the bundled dataset `data/kz-uz`: each fix stays fixed (the right
//! page cited, no false conflict, the missing statements present, undated sources dated), and
//! every amount of the seed article is in the dataset with a source of the article's date.

mod dataset_check;

use std::path::Path;

use dataset_check::{
    Row, bundled_agenda as agenda, bundled_dir as dir, bundled_rows as rows, field_text as text,
    manifest, required_items as items,
};
use dostyk_core_model::dataset::Manifest;
use dostyk_core_model::provenance::SourceId;

fn sources_of(item: &toml::Table) -> Vec<&str> {
    item.get("sources")
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_str).collect())
        .unwrap_or_default()
}

/// The address of source `id`; panics naming `what` when it is not listed.
fn url<'m>(m: &'m Manifest, id: &str, what: &str) -> &'m str {
    let sid = SourceId::new(id).unwrap_or_else(|e| panic!("{what}: {e}"));
    m.source(&sid)
        .unwrap_or_else(|| panic!("{what}: source \"{id}\" is not in dataset.toml"))
        .url
        .as_deref()
        .unwrap_or("")
}

/// The rows matching every `(column, value)` pair.
fn matching<'a>(rows: &'a [Row], want: &[(&str, &str)]) -> Vec<&'a Row> {
    rows.iter()
        .filter(|r| want.iter().all(|(c, v)| r.get(c) == *v))
        .collect()
}

/// The one row matching `want`; panics naming the file when there is none or more than one.
fn the_row<'a>(file: &str, rows: &'a [Row], want: &[(&str, &str)]) -> &'a Row {
    let found = matching(rows, want);
    assert_eq!(found.len(), 1, "{file}: {} rows with {want:?}", found.len());
    found[0]
}

/// Defect 1: the 4.24 km³ total of the 2023–24 non-growing season is on the Central Asian Light
/// page, not in the Astana Times report of the 85th ICWC meeting.
#[test]
fn the_2023_24_limits_total_cites_the_page_that_has_it() {
    let m = manifest(&dir());
    let facts = rows("water/syr_darya_facts.csv");
    let r = the_row(
        "water/syr_darya_facts.csv",
        &facts,
        &[
            ("period", "non-growing-2023-24"),
            ("indicator", "syr-darya-limits-total"),
        ],
    );
    assert_eq!(r.get("value"), "4.24");
    assert!(
        url(&m, r.get("source_id"), "4.24 km3").contains("centralasianlight.org"),
        "the 4.24 km3 total cites {}",
        r.get("source_id")
    );
    let limits = rows("water/limits.csv");
    let r = the_row(
        "water/limits.csv",
        &limits,
        &[("country", "KAZ"), ("season", "non-growing-2023-24")],
    );
    assert!(
        r.get("note").contains("4.24 km3 (centralasianlight"),
        "the Dostyk 2023-24 note names the page with the total: {}",
        r.get("note")
    );
}

/// Defect 2: Kazakhstan's 13 Mt of rail exports to Uzbekistan in 2025 (+8.5%) are only on the
/// Qazinform page of KTZ's figures (2026-01-26).
#[test]
fn the_13_mt_rail_exports_cite_the_ktz_page() {
    let m = manifest(&dir());
    let freight = rows("transit/freight.csv");
    let r = the_row(
        "transit/freight.csv",
        &freight,
        &[("period", "2025"), ("direction", "export")],
    );
    assert_eq!(r.get("tonnes"), "13000000");
    assert!(url(&m, r.get("source_id"), "freight 13 Mt").contains("kazakhstans-grain"));
    let bilateral = rows("transit/rail_freight_bilateral.csv");
    let r = the_row(
        "transit/rail_freight_bilateral.csv",
        &bilateral,
        &[("period", "2025"), ("indicator", "rail-freight-kz-to-uz")],
    );
    assert_eq!(r.get("value"), "13");
    assert!(url(&m, r.get("source_id"), "bilateral 13 Mt").contains("kazakhstans-grain"));
    // The ledger row of the Astana Times page no longer puts the 13 Mt in its words.
    let ledger = rows("trade/statements.csv");
    for r in matching(
        &ledger,
        &[("source_id", "astanatimes-2026-02-17-target-higher")],
    ) {
        assert!(!r.get("wording").contains("13 Mt"), "line {}", r.line);
    }
}

/// Defect 3: 55 Mt is Kazakhstan's overall transit target; the KZ–UZ rail freight targets are
/// 60 Mt only, so no false conflict remains.
#[test]
fn the_55_mt_transit_target_is_not_a_kz_uz_rail_target() {
    let doc = agenda();
    let rail: Vec<&toml::Table> = items(&doc, "targets")
        .into_iter()
        .filter(|t| text(t, "indicator") == "rail-freight-kz-uz")
        .collect();
    assert!(!rail.is_empty(), "the KZ-UZ rail freight target");
    for t in &rail {
        assert_eq!(text(t, "value"), "60", "{}", text(t, "stated"));
        assert!(!text(t, "wording").contains("conflicting"));
    }
    let bilateral = rows("transit/rail_freight_bilateral.csv");
    let r = the_row(
        "transit/rail_freight_bilateral.csv",
        &bilateral,
        &[("value", "55")],
    );
    assert_eq!(r.get("indicator"), "kz-rail-transit-target");
    assert!(!r.get("note").contains("conflicting"));
    for r in matching(&bilateral, &[("value", "60")]) {
        assert!(!r.get("note").contains("conflicting"), "line {}", r.line);
    }
}

/// The seed article: every amount in it is a figure of the dataset cited to its address, with
/// the article's date.
#[test]
fn every_amount_of_the_seed_article_is_in_the_dataset_with_its_date() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seed/kt-kz-2024-02-04.txt");
    let fixture = std::fs::read_to_string(&fixture).expect("the seed fixture");
    let field = |name: &str| {
        fixture
            .lines()
            .find_map(|l| l.strip_prefix(&format!("# {name}: ")))
            .unwrap_or_else(|| panic!("the fixture names its {name}"))
            .trim()
            .to_owned()
    };
    let address = field("Address");
    let date = field("Published")[..10].to_owned();
    let quoted: String = fixture
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join(" ");
    // "$5 billion", "$4.1 billion", "$10 billion": each amount in US dollars, in full.
    let amounts: Vec<String> = quoted
        .split('$')
        .skip(1)
        .filter_map(|rest| {
            let number: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            rest[number.len()..]
                .trim_start()
                .starts_with("billion")
                .then(|| {
                    let v: rust_decimal::Decimal = number.parse().expect("a number");
                    (v * rust_decimal::Decimal::from(1_000_000_000u64))
                        .normalize()
                        .to_string()
                })
        })
        .collect();
    assert_eq!(amounts.len(), 3, "the fixture's amounts: {amounts:?}");

    let m = manifest(&dir());
    let id = m
        .sources
        .iter()
        .find(|s| s.url.as_deref() == Some(address.as_str()))
        .unwrap_or_else(|| panic!("no source has the seed address {address}"));
    assert_eq!(
        id.published.map(|d| d.to_string()).as_deref(),
        Some(date.as_str()),
        "the seed source's date"
    );
    let id = id.id.as_str();
    let ledger = rows("trade/statements.csv");
    let doc = agenda();
    for amount in &amounts {
        let in_ledger = ledger.iter().any(|r| {
            r.get("value") == amount
                && r.get("date") == date
                && r.get("source_id").split(';').any(|s| s.trim() == id)
        });
        let as_target = items(&doc, "targets").iter().any(|t| {
            text(t, "value") == amount && text(t, "stated") == date && sources_of(t).contains(&id)
        });
        assert!(
            in_ledger || as_target,
            "${amount} of the seed article is not in the ledger or the targets with source {id} dated {date}"
        );
    }
}

/// The missing statements of issue #20 are in the ledger and the agenda with their sources.
#[test]
fn the_missing_statements_are_present_with_their_sources() {
    let m = manifest(&dir());
    let ledger = rows("trade/statements.csv");
    let r = the_row(
        "trade/statements.csv",
        &ledger,
        &[
            ("indicator", "kz-uz-trade-turnover"),
            ("period", "2024-YTD08"),
            ("side", "kazakhstan"),
        ],
    );
    assert_eq!(r.get("value"), "2500000000");
    assert_eq!(r.get("date"), "2024-10-22");

    let doc = agenda();
    let statements = items(&doc, "statements");
    for (key, value, address) in [
        ("portfolio-2023-02-22-count", "42", "tafsilar.info"),
        ("portfolio-2023-02-22-value", "2100000000", "tafsilar.info"),
        ("portfolio-2024-04-05-count", "60", "3882265"),
        ("portfolio-2024-04-05-value", "2500000000", "3882265"),
        (
            "portfolio-2024-04-05-jobs",
            "13000",
            "tandem-is-a-vital-need",
        ),
        ("portfolio-2024-05-count", "60", "astanatimes.com/2024/05"),
        (
            "portfolio-2024-05-value",
            "2600000000",
            "astanatimes.com/2024/05",
        ),
    ] {
        let st = statements
            .iter()
            .find(|s| text(s, "key") == key)
            .unwrap_or_else(|| panic!("no statement {key}"));
        assert_eq!(text(st, "value"), value, "{key}");
        let first = sources_of(st)[0];
        assert!(url(&m, first, key).contains(address), "{key} cites {first}");
    }

    // ICWC limits of the 2024-25 non-growing season (87th meeting), and its total.
    let limits = rows("water/limits.csv");
    for (country, volume) in [
        ("KAZ", "0.488"),
        ("UZB", "3.347"),
        ("TJK", "0.365"),
        ("KGZ", "0.047"),
    ] {
        let r = the_row(
            "water/limits.csv",
            &limits,
            &[("country", country), ("season", "non-growing-2024-25")],
        );
        assert_eq!(r.get("volume"), volume, "{country}");
        assert!(url(&m, r.get("source"), country).contains("asiaplustj.info"));
    }
    let facts = rows("water/syr_darya_facts.csv");
    for (season, value, address) in [
        ("non-growing-2024-25", "4.247", "asiaplustj.info"),
        ("growing-2025", "11.9", "azon.global"),
    ] {
        let r = the_row(
            "water/syr_darya_facts.csv",
            &facts,
            &[("period", season), ("indicator", "syr-darya-limits-total")],
        );
        assert_eq!(r.get("value"), value, "{season}");
        assert!(url(&m, r.get("source_id"), season).contains(address));
    }
}

/// The conflicts issue #20 found unkept are kept: each figure its own row and source.
#[test]
fn the_conflicts_not_kept_are_kept() {
    let m = manifest(&dir());
    let facts = rows("water/syr_darya_facts.csv");
    let aral = matching(
        &facts,
        &[
            ("period", "growing-2025"),
            ("indicator", "north-aral-delivery-planned"),
        ],
    );
    let mut values: Vec<&str> = aral.iter().map(|r| r.get("value")).collect();
    values.sort_unstable();
    assert_eq!(values, ["975", "997"]);
    let r975 = aral.iter().find(|r| r.get("value") == "975").unwrap();
    assert!(url(&m, r975.get("source_id"), "975").contains("37-bln-cu-m"));

    let crossings = rows("transit/crossings.csv");
    let zhibek = matching(
        &crossings,
        &[
            ("crossing", "Zhibek Zholy - Gishtkuprik"),
            ("side", "kazakhstan"),
            ("indicator", "people_per_day"),
            ("status", "planned"),
        ],
    );
    let mut values: Vec<&str> = zhibek.iter().map(|r| r.get("value")).collect();
    values.sort_unstable();
    assert_eq!(values, ["35000", "70000"]);
    let gisht = matching(
        &crossings,
        &[
            ("crossing", "Zhibek Zholy - Gishtkuprik"),
            ("side", "uzbekistan"),
            ("indicator", "vehicles_per_day"),
        ],
    );
    let mut values: Vec<&str> = gisht.iter().map(|r| r.get("value")).collect();
    values.sort_unstable();
    assert_eq!(values, ["1000", "1000", "3000", "350"]);
    assert!(gisht.iter().any(
        |r| r.get("value") == "350" && url(&m, r.get("source_id"), "350").contains("nova24.uz")
    ));
}

/// Sources whose id says "undated" but whose page carries a date have that date.
#[test]
fn undated_ids_with_a_dated_page_carry_the_date() {
    let m = manifest(&dir());
    for (id, date) in [
        ("menafn-undated-boosts-freight", "2023-10-06"),
        ("qazinform-undated-kazakhstans-grain", "2026-01-26"),
        ("qazinform-undated-provide-additional", "2025-06-20"),
        ("qazinform-undated-agree-unlock", "2025-11-15"),
        ("qazinform-undated-boost-rail", "2026-02-17"),
        (
            "kaspi-info-undated-150505-vodohozyaystvennaya",
            "2023-02-12",
        ),
        ("inform-kz-undated-sign-roadmap", "2020-07-02"),
        ("inform-kz-2022-12-sign-border", "2022-12-22"),
    ] {
        let source = m
            .source(&SourceId::new(id).unwrap())
            .unwrap_or_else(|| panic!("{id} is listed"));
        assert_eq!(
            source.published.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{id}"
        );
        let note = source.note.as_deref().unwrap_or("");
        assert!(!note.contains("event date 2024"), "{id}: {note}");
        assert!(!note.starts_with("undated source"), "{id}: {note}");
    }
    // A ledger row citing a dated source is not flagged undated.
    let ledger = rows("trade/statements.csv");
    for r in &ledger {
        let first = r.get("source_id").split(';').next().unwrap_or("").trim();
        let dated = m
            .source(&SourceId::new(first).unwrap())
            .is_some_and(|s| s.published.is_some());
        assert!(
            !(dated && r.get("flags").contains("undated_source")),
            "trade/statements.csv line {}: {first} is dated but the row is flagged undated_source",
            r.line
        );
    }
    // Nor is an agenda statement.
    let doc = agenda();
    for st in items(&doc, "statements") {
        let first = sources_of(st)[0];
        let dated = m
            .source(&SourceId::new(first).unwrap())
            .is_some_and(|s| s.published.is_some());
        let flagged = st
            .get("flags")
            .and_then(toml::Value::as_array)
            .is_some_and(|f| f.iter().any(|v| v.as_str() == Some("undated_source")));
        assert!(
            !(dated && flagged),
            "statement {}: {first} is dated but it is flagged undated_source",
            text(st, "key")
        );
    }
}
