//! What the analyst-edited CSV tables of this crate (the claims ledger, the facts tables) share:
//! the header checks and the message for a quote that is never closed.

use std::collections::BTreeSet;

/// The message for a CSV error when a quoted field opened in the failing record is never
/// closed, `None` otherwise. An odd number of quotes from the start of that record to the end
/// of `text` means so: the CSV reader then takes the rest of the file as one field and can only
/// report a short record, which sends the user to the wrong line.
pub(crate) fn unclosed_quote(text: &str, e: &csv::Error) -> Option<&'static str> {
    let rest = e
        .position()
        .and_then(|p| text.get(usize::try_from(p.byte()).ok()?..))?;
    (rest.bytes().filter(|&b| b == b'"').count() % 2 == 1).then_some(
        "a quoted field opened on this line is never closed; expected a closing '\"' (a '\"' inside a quoted field is written '\"\"')",
    )
}

/// The position of column `name` in the header, matched ignoring case and surrounding spaces.
pub(crate) fn column(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name))
}

/// What is wrong with a header: a spreadsheet saved with another separator (one cell holding
/// them all), a column named twice, or a `required` column missing (`layout` is the whole
/// header the message asks for).
pub(crate) fn header_problem(
    headers: &csv::StringRecord,
    required: &[&str],
    layout: &str,
) -> Option<String> {
    if headers.len() == 1
        && let Some(sep) = [';', '\t', '|']
            .into_iter()
            .find(|&sep| headers[0].contains(sep))
    {
        let shown = if sep == '\t' {
            "tab".to_owned()
        } else {
            format!("'{sep}'")
        };
        return Some(format!(
            "the columns are separated by {shown}, not ','; save the file as comma-separated CSV"
        ));
    }
    let mut seen = BTreeSet::new();
    let twice: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty() && !seen.insert(h.clone()))
        .collect();
    if !twice.is_empty() {
        return Some(format!(
            "column(s) {} appear more than once; keep one of each",
            twice.join(", ")
        ));
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| column(headers, c).is_none())
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "missing column(s) {}; the header must name {layout}",
            missing.join(", ")
        )
    })
}
