//! The data contract end to end (native): the `check-data` binary on the lab's
//! dataset and on one fixture per rule, the JSON Schema against the Rust types
//! and against the Rust validator's verdicts.

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
fn lab_dataset_passes_with_a_summary() {
    let (code, lines) = check_data("public/data/impact.json");
    assert_eq!(code, 0, "{lines:#?}");
    let last = lines.last().unwrap();
    assert!(last.starts_with("OK: "), "{lines:#?}");
    assert!(last.ends_with(" observations, 3 sources"), "{lines:#?}");
    // The summary: no problem line, the edition, the whole reach with its
    // status, the statuses, the places, the illustrative reminder.
    assert!(lines[0].starts_with("Dataset 2024.07-"), "{lines:#?}");
    assert!(lines[0].ends_with("(format version 2)"), "{lines:#?}");
    assert_eq!(
        lines[1],
        "Whole reach: Beneficiaries = more than 4200 (reported, source: um6p-2024-07-09)"
    );
    assert!(
        lines[2].starts_with("Observations by status: reported "),
        "{lines:#?}"
    );
    assert!(lines[2].contains(", derived 2, "), "{lines:#?}");
    assert_eq!(
        lines[3],
        "Regions with figures: 12 of 12; countries: CI, SN"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Note: ") && l.contains("illustrative"))
    );
    assert!(!lines.iter().any(|l| l.contains(": warning: ")));
}

/// The fixtures of `tests/fixtures/expected.json`: what `check-data` prints
/// for each (one fixture per rule, its path and message).
fn manifest() -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/expected.json")).unwrap();
    let mut m: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    m.remove("$comment");
    m
}

#[test]
fn every_rule_fixture_gives_its_path_and_message() {
    let m = manifest();
    assert!(m.len() >= 25, "{}", m.len());
    for (file, expected) in &m {
        let (code, lines) = check_data(&format!("tests/fixtures/{file}"));
        let Some(problems) = expected["problems"].as_array() else {
            assert_eq!(code, 1, "{file}");
            continue;
        };
        if problems.is_empty() {
            assert_eq!(code, 0, "{file}: {lines:#?}");
            assert!(lines.last().unwrap().starts_with("OK: "), "{file}");
        } else {
            assert_eq!(code, 1, "{file}: {lines:#?}");
            let got: Vec<&str> = lines[..lines.len() - 1]
                .iter()
                .map(String::as_str)
                .collect();
            let want: Vec<&str> = problems.iter().map(|p| p.as_str().unwrap()).collect();
            assert_eq!(got, want, "{file}");
            assert_eq!(
                lines.last().unwrap(),
                &format!("Problems: {} (errors: {})", want.len(), want.len()),
                "{file}"
            );
        }
    }
}

/// One set of rules: over every fixture, the JSON Schema (through
/// `tools/check-schema.py`) and the Rust validator agree, except on the rules
/// between values that a schema cannot say, where the schema accepts.
#[test]
fn schema_and_validator_agree_on_every_fixture() {
    let m = manifest();
    let mut files: Vec<String> = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".json") && f != "expected.json")
        .collect();
    files.sort();
    files.push("../../public/data/impact.json".into());
    let paths: Vec<String> = files
        .iter()
        .map(|f| format!("tests/fixtures/{f}"))
        .collect();
    let out = Command::new("python3")
        .arg("tools/check-schema.py")
        .arg("--verdict")
        .args(&paths)
        .current_dir(root())
        .output()
        .expect("python3 runs (tools/check-schema.py needs python3-jsonschema)");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.is_empty(),
        "tools/check-schema.py failed (is python3-jsonschema installed?): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verdicts: std::collections::HashMap<&str, bool> = stdout
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(v, f)| (f, v == "valid"))
        .collect();
    assert_eq!(verdicts.len(), paths.len(), "{stdout}");
    for (file, path) in files.iter().zip(&paths) {
        let (code, lines) = check_data(path);
        let rust_valid = code == 0;
        let schema_valid = verdicts[path.as_str()];
        let kind = m.get(file).and_then(|e| e["kind"].as_str());
        if kind == Some("consistency") {
            assert!(!rust_valid && schema_valid, "{file}: {lines:?}");
        } else {
            assert_eq!(rust_valid, schema_valid, "{file}: check-data {lines:?}");
        }
    }
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("check-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("huge.json");
    // A sparse 9 MiB file: refused by its size, never read.
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(9 * 1024 * 1024).unwrap();
    let (code, lines) = check_data(file.to_str().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        vec![format!(
            "the file {} is 9437184 bytes, over the limit of 8388608 bytes: it was not read",
            file.display()
        )]
    );
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
        Status::Reported | Status::Derived | Status::Estimated | Status::Illustrative => 4,
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
    assert_eq!(obs["gender"]["$ref"], "#/$defs/gender");
    check::<Gender>(&defs["gender"]["enum"], genders(Gender::Male));
    let row = &defs["populationRow"]["properties"];
    check::<CensusArea>(&row["area"]["enum"], areas(CensusArea::Total));
    check::<CensusSex>(&row["sex"]["enum"], sexes(CensusSex::All));
    check::<CensusArea>(
        &defs["group"]["properties"]["census_area"]["enum"],
        areas(CensusArea::Rural),
    );
}

/// The shipped dataset says only what the communiqué says: no licence
/// claimed, OFPPT not a partner, the count of program areas and the share of
/// men derived (not reported), no men in women's entrepreneurship, French
/// texts with the typographic apostrophe and narrow no-break spaces.
#[test]
fn shipped_dataset_is_honest_and_well_typeset() {
    use impact_atlas::model::{Gender, Status};
    let bytes = std::fs::read(root().join("public/data/impact.json")).unwrap();
    let ds = impact_atlas::model::parse::parse(&bytes).unwrap();
    assert_eq!(ds.schema_version, 2);
    assert_eq!(ds.meta.licence, None);
    assert!(ds.partners.iter().all(|p| p.id != "ofppt"));
    assert!(
        ds.programs
            .iter()
            .all(|p| !p.partners.iter().any(|x| x == "ofppt"))
    );
    let status = |ind: &str, gender: Option<Gender>| {
        ds.observations
            .iter()
            .find(|o| o.indicator == ind && o.gender == gender && o.share.is_some())
            .map(|o| o.status)
    };
    assert_eq!(
        status("beneficiaries", Some(Gender::Male)),
        Some(Status::Derived)
    );
    assert_eq!(
        status("beneficiaries", Some(Gender::Female)),
        Some(Status::Reported)
    );
    let areas = ds
        .observations
        .iter()
        .find(|o| o.indicator == "program_areas")
        .unwrap();
    assert_eq!(areas.status, Status::Derived);
    assert!(ds.observations.iter().all(|o| {
        o.area.as_deref() != Some("womens-entrepreneurship")
            || o.gender != Some(Gender::Male)
            || o.value() == 0.0
    }));
    let note = ds.meta.note.as_ref().unwrap();
    assert!(note.lang("en").unwrap().contains("illustrative"));
    assert!(note.lang("fr").unwrap().contains("tools/make-dataset.py"));
    assert_eq!(
        ds.region("MA-02").unwrap().name.lang("fr"),
        Some("L’Oriental")
    );
    // Every French text of the file.
    let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    fn french(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::String(fr)) = m.get("fr") {
                    out.push(fr.clone());
                }
                m.values().for_each(|x| french(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| french(x, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    french(&doc, &mut texts);
    assert!(texts.len() > 40, "{}", texts.len());
    for t in &texts {
        assert!(!t.contains('\''), "apostrophe: {t}");
        for mark in [" :", " ;", " ?", " !", "« ", " »", "\u{a0}:"] {
            assert!(!t.contains(mark), "{mark:?} in {t}");
        }
    }
}
