//! A `dataframe` written in the model (`data`), as pandas' `DataFrame.from_dict` builds it:
//! an object of columns, each an object from an index key (a date) to a value.
//!
//! The order of the columns is the order their keys are written in, and it matters: a frame
//! with a `scenario` gives its columns to the scenario's members in that order. The model's
//! JSON tree ([`serde_json::Value`]) keeps keys sorted, so the written order of every object
//! under a `data` key is recorded by a second, narrow pass over the text ([`key_orders`]) and
//! looked up by the object's content here. The rows are put in date order (pywr needs a
//! regular, increasing index; the CSV reader then checks it).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;

use super::{Ctx, SchemaError};

/// The objects under a `data` key in a model's text, each with its keys in written order.
pub(crate) type KeyOrders = Vec<(Json, Vec<String>)>;

/// The key order of every object written as the value of a `data` key in `text`, which has
/// already parsed as JSON within the model's limits (so this pass is bounded too). Empty for a
/// text without a `"data"` key.
pub(crate) fn key_orders(text: &str) -> KeyOrders {
    if !text.contains("\"data\"") {
        return Vec::new();
    }
    let found = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    // The text parsed once already; a failure here only loses the orders.
    let _ = Scan {
        found: &found,
        data: false,
    }
    .deserialize(&mut de);
    found.into_inner()
}

/// Walks any JSON value, recording the objects under `data` keys: `data` is whether this
/// value is one (an object there is recorded with its key order; anything else is walked on).
#[derive(Clone, Copy)]
struct Scan<'o> {
    found: &'o RefCell<KeyOrders>,
    data: bool,
}

impl Scan<'_> {
    /// The walker of a value under `key`.
    fn under(self, key: &str) -> Self {
        Scan {
            found: self.found,
            data: key == "data",
        }
    }
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let element = self.under("");
        while seq.next_element_seed(element)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.data {
            let mut object = serde_json::Map::new();
            let mut order = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                let value: Json = map.next_value()?;
                order.push(key.clone());
                object.insert(key, value);
            }
            self.found.borrow_mut().push((Json::Object(object), order));
        } else {
            while let Some(key) = map.next_key::<String>()? {
                map.next_value_seed(self.under(&key))?;
            }
        }
        Ok(())
    }
}

/// The columns of `data` (an object) in their written order, as recorded for `ctx`'s model.
fn column_order(
    data: &serde_json::Map<String, Json>,
    location: &str,
    ctx: &Ctx,
) -> Result<Vec<String>, SchemaError> {
    let whole = Json::Object(data.clone());
    let orders: Vec<&Vec<String>> = ctx
        .data_orders
        .iter()
        .filter(|(v, _)| *v == whole)
        .map(|(_, order)| order)
        .collect();
    match orders.split_first() {
        // A model built in code: no text, so the map's order.
        None => Ok(data.keys().cloned().collect()),
        Some((first, rest)) if rest.iter().all(|o| o == first) => Ok((*first).clone()),
        Some(_) => Err(ctx.invalid(
            location,
            "columns in one order: two `data` objects hold the same values with their columns in different orders, which Dostyk cannot tell apart; write one of them with url (a CSV file)",
        )),
    }
}

/// `data` as CSV text: a header of an empty index name and the columns in written order, then
/// a row per index key (in date order when the keys are dates), each value written to read
/// back to the same `f64`; a `null` is an empty cell (pandas' NaN, which the reader refuses
/// with the row named).
pub(crate) fn frame_as_csv(data: &Json, location: &str, ctx: &Ctx) -> Result<String, SchemaError> {
    let expected = "an object of columns, each an object from a date (\"YYYY-MM-DD\") to a number";
    let columns = data
        .as_object()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| ctx.invalid(location, expected))?;
    let order = column_order(columns, location, ctx)?;
    // Every index key of every column, in date order (keys that are no date after the dates,
    // in text order; the CSV reader names them).
    let mut keys: BTreeSet<(chrono::NaiveDate, String)> = BTreeSet::new();
    for (name, column) in columns {
        let column = column
            .as_object()
            .ok_or_else(|| ctx.invalid(&format!("{location}.{name}"), expected))?;
        for key in column.keys() {
            let date = super::parameters::parse_frame_date(key, false);
            keys.insert((date.unwrap_or(chrono::NaiveDate::MAX), key.clone()));
        }
    }
    let mut text = String::new();
    for name in &order {
        text.push(',');
        text.push_str(&quoted(name));
    }
    text.push('\n');
    for (_, key) in &keys {
        text.push_str(&quoted(key));
        for name in &order {
            text.push(',');
            match columns[name].get(key) {
                None | Some(Json::Null) => {}
                Some(Json::Number(n)) => text.push_str(&n.to_string()),
                Some(_) => {
                    return Err(ctx.invalid(
                        &format!("{location}.{name}.{key}"),
                        "a number (or null for a missing value)",
                    ));
                }
            }
        }
        text.push('\n');
    }
    Ok(text)
}

/// A CSV cell: quoted when it holds a comma, a quote or a line end.
fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_orders_keep_the_written_order_of_data_objects_only() {
        let text = r#"{"parameters": {"p": {"type": "dataframe", "data": {"b": {"2020-01-01": 1}, "a": {"2020-01-01": 2}}}},
                       "other": {"z": 1, "y": 2}, "list": [{"data": {"d": {}, "c": {}}}]}"#;
        let orders = key_orders(text);
        let names: Vec<&[String]> = orders.iter().map(|(_, o)| o.as_slice()).collect();
        assert_eq!(
            names,
            [
                &["b".to_owned(), "a".to_owned()][..],
                &["d".to_owned(), "c".to_owned()][..]
            ]
        );
        assert!(key_orders(r#"{"nodes": []}"#).is_empty());
    }
}
