//! The browser's copy of the last good dataset (browser storage through
//! `web`, which never throws): one versioned key per data URL; keys of older
//! cache versions are removed. The entry format and key logic are pure.

use serde::{Deserialize, Serialize};

/// Bumped when the cached entry's shape or the data format changes.
pub const CACHE_VERSION: u32 = 1;
const PREFIX: &str = "impact-atlas:data:";

/// What is kept: the document as received, and its HTTP validators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub body: String,
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
}

/// The storage key for a data URL.
pub fn key(url: &str) -> String {
    format!("{PREFIX}v{CACHE_VERSION}:{url}")
}

/// Whether a storage key belongs to an older cache version.
pub fn is_stale_key(k: &str) -> bool {
    k.starts_with(PREFIX) && !k.starts_with(&format!("{PREFIX}v{CACHE_VERSION}:"))
}

/// Reads the entry for `url`; a corrupt entry counts as none.
pub fn read(url: &str) -> Option<Entry> {
    serde_json::from_str(&crate::web::storage_get(&key(url))?).ok()
}

/// Saves the entry (silently nothing when storage refuses) and clears older versions.
pub fn write(url: &str, entry: &Entry) {
    for k in crate::web::storage_keys() {
        if is_stale_key(&k) {
            crate::web::storage_remove(&k);
        }
    }
    if let Ok(text) = serde_json::to_string(entry) {
        crate::web::storage_set(&key(url), &text);
    }
}

pub fn remove(url: &str) {
    crate::web::storage_remove(&key(url));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_versioned() {
        assert_eq!(
            key("/data/impact.json"),
            "impact-atlas:data:v1:/data/impact.json"
        );
        assert!(is_stale_key("impact-atlas:data:v0:/data/impact.json"));
        assert!(!is_stale_key(&key("/x")));
        assert!(!is_stale_key("impact-atlas:lang"));
        assert!(!is_stale_key("other"));
    }

    #[test]
    fn entry_round_trips() {
        let e = Entry {
            body: "{}".into(),
            etag: Some("\"abc\"".into()),
            last_modified: None,
        };
        let back: Entry = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }
}
