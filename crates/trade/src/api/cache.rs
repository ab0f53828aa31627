//! The cache of answered calls, which is also the journal of a run: each answer is written
//! (whole, through a temporary file and a rename) under the SHA-256 of its address, with the
//! address, the time it was retrieved, the hash of the body and the body itself. A run that
//! stops part-way leaves every answered call on disk; the next run reuses them and fetches only
//! the rest.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::error::{Result, TradeError};

/// The largest cache file read back (bytes).
const MAX_ENTRY_BYTES: u64 = 600 * 1024 * 1024;

/// One answered call as stored.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The address, without the key.
    pub(crate) request: String,
    /// When the answer was received.
    pub(crate) retrieved: DateTime<Utc>,
    /// The SHA-256 of the body, hex.
    pub(crate) sha256: String,
    /// The body as received (JSON).
    pub(crate) body: Box<RawValue>,
}

/// The hex SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// A cache folder.
#[derive(Debug, Clone)]
pub(crate) struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub(crate) fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
        }
    }

    /// How long ago each answer in the folder was stored, for those stored less than `within`
    /// ago (none when the folder does not exist yet). It only counts calls for the daily limit,
    /// so an entry whose time cannot be read is passed over.
    pub(crate) fn answer_ages(&self, within: Duration) -> Vec<Duration> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let now = SystemTime::now();
        entries
            .filter_map(std::result::Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| e.metadata().ok()?.modified().ok())
            .filter_map(|stored| now.duration_since(stored).ok())
            .filter(|age| *age < within)
            .collect()
    }

    /// The file of a call.
    pub(crate) fn path(&self, request: &str) -> PathBuf {
        self.dir
            .join(format!("{}.json", sha256(request.as_bytes())))
    }

    /// The stored answer of `request`, if any. A file that is not a cache entry, or one that
    /// holds another address or a body that does not match its hash, is an error naming it.
    pub(crate) fn get(&self, request: &str) -> Result<Option<Entry>> {
        let path = self.path(request);
        if !path.exists() {
            return Ok(None);
        }
        let bad = |problem: String| TradeError::ApiCache {
            file: path.clone(),
            problem: format!("{problem}; delete the file to fetch the call again"),
        };
        let text = dostyk_core_model::read::read_text(&path, MAX_ENTRY_BYTES)?;
        let entry: Entry = serde_json::from_str(&text)
            .map_err(|e| bad(format!("not a cache entry of a Comtrade call ({e})")))?;
        if entry.request != request {
            return Err(bad(format!(
                "holds the answer of {} instead of {request}",
                entry.request
            )));
        }
        if sha256(entry.body.get().as_bytes()) != entry.sha256 {
            return Err(bad(
                "the stored answer does not match its SHA-256: the file was changed or is damaged"
                    .into(),
            ));
        }
        Ok(Some(entry))
    }

    /// Stores an answer: written to a temporary file in the folder, then renamed, so the entry
    /// is there whole or not at all.
    pub(crate) fn put(
        &self,
        request: &str,
        body: &[u8],
        retrieved: DateTime<Utc>,
    ) -> Result<Entry> {
        let path = self.path(request);
        let io = |e: std::io::Error| TradeError::ApiCache {
            file: path.clone(),
            problem: format!("cannot be written ({e}); check the folder and the free space"),
        };
        let text = std::str::from_utf8(body).map_err(|_| TradeError::ApiCache {
            file: path.clone(),
            problem: "the answer is not UTF-8 text and is not stored".into(),
        })?;
        let raw = RawValue::from_string(text.to_owned()).map_err(|e| TradeError::ApiCache {
            file: path.clone(),
            problem: format!("the answer is not JSON and is not stored ({e})"),
        })?;
        let entry = Entry {
            request: request.to_owned(),
            retrieved,
            sha256: sha256(raw.get().as_bytes()),
            body: raw,
        };
        std::fs::create_dir_all(&self.dir).map_err(io)?;
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        let bytes = serde_json::to_vec(&entry).map_err(|e| io(std::io::Error::other(e)))?;
        std::fs::write(&tmp, bytes).map_err(io)?;
        std::fs::rename(&tmp, &path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io(e)
        })?;
        Ok(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_stored_and_read_back_under_the_hash_of_its_address() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(&dir.path().join("cache"));
        let url = "http://x/data/v1/get/C/A/HS?reporterCode=398";
        assert!(cache.get(url).unwrap().is_none());
        let t = DateTime::<Utc>::from(std::time::SystemTime::UNIX_EPOCH);
        let stored = cache.put(url, br#"{"count":0,"data":[]}"#, t).unwrap();
        let back = cache.get(url).unwrap().unwrap();
        assert_eq!(back.sha256, stored.sha256);
        assert_eq!(back.body.get(), r#"{"count":0,"data":[]}"#);
        assert_eq!(back.retrieved, t);
        assert!(
            cache
                .path(url)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&sha256(url.as_bytes())[..16])
        );
    }

    #[test]
    fn a_damaged_entry_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let url = "http://x/a";
        std::fs::write(cache.path(url), "{not json").unwrap();
        let e = cache.get(url).unwrap_err().to_string();
        assert!(
            e.contains("not a cache entry") && e.contains("delete the file"),
            "{e}"
        );
        let t = DateTime::<Utc>::from(std::time::SystemTime::UNIX_EPOCH);
        cache.put(url, br#"{"count":0}"#, t).unwrap();
        let text = std::fs::read_to_string(cache.path(url)).unwrap();
        std::fs::write(cache.path(url), text.replace("\"count\":0", "\"count\":1")).unwrap();
        let e = cache.get(url).unwrap_err().to_string();
        assert!(e.contains("does not match its SHA-256"), "{e}");
    }
}
