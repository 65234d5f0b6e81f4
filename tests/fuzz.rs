//! Property tests of the parser and validator (native): whatever the bytes,
//! `parse` never panics and answers either a dataset or a non-empty list of
//! problems, each with a non-empty path and a message whose placeholders are
//! all filled, in every language. Three generators: raw bytes, the minimal
//! fixture with values replaced anywhere, and datasets built from small
//! pools of ids (so that the rules between figures are exercised).
//!
//! `cargo test` runs a few hundred cases of each (a few seconds;
//! `PROPTEST_CASES` sets the number). `make fuzz` runs the ignored test
//! `fuzz_for_a_while` for `FUZZ_SECONDS` (default 600) and prints how many
//! cases it tried.

#![cfg(not(target_arch = "wasm32"))]

use impact_atlas::i18n::{Locale, placeholders};
use impact_atlas::model::parse::parse;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

const MINIMAL: &str = include_str!("fixtures/good-minimal.json");

/// The invariant: Ok, or problems that say where and what.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse(bytes) {
        Ok(ds) => {
            // A dataset that passed reads back the same once written out.
            let again = serde_json::to_vec(&ds).unwrap();
            prop_assert!(parse(&again).is_ok());
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                prop_assert!(!p.path.is_empty());
                for locale in Locale::ALL {
                    // Every placeholder of the message has its value (the
                    // values themselves may hold anything, `{` included).
                    for name in placeholders(locale.t(p.msg)) {
                        prop_assert!(
                            p.args.iter().any(|(k, _)| *k == name),
                            "{:?} lacks {}",
                            p,
                            name
                        );
                    }
                    prop_assert!(!p.describe(locale).is_empty());
                }
            }
        }
    }
    Ok(())
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        (0u32..200).prop_map(|n| json!(n)),
        "[a-zA-Z0-9 :/._-]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "",
            " ",
            "\u{200B}",
            "\u{202E}x",
            "MA-01",
            "MA-13",
            "SN",
            "a1",
            "p1",
            "g1",
            "s",
            "ill",
            "beneficiaries",
            "female",
            "male",
            "exact",
            "more_than",
            "about",
            "reported",
            "derived",
            "illustrative",
            "javascript:alert(1)",
            "https://x.ma/",
            "2024",
            "2019/2024",
            "2024-02-30",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path to a value of the document (objects' keys, arrays' indices).
fn paths(v: &Value, at: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let mut p = at.clone();
                p.push(json!(k));
                paths(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let mut p = at.clone();
                p.push(json!(i));
                paths(x, p, out);
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(mut v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    for key in path {
        v = match key {
            Value::String(k) => &mut v[k.as_str()],
            Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
            _ => unreachable!(),
        };
    }
    v
}

/// The minimal fixture with one to three values replaced (or keys removed).
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let base: Value = serde_json::from_str(MINIMAL).unwrap();
    let mut all = Vec::new();
    paths(&base, Vec::new(), &mut all);
    let edits = prop::collection::vec((prop::sample::select(all), value(), any::<bool>()), 1..4);
    edits.prop_map(move |edits| {
        let mut doc = base.clone();
        for (path, new, remove) in edits {
            if remove
                && let Some((last, parent)) = path.split_last()
                && let (Value::Object(m), Value::String(k)) = (at_mut(&mut doc, parent), last)
            {
                m.remove(k);
                continue;
            }
            // A path made stale by an earlier removal indexes a null.
            if let Some((last, parent)) = path.split_last() {
                let p = at_mut(&mut doc, parent);
                let ok = match (p, last) {
                    (Value::Object(_), Value::String(_)) => true,
                    (Value::Array(a), Value::Number(i)) => (i.as_u64().unwrap() as usize) < a.len(),
                    _ => false,
                };
                if !ok {
                    continue;
                }
            }
            *at_mut(&mut doc, &path) = new;
        }
        serde_json::to_vec(&doc).unwrap()
    })
}

/// Observations from small pools: the rules between figures meet often.
fn observation() -> impl Strategy<Value = Value> {
    let opt = |xs: &'static [&'static str]| {
        prop::option::of(prop::sample::select(xs.to_vec())).prop_map(|o| o.map(|s| json!(s)))
    };
    (
        prop::sample::select(vec!["beneficiaries", "trainees", "cooperatives"]),
        prop_oneof![
            (0u32..300).prop_map(|n| json!({ "count": n })),
            (0u32..=100).prop_map(|n| json!({ "share": f64::from(n) / 100.0 })),
            Just(json!({ "count": 2.5 })),
        ],
        prop::sample::select(vec!["exact", "more_than", "about"]),
        prop::sample::select(vec!["reported", "derived", "estimated", "illustrative"]),
        (
            opt(&["a1", "a2"]),
            opt(&["p1"]),
            opt(&["MA-01", "MA-02"]),
            opt(&["SN"]),
        ),
        (
            opt(&["female", "male"]),
            opt(&["g1"]),
            opt(&["2024", "2019/2024"]),
        ),
    )
        .prop_map(
            |(ind, value, q, s, (area, program, region, country), (gender, group, period))| {
                let mut o = json!({ "indicator": ind, "qualifier": q, "status": s, "source": "s" });
                let m = o.as_object_mut().unwrap();
                m.extend(value.as_object().unwrap().clone());
                for (k, v) in [
                    ("area", area),
                    ("program", program),
                    ("region", region),
                    ("country", country),
                    ("gender", gender),
                    ("group", group),
                    ("period", period),
                ] {
                    if let Some(v) = v {
                        m.insert(k.into(), v);
                    }
                }
                o
            },
        )
}

fn built() -> impl Strategy<Value = Vec<u8>> {
    let base: Value = serde_json::from_str(MINIMAL).unwrap();
    (
        prop::collection::vec(observation(), 0..40),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(obs, women_only, keep_total)| {
            let mut doc = base.clone();
            doc["indicators"] = json!([
                { "id": "beneficiaries", "unit": "people", "name": { "ar": "م", "fr": "B", "en": "B" } },
                { "id": "trainees", "unit": "people", "name": { "ar": "م", "fr": "S", "en": "T" } },
                { "id": "cooperatives", "unit": "organisations", "name": { "ar": "م", "fr": "C", "en": "C" } }
            ]);
            if women_only {
                doc["programs"][0]["gender"] = json!("female");
            }
            let list = doc["observations"].as_array_mut().unwrap();
            if !keep_total {
                list.clear();
            }
            list.extend(obs);
            serde_json::to_vec(&doc).unwrap()
        })
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        // Cut the fixture anywhere, or flip a byte of it.
        (0..MINIMAL.len()).prop_map(|n| MINIMAL.as_bytes()[..n].to_vec()),
        (0..MINIMAL.len(), any::<u8>()).prop_map(|(i, b)| {
            let mut v = MINIMAL.as_bytes().to_vec();
            v[i] = b;
            v
        }),
    ]
}

fn run(runner: &mut TestRunner) -> usize {
    let mut cases = 0;
    for strategy in [bytes().boxed(), mutated().boxed(), built().boxed()] {
        runner
            .run(&strategy, |b| check(&b))
            .unwrap_or_else(|e| panic!("{e}"));
        cases += runner.config().cases as usize;
    }
    cases
}

#[test]
fn parse_and_validate_never_panic_and_always_say_where() {
    // PROPTEST_CASES overrides the default (256 per generator).
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    run(&mut runner);
}

/// `make fuzz`: the same properties for FUZZ_SECONDS (default 600), with a
/// new seed each round.
#[test]
#[ignore = "long: run by `make fuzz`"]
fn fuzz_for_a_while() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut cases = 0;
    let mut rounds = 0;
    while std::time::Instant::now() < deadline {
        let mut runner = TestRunner::new(Config {
            cases: 2_000,
            failure_persistence: None,
            ..Config::default()
        });
        cases += run(&mut runner);
        rounds += 1;
    }
    println!("fuzz: {cases} cases in {rounds} rounds over {seconds} s, no failure");
}
