//! Positions in JSON text: the line of a `serde_json` syntax error as a [`ReadError`], and the
//! lines of records, so an error in a record that parsed can still name its line.

use std::collections::HashMap;
use std::path::Path;

use super::error::{Location, ReadError};

/// A `serde_json` error as a [`ReadError`] at its line and column: a syntax error as
/// [`ReadError::Syntax`], a value of the wrong type as [`ReadError::Invalid`].
pub fn json_error(file: impl AsRef<Path>, e: &serde_json::Error) -> ReadError {
    let mut at = Location::file(file.as_ref());
    if e.line() > 0 {
        at = at.line(e.line() as u64).column(e.column() as u64);
    }
    // serde_json appends " at line L column C"; the location says it already.
    let message = e.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |i| &message[..i])
        .to_owned();
    match e.classify() {
        serde_json::error::Category::Data => ReadError::invalid(at, message),
        serde_json::error::Category::Eof => ReadError::syntax(
            at,
            format!(
                "not well-formed JSON: {message}; the text ends before the JSON does (is the file cut short?)"
            ),
        ),
        _ => ReadError::syntax(at, format!("not well-formed JSON: {message}")),
    }
}

/// The 1-based line of the first `"id": "<id>"` (any spacing) in `text`, to point at an element
/// of a JSON network or model by its id.
pub fn line_of_id(text: &str, id: &str) -> Option<u64> {
    let needle = format!("\"{id}\"");
    let mut from = 0;
    while let Some(found) = text[from..].find(&needle) {
        let at = from + found;
        let before = text[..at].trim_end();
        if let Some(rest) = before.strip_suffix(':')
            && rest.trim_end().ends_with("\"id\"")
        {
            return Some(super::lines::line_at(text.as_bytes(), at));
        }
        from = at + needle.len();
    }
    None
}

/// Line numbers of the records of a JSON file: for a JSON text whose top level is an array of objects, or an object with arrays of objects as
/// values, the 1-based start line of each object in each array, by key (`""` for a top-level
/// array). The text is assumed to be valid JSON (parse it with `serde_json` first).
pub fn record_lines(text: &str) -> HashMap<String, Vec<u64>> {
    let mut out: HashMap<String, Vec<u64>> = HashMap::new();
    let mut stack: Vec<u8> = Vec::new();
    let mut line: u64 = 1;
    let mut in_string = false;
    let mut escaped = false;
    let mut string_start = 0usize;
    let mut pending_key: Option<String> = None;
    let mut current_key = String::new();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                if stack.len() == 1 && stack[0] == b'{' {
                    pending_key = text.get(string_start..i).map(str::to_owned);
                }
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                string_start = i + 1;
            }
            b':' if stack.len() == 1 => {
                if let Some(k) = pending_key.take() {
                    current_key = k;
                }
            }
            b'{' | b'[' => {
                let record_parent = match stack.as_slice() {
                    [b'['] => Some(String::new()),
                    [b'{', b'['] => Some(current_key.clone()),
                    _ => None,
                };
                if let (b'{', Some(key)) = (b, record_parent) {
                    out.entry(key).or_default().push(line);
                }
                stack.push(b);
            }
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_record_lines_under_keys() {
        let text = "{\n \"meta\": {\"a\": [1, {\"x\": 2}]},\n \"operationaldatas\": [\n  {\"k\": \"v{\\\"\"},\n  {\n   \"k\": 1}\n ]\n}";
        let lines = record_lines(text);
        assert_eq!(lines["operationaldatas"], vec![4, 5]);
        assert!(!lines.contains_key("meta"));
        let lines = record_lines("[{\"a\":1},\n{\"a\":2}]");
        assert_eq!(lines[""], vec![1, 2]);
    }

    #[test]
    fn json_errors_name_line_and_column_once() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": 1,\n  ]\n}").unwrap_err();
        let e = json_error("m.json", &e);
        assert_eq!(e.location().line_number(), Some(3));
        assert!(e.to_string().starts_with("m.json, line 3, column "), "{e}");
        assert!(!e.to_string().contains(" at line "), "{e}");
        let e = serde_json::from_str::<serde_json::Value>("[1,").unwrap_err();
        assert!(json_error("m.json", &e).to_string().contains("cut short"));
    }

    #[test]
    fn ids_are_found_as_values_of_id_keys() {
        let text = "{\"name\": \"p1\",\n \"pipes\": [\n  {\"id\" : \"p1\"}]}";
        assert_eq!(line_of_id(text, "p1"), Some(3));
        assert_eq!(line_of_id(text, "p2"), None);
    }
}
