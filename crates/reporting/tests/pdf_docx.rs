//! The PDF and Word editions of the bundled briefing, in every language: byte-identical reruns,
//! every character set in a bundled font (no missing glyphs), tags and embedded fonts in the PDF,
//! and a Word package whose structure a word processor accepts without repair.

#![cfg(any(feature = "pdf", feature = "docx"))]

use std::path::Path;

use chrono::NaiveDate;
use dostyk_reporting::briefing;
use dostyk_reporting::dataset;
use dostyk_reporting::document::{Block, Cell, Column, Inline, Report, Section, Table};
use dostyk_reporting::i18n::{Language, Messages};

fn bundled() -> dataset::Dataset {
    dataset::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kz-uz")).unwrap()
}

fn reports() -> Vec<(Report, Messages)> {
    let data = bundled();
    Language::ALL
        .into_iter()
        .map(|language| {
            let messages = Messages::new(language).unwrap();
            let report = briefing::build(&data, data.manifest.as_of, &messages).unwrap();
            (report, messages)
        })
        .collect()
}

/// A report whose texts are in Kazakh (Cyrillic) and Uzbek (Latin, with oʻ and gʻ), and carry
/// Typst and XML syntax that must stay text.
fn kazakh_uzbek() -> Report {
    let text = |t: &str| Cell::Text(t.to_owned());
    Report {
        title: "Қазақстан мен Өзбекстан: әріптестік шолуы".into(),
        subtitle: "Oʻzbekiston va Qozogʻiston: hamkorlik, 2026".into(),
        dataset: "kz-uz".into(),
        as_of: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        language: Language::Ru,
        sections: vec![Section {
            id: "letters".into(),
            title: "Әріптер: ә ғ қ ң ө ұ ү һ і / Ә Ғ Қ Ң Ө Ұ Ү Һ І".into(),
            blocks: vec![
                Block::Paragraph {
                    content: vec![Inline::Text(
                        "Gʻalla, oʻquv; \"); #panic(\"typst\") ]) $x$ <w:t>&amp; \\ * _ @ref"
                            .into(),
                    )],
                },
                Block::Table(Table {
                    id: "t".into(),
                    caption: "Жоба / Loyiha".into(),
                    columns: vec![
                        Column {
                            label: "Атауы".into(),
                            numeric: false,
                        },
                        Column {
                            label: "Manzil".into(),
                            numeric: false,
                        },
                    ],
                    rows: vec![vec![
                        text("Қоңырат – Бейнеу"),
                        text(
                            "https://example.org/a/very/long/address/that/cannot/fit/in/one/line/of/a/narrow/column",
                        ),
                    ]],
                }),
            ],
        }],
        figures: Vec::new(),
        sources: Vec::new(),
    }
}

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;
    use dostyk_reporting::render::pdf;

    fn missing_glyphs(report: &Report, messages: &Messages) -> Vec<String> {
        pdf::missing_glyphs(report, messages).unwrap()
    }

    #[test]
    fn every_language_is_set_without_missing_glyphs() {
        for (report, messages) in reports() {
            assert_eq!(missing_glyphs(&report, &messages), Vec::<String>::new());
        }
        let messages = Messages::new(Language::Ru).unwrap();
        assert_eq!(
            missing_glyphs(&kazakh_uzbek(), &messages),
            Vec::<String>::new()
        );
    }

    #[test]
    fn english_fallbacks_are_tagged_en_and_marked_never_left_as_marker_characters() {
        // Built without the dataset's translations, so every dataset label is a fallback.
        for (report, messages) in reports() {
            let (source, charts) = pdf::typst_source(&report, &messages);
            assert!(
                !source.contains(['\u{e000}', '\u{e001}']),
                "{}",
                report.language
            );
            for (path, svg) in charts {
                assert!(!svg.contains(['\u{e000}', '\u{e001}']), "{path}");
            }
            if report.language != Language::En {
                assert!(
                    source.contains("#text(lang: \"en\", "),
                    "{}",
                    report.language
                );
                assert!(source.contains("\" [en]\""), "{}", report.language);
            }
        }
    }

    #[test]
    fn hostile_text_is_typeset_as_text() {
        let messages = Messages::new(Language::Ru).unwrap();
        let (source, _) = pdf::typst_source(&kazakh_uzbek(), &messages);
        assert!(
            source.contains(r#"#par("Gʻalla, oʻquv; \"); #panic(\"typst\") ]) $x$"#),
            "{source}"
        );
        // It compiles (a panic or a syntax error would fail here).
        pdf::render(&kazakh_uzbek(), &messages).unwrap();
    }

    #[test]
    fn pdfs_are_tagged_embed_their_fonts_and_are_byte_identical() {
        for (report, messages) in reports() {
            let first = pdf::render(&report, &messages).unwrap();
            let second = pdf::render(&report, &messages).unwrap();
            assert!(first == second, "{}: two renders differ", report.language);
            let text = String::from_utf8_lossy(&first);
            assert!(text.starts_with("%PDF-1."), "{}", report.language);
            assert!(text.contains("/StructTreeRoot"), "not tagged");
            assert!(
                text.contains(&format!("/Lang ({})", report.language.code())),
                "no document language"
            );
            assert!(text.contains("/FontFile"), "fonts not embedded");
            assert!(text.contains("pdfuaid:part"), "no PDF/UA identification");
            // The date is the as-of date, never the clock's.
            let date = report.as_of.format("D:%Y%m%d").to_string();
            assert!(text.contains(&date), "no creation date {date}");
            assert!(text.contains("/Alt"), "charts carry no alternative text");
        }
    }
}

#[cfg(feature = "docx")]
mod docx {
    use super::*;
    use std::collections::BTreeMap;
    use std::io::{Cursor, Read};

    use dostyk_reporting::render::docx;

    /// A part name's extension, lowercase (`rels` for `_rels/.rels` too, as OPC reads it).
    fn ext(name: &str) -> String {
        name.rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default()
    }

    /// Every part of the package, by name.
    fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            let name = file.name().unwrap().to_string();
            assert!(
                parts.insert(name.clone(), data).is_none(),
                "part {name} twice"
            );
        }
        parts
    }

    /// The checks a word processor makes before it opens a package without a repair prompt:
    /// the required parts are there, every XML part is well-formed, `[Content_Types].xml`
    /// gives every part a type (and names only parts that exist), every internal relationship
    /// resolves to a part, relationship ids are unique, and every id the document refers to
    /// (`r:embed`, `r:id`) is a relationship of the document.
    fn check_package(bytes: &[u8]) -> Result<(), String> {
        let parts = parts(bytes);
        for required in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "docProps/core.xml",
        ] {
            if !parts.contains_key(required) {
                return Err(format!("no {required}"));
            }
        }
        for (name, data) in &parts {
            if matches!(ext(name).as_str(), "xml" | "rels" | "svg") {
                let text = std::str::from_utf8(data).map_err(|e| format!("{name}: {e}"))?;
                roxmltree::Document::parse(text).map_err(|e| format!("{name}: {e}"))?;
                // The private-use characters marking English fallbacks in the document model
                // must have become `w:lang` runs and a visible "[en]".
                if text.contains(['\u{e000}', '\u{e001}']) {
                    return Err(format!("{name} holds a fallback marker character"));
                }
            }
        }
        let types = std::str::from_utf8(&parts["[Content_Types].xml"]).unwrap();
        let types = roxmltree::Document::parse(types).unwrap();
        let mut defaults = BTreeMap::new();
        let mut overrides = BTreeMap::new();
        for node in types
            .root_element()
            .children()
            .filter(roxmltree::Node::is_element)
        {
            match node.tag_name().name() {
                "Default" => {
                    defaults.insert(
                        node.attribute("Extension").unwrap().to_lowercase(),
                        node.attribute("ContentType").unwrap(),
                    );
                }
                "Override" => {
                    overrides.insert(
                        node.attribute("PartName").unwrap().to_owned(),
                        node.attribute("ContentType").unwrap(),
                    );
                }
                other => return Err(format!("[Content_Types].xml has a <{other}>")),
            }
        }
        for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
            let part = format!("/{name}");
            if !overrides.contains_key(&part) && !defaults.contains_key(&ext(name)) {
                return Err(format!("{name} has no content type"));
            }
        }
        for part in overrides.keys() {
            if !parts.contains_key(&part[1..]) {
                return Err(format!(
                    "[Content_Types].xml names {part}, which is missing"
                ));
            }
        }
        if overrides.get("/word/document.xml")
            != Some(
                &"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            )
        {
            return Err("word/document.xml is not typed as the main document".into());
        }
        let mut document_ids = Vec::new();
        for (name, data) in parts.iter().filter(|(n, _)| ext(n) == "rels") {
            // `word/_rels/document.xml.rels` describes `word/document.xml`: targets are
            // relative to `word/`.
            let folder = name.split("_rels/").next().unwrap();
            let doc = roxmltree::Document::parse(std::str::from_utf8(data).unwrap()).unwrap();
            let mut ids = std::collections::BTreeSet::new();
            for rel in doc
                .root_element()
                .children()
                .filter(roxmltree::Node::is_element)
            {
                let id = rel.attribute("Id").ok_or(format!("{name}: no Id"))?;
                if !ids.insert(id) {
                    return Err(format!("{name}: id {id} twice"));
                }
                let target = rel
                    .attribute("Target")
                    .ok_or(format!("{name}: no Target"))?;
                if rel.attribute("TargetMode") == Some("External") {
                    continue;
                }
                let resolved = format!("{folder}{target}");
                if !parts.contains_key(&resolved) {
                    return Err(format!(
                        "{name}: {id} points to {resolved}, which is missing"
                    ));
                }
            }
            if name == "word/_rels/document.xml.rels" {
                document_ids = ids.into_iter().map(str::to_owned).collect();
            }
        }
        let document = std::str::from_utf8(&parts["word/document.xml"]).unwrap();
        let document = roxmltree::Document::parse(document).unwrap();
        let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        for node in document.descendants().filter(roxmltree::Node::is_element) {
            for attr in ["embed", "id"] {
                if let Some(id) = node.attribute((r, attr))
                    && !document_ids.iter().any(|d| d == id)
                {
                    return Err(format!(
                        "document.xml refers to {id}, which is not a relationship"
                    ));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn word_packages_are_valid_and_byte_identical() {
        for (report, messages) in reports() {
            let first = docx::render(&report, &messages).unwrap();
            let second = docx::render(&report, &messages).unwrap();
            assert!(first == second, "{}: two renders differ", report.language);
            check_package(&first).unwrap();
            let parts = parts(&first);
            let document = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
            // Headings, tables with a repeated header row, and charts with SVG and PNG.
            let headings = document.matches("<w:pStyle w:val=\"Heading1\"/>").count();
            assert_eq!(headings, report.sections.len());
            let tables = report
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter(|b| matches!(b, Block::Table(_)))
                .count();
            assert_eq!(document.matches("<w:tbl>").count(), tables);
            assert_eq!(document.matches("<w:tblHeader/>").count(), tables);
            let charts = report
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter(|b| matches!(b, Block::Chart(_)))
                .count();
            assert!(charts > 0);
            assert_eq!(document.matches("<asvg:svgBlip").count(), charts);
            let pngs: Vec<&Vec<u8>> = parts
                .iter()
                .filter(|(n, _)| ext(n) == "png")
                .map(|(_, d)| d)
                .collect();
            assert_eq!(pngs.len(), charts);
            assert!(pngs.iter().all(|png| png.starts_with(b"\x89PNG\r\n\x1a\n")));
            let core = String::from_utf8(parts["docProps/core.xml"].clone()).unwrap();
            assert!(core.contains(&format!("{}T00:00:00Z", report.as_of)));
        }
    }

    /// A part's new bytes, or `None` to leave it out.
    type PartChange = dyn Fn(&str, Vec<u8>) -> Option<Vec<u8>>;

    #[test]
    fn the_checker_finds_broken_packages() {
        let messages = Messages::new(Language::Ru).unwrap();
        let good = docx::render(&kazakh_uzbek(), &messages).unwrap();
        check_package(&good).unwrap();
        // Rebuild the package with one part changed or left out.
        let rebuild = |change: &PartChange| {
            let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
            for (name, data) in parts(&good) {
                if let Some(data) = change(&name, data) {
                    out.start_file(name, zip::write::SimpleFileOptions::default())
                        .unwrap();
                    std::io::Write::write_all(&mut out, &data).unwrap();
                }
            }
            out.finish().unwrap().into_inner()
        };
        let no_styles = rebuild(&|name, data| (name != "word/styles.xml").then_some(data));
        assert!(
            check_package(&no_styles)
                .unwrap_err()
                .contains("styles.xml")
        );
        let broken_xml = rebuild(&|name, data| {
            Some(if name == "word/document.xml" {
                data[..data.len() - 5].to_vec()
            } else {
                data
            })
        });
        assert!(
            check_package(&broken_xml)
                .unwrap_err()
                .contains("document.xml")
        );
        let untyped = rebuild(&|name, data| {
            Some(if name == "[Content_Types].xml" {
                String::from_utf8(data)
                    .unwrap()
                    .replace(
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
                        "",
                    )
                    .into_bytes()
            } else {
                data
            })
        });
        assert!(
            check_package(&untyped)
                .unwrap_err()
                .contains("no content type")
        );
        let dangling = rebuild(&|name, data| {
            Some(if name == "word/_rels/document.xml.rels" {
                String::from_utf8(data)
                    .unwrap()
                    .replace("numbering.xml", "numbers.xml")
                    .into_bytes()
            } else {
                data
            })
        });
        assert!(
            check_package(&dangling)
                .unwrap_err()
                .contains("numbers.xml")
        );
    }

    #[test]
    fn kazakh_and_uzbek_text_and_markup_stay_text() {
        let messages = Messages::new(Language::Ru).unwrap();
        let bytes = docx::render(&kazakh_uzbek(), &messages).unwrap();
        let parts = parts(&bytes);
        let document = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
        assert!(document.contains("ә ғ қ ң ө ұ ү һ і"));
        assert!(document.contains("Gʻalla, oʻquv"));
        assert!(document.contains("&lt;w:t&gt;&amp;amp;"));
        assert!(
            parts["word/_rels/document.xml.rels"]
                .windows(b"TargetMode=\"External\"".len())
                .any(|w| w == b"TargetMode=\"External\"")
        );
    }
}
