//! Line numbers of the records of a JSON file, so an error in a record can name its line.
//!
//! `serde_json` reports lines for syntax errors only; a record that parses but holds a bad value
//! would otherwise be reported by index alone. This scanner walks the text once, tracking strings
//! and nesting, and notes the line on which each object directly inside a records array starts.

use std::collections::HashMap;

/// For a JSON text whose top level is an array of objects, or an object with arrays of objects as
/// values, the 1-based start line of each object in each array, by key (`""` for a top-level
/// array). The text is assumed to be valid JSON (parse it with `serde_json` first).
pub(crate) fn record_lines(text: &str) -> HashMap<String, Vec<u64>> {
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
}
