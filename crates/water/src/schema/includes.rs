//! pywr's `includes`: JSON files whose contents join the model's before it is read
//! (`Model._load_includes`).
//!
//! Each name in the top-level `includes` list is a file relative to the model's folder (pywr
//! joins it to the folder of the model file, for nested includes too). For every key of the
//! included object, a list extends the model's list of that key (`nodes`, `edges`) and an
//! object updates the model's object (`parameters`, `recorders`, `tables`: an included entry
//! replaces one of the same name); a key the model lacks is added. An included file's own
//! `includes` extend the list and are read in turn, as in pywr.
//!
//! Bounds: every file is read through the bounded reader ([`super::read_model_text`]); the
//! model and all its includes share one budget of JSON values ([`super::MAX_MODEL_VALUES`],
//! [`super::MAX_MODEL_CONTAINERS`]); at most [`MAX_INCLUDES`] files are included; and a file
//! included twice (the model itself, or a cycle of includes, which pywr would follow for ever)
//! is an error naming it.

use std::path::{Path, PathBuf};

use dostyk_core_model::read;
use serde_json::Value as Json;

use super::{Ctx, MODEL_JSON_LIMITS, SchemaError, inline_frame};

/// The most files a model may include, directly or through other includes.
pub(crate) const MAX_INCLUDES: usize = 64;

/// Merges the files listed in `json`'s `includes` into `json`, as pywr does.
pub(crate) fn merge(json: &mut Json, ctx: &mut Ctx) -> Result<(), SchemaError> {
    if json.get("includes").is_none() {
        return Ok(());
    }
    let mut seen: Vec<PathBuf> = vec![canonical(&ctx.path)];
    let (mut values, mut containers) = count(json);
    let mut i = 0;
    loop {
        let expected = "a list of JSON file names, relative to the model's folder";
        let list = json
            .get("includes")
            .and_then(Json::as_array)
            .ok_or_else(|| ctx.invalid("includes", expected))?;
        let Some(entry) = list.get(i) else {
            return Ok(());
        };
        let location = format!("includes[{i}]");
        let name = entry
            .as_str()
            .ok_or_else(|| ctx.invalid(&location, expected))?
            .to_owned();
        if i >= MAX_INCLUDES {
            return Err(ctx.invalid(
                &location,
                &format!("at most {MAX_INCLUDES} included files; merge some of them"),
            ));
        }
        let extension = Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("json") => {}
            Some("py") => {
                return Err(ctx.unsupported(
                    &location,
                    "include file type",
                    &name,
                    "JSON files (.json); a Python include is code, which Dostyk does not run",
                ));
            }
            _ => {
                return Err(ctx.unsupported(
                    &location,
                    "include file type",
                    &name,
                    "JSON files (.json)",
                ));
            }
        }
        let file = ctx.base_dir.join(&name);
        let key = canonical(&file);
        if seen.contains(&key) {
            return Err(ctx.invalid(
                &location,
                &format!(
                    "a file not included yet: \"{name}\" is {} (a cycle of includes, which pywr would follow for ever)",
                    if key == seen[0] {
                        "the model file itself"
                    } else {
                        "included already"
                    }
                ),
            ));
        }
        seen.push(key);
        let text = super::read_model_text(&file, "included model file")?;
        let limits = read::JsonLimits {
            max_values: MODEL_JSON_LIMITS.max_values.saturating_sub(values),
            max_containers: MODEL_JSON_LIMITS.max_containers.saturating_sub(containers),
            advice: "the model and its includes together hold more than a model may; keep long time series in `dataframe` CSV files",
        };
        let included = read::json_value_within(&file, &text, limits)?;
        let (v, c) = count(&included);
        values += v;
        containers += c;
        ctx.data_orders.extend(inline_frame::key_orders(&text));
        let Json::Object(included) = included else {
            return Err(ctx.invalid(
                &location,
                &format!(
                    "\"{name}\" to hold a JSON object of model keys (nodes, edges, parameters …)"
                ),
            ));
        };
        let Some(model) = json.as_object_mut() else {
            return Err(ctx.invalid("model", "a JSON object"));
        };
        for (k, v) in included {
            let at = format!("{location} \"{name}\".{k}");
            match (model.get_mut(&k), v) {
                (None, v @ (Json::Array(_) | Json::Object(_))) => {
                    model.insert(k, v);
                }
                (Some(Json::Array(mine)), Json::Array(more)) => mine.extend(more),
                (Some(Json::Object(mine)), Json::Object(more)) => mine.extend(more),
                (Some(_), Json::Array(_) | Json::Object(_)) => {
                    return Err(ctx.invalid(
                        &at,
                        &format!("the same kind of value as the model's \"{k}\" (a list extends a list, an object updates an object)"),
                    ));
                }
                (_, _) => {
                    return Err(ctx.invalid(
                        &at,
                        "a list or an object (pywr merges only lists and objects from an include)",
                    ));
                }
            }
        }
        i += 1;
    }
}

/// The file's canonical path, or the path as given when it cannot be resolved (the read that
/// follows names the missing file).
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The values and the objects and arrays among them in `v`, counted as the bounded JSON reader
/// counts them.
fn count(v: &Json) -> (u64, u64) {
    match v {
        Json::Array(items) => items.iter().fold((1, 1), |(a, b), x| {
            let (c, d) = count(x);
            (a + c, b + d)
        }),
        Json::Object(map) => map.values().fold((1, 1), |(a, b), x| {
            let (c, d) = count(x);
            (a + c, b + d)
        }),
        _ => (1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Model;

    fn write(dir: &std::path::Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    const MAIN: &str = r#"{"timestepper": {"start": "2020-01-01", "end": "2020-01-02"},
        "includes": ["more.json"],
        "nodes": [{"name": "in", "type": "input", "max_flow": 5}],
        "edges": [["in", "out"]]}"#;

    #[test]
    fn an_include_adds_nodes_edges_and_parameters() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "m.json", MAIN);
        write(
            dir.path(),
            "more.json",
            r#"{"nodes": [{"name": "out", "type": "output", "cost": -1, "max_flow": "cap"}],
                "parameters": {"cap": {"type": "constant", "value": 3}}}"#,
        );
        let m = Model::load(dir.path().join("m.json")).unwrap();
        let names: Vec<&str> = m.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["in", "out"]);
        assert!(m.parameter("cap").is_some());
    }

    #[test]
    fn a_cycle_of_includes_is_refused_with_the_file_named() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "m.json", MAIN);
        write(dir.path(), "more.json", r#"{"includes": ["m.json"]}"#);
        let err = Model::load(dir.path().join("m.json"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("includes[1]") && err.contains("\"m.json\" is the model file itself"),
            "{err}"
        );
        write(dir.path(), "more.json", r#"{"includes": ["more.json"]}"#);
        let err = Model::load(dir.path().join("m.json"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("included already"), "{err}");
    }

    #[test]
    fn a_missing_or_wrong_include_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "m.json", MAIN);
        let err = Model::load(dir.path().join("m.json"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("more.json"), "{err}");
        write(dir.path(), "more.json", r#"{"nodes": {"name": "out"}}"#);
        let err = Model::load(dir.path().join("m.json"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("includes[0] \"more.json\".nodes")
                && err.contains("a list extends a list"),
            "{err}"
        );
        write(dir.path(), "m.json", &MAIN.replace("more.json", "code.py"));
        let err = Model::load(dir.path().join("m.json"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("Dostyk does not run"), "{err}");
    }
}
