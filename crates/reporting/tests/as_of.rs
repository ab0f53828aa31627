//! The as-of edition of the bundled dataset on the day of the PMs' talks, 2024-02-04: the
//! briefing shows what was known then and nothing published later (issue #19).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dostyk_reporting::i18n::Language;
use dostyk_reporting::render::Format;
use dostyk_reporting::{ReportOptions, run};
use serde_json::Value;

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kz-uz")
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 2, 4).unwrap()
}

/// The JSON edition in `lang`, as of 2024-02-04.
fn edition(out: &Path, lang: &str) -> Value {
    let text = std::fs::read_to_string(out.join(lang).join("report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn generate(out: &Path) {
    run(&ReportOptions {
        data: bundled(),
        out: out.to_path_buf(),
        languages: Language::ALL.to_vec(),
        formats: vec![Format::Json],
        as_of: Some(day()),
        since: None,
    })
    .unwrap();
}

#[test]
fn the_2024_02_04_edition_shows_what_was_known_that_day_and_nothing_later() {
    let out = tempfile::tempdir().unwrap();
    generate(out.path());
    let dataset = dostyk_reporting::dataset::load(&bundled()).unwrap();
    let published: HashMap<String, Option<NaiveDate>> = dataset
        .manifest
        .sources
        .iter()
        .map(|s| (s.id.to_string(), s.published))
        .collect();
    for lang in ["en", "ru"] {
        let report = edition(out.path(), lang);
        assert_eq!(report["as_of"], "2024-02-04");
        let figures: HashMap<&str, &Value> = report["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["id"].as_str().unwrap(), f))
            .collect();

        // No figure cites a source published after the day.
        let mut checked = 0;
        for f in figures.values() {
            for id in f["source_ids"].as_array().unwrap() {
                let id = id.as_str().unwrap();
                let date = published
                    .get(id)
                    .unwrap_or_else(|| panic!("{id} is not a source of the dataset"));
                if let Some(date) = date {
                    assert!(*date <= day(), "{lang}: {} cites {id} of {date}", f["id"]);
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "{checked}");

        // The summary says it is an as-of edition, then shows the latest full year then known
        // (2022, $5 bn) and the latest part of a year (Jan–Nov 2023, $4.1 bn), nothing later.
        let summary = &report["sections"][0];
        assert_eq!(summary["id"], "summary");
        let note = summary["blocks"][0]["content"][0]["value"]
            .as_str()
            .unwrap();
        let (edition_words, date_words) = match lang {
            "en" => ("As-of edition", "4 February 2024"),
            _ => ("Издание на дату", "4 февраля 2024"),
        };
        assert!(
            note.contains(edition_words) && note.contains(date_words),
            "{note}"
        );
        let cards: Vec<&Value> = summary["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["type"] == "kpis")
            .flat_map(|b| b["cards"].as_array().unwrap())
            .map(|c| figures[c["figure"].as_str().unwrap()])
            .collect();
        let shows = |period: &str, value: &str| {
            cards.iter().any(|f| {
                f["indicator"] == "trade.turnover"
                    && f["reporting_side"] == "kazakhstan"
                    && f["period"] == period
                    && f["value"] == value
            })
        };
        assert!(shows("2022", "5000000000"), "{cards:#?}");
        assert!(shows("2023-YTD11", "4100000000"), "{cards:#?}");
        for f in cards.iter().filter(|f| {
            f["indicator"]
                .as_str()
                .is_some_and(|i| i.starts_with("trade."))
        }) {
            let period = f["period"].as_str().unwrap();
            assert!(period < "2024", "{lang}: the summary shows {period}");
        }
        // Nor does any trade or gas figure of the briefing cover 2024 or later.
        for f in figures.values() {
            let indicator = f["indicator"].as_str().unwrap();
            if indicator.starts_with("trade.turnover") || indicator.starts_with("gas.") {
                let period = f["period"].as_str().unwrap();
                assert!(period < "2024", "{lang}: {} covers {period}", f["id"]);
            }
        }
    }
}
