//! "Changes since": the as-of edition of the bundled dataset for 2024-12-31, compared with the
//! PMs' talks of 2024-02-04, opens with what became known between the two days and nothing
//! else (issue #19).

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

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The JSON report in each language, as of `as_of`, with changes since `since`.
fn generate(as_of: &str, since: &str) -> Vec<Value> {
    let out = tempfile::tempdir().unwrap();
    run(&ReportOptions::builder()
        .data(bundled())
        .out(out.path())
        .languages(Language::ALL)
        .formats([Format::Json])
        .as_of(day(as_of))
        .since(day(since))
        .build())
    .unwrap();
    ["en", "ru"]
        .iter()
        .map(|lang| {
            let text = std::fs::read_to_string(out.path().join(lang).join("report.json")).unwrap();
            serde_json::from_str(&text).unwrap()
        })
        .collect()
}

fn text(cell: &Value) -> &str {
    assert_eq!(cell["type"], "text", "{cell}");
    cell["value"].as_str().unwrap()
}

#[test]
fn the_changes_between_the_talks_and_the_year_end_come_first_and_only_they() {
    let (since, until) = (day("2024-02-04"), day("2024-12-31"));
    let dataset = dostyk_reporting::dataset::load(&bundled()).unwrap();
    let expected = dataset.changes_between(since, until);
    assert!(expected.len() > 10, "{}", expected.len());
    for report in generate("2024-12-31", "2024-02-04") {
        let section = &report["sections"][0];
        assert_eq!(section["id"], "changes");
        assert_eq!(report["sections"][1]["id"], "summary");
        let table = &section["blocks"][0];
        assert_eq!(table["type"], "table");
        let rows = table["rows"].as_array().unwrap();
        assert_eq!(rows.len(), expected.len());
        let figures: HashMap<&str, &Value> = report["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["id"].as_str().unwrap(), f))
            .collect();
        let mut days = Vec::new();
        let mut with_figure = 0;
        for (row, change) in rows.iter().zip(&expected) {
            let known = day(text(&row[0]));
            assert!(known > since && known <= until, "{row}");
            assert_eq!(known, change.known);
            days.push(known);
            // The value is a figure with the row's sources, or a status in words.
            if row[5]["type"] == "figure" {
                let figure = figures[row[5]["value"].as_str().unwrap()];
                let ids: Vec<&str> = figure["source_ids"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect();
                let want: Vec<&str> = change
                    .sources
                    .iter()
                    .map(dostyk_core_model::provenance::SourceId::as_str)
                    .collect();
                assert_eq!(ids, want);
                assert!(!ids.is_empty());
                with_figure += 1;
            }
        }
        assert!(with_figure > 0);
        // The portfolio statements of 2024-04-05 and 2024-05-04 (agenda.toml) are listed.
        assert!(days.contains(&day("2024-04-05")), "{days:?}");
        assert!(days.contains(&day("2024-05-04")), "{days:?}");
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
    }
}

#[test]
fn a_window_with_nothing_new_says_so() {
    for report in generate("2024-02-04", "2024-02-04") {
        let section = &report["sections"][0];
        assert_eq!(section["id"], "changes");
        assert_eq!(section["blocks"][0]["type"], "absent");
        assert_eq!(section["blocks"].as_array().unwrap().len(), 1);
    }
}
