//! Reading a JSON object field by field, so that every unused key becomes an error.

use std::collections::BTreeSet;

use serde_json::{Map, Value as Json};

use super::{Ctx, SchemaError};
use crate::schema::parameters::{ParameterValue, parse_value};

/// A JSON object being consumed: each `take` marks a key as used; `finish` rejects the rest.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Json>,
    used: BTreeSet<&'a str>,
    location: String,
    ctx: &'a Ctx,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(v: &'a Json, location: &str, ctx: &'a Ctx) -> Result<Self, SchemaError> {
        let map = v
            .as_object()
            .ok_or_else(|| ctx.invalid(location, "a JSON object"))?;
        Ok(Fields {
            map,
            used: BTreeSet::new(),
            location: location.to_owned(),
            ctx,
        })
    }

    pub(crate) fn location(&self) -> &str {
        &self.location
    }

    pub(crate) fn ctx(&self) -> &'a Ctx {
        self.ctx
    }

    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.location)
    }

    /// The raw value of `key`, marking it used.
    pub(crate) fn take(&mut self, key: &str) -> Option<&'a Json> {
        let (k, v) = self.map.get_key_value(key)?;
        self.used.insert(k.as_str());
        Some(v)
    }

    /// A required string.
    pub(crate) fn string(&mut self, key: &str) -> Result<String, SchemaError> {
        match self.take(key) {
            Some(Json::String(s)) => Ok(s.clone()),
            _ => Err(self.ctx.invalid(&self.at(key), "a string")),
        }
    }

    /// An optional number.
    pub(crate) fn number(&mut self, key: &str) -> Result<Option<f64>, SchemaError> {
        match self.take(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Number(n)) => n
                .as_f64()
                .map(Some)
                .ok_or_else(|| self.ctx.invalid(&self.at(key), "a finite number")),
            Some(_) => Err(self.ctx.invalid(&self.at(key), "a number")),
        }
    }

    /// An optional number, written out or as a table reference `{"table": ..., "index": ...}`.
    pub(crate) fn number_or_table(&mut self, key: &str) -> Result<Option<f64>, SchemaError> {
        match self.map.get(key) {
            Some(v @ Json::Object(_)) => {
                self.take(key);
                super::tables::table_number(v, &self.at(key), self.ctx).map(Some)
            }
            _ => self.number(key),
        }
    }

    /// An optional integer in `lo..=hi`.
    pub(crate) fn integer(
        &mut self,
        key: &str,
        lo: u64,
        hi: u64,
    ) -> Result<Option<u32>, SchemaError> {
        match self.take(key) {
            None => Ok(None),
            Some(Json::Number(n)) => match n.as_u64() {
                Some(i) if (lo..=hi).contains(&i) => Ok(Some(i as u32)),
                _ => Err(self
                    .ctx
                    .invalid(&self.at(key), &format!("an integer from {lo} to {hi}"))),
            },
            Some(_) => Err(self
                .ctx
                .invalid(&self.at(key), &format!("an integer from {lo} to {hi}"))),
        }
    }

    /// Whether the object has `key` (taken or not).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// An optional boolean.
    pub(crate) fn boolean(&mut self, key: &str) -> Result<Option<bool>, SchemaError> {
        match self.take(key) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.ctx.invalid(&self.at(key), "true or false")),
        }
    }

    /// An optional list of numbers.
    pub(crate) fn numbers(&mut self, key: &str) -> Result<Option<Vec<f64>>, SchemaError> {
        match self.take(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Array(items)) => items
                .iter()
                .map(|x| {
                    x.as_f64()
                        .ok_or_else(|| self.ctx.invalid(&self.at(key), "a list of numbers"))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(self.ctx.invalid(&self.at(key), "a list of numbers")),
        }
    }

    /// An optional list of strings.
    pub(crate) fn strings(&mut self, key: &str) -> Result<Option<Vec<String>>, SchemaError> {
        match self.take(key) {
            None => Ok(None),
            Some(Json::Array(items)) => items
                .iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| self.ctx.invalid(&self.at(key), "a list of names"))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(self.ctx.invalid(&self.at(key), "a list of names")),
        }
    }

    /// An optional number-or-parameter value.
    pub(crate) fn value(&mut self, key: &str) -> Result<Option<ParameterValue>, SchemaError> {
        match self.take(key) {
            None | Some(Json::Null) => Ok(None),
            Some(v) => parse_value(v, &self.at(key), self.ctx).map(Some),
        }
    }

    /// An optional list of number-or-parameter values.
    pub(crate) fn values(&mut self, key: &str) -> Result<Option<Vec<ParameterValue>>, SchemaError> {
        match self.take(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| parse_value(v, &format!("{}[{i}]", self.at(key)), self.ctx))
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(self
                .ctx
                .invalid(&self.at(key), "a list of numbers or parameters")),
        }
    }

    /// Fails on the first key that was never taken.
    pub(crate) fn finish(self) -> Result<(), SchemaError> {
        for key in self.map.keys() {
            if !self.used.contains(key.as_str()) {
                return Err(self.ctx.unsupported(
                    &self.location,
                    "attribute",
                    key,
                    "the attributes listed for this type in docs/methodology.md (Water allocation engine)",
                ));
            }
        }
        Ok(())
    }
}
