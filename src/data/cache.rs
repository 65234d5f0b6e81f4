//! The browser's copy of the last good dataset (browser storage through
//! `web`, which never throws). One entry per app, whatever the data URL: a
//! cache-busting URL replaces the entry instead of adding one, and every other
//! key of ours (older cache versions, the per-URL entries of version 1) is
//! removed. The entry format and key logic are pure.
//!
//! A copy over [`APART_BYTES`] (100,000 observations are 4 MB) keeps its
//! body apart, in the Cache API (issue 14): writing it to `localStorage`
//! was one task of about 300 ms at 4x CPU (the body escaped into the
//! entry's JSON, handed to JS as one string, and stored synchronously),
//! and the boot scripts read the whole entry synchronously on every visit.
//! The entry in `localStorage` then names the cache that holds the body
//! (`apart`); the boot scripts still find an entry under [`key`], with an
//! identity that changes with the body (`boot/snapshot.js`), and start
//! reading that body while the wasm loads (`boot/fallback.js`,
//! `impactAtlasApart`, which the app calls for the Cache API). Where the
//! page has no Cache API (an insecure origin), the whole copy goes to
//! `localStorage` as before.

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
    /// The document; empty in storage when it is kept apart (filled in by
    /// [`with_body`]).
    pub body: String,
    /// The cache that holds the body, when it is kept apart ([`apart_for`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apart: Option<String>,
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

/// A copy larger than this (bytes) keeps its body in the Cache API (the
/// shipped dataset is 70 KB and stays whole in `localStorage`: its boot
/// reads it at once).
pub const APART_BYTES: usize = 512 * 1024;

/// FNV-1a (64 bits) of `bytes`: a name that changes with the body, stable
/// across builds and targets.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The cache that keeps a body of these bytes apart (one cache per copy,
/// named after its bytes; the service worker's own caches are
/// `impact-atlas-shell-…` and it leaves these alone): `None` when the body
/// stays in the entry (small enough).
pub fn apart_for(body: &[u8]) -> Option<String> {
    (body.len() > APART_BYTES).then(|| format!("impact-atlas-data-{:016x}", fingerprint(body)))
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
fn write(entry: &Entry) -> Result<(), StoreError> {
    tidy();
    crate::web::storage_try_set(&key(), &encode(entry).ok_or(StoreError::Refused)?)
}

/// Saves a new copy received from `url`: a large body apart in the Cache API first, then its
/// entry; a small one whole in `localStorage`. Then the bodies of older copies are deleted (not
/// one another tab stored in the last minute: `impactAtlasApart.prune`, boot/fallback.js). On
/// failure the previous copy, if any, stays whole and in use: its entry is untouched, and so is
/// its body (another cache; a refused `put` keeps nothing).
pub async fn save(
    url: String,
    body: Vec<u8>,
    etag: Option<String>,
    last_modified: Option<String>,
    saved_at: Option<f64>,
) -> Result<(), StoreError> {
    let mut entry = Entry {
        url,
        body: String::new(),
        apart: apart_for(&body),
        etag,
        last_modified,
        saved_at,
    };
    if let Some(name) = &entry.apart {
        match crate::web::apart_put(name, &body).await {
            Ok(()) => {}
            // No Cache API here: the whole copy in `localStorage`, as before.
            Err(StoreError::Unavailable) => entry.apart = None,
            Err(e) => return Err(e),
        }
    }
    if entry.apart.is_none() {
        entry.body = String::from_utf8(body).map_err(|_| StoreError::Refused)?;
    }
    // A failed write leaves the new body's cache behind, unused: it goes
    // with the next copy saved.
    write(&entry)?;
    crate::web::apart_prune(entry.apart.as_deref().unwrap_or(""));
    Ok(())
}

/// The entry with its body read back from its cache when kept apart; `None`
/// (and the entry removed) when that body is gone.
pub async fn with_body(mut entry: Entry) -> Option<Entry> {
    let Some(name) = &entry.apart else {
        return Some(entry);
    };
    match crate::web::apart_get(name)
        .await
        .and_then(|b| String::from_utf8(b).ok())
    {
        Some(body) => {
            entry.body = body;
            Some(entry)
        }
        None => {
            remove();
            None
        }
    }
}

/// Removes the saved copy: its entry, and its body kept apart if any.
pub fn remove() {
    crate::web::storage_remove(&key());
    crate::web::apart_prune("");
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
            apart: None,
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
            apart: None,
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
    fn fingerprint_is_fnv1a_64() {
        // The published test vectors of FNV-1a, 64 bits.
        assert_eq!(fingerprint(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fingerprint(b"foobar"), 0x8594_4171_f739_67e8);
    }

    /// Issue 14: a large copy's body is kept apart, named after its bytes;
    /// its entry is small, names the body's cache, and still ends with
    /// `saved_at` (boot/snapshot.js reads the entry's tail as its identity).
    #[test]
    fn a_large_body_is_kept_apart_under_a_name_that_follows_its_bytes() {
        assert_eq!(apart_for(&vec![b'1'; APART_BYTES]), None);
        let big = vec![b'1'; APART_BYTES + 1];
        let name = apart_for(&big).unwrap();
        assert_eq!(
            name,
            format!("impact-atlas-data-{:016x}", fingerprint(&big))
        );
        assert_eq!(name.len(), "impact-atlas-data-".len() + 16);
        let mut other = big.clone();
        other[7] = b'2';
        assert_ne!(apart_for(&other).unwrap(), name);
        let e = Entry {
            url: "/data/impact.json".into(),
            body: String::new(),
            apart: Some(name.clone()),
            etag: Some("\"abc\"".into()),
            last_modified: None,
            saved_at: Some(1.0),
        };
        let text = encode(&e).unwrap();
        assert!(text.len() < 300, "{text}");
        assert!(text.contains(&format!("\"apart\":\"{name}\"")), "{text}");
        assert!(text.ends_with(",\"saved_at\":1.0}"), "{text}");
        assert_eq!(decode(&text), Some(e));
        // A small entry is written as before: no `apart` field at all.
        let small = Entry {
            url: "/d".into(),
            body: "{}".into(),
            apart: None,
            etag: None,
            last_modified: None,
            saved_at: None,
        };
        assert!(!encode(&small).unwrap().contains("apart"));
    }

    #[test]
    fn the_same_answer_is_the_same_bytes_validators_and_url() {
        let e = Entry {
            url: "/data/impact.json".into(),
            body: "{\"a\":1}".into(),
            apart: None,
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
            apart: None,
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
