//! Writing a fetch into a dataset folder: the records as a Comtrade API CSV under `trade/`,
//! the provenance of every call beside it, and both entered in the folder's `dataset.toml`
//! (a `trade.comtrade` file and its source: publisher, the query address without the key, the
//! retrieval date).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::fetch::{CallRecord, Fetched, Revision};
use super::plan::FetchRequest;
use super::query::{Commodities, Endpoint, Frequency};
use crate::error::{Result, TradeError};

/// The largest `dataset.toml` edited (bytes).
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

/// What [`write_dataset`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The data file, `DIR/trade/STEM.csv`.
    pub data: PathBuf,
    /// The provenance file, `DIR/trade/STEM.provenance.json`.
    pub provenance: PathBuf,
    /// The manifest, `DIR/dataset.toml`.
    pub manifest: PathBuf,
    /// The id of the file entry in the manifest.
    pub file_id: String,
    /// The id of the source entry.
    pub source_id: String,
}

impl FetchRequest {
    /// A file name (without extension) that says what the request holds:
    /// `comtrade_kaz-uzb_uzb-kaz_2015-2025_a_total`.
    pub fn file_stem(&self) -> String {
        let areas = |a: &[crate::area::M49Area]| {
            if a.is_empty() {
                "all".to_owned()
            } else {
                a.iter()
                    .map(|x| x.label().to_lowercase())
                    .collect::<Vec<_>>()
                    .join("-")
            }
        };
        let first = self.periods.iter().min().map_or(0, |p| p.year);
        let last = self.periods.iter().max().map_or(0, |p| p.year);
        let years = if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        };
        let hs = match &self.commodities {
            Commodities::Total => "total".to_owned(),
            Commodities::Level(n) => format!("hs{n}"),
            Commodities::Codes(codes) if codes.len() <= 3 => format!("hs-{}", codes.join("-")),
            Commodities::Codes(codes) => {
                format!("hs-{}-and-{}-more", codes[..2].join("-"), codes.len() - 2)
            }
        };
        let flows = if self.flows.is_empty() {
            String::new()
        } else {
            format!(
                "_{}",
                self.flows
                    .iter()
                    .map(|f| f.code().to_lowercase())
                    .collect::<Vec<_>>()
                    .join("-")
            )
        };
        let freq = match self.frequency {
            Frequency::Annual => "a",
            Frequency::Monthly => "m",
        };
        format!(
            "comtrade_{}_{}_{years}_{freq}_{hs}{flows}",
            areas(&self.reporters),
            areas(&self.partners)
        )
    }
}

#[derive(Serialize)]
struct Provenance<'a> {
    request: &'a FetchRequest,
    endpoint: Endpoint,
    api_base: &'a str,
    record_cap: u32,
    records: u64,
    calls: &'a [CallRecord],
    revisions: &'a [Revision],
}

/// Writes `fetched` into the dataset folder `dir` as `trade/STEM.csv` (the records, in the
/// Comtrade API CSV layout) and `trade/STEM.provenance.json` (the request and every call: its
/// address without the key, when it was retrieved, its record count, the SHA-256 of its answer,
/// the answer's other fields, and the revisions found), each written whole or not at all; then
/// enters the CSV in `DIR/dataset.toml` as a `trade.comtrade` file with its source, replacing
/// the entries of an earlier fetch with the same stem. A folder without `dataset.toml` gets a
/// new one.
pub fn write_dataset(dir: &Path, stem: &str, fetched: &Fetched) -> Result<Written> {
    let trade = dir.join("trade");
    let data = trade.join(format!("{stem}.csv"));
    let provenance = trade.join(format!("{stem}.provenance.json"));
    let manifest = dir.join("dataset.toml");
    let file_id = stem.replace('_', "-");
    let source_id = format!(
        "un-comtrade-api-{}",
        stem.trim_start_matches("comtrade_").replace('_', "-")
    );
    let write_error = |path: &Path, e: std::io::Error| TradeError::ApiCache {
        file: path.to_path_buf(),
        problem: format!("cannot be written ({e}); check the folder and the free space"),
    };
    std::fs::create_dir_all(&trade).map_err(|e| write_error(&trade, e))?;
    let record = serde_json::to_vec_pretty(&Provenance {
        request: &fetched.request,
        endpoint: fetched.endpoint,
        api_base: &fetched.api_base,
        record_cap: fetched.cap,
        records: fetched.records,
        calls: &fetched.calls,
        revisions: &fetched.revisions,
    })
    .map_err(|e| TradeError::Input(format!("internal: provenance JSON: {e}")))?;
    let manifest_text = if manifest.exists() {
        dostyk_core_model::read::read_text(&manifest, MAX_MANIFEST_BYTES)?
    } else {
        new_manifest(dir, fetched)
    };
    let updated = register(
        &manifest,
        &manifest_text,
        stem,
        &file_id,
        &source_id,
        fetched,
    )?;
    write_whole(&data, &fetched.csv).map_err(|e| write_error(&data, e))?;
    write_whole(&provenance, &record).map_err(|e| write_error(&provenance, e))?;
    write_whole(&manifest, updated.as_bytes()).map_err(|e| write_error(&manifest, e))?;
    Ok(Written {
        data,
        provenance,
        manifest,
        file_id,
        source_id,
    })
}

/// Writes through a temporary file in the same folder and a rename.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn date(fetched: &Fetched) -> String {
    fetched
        .retrieved()
        .unwrap_or_else(|| chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()))
        .date_naive()
        .to_string()
}

fn new_manifest(dir: &Path, fetched: &Fetched) -> String {
    let name: String = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = if name.trim_matches('-').is_empty() {
        "comtrade".to_owned()
    } else {
        name
    };
    format!(
        "# Written by `dostyk trade fetch`; see docs/data.md.\n\nname = {}\nas_of = {}\n",
        toml_edit::Value::from(name),
        toml_edit::Value::from(date(fetched))
    )
}

/// The manifest text with the file and source entries of this fetch (earlier ones with the
/// same ids replaced).
fn register(
    manifest: &Path,
    text: &str,
    stem: &str,
    file_id: &str,
    source_id: &str,
    fetched: &Fetched,
) -> Result<String> {
    let mut doc: toml_edit::DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| TradeError::ApiCache {
                file: manifest.to_path_buf(),
                problem: format!(
                    "is not valid TOML, so the fetched file cannot be entered in it: {e}"
                ),
            })?;
    let url = fetched
        .calls
        .iter()
        .find(|c| !c.split)
        .or(fetched.calls.first())
        .map_or_else(|| fetched.api_base.clone(), |c| c.url.clone());
    let endpoint = match fetched.endpoint {
        Endpoint::Data => "data API",
        Endpoint::Preview => "preview API (no key)",
    };
    let mut file = toml_edit::Table::new();
    file["id"] = toml_edit::value(file_id);
    file["kind"] = toml_edit::value("trade.comtrade");
    file["path"] = toml_edit::value(format!("trade/{stem}.csv"));
    file["description"] = toml_edit::value(format!(
        "UN Comtrade records fetched by `dostyk trade fetch` ({} records, {} calls); each call with its hash in trade/{stem}.provenance.json.",
        fetched.records,
        fetched.calls.len()
    ));
    let mut sources = toml_edit::Array::new();
    sources.push(source_id);
    file["sources"] = toml_edit::value(sources);
    let mut source = toml_edit::Table::new();
    source["id"] = toml_edit::value(source_id);
    source["publisher"] = toml_edit::value("United Nations Statistics Division (UN Comtrade)");
    source["title"] = toml_edit::value(format!("UN Comtrade+ {endpoint}: {stem}"));
    source["url"] = toml_edit::value(url);
    source["retrieved"] = toml_edit::value(date(fetched));
    source["side"] = toml_edit::value("third_party");
    source["kind"] = toml_edit::value("official_statistics");
    if fetched.calls.len() > 1 {
        source["note"] = toml_edit::value(format!(
            "{} calls; the url is the first; every call is listed in trade/{stem}.provenance.json",
            fetched.calls.len()
        ));
    }
    for (key, id, table) in [("files", file_id, file), ("sources", source_id, source)] {
        let item = doc
            .entry(key)
            .or_insert_with(|| toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
        let Some(list) = item.as_array_of_tables_mut() else {
            return Err(TradeError::ApiCache {
                file: manifest.to_path_buf(),
                problem: format!(
                    "\"{key}\" is not a list of [[{key}]] tables; fix the manifest and fetch again"
                ),
            });
        };
        list.retain(|t| t.get("id").and_then(toml_edit::Item::as_str) != Some(id));
        list.push(table);
    }
    Ok(doc.to_string())
}
