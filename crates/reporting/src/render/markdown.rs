//! Markdown (GitHub-flavoured), with charts written beside it as SVG files and linked.
//!
//! Text from data is escaped so that it stays text: Markdown punctuation gets a backslash and
//! HTML's `<`, `>` and `&` become entities, so a project named `<img src=x onerror=alert(1)>`
//! or `| ](` can neither break a table nor become a link or markup.

use std::fmt::Write as _;

use crate::document::{Block, Cell, Inline, Rag, Report};
use crate::i18n::Messages;

/// Escapes text for GitHub-flavoured Markdown (inline and table cells).
///
/// Inline markup characters always get a backslash; `-`, `+` and `=` only at the start (where
/// they would start a list or a heading underline), a `.` only after leading digits (an ordered
/// list), and `:` only before `//` (an autolink). Everything else stays readable in the source.
///
/// GitHub's renderer (cmark-gfm with its autolink extension) also links bare `www.` names and
/// e-mail addresses (with `mailto:` and `xmpp:`) found in plain text, which a backslash cannot
/// prevent for `@`: the `.` after `www` is escaped (`www\.`), which splits the text the
/// extension looks at (only where it would start a link: at the start of the text or after a
/// space, `*`, `_`, `~` or `(`), and a zero-width space (`&#8203;`) follows every `@`, which leaves no
/// domain right after it. Both were checked with `cmark-gfm -e autolink`; the text reads the
/// same.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let leading_digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &ch) in chars.iter().enumerate() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '!' | '|' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(ch);
            }
            '.' if i > 0
                && i == leading_digits
                && chars.get(i + 1).is_none_or(|c| c.is_whitespace()) =>
            {
                out.push_str("\\.");
            }
            ':' if chars.get(i + 1) == Some(&'/') && chars.get(i + 2) == Some(&'/') => {
                out.push_str("\\:");
            }
            // `www.` where cmark-gfm starts a link: at the start, after a space or `*_~(`.
            '.' if i >= 3
                && chars[i - 3..i].iter().all(|c| c.eq_ignore_ascii_case(&'w'))
                && (i == 3
                    || chars[i - 4].is_whitespace()
                    || matches!(chars[i - 4], '*' | '_' | '~' | '(')) =>
            {
                out.push_str("\\.");
            }
            '@' => out.push_str("@&#8203;"),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// An SVG chart written beside the Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartFile {
    /// File name relative to the Markdown file's folder, e.g. `charts/turnover.svg`.
    pub path: String,
    /// The SVG text.
    pub svg: String,
}

fn rag(messages: &Messages, rag: Rag) -> String {
    let (mark, id) = match rag {
        Rag::Green => ("🟢", "rag-green"),
        Rag::Amber => ("🟠", "rag-amber"),
        Rag::Red => ("🔴", "rag-red"),
        Rag::Grey => ("⚪", "rag-grey"),
    };
    format!("{mark} {}", escape(&messages.text(id)))
}

fn figure(report: &Report, messages: &Messages, id: &str) -> String {
    match report.figure(id) {
        Some(f) => escape(&messages.value(f.value, f.unit)),
        None => escape(&format!("\u{27e6}{id}\u{27e7}")),
    }
}

/// Renders a report as Markdown; returns the text and the chart files to write beside it.
pub fn render(report: &Report, messages: &Messages) -> (String, Vec<ChartFile>) {
    let mut s = String::with_capacity(32 * 1024);
    let mut charts = Vec::new();
    let _ = writeln!(
        s,
        "# {}\n\n*{}*\n",
        escape(&report.title),
        escape(&report.subtitle)
    );
    for section in &report.sections {
        let _ = writeln!(s, "## {}\n", escape(&section.title));
        for block in &section.blocks {
            match block {
                Block::Kpis { cards } => {
                    for card in cards {
                        let _ = write!(
                            s,
                            "- **{}**: {}",
                            escape(&card.label),
                            figure(report, messages, &card.figure)
                        );
                        if let Some(note) = &card.note {
                            let _ = write!(s, " — {}", escape(note));
                        }
                        s.push('\n');
                    }
                    s.push('\n');
                }
                Block::Table(t) => {
                    let _ = writeln!(s, "**{}**\n", escape(&t.caption));
                    let heads: Vec<String> = t.columns.iter().map(|c| escape(&c.label)).collect();
                    let _ = writeln!(s, "| {} |", heads.join(" | "));
                    let rules: Vec<&str> = t
                        .columns
                        .iter()
                        .map(|c| if c.numeric { "---:" } else { "---" })
                        .collect();
                    let _ = writeln!(s, "| {} |", rules.join(" | "));
                    for row in &t.rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|cell| match cell {
                                Cell::Text(text) => escape(text),
                                Cell::Figure(id) => figure(report, messages, id),
                                Cell::Status(r) => rag(messages, *r),
                                Cell::Empty => String::new(),
                            })
                            .collect();
                        let _ = writeln!(s, "| {} |", cells.join(" | "));
                    }
                    s.push('\n');
                }
                Block::Chart(chart) => {
                    let path = format!("charts/{}.svg", chart.id);
                    let _ = writeln!(
                        s,
                        "![{}]({path})\n\n*{}*\n",
                        escape(&chart.description),
                        escape(&chart.title)
                    );
                    charts.push(ChartFile {
                        path,
                        svg: crate::i18n::plain(&chart.to_svg(messages)).into_owned(),
                    });
                }
                Block::Paragraph { content } => {
                    for run in content {
                        match run {
                            Inline::Text(t) => s.push_str(&escape(t)),
                            Inline::Figure(id) => s.push_str(&figure(report, messages, id)),
                        }
                    }
                    s.push_str("\n\n");
                }
                Block::StatusList { caption, items } => {
                    let _ = writeln!(s, "**{}**\n", escape(caption));
                    for item in items {
                        let _ = writeln!(
                            s,
                            "- {} {} — {}",
                            rag(messages, item.status),
                            escape(&item.label),
                            escape(&item.detail)
                        );
                    }
                    s.push('\n');
                }
                Block::Absent { text } => {
                    let _ = writeln!(s, "*{}*\n", escape(text));
                }
                Block::SourceNote { sources } => {
                    let ids: Vec<String> = sources.iter().map(|id| escape(id.as_str())).collect();
                    let _ = writeln!(
                        s,
                        "{}: {}\n",
                        escape(&messages.text("sources-label")),
                        ids.join(", ")
                    );
                }
            }
        }
    }
    // Dataset text shown in English for want of a translation reads "… [en]".
    (crate::i18n::plain(&s).into_owned(), charts)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn hostile_text_stays_text() {
        assert_eq!(escape("| ]( "), "\\| \\]\\( ");
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert\\(1\\)&gt;"
        );
        assert_eq!(escape("[a](http://x)"), "\\[a\\]\\(http\\://x\\)");
        assert_eq!(escape("- 1. x"), "\\- 1. x");
        assert_eq!(escape("2024. Year"), "2024\\. Year");
        assert_eq!(escape("4.4 bn, 2024-08-08: ok"), "4.4 bn, 2024-08-08: ok");
        assert_eq!(escape("line\nbreak"), "line break");
    }

    #[test]
    fn bare_names_and_addresses_do_not_become_links() {
        assert_eq!(
            escape("see www.evil.example or boss@evil.example"),
            "see www\\.evil.example or boss@&#8203;evil.example"
        );
        assert_eq!(escape("WWW.X.example"), "WWW\\.X.example");
        assert_eq!(
            escape("mailto:boss@x.example xmpp:a@b.example"),
            "mailto:boss@&#8203;x.example xmpp:a@&#8203;b.example"
        );
        // Where cmark-gfm starts no link, nothing changes: inside a word, after `//`.
        assert_eq!(escape("awww.x"), "awww.x");
        assert_eq!(escape("https://www.x.example"), "https\\://www.x.example");
        assert_eq!(escape("(www.x.example)"), "\\(www\\.x.example\\)");
        assert_eq!(escape("ww.x"), "ww.x");
    }
}
