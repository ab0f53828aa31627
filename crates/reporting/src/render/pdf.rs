//! PDF: one A4 document per language, typeset by Typst used as a library (the `pdf` feature).
//!
//! The report becomes a Typst source ([`typst_source`]) in which every text from the report is a
//! string literal (never markup, so nothing in the data can turn into Typst code); charts are the
//! same SVG as in the HTML, placed as vector images with their description as alternative text.
//! Typst embeds subsets of the fonts bundled with it (Libertinus Serif, with New Computer Modern
//! as fallback: both cover Kazakh Cyrillic and Uzbek Latin, `oʻ gʻ` included), tags the document
//! (headings, tables with header rows, figures with alt text, the language) and checks it
//! against PDF/UA-1 before writing it.
//!
//! The PDF's date is the report's as-of date and its identifier is derived from the language
//! and that date, so the same report gives the same bytes on every run.

use std::fmt::Write as _;
use std::sync::OnceLock;

use chrono::Datelike;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::{Frame, FrameItem, PagedDocument};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::document::{Block, Cell, Inline, Rag, Report, Table};
use crate::i18n::{FALLBACK_END, FALLBACK_MARK, FALLBACK_START, Messages, plain, runs};

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// Typst refused the generated document (a bug in this renderer, or text Typst cannot set);
    /// every message Typst gave is listed.
    #[error("Typst could not typeset the report: {}", .0.join("; "))]
    Typeset(Vec<String>),
    /// The PDF exporter refused the document, e.g. because it breaks PDF/UA-1.
    #[error("the PDF could not be written: {}", .0.join("; "))]
    Export(Vec<String>),
}

/// The bundled fonts, parsed once per process.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// The fonts the PDF can use, in the order Typst falls back through them.
pub fn font_families() -> Vec<String> {
    let mut families: Vec<String> = Vec::new();
    for font in &fonts().fonts {
        let family = &font.info().family;
        if !families.iter().any(|f| f == family.as_str()) {
            families.push(family.clone());
        }
    }
    families
}

/// Whether some bundled font (regular weight) has a glyph for `c`.
pub fn covers(c: char) -> bool {
    fonts()
        .fonts
        .iter()
        .any(|f| f.info().coverage.contains(u32::from(c)))
}

/// The Typst world of one report: its source, its chart files and the bundled fonts.
struct BriefingWorld {
    library: LazyHash<Library>,
    main: Source,
    files: Vec<(FileId, Bytes)>,
    today: Option<Datetime>,
}

impl World for BriefingWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(file, _)| *file == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| FileError::NotFound(id.vpath().as_rootless_path().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        self.today
    }
}

/// A Typst string literal holding `text` exactly, with fallback markers written out as ` [en]`
/// (where the text is shown as content, [`shown`] also tags the English).
fn lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in plain(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as Typst content: dataset text shown in English for want of a translation is tagged
/// `lang: "en"` (so that a screen reader reads it as English) and followed by the visible ` [en]`
/// mark, as in the HTML; text without fallbacks is a plain string literal.
fn shown(text: &str) -> String {
    if !text.contains([FALLBACK_START, FALLBACK_END]) {
        return lit(text);
    }
    let mut out = String::from("[");
    for (english, run) in runs(text) {
        if english {
            let _ = write!(
                out,
                "#text(lang: \"en\", {})#{}",
                lit(run),
                lit(FALLBACK_MARK)
            );
        } else {
            let _ = write!(out, "#{}", lit(run));
        }
    }
    out.push(']');
    out
}

/// The path of a chart's SVG inside the Typst world.
fn chart_path(id: &str) -> String {
    // Ids are the report's own (`trade-turnover`); anything else is replaced so the path stays
    // one plain file name.
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("/charts/{clean}.svg")
}

/// The status badge: the HTML's colours (white text on them is at least 4.5:1).
fn rag_badge(messages: &Messages, rag: Rag) -> String {
    format!(
        "badge(rgb(\"#{}\"), {})",
        super::rag_fill(rag),
        shown(&messages.text(super::rag_id(rag)))
    )
}

fn figure_text(report: &Report, messages: &Messages, id: &str) -> String {
    match report.figure(id) {
        Some(f) => messages.value(f.value, f.unit),
        None => format!("\u{27e6}{id}\u{27e7}"),
    }
}

fn sources_line(messages: &Messages, ids: impl Iterator<Item = String>) -> String {
    let ids: Vec<String> = ids.collect();
    format!("{}: {}", messages.text("sources-label"), ids.join(", "))
}

/// The fractional width of a text column: its mean text length, but at least its longest word
/// (a date, a name: text that cannot wrap; addresses wrap as links), within 4 to 40 characters.
fn column_weight(table: &Table, col: usize) -> usize {
    let texts: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|row| match row.get(col) {
            Some(Cell::Text(t)) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let header = table.columns[col].label.chars().count();
    let mean = if texts.is_empty() {
        header
    } else {
        texts.iter().map(|t| t.chars().count()).sum::<usize>() / texts.len()
    };
    let longest_word = texts
        .iter()
        .filter(|t| !t.starts_with("http"))
        .flat_map(|t| t.split_whitespace())
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
        .min(20);
    mean.max(longest_word).max(header.min(12)).clamp(4, 40)
}

fn table(s: &mut String, report: &Report, messages: &Messages, t: &Table) {
    let widths: Vec<String> = (0..t.columns.len())
        .map(|i| {
            if t.columns[i].numeric {
                "auto".to_owned()
            } else {
                format!("{}fr", column_weight(t, i))
            }
        })
        .collect();
    let aligns: Vec<&str> = t
        .columns
        .iter()
        .map(|c| if c.numeric { "right" } else { "left" })
        .collect();
    let _ = writeln!(
        s,
        "#figure(kind: table, caption: figure.caption(position: top, {}), table(columns: ({},), align: ({},),",
        shown(&t.caption),
        widths.join(", "),
        aligns.join(", ")
    );
    let heads: Vec<String> = t.columns.iter().map(|c| shown(&c.label)).collect();
    let _ = writeln!(s, "  table.header({}),", heads.join(", "));
    for row in &t.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(text) if text.starts_with("https://") || text.starts_with("http://") => {
                    // A link breaks at the URL's slashes and dots, so an address never widens
                    // the table past the page.
                    format!("link({})", lit(text))
                }
                Cell::Text(text) => shown(text),
                Cell::Figure(id) => shown(&figure_text(report, messages, id)),
                Cell::Status(rag) => rag_badge(messages, *rag),
                Cell::Empty => "[]".to_owned(),
            })
            .collect();
        let _ = writeln!(s, "  {},", cells.join(", "));
    }
    let _ = writeln!(s, "))");
}

/// The Typst source of `report`, and the chart files it refers to (path, SVG).
pub fn typst_source(report: &Report, messages: &Messages) -> (String, Vec<(String, String)>) {
    let mut s = String::with_capacity(128 * 1024);
    let mut charts = Vec::new();
    let as_of = report.as_of;
    let _ = writeln!(
        s,
        "#set document(title: {}, author: \"Dostyk\", description: {}, date: datetime(year: {}, month: {}, day: {}))",
        lit(&report.title),
        lit(&report.subtitle),
        as_of.year(),
        as_of.month(),
        as_of.day()
    );
    let _ = writeln!(
        s,
        "#set page(paper: \"a4\", margin: (x: 16mm, top: 16mm, bottom: 18mm), numbering: \"1 / 1\")"
    );
    let _ = writeln!(
        s,
        "#set text(font: ({}, \"New Computer Modern\"), size: 10pt, lang: {})",
        lit(super::BUNDLED_FONT),
        lit(report.language.code())
    );
    s.push_str(
        "#set par(leading: 0.55em)
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 18pt)
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 2): set block(above: 1.6em, below: 0.8em, width: 100%, stroke: (bottom: 1.2pt + rgb(\"#0072B2\")), inset: (bottom: 3pt))
#show figure: set block(breakable: true)
#show figure.caption: set text(size: 9pt)
#show figure.caption: set align(left)
#set table(stroke: (x, y) => (bottom: if y == 0 { 0.8pt } else { 0.3pt + luma(190) }), inset: (x: 3pt, y: 2.5pt), fill: (x, y) => if y == 0 { luma(240) })
#show table: set text(size: 7.5pt)
#show table.cell.where(y: 0): set text(weight: \"bold\")
#show link: set text(fill: rgb(\"#005a8c\"))
#let badge(fill, label) = box(fill: fill, inset: (x: 3pt, y: 1.5pt), outset: (y: 1pt), radius: 2pt, text(fill: white, size: 0.9em, label))
#let muted = rgb(\"#5a5a5a\")
",
    );
    let _ = writeln!(
        s,
        "#heading(level: 1, outlined: false, {})",
        shown(&report.title)
    );
    let _ = writeln!(s, "#text(fill: muted, {})", shown(&report.subtitle));
    let _ = writeln!(
        s,
        "#outline(title: {}, target: heading.where(level: 2), depth: 2)",
        shown(&messages.text("contents"))
    );

    for section in &report.sections {
        let _ = writeln!(s, "#heading(level: 2, {})", shown(&section.title));
        for block in &section.blocks {
            match block {
                Block::Kpis { cards } => {
                    let _ = writeln!(s, "#grid(columns: (1fr, 1fr, 1fr), gutter: 6pt,");
                    for card in cards {
                        let _ = write!(
                            s,
                            "  block(width: 100%, stroke: 0.5pt + luma(200), radius: 3pt, inset: 5pt, breakable: false)[#text(size: 8.5pt, fill: muted, {})\\ #text(size: 13pt, weight: \"bold\", {})",
                            shown(&card.label),
                            shown(&figure_text(report, messages, &card.figure))
                        );
                        if let Some(note) = &card.note {
                            let _ = write!(s, "\\ #text(size: 8pt, fill: muted, {})", shown(note));
                        }
                        if let Some(f) = report.figure(&card.figure) {
                            let _ = write!(
                                s,
                                "\\ #text(size: 7pt, fill: muted, {})",
                                shown(&sources_line(
                                    messages,
                                    f.source_ids.iter().map(|id| id.as_str().to_owned())
                                ))
                            );
                        }
                        let _ = writeln!(s, "],");
                    }
                    let _ = writeln!(s, ")");
                }
                Block::Table(t) => table(&mut s, report, messages, t),
                Block::Chart(chart) => {
                    let path = chart_path(&chart.id);
                    let alt = format!("{}. {}", chart.title, chart.description);
                    let _ = writeln!(
                        s,
                        "#figure(kind: image, caption: {}, image({}, width: 100%, alt: {}))",
                        shown(&chart.description),
                        lit(&path),
                        lit(&alt)
                    );
                    charts.push((path, plain(&chart.to_svg(messages)).into_owned()));
                }
                Block::Paragraph { content } => {
                    let text: String = content
                        .iter()
                        .map(|run| match run {
                            Inline::Text(t) => t.clone(),
                            Inline::Figure(id) => figure_text(report, messages, id),
                        })
                        .collect();
                    let _ = writeln!(s, "#par({})", shown(&text));
                }
                Block::StatusList { caption, items } => {
                    let _ = writeln!(s, "#par(strong({}))", shown(caption));
                    let _ = writeln!(s, "#list(");
                    for item in items {
                        let _ = writeln!(
                            s,
                            "  [#{} #{} — #{}],",
                            rag_badge(messages, item.status),
                            shown(&item.label),
                            shown(&item.detail)
                        );
                    }
                    let _ = writeln!(s, ")");
                }
                Block::Absent { text } => {
                    let _ = writeln!(s, "#par(emph(text(fill: muted, {})))", shown(text));
                }
                Block::SourceNote { sources } => {
                    let _ = writeln!(
                        s,
                        "#par(text(size: 8pt, fill: muted, {}))",
                        shown(&sources_line(
                            messages,
                            sources.iter().map(|id| id.as_str().to_owned())
                        ))
                    );
                }
            }
        }
    }
    (s, charts)
}

fn diagnostics(world: &BriefingWorld, list: &[SourceDiagnostic]) -> Vec<String> {
    list.iter()
        .map(|d| {
            let at = d
                .span
                .range()
                .or_else(|| world.main.range(d.span))
                .and_then(|r| world.main.text().get(r))
                .map(|t| format!(" (at `{}`)", t.chars().take(80).collect::<String>()))
                .unwrap_or_default();
            format!("{}{at}", d.message)
        })
        .collect()
}

/// The runs of text in the typeset `report` that some character of has no glyph in the bundled
/// fonts (it would show as an empty box), in page order; empty when every character is covered.
pub fn missing_glyphs(report: &Report, messages: &Messages) -> Result<Vec<String>, PdfError> {
    fn walk(frame: &Frame, out: &mut Vec<String>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                // Glyph 0 is a font's "missing glyph" box.
                FrameItem::Text(text) if text.glyphs.iter().any(|g| g.id == 0) => {
                    out.push(text.text.to_string());
                }
                _ => {}
            }
        }
    }
    let document = typeset_in(&world(report, messages))?;
    let mut out = Vec::new();
    for page in &document.pages {
        walk(&page.frame, &mut out);
    }
    Ok(out)
}

fn world(report: &Report, messages: &Messages) -> BriefingWorld {
    let (source, charts) = typst_source(report, messages);
    let main = Source::new(FileId::new(None, VirtualPath::new("/briefing.typ")), source);
    let files = charts
        .into_iter()
        .map(|(path, svg)| {
            (
                FileId::new(None, VirtualPath::new(&path)),
                Bytes::new(svg.into_bytes()),
            )
        })
        .collect();
    let as_of = report.as_of;
    BriefingWorld {
        library: LazyHash::new(Library::default()),
        main,
        files,
        // Month and day are valid by construction; a year Typst cannot hold gives no date.
        today: Datetime::from_ymd(as_of.year(), as_of.month() as u8, as_of.day() as u8),
    }
}

fn typeset_in(world: &BriefingWorld) -> Result<PagedDocument, PdfError> {
    let warned = typst::compile::<PagedDocument>(world);
    warned
        .output
        .map_err(|errors| PdfError::Typeset(diagnostics(world, &errors)))
}

/// Renders `report` as a tagged PDF/UA-1 document on A4.
pub fn render(report: &Report, messages: &Messages) -> Result<Vec<u8>, PdfError> {
    let world = world(report, messages);
    let document = typeset_in(&world)?;
    let ident = format!(
        "dostyk-briefing-{}-{}",
        report.language.code(),
        report.as_of
    );
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| PdfError::Export(vec![e.to_string()]))?;
    let options = PdfOptions {
        ident: Smart::Custom(&ident),
        timestamp: None,
        page_ranges: None,
        standards,
        tagged: true,
    };
    typst_pdf::pdf(&document, &options)
        .map_err(|errors| PdfError::Export(diagnostics(&world, &errors)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_a_string_literal_never_markup() {
        assert_eq!(
            lit("a \"b\" \\ #c [d] $e$"),
            "\"a \\\"b\\\" \\\\ #c [d] $e$\""
        );
        assert_eq!(lit("line\nbreak\u{7}"), "\"line\\nbreak\\u{7}\"");
    }

    #[test]
    fn english_fallbacks_are_tagged_en_with_the_visible_mark() {
        let text = format!("Цель: {}", crate::i18n::fallback("KZ-UZ rail"));
        assert_eq!(
            shown(&text),
            "[#\"Цель: \"#text(lang: \"en\", \"KZ-UZ rail\")#\" [en]\"]"
        );
        assert_eq!(shown("Цель"), "\"Цель\"");
        // Where a string is required (alt text, metadata), the marks are written out.
        assert_eq!(lit(&text), "\"Цель: KZ-UZ rail [en]\"");
    }

    #[test]
    fn chart_paths_are_plain_file_names() {
        assert_eq!(chart_path("trade-turnover"), "/charts/trade-turnover.svg");
        assert_eq!(chart_path("../x y"), "/charts/___x_y.svg");
    }

    #[test]
    fn the_fonts_cover_kazakh_and_uzbek() {
        for c in "әғқңөұүһі ӘҒҚҢӨҰҮҺІ oʻ gʻ Oʻ Gʻ ’ « » — – № ≈ −".chars()
        {
            assert!(c == ' ' || covers(c), "no bundled font has {c:?}");
        }
        assert!(
            font_families()
                .iter()
                .any(|f| f == crate::render::BUNDLED_FONT)
        );
    }
}
