//! JSON text: parsing it into a tree that refuses a key given twice and stays within a budget
//! of values ([`json_value`], [`json_value_within`]), the line of a `serde_json` error as a
//! [`ReadError`], and the lines of records, so an error in a record that parsed can still name
//! its line.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::error::{Location, ReadError};

/// How large a JSON tree [`json_value_within`] builds: the most values in the whole text, and
/// the most objects and arrays among them. A tree takes memory beyond the size of its text (a
/// number of a few bytes is a 32-byte value; an object of one key is over 600 bytes), so a
/// reader that keeps a file's tree bounds it by counting here, while the tree is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonLimits {
    /// The most values of any kind: objects, arrays, strings, numbers, booleans and nulls
    /// (object keys are not counted; they are part of their object).
    pub max_values: u64,
    /// The most objects and arrays.
    pub max_containers: u64,
    /// What the limit protects and what to do, appended to the error (e.g. "keep long series in
    /// CSV files beside the model").
    pub advice: &'static str,
}

impl JsonLimits {
    /// No limit on the count of values (the text's size still bounds them).
    pub const NONE: JsonLimits = JsonLimits {
        max_values: u64::MAX,
        max_containers: u64::MAX,
        advice: "",
    };
}

/// Parses JSON text into a [`serde_json::Value`], refusing an object that gives a key twice:
/// `serde_json` keeps the last value silently, so a file edited by hand (a key pasted twice)
/// would be read as something its author did not see. The error names the key and the line and
/// column just after its second appearance; `file` names the text in errors. Syntax errors are
/// those of [`json_error`].
pub fn json_value(file: impl AsRef<Path>, text: &str) -> Result<Value, ReadError> {
    json_value_within(file, text, JsonLimits::NONE)
}

/// [`json_value`] within `limits`: the parse stops, with an error naming the limit, as soon as
/// the text holds more values or more objects and arrays than the limits allow, before the tree
/// grows further.
pub fn json_value_within(
    file: impl AsRef<Path>,
    text: &str,
    limits: JsonLimits,
) -> Result<Value, ReadError> {
    let budget = Budget {
        limits,
        values: Cell::new(0),
        containers: Cell::new(0),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    ValueSeed(&budget)
        .deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value))
        .map_err(|e| json_error(file, &e))
}

/// The counts of one parse against its limits.
struct Budget {
    limits: JsonLimits,
    values: Cell<u64>,
    containers: Cell<u64>,
}

impl Budget {
    fn count<E: de::Error>(&self, container: bool) -> Result<(), E> {
        let values = self.values.get() + 1;
        self.values.set(values);
        if values > self.limits.max_values {
            return Err(E::custom(format_args!(
                "the text holds more than {} JSON values (objects, arrays, strings, numbers, \
                 booleans and nulls), the most that is read{}",
                self.limits.max_values,
                advice(self.limits.advice)
            )));
        }
        if container {
            let containers = self.containers.get() + 1;
            self.containers.set(containers);
            if containers > self.limits.max_containers {
                return Err(E::custom(format_args!(
                    "the text holds more than {} JSON objects and arrays, the most that is read{}",
                    self.limits.max_containers,
                    advice(self.limits.advice)
                )));
            }
        }
        Ok(())
    }
}

fn advice(advice: &str) -> String {
    if advice.is_empty() {
        String::new()
    } else {
        format!("; {advice}")
    }
}

/// Builds one value of the tree, counting it against the budget.
struct ValueSeed<'b>(&'b Budget);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.0.count(false)?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.0.count(false)?;
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.0.count(false)?;
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.0.count(false)?;
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.0.count(false)?;
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.0.count(false)?;
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.0.count(false)?;
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.0.count(true)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ValueSeed(self.0))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.0.count(true)?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match object.entry(key) {
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(map.next_value_seed(ValueSeed(self.0))?);
                }
                serde_json::map::Entry::Occupied(slot) => {
                    return Err(de::Error::custom(format_args!(
                        "the key \"{}\" is given twice in one object; a reader would keep the \
                         last value only, so keep one of them",
                        super::printable(slot.key())
                    )));
                }
            }
        }
        Ok(Value::Object(object))
    }
}

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
    fn a_key_given_twice_is_refused_with_its_name_and_line() {
        let text = "{\n  \"a\": {\"x\": 1,\n   \"x\": 2},\n  \"b\": 3\n}";
        let e = json_value("m.json", text).unwrap_err();
        assert_eq!(e.location().line_number(), Some(3), "{e}");
        assert!(
            e.to_string().contains("the key \"x\" is given twice"),
            "{e}"
        );
        // The same key in two objects, and escapes that spell different keys, are fine.
        let v = json_value(
            "m.json",
            "[{\"x\": 1}, {\"x\": [1, {\"x\": 2}]}, {\"\\u0078y\": 1, \"x\": 2}]",
        )
        .unwrap();
        assert_eq!(
            v,
            serde_json::from_str::<Value>(
                "[{\"x\": 1}, {\"x\": [1, {\"x\": 2}]}, {\"xy\": 1, \"x\": 2}]"
            )
            .unwrap()
        );
        // A key spelt once plainly and once with an escape is the same key.
        let e = json_value("m.json", "{\"x\": 1, \"\\u0078\": 2}").unwrap_err();
        assert!(e.to_string().contains("\"x\" is given twice"), "{e}");
    }

    #[test]
    fn the_tree_is_the_tree_serde_json_builds() {
        let text = r#"{"n": null, "t": true, "i": -3, "u": 18446744073709551615, "f": 0.1,
            "s": "\u00e9\n", "a": [[], {}, [1.5e300, -0.0]], "e": ""}"#;
        assert_eq!(
            json_value("m.json", text).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
        // Syntax errors and trailing text read as before.
        let e = json_value("m.json", "{\"a\": 1} x").unwrap_err();
        assert!(e.to_string().starts_with("m.json, line 1, column "), "{e}");
        assert!(
            json_value("m.json", "[1,")
                .unwrap_err()
                .to_string()
                .contains("cut short")
        );
    }

    #[test]
    fn the_parse_stops_at_the_limits() {
        let limits = JsonLimits {
            max_values: 5,
            max_containers: 2,
            advice: "split the file",
        };
        assert!(json_value_within("m.json", "[1, 2, 3, 4]", limits).is_ok());
        let e = json_value_within("m.json", "[1, 2, 3, 4, 5]", limits).unwrap_err();
        assert!(
            e.to_string()
                .contains("more than 5 JSON values (objects, arrays, strings, numbers, booleans and nulls), the most that is read; split the file"),
            "{e}"
        );
        assert!(json_value_within("m.json", "[[], {}]", limits).is_err());
        let e = json_value_within("m.json", "[\n[],\n {},\n []]", limits).unwrap_err();
        assert!(
            e.to_string()
                .contains("more than 2 JSON objects and arrays"),
            "{e}"
        );
        assert_eq!(e.location().line_number(), Some(3), "{e}");
    }

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
