//! The browser's copy of the last good dataset (browser storage through
//! `web`, which never throws). One entry per app, whatever the data URL: a
//! cache-busting URL replaces the entry instead of adding one, and every other
//! key of ours (older cache versions, the per-URL entries of version 1) is
//! removed. The entry format and key logic are pure.

use crate::web::StoreError;
use serde::{Deserialize, Serialize};

/// Bumped when the cached entry's shape or the data format changes.
/// 2: one entry per app (the URL is inside the entry).
pub const CACHE_VERSION: u32 = 2;
const NAMESPACE: &str = "impact-atlas:data";

/// What is kept: the document as received, where it came from, and its HTTP
/// validators (only sent back to that same URL).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(default)]
    pub url: String,
    pub body: String,
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
    /// When this copy was received from the server (ms since the epoch), for
    /// the notice's "last updated … ago" (`data::age`). Absent in entries
    /// saved before it existed.
    #[serde(default)]
    pub saved_at: Option<f64>,
}

impl Entry {
    /// `(If-None-Match, If-Modified-Since)` for a request to `url`: none when
    /// the entry came from another URL.
    pub fn validators_for(&self, url: &str) -> (Option<String>, Option<String>) {
        if self.url == url {
            (self.etag.clone(), self.last_modified.clone())
        } else {
            (None, None)
        }
    }
}

impl Entry {
    /// Whether an answer from `url` is this entry again: the same bytes and
    /// the same validators (H30: a server without `ETag` answers 200 with
    /// the same document; it is then neither decoded, validated and drawn
    /// again nor written back: it counts as a 304).
    pub fn same_answer(
        &self,
        url: &str,
        body: &[u8],
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> bool {
        self.url == url
            && self.body.as_bytes() == body
            && self.etag.as_deref() == etag
            && self.last_modified.as_deref() == last_modified
    }
}

/// The storage key of the app's entry.
pub fn key() -> String {
    format!("{NAMESPACE}:v{CACHE_VERSION}")
}

/// Whether a storage key is a data entry of ours other than the current one
/// (an older version, a per-URL entry): such keys are removed.
pub fn is_foreign_key(k: &str) -> bool {
    (k == NAMESPACE || k.starts_with(&format!("{NAMESPACE}:"))) && k != key()
}

/// Reads the stored text as an entry; `None` when it is not one.
pub fn decode(text: &str) -> Option<Entry> {
    serde_json::from_str(text).ok()
}

/// The stored text of an entry, written into room for all of it at once
/// (H34: a 4 MB copy grown by doubling held up to 6 MB while it moved).
pub fn encode(entry: &Entry) -> Option<String> {
    // An escaped quote or backslash takes one byte more, a control
    // character five (`\u001f`).
    let extra: usize = (entry.body.bytes())
        .map(|b| match b {
            b'"' | b'\\' => 1,
            0..0x20 => 5,
            _ => 0,
        })
        .sum();
    let extra = extra + 512;
    let mut out = Vec::with_capacity(entry.body.len() + entry.url.len() + extra);
    serde_json::to_writer(&mut out, entry).ok()?;
    String::from_utf8(out).ok()
}

/// Removes every foreign key (see [`is_foreign_key`]).
pub fn tidy() {
    for k in crate::web::storage_keys() {
        if is_foreign_key(&k) {
            crate::web::storage_remove(&k);
        }
    }
}

/// The stored text of the entry, if any (read it with [`entry_of`]: two
/// steps, so that a 4 MB copy is not fetched and decoded in one task).
pub fn read_text() -> Option<String> {
    crate::web::storage_get(&key())
}

/// The entry of the stored `text`; a corrupt one counts as none and is
/// removed.
pub fn entry_of(text: &str) -> Option<Entry> {
    let entry = decode(text);
    if entry.is_none() {
        remove();
    }
    entry
}

/// Saves the entry after removing foreign keys. On failure the previous
/// entry, if any, is left as it was (storage does not half-write).
pub fn write(entry: &Entry) -> Result<(), StoreError> {
    tidy();
    crate::web::storage_try_set(&key(), &encode(entry).ok_or(StoreError::Refused)?)
}

pub fn remove() {
    crate::web::storage_remove(&key());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_app_and_every_other_key_of_ours_is_foreign() {
        assert_eq!(key(), "impact-atlas:data:v2");
        assert!(!is_foreign_key(&key()));
        // Version 1 kept one entry per data URL; a cache-busting URL added one each time.
        assert!(is_foreign_key("impact-atlas:data:v1:/data/impact.json"));
        assert!(is_foreign_key(
            "impact-atlas:data:v1:/data/impact.json?v=123"
        ));
        assert!(is_foreign_key("impact-atlas:data:v2:/data/impact.json"));
        assert!(is_foreign_key("impact-atlas:data:v0:x"));
        assert!(is_foreign_key("impact-atlas:data"));
        assert!(!is_foreign_key("impact-atlas:lang"));
        assert!(!is_foreign_key("impact-atlas:database"));
        assert!(!is_foreign_key("other"));
    }

    #[test]
    fn entry_round_trips_and_corrupt_text_is_none() {
        let e = Entry {
            url: "/data/impact.json".into(),
            body: "{\"a\":\"\\\n\u{1}é\"}".into(),
            etag: Some("\"abc\"".into()),
            last_modified: None,
            saved_at: Some(1_764_410_000_000.0),
        };
        assert_eq!(decode(&serde_json::to_string(&e).unwrap()), Some(e.clone()));
        assert_eq!(encode(&e), serde_json::to_string(&e).ok());
        assert_eq!(decode("{\"body\": \"{}\", \"etag\""), None);
        assert_eq!(decode("null"), None);
        assert_eq!(decode("[]"), None);
        // An entry saved before `saved_at` existed still reads.
        let old = decode("{\"url\":\"/d\",\"body\":\"{}\",\"etag\":null}").unwrap();
        assert_eq!(old.saved_at, None);
    }

    /// H34: a large copy is written into room made once (a string grown by
    /// doubling ends with up to twice its bytes).
    #[test]
    fn a_large_entry_is_written_without_growing() {
        let body: String = (0..40_000)
            .map(|i| ["1,", "\"x\",", "\u{7}", "é"][i % 4])
            .collect();
        let e = Entry {
            url: "/data/impact.json".into(),
            body,
            etag: Some("\"abc\"".into()),
            last_modified: None,
            saved_at: Some(1.0),
        };
        let text = encode(&e).unwrap();
        assert_eq!(Some(&text), serde_json::to_string(&e).ok().as_ref());
        assert_eq!(decode(&text), Some(e));
        assert!(
            text.capacity() <= text.len() + 600,
            "{} {}",
            text.capacity(),
            text.len()
        );
    }

    #[test]
    fn the_same_answer_is_the_same_bytes_validators_and_url() {
        let e = Entry {
            url: "/data/impact.json".into(),
            body: "{\"a\":1}".into(),
            etag: None,
            last_modified: Some("Sun, 29 Nov 2026 10:00:00 GMT".into()),
            saved_at: Some(1.0),
        };
        let lm = Some("Sun, 29 Nov 2026 10:00:00 GMT");
        assert!(e.same_answer("/data/impact.json", b"{\"a\":1}", None, lm));
        // Another byte, URL or validator is a new answer.
        assert!(!e.same_answer("/data/impact.json", b"{\"a\":2}", None, lm));
        assert!(!e.same_answer("/data/impact.json", b"{\"a\":1} ", None, lm));
        assert!(!e.same_answer("/data/other.json", b"{\"a\":1}", None, lm));
        assert!(!e.same_answer("/data/impact.json", b"{\"a\":1}", Some("\"x\""), lm));
        assert!(!e.same_answer("/data/impact.json", b"{\"a\":1}", None, None));
    }

    #[test]
    fn validators_only_go_back_to_their_url() {
        let e = Entry {
            url: "/data/impact.json".into(),
            body: "{}".into(),
            etag: Some("\"abc\"".into()),
            last_modified: Some("Sun, 29 Nov 2026 10:00:00 GMT".into()),
            saved_at: None,
        };
        assert_eq!(
            e.validators_for("/data/impact.json").0.as_deref(),
            Some("\"abc\"")
        );
        assert_eq!(e.validators_for("/data/impact.json?v=2"), (None, None));
    }
}
