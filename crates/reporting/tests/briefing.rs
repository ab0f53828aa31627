//! The briefing on the small test dataset: snapshots, traceability, escaping, determinism and
//! safe outputs.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use dostyk_reporting::i18n::Language;
use dostyk_reporting::render::Format;
use dostyk_reporting::{ReportOptions, run};

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini")
}

fn options(out: &Path) -> ReportOptions {
    ReportOptions {
        data: mini(),
        out: out.to_path_buf(),
        languages: Language::ALL.to_vec(),
        formats: Format::ALL
            .into_iter()
            .filter(Format::is_available)
            .collect(),
        as_of: None,
        since: None,
    }
}

fn generate(out: &Path) -> Vec<PathBuf> {
    run(&options(out)).unwrap()
}

#[test]
fn markdown_and_json_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    for lang in Language::ALL.map(|l| l.code()) {
        let md = std::fs::read_to_string(dir.path().join(lang).join("report.md")).unwrap();
        insta::assert_snapshot!(format!("mini_{lang}_md"), md);
        // The JSON has the same structure in every language: English and Russian stand for all.
        if ["en", "ru"].contains(&lang) {
            let json = std::fs::read_to_string(dir.path().join(lang).join("report.json")).unwrap();
            insta::assert_snapshot!(format!("mini_{lang}_json"), json);
        }
    }
}

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kz-uz")
}

/// The bundled dataset: every language, all formats; Markdown (and the English and Russian
/// JSON) reviewed as snapshots.
#[test]
fn bundled_dataset_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(dir.path());
    opts.data = bundled();
    run(&opts).unwrap();
    for lang in Language::ALL.map(|l| l.code()) {
        for ext in ["html", "md", "json", "xlsx"] {
            let path = dir.path().join(lang).join(format!("report.{ext}"));
            assert!(
                std::fs::metadata(&path).unwrap().len() > 0,
                "{}",
                path.display()
            );
        }
        let md = std::fs::read_to_string(dir.path().join(lang).join("report.md")).unwrap();
        insta::assert_snapshot!(format!("bundled_{lang}_md"), md);
        if ["en", "ru"].contains(&lang) {
            let json = std::fs::read_to_string(dir.path().join(lang).join("report.json")).unwrap();
            insta::assert_snapshot!(format!("bundled_{lang}_json"), json);
        }
    }
    assert_figures_traceable(dir.path());
}

#[test]
fn every_json_figure_appears_in_the_html() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    assert_figures_traceable(dir.path());
}

/// Every figure of the JSON is in the HTML as a `<data>` element with its value and sources.
fn assert_figures_traceable(dir: &Path) {
    for lang in Language::ALL.map(|l| l.code()) {
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(lang).join("report.json")).unwrap(),
        )
        .unwrap();
        let html = std::fs::read_to_string(dir.join(lang).join("report.html")).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let selector = scraper::Selector::parse("data[data-figure]").unwrap();
        let shown: BTreeSet<String> = doc
            .select(&selector)
            .filter_map(|e| e.value().attr("data-figure").map(str::to_owned))
            .collect();
        let figures = json["figures"].as_array().unwrap();
        assert!(!figures.is_empty());
        for f in figures {
            let id = f["id"].as_str().unwrap();
            assert!(shown.contains(id), "{lang}: figure {id} is not in the HTML");
            assert!(
                !f["source_ids"].as_array().unwrap().is_empty(),
                "{id} has no source"
            );
            assert!(
                f["value"].is_string(),
                "{id}: value must be a decimal string"
            );
        }
        // Every figure element carries its exact value and sources.
        for e in doc.select(&selector) {
            assert!(e.value().attr("value").is_some());
            assert!(
                e.value()
                    .attr("data-sources")
                    .is_some_and(|s| !s.is_empty())
            );
        }
    }
}

#[test]
fn hostile_names_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let html = std::fs::read_to_string(dir.path().join("en/report.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let scripts = scraper::Selector::parse("script").unwrap();
    assert_eq!(
        doc.select(&scripts).count(),
        0,
        "the HTML must contain no script element"
    );
    let cells = scraper::Selector::parse("td").unwrap();
    assert!(
        doc.select(&cells)
            .any(|td| td.text().collect::<String>() == "<script>alert(1)</script> plant"),
        "the hostile name must show as text"
    );
    let links = scraper::Selector::parse("a[href]").unwrap();
    for a in doc.select(&links) {
        let href = a.value().attr("href").unwrap();
        assert!(href.starts_with('#'), "only in-page links, got {href}");
    }

    // Excel: a text starting with '=' is a string cell, never a formula.
    let bytes = std::fs::read(dir.path().join("en/report.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut strings = String::new();
    let mut has_formula = false;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut text = String::new();
        if std::path::Path::new(&name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
        {
            file.read_to_string(&mut text).unwrap();
            if name.starts_with("xl/worksheets/") && text.contains("<f>") {
                has_formula = true;
            }
            if name == "xl/sharedStrings.xml" {
                strings = text;
            }
        }
    }
    assert!(!has_formula, "no cell may be a formula");
    assert!(
        strings.contains("=HYPERLINK("),
        "the text is kept as a string"
    );
}

#[test]
fn the_same_inputs_give_byte_identical_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let files_a = generate(a.path());
    let files_b = generate(b.path());
    assert_eq!(files_a.len(), files_b.len());
    for (fa, fb) in files_a.iter().zip(&files_b) {
        assert_eq!(
            fa.strip_prefix(a.path()).unwrap(),
            fb.strip_prefix(b.path()).unwrap()
        );
        assert_eq!(
            std::fs::read(fa).unwrap(),
            std::fs::read(fb).unwrap(),
            "{}",
            fa.display()
        );
    }
}

#[test]
fn a_bad_dataset_writes_nothing_and_keeps_the_previous_report() {
    let out = tempfile::tempdir().unwrap();
    generate(out.path());
    let before = std::fs::read(out.path().join("en/report.html")).unwrap();

    let bad = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(mini()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, bad.path().join(path.file_name().unwrap())).unwrap();
    }
    let agenda = std::fs::read_to_string(bad.path().join("agenda.toml")).unwrap();
    std::fs::write(
        bad.path().join("agenda.toml"),
        agenda.replace(
            "promised_at = \"council-2024\"",
            "promised_at = \"council-1999\"",
        ),
    )
    .unwrap();
    let mut opts = options(out.path());
    opts.data = bad.path().to_path_buf();
    let err = run(&opts).unwrap_err().to_string();
    assert!(err.contains("measures[0].promised_at"), "{err}");
    assert!(err.contains("council-1999"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
    assert!(
        err.contains("statements.csv: not checked, because the agenda file"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(out.path().join("en/report.html")).unwrap(),
        before
    );
}

#[test]
fn html_ids_are_unique_tables_scroll_in_labelled_regions_and_sources_are_linked() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    for lang in Language::ALL.map(|l| l.code()) {
        let html = std::fs::read_to_string(dir.path().join(lang).join("report.html")).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        let mut ids = BTreeSet::new();
        for e in doc.select(&sel("[id]")) {
            let id = e.value().attr("id").unwrap();
            assert!(ids.insert(id.to_owned()), "{lang}: id {id} is used twice");
        }
        let tables = doc.select(&sel("table")).count();
        assert!(tables > 0);
        assert_eq!(
            doc.select(&sel("div.scroll[role=region][tabindex='0'] > table"))
                .count(),
            tables,
            "{lang}: every table scrolls in its own focusable region"
        );
        for region in doc.select(&sel("div.scroll")) {
            let label = region.value().attr("aria-labelledby").map_or_else(
                || {
                    region
                        .value()
                        .attr("aria-label")
                        .unwrap_or_default()
                        .to_owned()
                },
                |by| {
                    doc.select(&sel(&format!("[id='{by}']")))
                        .next()
                        .map(|e| e.text().collect::<String>())
                        .unwrap_or_default()
                },
            );
            assert!(
                !label.trim().is_empty(),
                "{lang}: a scroll region has no name"
            );
        }
        // Every key figure shows its sources as links to rows of the Sources table.
        let cards = doc.select(&sel(".kpi")).count();
        assert!(cards > 0);
        assert_eq!(doc.select(&sel(".kpi .src")).count(), cards);
        for a in doc.select(&sel(".kpi .src a, .sources a")) {
            let target = a.value().attr("href").unwrap().trim_start_matches('#');
            let row = doc
                .select(&sel(&format!("#table-sources tr[id='{target}']")))
                .next();
            assert!(
                row.is_some(),
                "{lang}: {target} is not a row of the Sources table"
            );
        }
    }
    // The Russian page marks the dataset's English text.
    let ru = std::fs::read_to_string(dir.path().join("ru/report.html")).unwrap();
    assert!(ru.contains("<span lang=\"en\">"));
}

/// The bundled dataset has a Russian text for every dataset label the briefing shows; what the
/// Kazakh and Uzbek editions still show in English is listed (as `--untranslated` does).
#[test]
fn the_bundled_briefing_has_every_label_in_russian() {
    let options = ReportOptions::builder().data(bundled()).build();
    let left = dostyk_reporting::untranslated(&options).unwrap();
    assert_eq!(
        left.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        Language::ALL
    );
    for (language, texts) in &left {
        eprintln!("{language}: {} untranslated", texts.len());
        for t in texts {
            eprintln!("  {} {}: {}", t.subject, t.field, t.english);
        }
    }
    let ru = &left[1];
    assert_eq!(ru.0, Language::Ru);
    assert!(ru.1.is_empty(), "labels without Russian: {:?}", ru.1);
}

/// A dataset without translations shows its labels in English, marked: `lang="en"` and a
/// visible `[en]` in HTML, `[en]` in Markdown, JSON and Excel; the English edition is unmarked.
#[test]
fn missing_translations_fall_back_to_marked_english() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    for lang in ["ru", "kk", "uz"] {
        let html = std::fs::read_to_string(dir.path().join(lang).join("report.html")).unwrap();
        assert!(
            html.contains("<span lang=\"en\" class=\"untranslated\">"),
            "{lang}: no marked fallback"
        );
        assert!(
            !html.contains(['\u{e000}', '\u{e001}']),
            "{lang}: a raw marker in HTML"
        );
        let md = std::fs::read_to_string(dir.path().join(lang).join("report.md")).unwrap();
        assert!(
            md.contains(" [en]"),
            "{lang}: no marked fallback in Markdown"
        );
        let json = std::fs::read_to_string(dir.path().join(lang).join("report.json")).unwrap();
        assert!(
            !json.contains(['\u{e000}', '\u{e001}']),
            "{lang}: a raw marker in JSON"
        );
    }
    let html = std::fs::read_to_string(dir.path().join("en").join("report.html")).unwrap();
    assert!(!html.contains("class=\"untranslated\""));
}

/// The text of the XML part `name` of the workbook at `path`.
fn xlsx_part(path: &Path, name: &str) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Each workbook names its sheets in its language, keeps numbers as numbers with number
/// formats, and freezes and filters every header row.
#[test]
fn workbooks_speak_the_edition_s_language_with_numbers_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(dir.path());
    opts.data = bundled();
    opts.formats = vec![Format::Xlsx];
    run(&opts).unwrap();
    for (lang, sheet) in [
        ("en", "Trade by side"),
        ("ru", "Товарооборот по сторонам"),
        ("kk", "Тараптар бойынша айналым"),
        ("uz", "Tomonlar bo‘yicha savdo"),
    ] {
        let path = dir.path().join(lang).join("report.xlsx");
        let workbook = xlsx_part(&path, "xl/workbook.xml");
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{lang}: {workbook}"
        );
        assert!(!workbook.contains("name=\"trade-by-side\""), "{lang}");
        // The Figures sheet: a number in column E with a number format, a filter and a frozen
        // header row.
        let figures = xlsx_part(&path, "xl/worksheets/sheet1.xml");
        assert!(figures.contains("<autoFilter ref=\"A1:J"), "{lang}");
        assert!(figures.contains("state=\"frozen\""), "{lang}");
        assert!(
            figures.contains("<c r=\"E2\" s=") && !figures.contains("<c r=\"E2\" s=\"1\" t=\"s\""),
            "{lang}: the value of the first figure is a number"
        );
        let styles = xlsx_part(&path, "xl/styles.xml");
        assert!(styles.contains("formatCode=\"#,##0\""), "{lang}");
        let trade = xlsx_part(&path, "xl/worksheets/sheet2.xml");
        assert!(trade.contains("<autoFilter ref=\"A3:"), "{lang}");
    }
}
