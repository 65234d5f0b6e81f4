//! Test support (compiled for `cargo test` only): the one small dataset that
//! the native tests of every module share, `tests/fixtures/small.json`.
//! Its numbers mean nothing; its shape is the real dataset's (three program
//! areas, two regions, an illustrative split, published shares, census rows).

use crate::model::Dataset;

/// `tests/fixtures/small.json`, decoded.
pub fn small() -> Dataset {
    let text = include_str!("../tests/fixtures/small.json");
    serde_json::from_str(text).expect("tests/fixtures/small.json decodes")
}
