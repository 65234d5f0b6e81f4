//! The data contract end to end (native): the `check-data` binary on the lab's
//! dataset and on broken fixtures, and the dataset against its JSON Schema's
//! top level.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// (exit code, stdout lines) of `check-data --lang en FILE`.
fn check_data(file: &str) -> (i32, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_check-data"))
        .args(["--lang", "en", file])
        .current_dir(root())
        .output()
        .expect("check-data runs");
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.code().unwrap_or(-1),
        stdout.lines().map(str::to_string).collect(),
    )
}

#[test]
fn lab_dataset_passes() {
    let (code, lines) = check_data("public/data/impact.json");
    assert_eq!(code, 0, "{lines:#?}");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].starts_with("OK: "), "{lines:#?}");
    assert!(lines[0].ends_with(" observations, 3 sources"), "{lines:#?}");
}

#[test]
fn broken_file_lists_every_problem_with_its_path() {
    let (code, lines) = check_data("tests/fixtures/bad-several.json");
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        vec![
            "meta.as_of: invalid date \"2024-07-32\" (expected YYYY-MM-DD)",
            "programs[0].partners[0]: unknown partner \"giz\"",
            "observations[1].region: unknown region \"MA-13\"",
            "observations[3].share: the share 48 is not between 0 and 1 (write 0.48, not 48)",
            "observations[5]: duplicate observation: observations[4] has the same indicator and dimensions",
            "observations[0].count: the 2 parts (observations[1], …) sum to 110, above the exact total 100",
            "Problems: 6 (errors: 6)",
        ]
    );
}

#[test]
fn decoding_error_has_its_path() {
    let (code, lines) = check_data("tests/fixtures/bad-unknown-field.json");
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        vec![
            "observations[2].colour: unknown field \"colour\"",
            "Problems: 1 (errors: 1)",
        ]
    );
}

#[test]
fn unreadable_file_and_usage() {
    let (code, _) = check_data("tests/fixtures/no-such-file.json");
    assert_eq!(code, 2);
    let out = Command::new(env!("CARGO_BIN_EXE_check-data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn report_in_french_and_arabic() {
    for (lang, expected) in [
        (
            "fr",
            "observations[1].region: région inconnue «\u{202F}MA-13\u{202F}»",
        ),
        ("ar", "observations[1].region: جهة غير معروفة «MA-13»"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_check-data"))
            .args(["--lang", lang, "tests/fixtures/bad-several.json"])
            .current_dir(root())
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.lines().any(|l| l == expected), "{stdout}");
    }
}

/// The schema and the dataset agree on the top level: every key the schema
/// requires is there, and the dataset has no key the schema does not know.
#[test]
fn dataset_matches_schema_top_level() {
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(root().join(p)).unwrap()).unwrap()
    };
    let schema = read("public/data/impact.schema.json");
    let data = read("public/data/impact.json");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let props = schema["properties"].as_object().unwrap();
    let data = data.as_object().unwrap();
    for key in &required {
        assert!(data.contains_key(*key), "dataset lacks required {key}");
    }
    for key in data.keys() {
        assert!(props.contains_key(key), "schema does not know {key}");
    }
    assert_eq!(
        schema["properties"]["schema_version"]["enum"],
        serde_json::json!(impact_atlas::model::SUPPORTED_SCHEMA_VERSIONS)
    );
}

/// Every enum value the schema allows decodes into the Rust type, and the
/// schema lists as many values as the type has.
#[test]
fn schema_enums_match_the_rust_types() {
    use impact_atlas::model::{CensusArea, CensusSex, Gender, Qualifier, Status, Unit};
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("public/data/impact.schema.json")).unwrap(),
    )
    .unwrap();
    let defs = &schema["$defs"];
    fn check<T: serde::de::DeserializeOwned>(values: &serde_json::Value, variants: usize) {
        let values = values.as_array().expect("an enum");
        assert_eq!(values.len(), variants, "{values:?}");
        for v in values {
            serde_json::from_value::<T>(v.clone())
                .unwrap_or_else(|e| panic!("{v} does not decode: {e}"));
        }
    }
    // The variant counts are spelled out by matching every variant, so that
    // adding one to the Rust type without the schema fails to compile here.
    let units = |u: Unit| match u {
        Unit::People | Unit::Organisations | Unit::Sectors | Unit::Regions | Unit::Areas => 5,
    };
    let qualifiers = |q: Qualifier| match q {
        Qualifier::Exact | Qualifier::MoreThan | Qualifier::About => 3,
    };
    let statuses = |s: Status| match s {
        Status::Reported | Status::Estimated | Status::Illustrative => 3,
    };
    let genders = |g: Gender| match g {
        Gender::Female | Gender::Male => 2,
    };
    let areas = |a: CensusArea| match a {
        CensusArea::Total | CensusArea::Urban | CensusArea::Rural => 3,
    };
    let sexes = |s: CensusSex| match s {
        CensusSex::All | CensusSex::Male | CensusSex::Female => 3,
    };
    let obs = &defs["observation"]["properties"];
    check::<Unit>(
        &defs["indicator"]["properties"]["unit"]["enum"],
        units(Unit::People),
    );
    check::<Qualifier>(&obs["qualifier"]["enum"], qualifiers(Qualifier::Exact));
    check::<Status>(&obs["status"]["enum"], statuses(Status::Reported));
    check::<Gender>(&obs["gender"]["enum"], genders(Gender::Male));
    let row = &defs["populationRow"]["properties"];
    check::<CensusArea>(&row["area"]["enum"], areas(CensusArea::Total));
    check::<CensusSex>(&row["sex"]["enum"], sexes(CensusSex::All));
    check::<CensusArea>(
        &defs["group"]["properties"]["census_area"]["enum"],
        areas(CensusArea::Rural),
    );
}
