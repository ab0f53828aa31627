//! Word: an editable Office Open XML document (the `docx` feature), written part by part into a
//! zip package.
//!
//! Sections are `Heading 1` paragraphs (Word's navigation pane lists them), tables are real
//! Word tables with a repeated header row and a caption, lists use a bullet numbering, and each
//! chart is the report's SVG with a PNG drawn from it (resvg, Libertinus Serif) as the fallback
//! Word versions before 2016 and other editors show. Every text from the report is XML-escaped
//! character data, never markup.
//!
//! The package's dates are the report's as-of date and its zip entries carry that date too, so
//! the same report gives the same bytes.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::sync::{Arc, OnceLock};

use chrono::Datelike;
use resvg::tiny_skia;
use resvg::usvg;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::chart::{Chart, escape_xml};
use crate::document::{Block, Cell, Inline, Rag, Report, Table};
use crate::i18n::Messages;

/// Why a Word document could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    /// A chart's SVG could not be drawn as the PNG fallback.
    #[error("chart \"{chart}\" could not be drawn as PNG: {message}")]
    Chart {
        /// The chart's id.
        chart: String,
        /// What the SVG reader or the PNG encoder said.
        message: String,
    },
    /// Writing the zip package failed.
    #[error("the Word package could not be written: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing into the in-memory package failed.
    #[error("the Word package could not be written: {0}")]
    Io(#[from] std::io::Error),
}

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The width of the text on an A4 page with 16 mm margins: 178 mm, in twips (1/20 pt).
const TEXT_WIDTH_TWIPS: usize = 10_092;
/// A chart's width on the page, in EMU (170 mm).
const CHART_WIDTH_EMU: u64 = 6_120_000;
/// The PNG fallback's pixels per SVG unit.
const PNG_SCALE: f32 = 2.0;

/// Text as XML character data or attribute value: escaped, fallback markers written out as
/// ` [en]`, and without the characters XML 1.0 cannot hold.
fn xml(text: &str) -> String {
    escape_xml(&crate::i18n::plain(text)).replace(['\u{FFFE}', '\u{FFFF}'], "")
}

/// A run of text, with optional run properties.
///
/// Dataset text shown in English for want of a translation becomes a run of its own marked
/// `w:lang="en"` (spelling and screen readers treat it as English), followed by the visible
/// ` [en]` mark, as in the HTML.
fn run(text: &str, props: &str) -> String {
    let one = |text: &str, props: &str| {
        let props = if props.is_empty() {
            String::new()
        } else {
            format!("<w:rPr>{props}</w:rPr>")
        };
        format!(
            "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            xml(text)
        )
    };
    if !text.contains([crate::i18n::FALLBACK_START, crate::i18n::FALLBACK_END]) {
        return one(text, props);
    }
    let mut out = String::new();
    for (english, part) in crate::i18n::runs(text) {
        if english {
            // `w:lang` comes last among these run properties in the schema's order.
            out.push_str(&one(part, &format!("{props}<w:lang w:val=\"en\"/>")));
            out.push_str(&one(crate::i18n::FALLBACK_MARK, props));
        } else {
            out.push_str(&one(part, props));
        }
    }
    out
}

/// A paragraph of runs with optional paragraph properties.
fn para(props: &str, runs: &str) -> String {
    if props.is_empty() {
        format!("<w:p>{runs}</w:p>")
    } else {
        format!("<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>")
    }
}

fn styled(style: &str) -> String {
    format!("<w:pStyle w:val=\"{style}\"/>")
}

const BULLET: &str = "<w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>";

/// The status as white text on the HTML's colour.
fn rag_run(messages: &Messages, rag: Rag) -> String {
    let fill = super::rag_fill(rag).to_ascii_uppercase();
    run(
        &format!(" {} ", messages.text(super::rag_id(rag))),
        &format!(
            "<w:color w:val=\"FFFFFF\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
        ),
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

/// The parts other than the document body that the package is built from.
struct Package {
    /// Relationships of the document part: (id, type, target, external).
    rels: Vec<(String, &'static str, String, bool)>,
    /// Media files: (path in the package, bytes).
    media: Vec<(String, Vec<u8>)>,
    /// The next drawing id (`wp:docPr/@id`, unique in the document).
    next_drawing: usize,
}

impl Package {
    fn rel(&mut self, kind: &'static str, target: String, external: bool) -> String {
        let id = format!("rId{}", self.rels.len() + 1);
        self.rels.push((id.clone(), kind, target, external));
        id
    }
}

/// The PNG fallback of a chart's SVG, drawn with the bundled fonts.
fn png(chart: &Chart, svg: &str) -> Result<Vec<u8>, DocxError> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    let fontdb = FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for data in typst_assets::fonts() {
            db.load_font_data(data.to_vec());
        }
        // The charts ask for Helvetica, Arial or sans-serif; none is bundled.
        db.set_sans_serif_family(super::BUNDLED_FONT);
        Arc::new(db)
    });
    let error = |message: String| DocxError::Chart {
        chart: chart.id.clone(),
        message,
    };
    let options = usvg::Options {
        font_family: super::BUNDLED_FONT.to_owned(),
        fontdb: Arc::clone(fontdb),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| error(e.to_string()))?;
    let size = tree.size();
    let width = (size.width() * PNG_SCALE).ceil() as u32;
    let height = (size.height() * PNG_SCALE).ceil() as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| error(format!("no {width}×{height} canvas")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| error(e.to_string()))
}

fn chart_block(
    s: &mut String,
    package: &mut Package,
    messages: &Messages,
    chart: &Chart,
) -> Result<(), DocxError> {
    let svg = crate::i18n::plain(&chart.to_svg(messages)).into_owned();
    let png = png(chart, &svg)?;
    let n = package.media.len() / 2 + 1;
    let png_path = format!("media/chart{n}.png");
    let svg_path = format!("media/chart{n}.svg");
    let png_id = package.rel(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
        png_path.clone(),
        false,
    );
    let svg_id = package.rel(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
        svg_path.clone(),
        false,
    );
    package.media.push((format!("word/{png_path}"), png));
    package
        .media
        .push((format!("word/{svg_path}"), svg.into_bytes()));
    let drawing = package.next_drawing;
    package.next_drawing += 1;
    let cx = CHART_WIDTH_EMU;
    // The SVG is 720 × 340 units; the page keeps its proportions.
    let cy = CHART_WIDTH_EMU * 340 / 720;
    let alt = xml(&format!("{}. {}", chart.title, chart.description));
    let name = xml(&chart.id);
    let _ = write!(
        s,
        "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
<wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{drawing}\" name=\"{name}\" descr=\"{alt}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"{drawing}\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{png_id}\"><a:extLst><a:ext uri=\"{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}\">\
<asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"{svg_id}\"/></a:ext></a:extLst></a:blip>\
<a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    );
    s.push_str(&para(&styled("Caption"), &run(&chart.description, "")));
    Ok(())
}

/// A text column's share of the width: its mean text length, within 4 to 40 characters.
fn column_weight(table: &Table, col: usize) -> usize {
    if table.columns[col].numeric {
        return 10;
    }
    let lengths: Vec<usize> = table
        .rows
        .iter()
        .filter_map(|row| match row.get(col) {
            Some(Cell::Text(t)) => Some(t.chars().count()),
            _ => None,
        })
        .collect();
    let header = table.columns[col].label.chars().count();
    let mean = if lengths.is_empty() {
        header
    } else {
        lengths.iter().sum::<usize>() / lengths.len()
    };
    mean.max(header.min(12)).clamp(4, 40)
}

fn table_block(
    s: &mut String,
    package: &mut Package,
    report: &Report,
    messages: &Messages,
    t: &Table,
) {
    s.push_str(&para(
        &format!("{}<w:keepNext/>", styled("Caption")),
        &run(&t.caption, ""),
    ));
    let weights: Vec<usize> = (0..t.columns.len()).map(|i| column_weight(t, i)).collect();
    let total: usize = weights.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = weights
        .iter()
        .map(|w| TEXT_WIDTH_TWIPS * w / total)
        .collect();
    let _ = write!(
        s,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"BriefingTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>\
<w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>",
        xml(&t.caption)
    );
    for w in &widths {
        let _ = write!(s, "<w:gridCol w:w=\"{w}\"/>");
    }
    s.push_str("</w:tblGrid>");
    let cell = |s: &mut String, width: usize, numeric: bool, content: &str| {
        let align = if numeric {
            "<w:jc w:val=\"right\"/>"
        } else {
            ""
        };
        let _ = write!(
            s,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
            para(align, content)
        );
    };
    s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (c, col) in t.columns.iter().enumerate() {
        cell(s, widths[c], col.numeric, &run(&col.label, ""));
    }
    s.push_str("</w:tr>");
    for row in &t.rows {
        s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (c, value) in row.iter().enumerate() {
            let numeric = t.columns.get(c).is_some_and(|col| col.numeric);
            let width = widths.get(c).copied().unwrap_or(0);
            let content = match value {
                Cell::Text(text) if text.starts_with("https://") || text.starts_with("http://") => {
                    let id = package.rel(
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                        text.clone(),
                        true,
                    );
                    format!(
                        "<w:hyperlink r:id=\"{id}\">{}</w:hyperlink>",
                        run(text, "<w:rStyle w:val=\"Hyperlink\"/>")
                    )
                }
                Cell::Text(text) => run(text, ""),
                Cell::Figure(id) => run(&figure_text(report, messages, id), ""),
                Cell::Status(rag) => rag_run(messages, *rag),
                Cell::Empty => String::new(),
            };
            cell(s, width, numeric, &content);
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
}

/// The body of `word/document.xml`.
fn body(report: &Report, messages: &Messages, package: &mut Package) -> Result<String, DocxError> {
    let mut s = String::with_capacity(256 * 1024);
    s.push_str(&para(&styled("Title"), &run(&report.title, "")));
    s.push_str(&para(&styled("Subtitle"), &run(&report.subtitle, "")));
    for section in &report.sections {
        s.push_str(&para(&styled("Heading1"), &run(&section.title, "")));
        for block in &section.blocks {
            match block {
                Block::Kpis { cards } => {
                    for card in cards {
                        let mut runs = run(&format!("{}: ", card.label), "");
                        runs.push_str(&run(&figure_text(report, messages, &card.figure), "<w:b/>"));
                        if let Some(note) = &card.note {
                            runs.push_str(&run(&format!(" — {note}"), ""));
                        }
                        if let Some(f) = report.figure(&card.figure) {
                            runs.push_str(&run(
                                &format!(
                                    " ({})",
                                    sources_line(
                                        messages,
                                        f.source_ids.iter().map(|id| id.as_str().to_owned())
                                    )
                                ),
                                "<w:color w:val=\"5A5A5A\"/><w:sz w:val=\"16\"/>",
                            ));
                        }
                        s.push_str(&para(BULLET, &runs));
                    }
                }
                Block::Table(t) => table_block(&mut s, package, report, messages, t),
                Block::Chart(chart) => chart_block(&mut s, package, messages, chart)?,
                Block::Paragraph { content } => {
                    let runs: String = content
                        .iter()
                        .map(|r| match r {
                            Inline::Text(t) => run(t, ""),
                            Inline::Figure(id) => run(&figure_text(report, messages, id), ""),
                        })
                        .collect();
                    s.push_str(&para("", &runs));
                }
                Block::StatusList { caption, items } => {
                    s.push_str(&para("<w:keepNext/>", &run(caption, "<w:b/>")));
                    for item in items {
                        let mut runs = rag_run(messages, item.status);
                        runs.push_str(&run(&format!(" {} — {}", item.label, item.detail), ""));
                        s.push_str(&para(BULLET, &runs));
                    }
                }
                Block::Absent { text } => {
                    s.push_str(&para("", &run(text, "<w:i/><w:color w:val=\"5A5A5A\"/>")));
                }
                Block::SourceNote { sources } => {
                    s.push_str(&para(
                        &styled("SourceNote"),
                        &run(
                            &sources_line(
                                messages,
                                sources.iter().map(|id| id.as_str().to_owned()),
                            ),
                            "",
                        ),
                    ));
                }
            }
        }
    }
    // A4 portrait, 16 mm margins (907 twips).
    s.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"907\" w:right=\"907\" w:bottom=\"907\" w:left=\"907\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>",
    );
    Ok(s)
}

fn styles(lang: &str) -> String {
    let lang = xml(lang);
    let heading = |id: &str, name: &str, size: u32, level: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"{level}\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1A1A1A\"/><w:sz w:val=\"{size}\"/></w:rPr></w:style>"
        )
    };
    format!(
        "{XML_HEAD}<w:styles xmlns:w=\"{NS_W}\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"{lang}\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:semiHidden/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"36\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:color w:val=\"5A5A5A\"/></w:rPr></w:style>\
{}{}\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"120\" w:after=\"60\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"360\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"SourceNote\"><w:name w:val=\"Source Note\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:color w:val=\"5A5A5A\"/><w:sz w:val=\"16\"/></w:rPr></w:style>\
<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr><w:color w:val=\"005A8C\"/><w:u w:val=\"single\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"BriefingTable\"><w:name w:val=\"Briefing Table\"/><w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>\
<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"D0D0D0\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"D0D0D0\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"D0D0D0\"/></w:tblBorders>\
<w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/><w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>\
<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F3F3\"/></w:tcPr></w:tblStylePr></w:style>\
</w:styles>",
        heading("Heading1", "heading 1", 28, 0),
        heading("Heading2", "heading 2", 24, 1),
    )
}

const NUMBERING: &str = "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

const SETTINGS: &str = "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

/// Renders `report` as a `.docx` package in memory.
pub fn render(report: &Report, messages: &Messages) -> Result<Vec<u8>, DocxError> {
    let mut package = Package {
        rels: Vec::new(),
        media: Vec::new(),
        next_drawing: 1,
    };
    package.rel(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
        "styles.xml".into(),
        false,
    );
    package.rel(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
        "numbering.xml".into(),
        false,
    );
    package.rel(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings",
        "settings.xml".into(),
        false,
    );
    let body = body(report, messages, &mut package)?;
    let document = format!(
        "{XML_HEAD}<w:document xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{body}</w:body></w:document>"
    );

    let mut rels = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (id, kind, target, external) in &package.rels {
        let mode = if *external {
            " TargetMode=\"External\""
        } else {
            ""
        };
        let _ = write!(
            rels,
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{}\"{mode}/>",
            xml(target)
        );
    }
    rels.push_str("</Relationships>");

    let date = format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        report.as_of.year(),
        report.as_of.month(),
        report.as_of.day()
    );
    let lang = report.language.code();
    let core = format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>Dostyk</dc:creator><dc:language>{}</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>\
</cp:coreProperties>",
        xml(&report.title),
        xml(&report.subtitle),
        xml(lang)
    );
    let app = format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Dostyk</Application></Properties>"
    );
    let content_types = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>"
    );
    let root_rels = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    );

    // The zip entries carry the as-of date (1980-01-01 outside the years zip can hold).
    let modified = u16::try_from(report.as_of.year())
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                report.as_of.month() as u8,
                report.as_of.day() as u8,
                0,
                0,
                0,
            )
            .ok()
        })
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(modified)
        .unix_permissions(0o644);
    let styles = styles(lang);
    let numbering = format!("{XML_HEAD}{NUMBERING}");
    let settings = format!("{XML_HEAD}{SETTINGS}");
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let parts: [(&str, &[u8]); 9] = [
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", root_rels.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
        ("docProps/app.xml", app.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/settings.xml", settings.as_bytes()),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    for (name, bytes) in &package.media {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_character_data() {
        assert_eq!(
            run("<w:t>&\u{1}\u{FFFF}", ""),
            "<w:r><w:t xml:space=\"preserve\">&lt;w:t&gt;&amp;</w:t></w:r>"
        );
    }

    #[test]
    fn english_fallbacks_are_runs_tagged_en_with_the_visible_mark() {
        let text = format!("Цель: {}.", crate::i18n::fallback("KZ-UZ rail"));
        assert_eq!(
            run(&text, "<w:b/>"),
            "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Цель: </w:t></w:r>\
             <w:r><w:rPr><w:b/><w:lang w:val=\"en\"/></w:rPr><w:t xml:space=\"preserve\">KZ-UZ rail</w:t></w:r>\
             <w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> [en]</w:t></w:r>\
             <w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">.</w:t></w:r>"
        );
        // Wherever text is not a run (captions, alt text, properties), the marks are written out.
        assert_eq!(xml(&text), "Цель: KZ-UZ rail [en].");
    }
}
