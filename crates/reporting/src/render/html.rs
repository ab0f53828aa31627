//! HTML: one self-contained file (inline CSS and SVG, no JavaScript, no network), readable on
//! screen and printed on A4.
//!
//! Every text from data is escaped. Every figure is a `<data>` element carrying its id, exact
//! value and sources, so a reader (or a program) can trace any number on the page.

use std::fmt::Write as _;

use dostyk_core_model::provenance::SourceId;

use crate::chart::escape_xml;
use crate::document::{Block, Cell, Inline, Rag, Report};
use crate::i18n::Messages;

const CSS: &str = "\
:root{--ink:#1a1a1a;--muted:#5a5a5a;--rule:#d0d0d0;--accent:#0072B2}
*{box-sizing:border-box}
body{font-family:Helvetica,Arial,sans-serif;color:var(--ink);max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.7rem;margin:0 0 .2rem}h2{font-size:1.3rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:2.2rem}
.subtitle{color:var(--muted);margin:0 0 1.5rem}
nav ol{columns:2;padding-left:1.2rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.8rem;margin:1rem 0}
.kpi{border:1px solid var(--rule);border-radius:6px;padding:.6rem .8rem}
.kpi .label{font-size:.85rem;color:var(--muted)}.kpi .value{font-size:1.35rem;font-weight:bold}.kpi .note{font-size:.8rem;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#f3f3f3}td.num,th.num{text-align:right;white-space:nowrap}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.85rem;color:var(--muted)}
.rag{display:inline-block;min-width:4.5rem;padding:0 .4rem;border-radius:3px;font-size:.8rem;text-align:center;color:#fff}
.rag-green{background:#1b7f3b}.rag-amber{background:#b86e00}.rag-red{background:#b3261e}.rag-grey{background:#6b6b6b}
ul.status{list-style:none;padding:0}ul.status li{margin:.4rem 0}
.absent{color:var(--muted);font-style:italic}
.sources{font-size:.8rem;color:var(--muted)}
data{font-variant-numeric:tabular-nums}
@page{size:A4;margin:16mm 14mm}
@media print{body{max-width:none;margin:0;font-size:10pt}nav{display:none}h2{break-after:avoid}table,figure,.kpi{break-inside:avoid}a{color:inherit;text-decoration:none}}
";

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    escape_xml(text)
}

fn rag_label(messages: &Messages, rag: Rag) -> String {
    messages.text(match rag {
        Rag::Green => "rag-green",
        Rag::Amber => "rag-amber",
        Rag::Red => "rag-red",
        Rag::Grey => "rag-grey",
    })
}

fn rag_class(rag: Rag) -> &'static str {
    match rag {
        Rag::Green => "rag-green",
        Rag::Amber => "rag-amber",
        Rag::Red => "rag-red",
        Rag::Grey => "rag-grey",
    }
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
    let _ = writeln!(s, "<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(s, "<header>\n<h1>{}</h1>", escape(&report.title));
    let _ = writeln!(
        s,
        "<p class=\"subtitle\">{}</p>\n</header>",
        escape(&report.subtitle)
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
            escape(&section.title)
        );
    }
    let _ = writeln!(s, "</ol></nav>\n<main>");

    for section in &report.sections {
        let _ = writeln!(s, "<section id=\"{}\">", escape(&section.id));
        let _ = writeln!(s, "<h2>{}</h2>", escape(&section.title));
        for block in &section.blocks {
            render_block(&mut s, report, messages, block);
        }
        let _ = writeln!(s, "</section>");
    }
    let _ = writeln!(s, "</main>\n</body>\n</html>");
    s
}

fn render_block(s: &mut String, report: &Report, messages: &Messages, block: &Block) {
    match block {
        Block::Kpis { cards } => {
            let _ = writeln!(s, "<div class=\"kpis\">");
            for card in cards {
                let _ = write!(
                    s,
                    "<div class=\"kpi\"><div class=\"label\">{}</div><div class=\"value\">{}</div>",
                    escape(&card.label),
                    figure(report, messages, &card.figure)
                );
                if let Some(note) = &card.note {
                    let _ = write!(s, "<div class=\"note\">{}</div>", escape(note));
                }
                let _ = writeln!(s, "</div>");
            }
            let _ = writeln!(s, "</div>");
        }
        Block::Table(t) => {
            let _ = writeln!(s, "<table id=\"{}\">", escape(&t.id));
            let _ = writeln!(s, "<caption>{}</caption>", escape(&t.caption));
            let _ = write!(s, "<thead><tr>");
            for c in &t.columns {
                let class = if c.numeric { " class=\"num\"" } else { "" };
                let _ = write!(s, "<th scope=\"col\"{class}>{}</th>", escape(&c.label));
            }
            let _ = writeln!(s, "</tr></thead>\n<tbody>");
            for row in &t.rows {
                let _ = write!(s, "<tr>");
                for (i, cell) in row.iter().enumerate() {
                    let numeric = t.columns.get(i).is_some_and(|c| c.numeric);
                    let class = if numeric { " class=\"num\"" } else { "" };
                    let content = match cell {
                        Cell::Text(text) => escape(text),
                        Cell::Figure(id) => figure(report, messages, id),
                        Cell::Status(rag) => format!(
                            "<span class=\"rag {}\">{}</span>",
                            rag_class(*rag),
                            escape(&rag_label(messages, *rag))
                        ),
                        Cell::Empty => String::new(),
                    };
                    let _ = write!(s, "<td{class}>{content}</td>");
                }
                let _ = writeln!(s, "</tr>");
            }
            let _ = writeln!(s, "</tbody>\n</table>");
        }
        Block::Chart(chart) => {
            let _ = writeln!(s, "<figure>");
            s.push_str(&chart.to_svg(messages));
            let _ = writeln!(
                s,
                "<figcaption>{}</figcaption>\n</figure>",
                escape(&chart.description)
            );
        }
        Block::Paragraph { content } => {
            let _ = write!(s, "<p>");
            for run in content {
                match run {
                    Inline::Text(t) => s.push_str(&escape(t)),
                    Inline::Figure(id) => s.push_str(&figure(report, messages, id)),
                }
            }
            let _ = writeln!(s, "</p>");
        }
        Block::StatusList { caption, items } => {
            let _ = writeln!(
                s,
                "<p><strong>{}</strong></p>\n<ul class=\"status\">",
                escape(caption)
            );
            for item in items {
                let _ = writeln!(
                    s,
                    "<li><span class=\"rag {}\">{}</span> {} — {}</li>",
                    rag_class(item.status),
                    escape(&rag_label(messages, item.status)),
                    escape(&item.label),
                    escape(&item.detail)
                );
            }
            let _ = writeln!(s, "</ul>");
        }
        Block::Absent { text } => {
            let _ = writeln!(s, "<p class=\"absent\">{}</p>", escape(text));
        }
        Block::SourceNote { sources } => {
            let ids: Vec<String> = sources.iter().map(|id| escape(id.as_str())).collect();
            let _ = writeln!(
                s,
                "<p class=\"sources\">{}: {}</p>",
                escape(&messages.text("sources-label")),
                ids.join(", ")
            );
        }
    }
}
