//! HTML: one self-contained file (inline CSS and SVG, no JavaScript, no network), readable on
//! screen and printed on A4.
//!
//! Every text from data is escaped. Every figure is a `<data>` element carrying its id, exact
//! value and sources, so a reader (or a program) can trace any number on the page.

use std::fmt::Write as _;

use dostyk_core_model::provenance::SourceId;

use crate::briefing::SOURCES_TABLE;
use crate::chart::escape_xml;
use crate::document::{Block, Cell, Inline, Rag, Report, Table};
use crate::i18n::Language;
use crate::i18n::Messages;

const CSS: &str = "\
:root{--ink:#1a1a1a;--muted:#5a5a5a;--rule:#d0d0d0;--accent:#0072B2}
*{box-sizing:border-box}
body{font-family:Helvetica,Arial,sans-serif;color:var(--ink);max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;overflow-wrap:break-word}
h1{font-size:1.7rem;margin:0 0 .2rem}h2{font-size:1.3rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:2.2rem}
.subtitle{color:var(--muted);margin:0 0 1.5rem}
nav ol{columns:2;padding-left:1.2rem}
@media (max-width:40rem){nav ol{columns:1}}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(13rem,100%),1fr));gap:.8rem;margin:1rem 0}
.kpi{border:1px solid var(--rule);border-radius:6px;padding:.6rem .8rem}
.kpi .label{font-size:.85rem;color:var(--muted)}.kpi .value{font-size:1.35rem;font-weight:bold}.kpi .note{font-size:.8rem;color:var(--muted)}
.kpi .src{font-size:.75rem;color:var(--muted);overflow-wrap:anywhere}
.scroll{overflow-x:auto;margin:1rem 0;max-width:100%}
.scroll:focus{outline:2px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
td.token{overflow-wrap:anywhere;min-width:6rem}
th{background:#f3f3f3}td.num,th.num{text-align:right;white-space:nowrap}
tr:target{background:#fff3c4}
figure{margin:1rem 0}figure .scroll{margin:0}figure svg{display:block;width:100%;max-width:45rem;min-width:36rem;height:auto}figcaption{font-size:.85rem;color:var(--muted)}
.rag{display:inline-block;min-width:4.5rem;padding:0 .4rem;border-radius:3px;font-size:.8rem;text-align:center;color:#fff}
.rag-green{background:#1b7f3b}.rag-amber{background:#b86e00}.rag-red{background:#b3261e}.rag-grey{background:#6b6b6b}
ul.status{list-style:none;padding:0}ul.status li{margin:.4rem 0}
.absent{color:var(--muted);font-style:italic}
.untranslated-mark{font-size:.75em;color:var(--muted)}
.sources{font-size:.8rem;color:var(--muted);overflow-wrap:anywhere}
a{color:#005a8c}
data{font-variant-numeric:tabular-nums}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}nav{display:none}h2,caption{break-after:avoid}\
.scroll{overflow:visible}table{font-size:8pt;table-layout:auto}th,td{padding:.15rem .3rem}td{overflow-wrap:anywhere}td.num{white-space:normal}\
tr,figure,.kpi{break-inside:avoid}thead{display:table-header-group}\
figure svg{min-width:0;max-width:100%}a{color:inherit;text-decoration:none}tr:target{background:none}}
";

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    escape_xml(text)
}

fn rag_label(messages: &Messages, rag: Rag) -> String {
    messages.text(super::rag_id(rag))
}

fn rag_class(rag: Rag) -> &'static str {
    super::rag_id(rag)
}

fn figure(report: &Report, messages: &Messages, id: &str) -> String {
    match report.figure(id) {
        Some(f) => {
            let sources: Vec<&str> = f.source_ids.iter().map(SourceId::as_str).collect();
            let title = match &f.method {
                Some(m) => format!(
                    "{}: {}. {m}",
                    messages.text("sources-label"),
                    sources.join(", ")
                ),
                None => format!("{}: {}", messages.text("sources-label"), sources.join(", ")),
            };
            format!(
                "<data value=\"{}\" data-figure=\"{}\" data-sources=\"{}\" title=\"{}\">{}</data>",
                f.value,
                escape(&f.id),
                escape(&sources.join(" ")),
                escape(&title),
                escape(&messages.value(f.value, f.unit))
            )
        }
        None => escape(&format!("\u{27e6}{id}\u{27e7}")),
    }
}

/// Whether a character is a letter of the Cyrillic script.
fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// Text escaped for HTML; on a page in a Cyrillic-script language, each run of English words in
/// it (text the dataset holds in English only) is marked `lang="en"`, so screen readers and
/// hyphenation treat it as English.
///
/// Dataset text shown in English for want of a translation (marked by
/// [`crate::i18n::fallback`]) is `<span lang="en" class="untranslated">` followed by a visible
/// `[en]`, in every language.
fn text(lang: Language, t: &str) -> String {
    if t.contains([crate::i18n::FALLBACK_START, crate::i18n::FALLBACK_END]) {
        let mut out = String::with_capacity(t.len() + 64);
        for (is_fallback, run) in crate::i18n::runs(t) {
            if is_fallback {
                let _ = write!(
                    out,
                    "<span lang=\"en\" class=\"untranslated\">{}</span><span class=\"untranslated-mark\"> [en]</span>",
                    escape(run)
                );
            } else {
                out.push_str(&translated_text(lang, run));
            }
        }
        return out;
    }
    translated_text(lang, t)
}

/// Text in the page's language, with runs of English words on a Cyrillic page marked.
fn translated_text(lang: Language, t: &str) -> String {
    if !lang.is_cyrillic() || !t.chars().any(|c| c.is_ascii_alphabetic()) {
        return escape(t);
    }
    let mut out = String::with_capacity(t.len() + 32);
    let mut rest = t;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        out.push_str(&escape(&rest[..start]));
        let tail = &rest[start..];
        // The run goes on to the next Cyrillic letter, then gives back trailing spaces and
        // punctuation (it starts with a letter, so it is never empty).
        let run = match tail.find(is_cyrillic) {
            Some(end) => {
                tail[..end].trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != ')')
            }
            None => tail,
        };
        if run.chars().filter(char::is_ascii_alphabetic).count() >= 2 {
            let _ = write!(out, "<span lang=\"en\">{}</span>", escape(run));
        } else {
            out.push_str(&escape(run));
        }
        rest = &tail[run.len()..];
    }
    out.push_str(&escape(rest));
    out
}

/// The anchor of a source's row in the Sources table.
fn source_anchor_id(id: &SourceId) -> String {
    format!("src-{}", id.as_str())
}

/// The row anchor of a row of the Sources table: its first cell is a source the report lists.
fn source_anchor(report: &Report, table: &Table, row: &[Cell]) -> Option<String> {
    if table.id != SOURCES_TABLE {
        return None;
    }
    let Some(Cell::Text(first)) = row.first() else {
        return None;
    };
    report
        .sources
        .iter()
        .find(|s| s.id.as_str() == first)
        .map(|s| source_anchor_id(&s.id))
}

/// Source ids as visible in-page links to their rows in the Sources table (plain text for an id
/// the report does not list).
fn source_links(report: &Report, ids: &[SourceId]) -> String {
    let links: Vec<String> = ids
        .iter()
        .map(|id| {
            if report.source(id).is_some() {
                format!(
                    "<a href=\"#{}\">{}</a>",
                    escape(&source_anchor_id(id)),
                    escape(id.as_str())
                )
            } else {
                escape(id.as_str())
            }
        })
        .collect();
    links.join(", ")
}

/// A single unbroken token long enough to widen its column (an address or an id): such a cell
/// may wrap anywhere.
fn is_token(text: &str) -> bool {
    text.chars().count() > 20 && !text.chars().any(char::is_whitespace)
}

/// Renders a report as one self-contained HTML document.
pub fn render(report: &Report, messages: &Messages) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let lang = report.language.code();
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">"
    );
    let _ = writeln!(
        s,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&report.title));
    let page = report.language;
    let _ = writeln!(s, "<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(s, "<header>\n<h1>{}</h1>", escape(&report.title));
    let _ = writeln!(
        s,
        "<p class=\"subtitle\">{}</p>\n</header>",
        text(page, &report.subtitle)
    );

    let _ = writeln!(
        s,
        "<nav aria-label=\"{}\"><ol>",
        escape(&messages.text("contents"))
    );
    for section in &report.sections {
        let _ = writeln!(
            s,
            "<li><a href=\"#{}\">{}</a></li>",
            escape(&section.id),
            text(page, &section.title)
        );
    }
    let _ = writeln!(s, "</ol></nav>\n<main>");

    for section in &report.sections {
        let _ = writeln!(s, "<section id=\"{}\">", escape(&section.id));
        let _ = writeln!(s, "<h2>{}</h2>", text(page, &section.title));
        for block in &section.blocks {
            render_block(&mut s, report, messages, block);
        }
        let _ = writeln!(s, "</section>");
    }
    let _ = writeln!(s, "</main>\n</body>\n</html>");
    // Fallback marks that `text` did not turn into elements (in attributes and charts) are
    // written out in plain text.
    crate::i18n::plain(&s).into_owned()
}

fn render_block(s: &mut String, report: &Report, messages: &Messages, block: &Block) {
    let lang = report.language;
    match block {
        Block::Kpis { cards } => {
            let _ = writeln!(s, "<div class=\"kpis\">");
            for card in cards {
                let _ = write!(
                    s,
                    "<div class=\"kpi\"><div class=\"label\">{}</div><div class=\"value\">{}</div>",
                    text(lang, &card.label),
                    figure(report, messages, &card.figure)
                );
                if let Some(note) = &card.note {
                    let _ = write!(s, "<div class=\"note\">{}</div>", text(lang, note));
                }
                if let Some(f) = report.figure(&card.figure) {
                    let _ = write!(
                        s,
                        "<div class=\"src\">{}: {}</div>",
                        escape(&messages.text("sources-label")),
                        source_links(report, &f.source_ids)
                    );
                }
                let _ = writeln!(s, "</div>");
            }
            let _ = writeln!(s, "</div>");
        }
        Block::Table(t) => {
            let id = format!("table-{}", t.id);
            let _ = writeln!(
                s,
                "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{}-caption\">\n<table id=\"{}\">",
                escape(&id),
                escape(&id)
            );
            let _ = writeln!(
                s,
                "<caption id=\"{}-caption\">{}</caption>",
                escape(&id),
                text(lang, &t.caption)
            );
            let _ = write!(s, "<thead><tr>");
            for c in &t.columns {
                let class = if c.numeric { " class=\"num\"" } else { "" };
                let _ = write!(s, "<th scope=\"col\"{class}>{}</th>", text(lang, &c.label));
            }
            let _ = writeln!(s, "</tr></thead>\n<tbody>");
            for row in &t.rows {
                match source_anchor(report, t, row) {
                    Some(anchor) => {
                        let _ = write!(s, "<tr id=\"{}\">", escape(&anchor));
                    }
                    None => s.push_str("<tr>"),
                }
                for (i, cell) in row.iter().enumerate() {
                    let numeric = t.columns.get(i).is_some_and(|c| c.numeric);
                    let mut class = if numeric { "num" } else { "" };
                    let content = match cell {
                        Cell::Text(t) => {
                            if is_token(t) && !numeric {
                                class = "token";
                            }
                            text(lang, t)
                        }
                        Cell::Figure(id) => figure(report, messages, id),
                        Cell::Status(rag) => format!(
                            "<span class=\"rag {}\">{}</span>",
                            rag_class(*rag),
                            escape(&rag_label(messages, *rag))
                        ),
                        Cell::Empty => String::new(),
                    };
                    if class.is_empty() {
                        let _ = write!(s, "<td>{content}</td>");
                    } else {
                        let _ = write!(s, "<td class=\"{class}\">{content}</td>");
                    }
                }
                let _ = writeln!(s, "</tr>");
            }
            let _ = writeln!(s, "</tbody>\n</table>\n</div>");
        }
        Block::Chart(chart) => {
            let _ = writeln!(
                s,
                "<figure>\n<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                escape(&chart.title)
            );
            s.push_str(&chart.to_svg(messages));
            let _ = writeln!(
                s,
                "</div>\n<figcaption>{}</figcaption>\n</figure>",
                text(lang, &chart.description)
            );
        }
        Block::Paragraph { content } => {
            let _ = write!(s, "<p>");
            for run in content {
                match run {
                    Inline::Text(t) => s.push_str(&text(lang, t)),
                    Inline::Figure(id) => s.push_str(&figure(report, messages, id)),
                }
            }
            let _ = writeln!(s, "</p>");
        }
        Block::StatusList { caption, items } => {
            let _ = writeln!(
                s,
                "<p><strong>{}</strong></p>\n<ul class=\"status\">",
                text(lang, caption)
            );
            for item in items {
                let _ = writeln!(
                    s,
                    "<li><span class=\"rag {}\">{}</span> {} — {}</li>",
                    rag_class(item.status),
                    escape(&rag_label(messages, item.status)),
                    text(lang, &item.label),
                    text(lang, &item.detail)
                );
            }
            let _ = writeln!(s, "</ul>");
        }
        Block::Absent { text: absent } => {
            let _ = writeln!(s, "<p class=\"absent\">{}</p>", text(lang, absent));
        }
        Block::SourceNote { sources } => {
            let _ = writeln!(
                s,
                "<p class=\"sources\">{}: {}</p>",
                escape(&messages.text("sources-label")),
                source_links(report, sources)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_runs_in_russian_text_are_marked() {
        assert_eq!(
            text(Language::Ru, "Грузоперевозки 2025 г.: KZ-UZ rail, экспорт"),
            "Грузоперевозки 2025 г.: <span lang=\"en\">KZ-UZ rail</span>, экспорт"
        );
        assert_eq!(
            text(Language::Ru, "Trend <b>"),
            "<span lang=\"en\">Trend &lt;b&gt;</span>"
        );
        // A single Latin letter is not a word; English pages are left alone.
        assert_eq!(text(Language::Ru, "x 100 млн"), "x 100 млн");
        assert_eq!(text(Language::En, "KZ-UZ rail"), "KZ-UZ rail");
        assert_eq!(text(Language::Ru, "Ташкент"), "Ташкент");
    }

    #[test]
    fn only_long_unbroken_text_may_wrap_anywhere() {
        assert!(is_token("https://example.org/a/very/long/path"));
        assert!(!is_token("The Astana Times, 2024"));
        assert!(!is_token("kz-uz"));
    }
}
