//! Work in steps (pure, issue 14): the long pieces of a load (reading the
//! columns, expanding them, validating) are `async fn`s that call a `pause`
//! between steps. The app passes `web::next_task` (each step in a task of
//! its own, none long); native code and tests pass a pause that does
//! nothing and run them at once with [`now`].

use std::future::Future;
use std::task::{Context, Poll, Waker};

/// Runs `f` to its end at once. Every pause it awaits must be ready at once
/// (a pause that does nothing, `|| async {}`); one that is not is a bug.
pub fn now<T>(f: impl Future<Output = T>) -> T {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(t) => t,
        Poll::Pending => unreachable!("steps::now: a pause that waits"),
    }
}

#[cfg(test)]
mod tests {
    use super::now;
    use crate::model::compact::tests::{bytes, compact_of, grown, readable};
    use crate::model::parse::{decode_form, decode_in_steps, validated, validated_in_steps};
    use crate::model::validate::{ROWS_PER_STEP, Steps, validate};
    use crate::model::{Dataset, MAX_DOCUMENT_BYTES};
    use serde_json::{Value, json};

    /// `decode_in_steps` run at once, with the number of pauses it made.
    fn decode_counted(
        bytes: &[u8],
    ) -> (
        Result<(Dataset, crate::model::parse::Form), Vec<crate::model::validate::Problem>>,
        usize,
    ) {
        let mut pauses = 0;
        let out = now(decode_in_steps(bytes, || {
            pauses += 1;
            async {}
        }));
        (out, pauses)
    }

    /// Every document of `tests/fixtures` (good and bad), the shipped one,
    /// and each of them in the compact form when it decodes.
    fn documents() -> Vec<(String, Vec<u8>)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
        out.push(("shipped".into(), bytes(&readable())));
        let compact: Vec<_> = out
            .iter()
            .filter_map(|(name, b)| {
                let doc: Value = serde_json::from_slice(b).ok()?;
                let ds: Dataset = serde_json::from_value(doc.clone()).ok()?;
                let mut c = doc;
                c["observations"] = crate::model::compact::encode(&ds).ok()?;
                Some((format!("{name} (compact)"), bytes(&c)))
            })
            .collect();
        assert!(compact.len() >= 10, "{}", compact.len());
        out.extend(compact);
        out
    }

    /// Compact documents with problems: each decoded in steps must report
    /// what the one-go decoder reports (the first in document order).
    fn broken_compact() -> Vec<Value> {
        let base = compact_of(&grown(1_000));
        let mut out = Vec::new();
        let mut edit = |f: &dyn Fn(&mut Value)| {
            let mut d = base.clone();
            f(&mut d);
            out.push(d);
        };
        edit(&|d| d["observations"]["area"][4] = json!(-1));
        edit(&|d| d["observations"]["value"][9] = json!("12"));
        edit(&|d| d["observations"]["status"][2] = json!(null));
        edit(&|d| d["observations"]["colour"] = json!([]));
        edit(&|d| {
            d["observations"].as_object_mut().unwrap().remove("source");
        });
        edit(&|d| {
            d["observations"]["gender"].as_array_mut().unwrap().pop();
        });
        edit(&|d| d["observations"]["region"][3] = json!(99));
        // Two problems: the first in document order is the one reported.
        edit(&|d| {
            d["observations"]["value"][9] = json!("12");
            d["observations"]["status"][2] = json!("x");
        });
        edit(&|d| {
            d["observations"]["period"][1] = json!(true);
            d["observations"]["area"][4] = json!(-1);
        });
        edit(&|d| d["observations"]["rows"] = json!("many"));
        edit(&|d| d["observations"]["periods"] = json!([1, 2]));
        edit(&|d| d["meta"]["editor"] = json!("me"));
        out
    }

    #[test]
    fn decoding_in_steps_gives_what_decoding_at_once_gives() {
        let mut docs = documents();
        docs.extend(
            broken_compact()
                .iter()
                .enumerate()
                .map(|(i, d)| (format!("broken {i}"), bytes(d))),
        );
        for n in [1_000, 10_000] {
            docs.push((format!("{n}"), bytes(&compact_of(&grown(n)))));
        }
        // A column given twice (a JSON text two readers can read two ways):
        // refused both ways, not the last one taken in steps.
        let text = String::from_utf8(bytes(&compact_of(&grown(1_000)))).unwrap();
        for column in ["value", "status", "region"] {
            let key = format!("\"{column}\":");
            let start = text.find(&key).unwrap();
            let end = start + text[start..].find(']').unwrap() + 1;
            let twice = format!("{},{}", &text[..end], &text[start..]);
            docs.push((format!("broken: {column} twice"), twice.into_bytes()));
        }
        // H34: texts that a split by brackets could take for a document.
        let good = text.clone();
        for (name, t) in [
            ("broken: trailing text", format!("{good} x")),
            ("broken: no end", good[..good.len() - 1].to_string()),
            (
                "broken: a tab in a name",
                good.replacen("\"meta\"", "\"me\tta\"", 1),
            ),
            (
                "broken: a column closed by }",
                good.replacen("\"region\":[", "\"region\":[1}", 1),
            ),
            (
                "broken: two commas",
                good.replacen("\"status\":[", "\"status\":[0,,", 1),
            ),
            (
                "broken: a bad string",
                good.replacen("\"periods\":[", "\"periods\":[\"\\q\",", 1),
            ),
            ("a member twice", good.replacen("{", "{\"meta\":{},", 1)),
            (
                "an escaped name",
                good.replacen("\"schema_version\"", "\"schema\\u005fversion\"", 1),
            ),
        ] {
            assert_ne!(t, good, "{name}");
            docs.push((name.to_string(), t.into_bytes()));
        }
        let mut compared_errors = 0;
        for (name, b) in &docs {
            let (steps, _) = decode_counted(b);
            let once = decode_form(b);
            compared_errors += usize::from(once.is_err());
            assert!(!name.starts_with("broken") || once.is_err(), "{name}");
            assert_eq!(steps, once, "{name}");
        }
        // The bad fixtures and every broken document were compared.
        assert!(compared_errors >= 28, "{compared_errors}");
    }

    #[test]
    fn validating_in_steps_finds_what_one_step_finds() {
        let mut with_problems = 0;
        for (name, b) in documents() {
            let Ok((ds, _)) = decode_form(&b) else {
                continue;
            };
            let whole = {
                let mut s = Steps::with_chunk(&ds, usize::MAX);
                assert!(
                    s.step() || {
                        while !s.step() {}
                        true
                    }
                );
                s.finish()
            };
            with_problems += usize::from(!whole.is_empty());
            assert_eq!(validate(&ds), whole, "{name}");
            for chunk in [1, 2, 7, 100] {
                let mut s = Steps::with_chunk(&ds, chunk);
                while !s.step() {}
                assert_eq!(s.finish(), whole, "{name}, {chunk} rows a step");
            }
        }
        assert!(with_problems >= 10, "{with_problems}");
    }

    /// A readable document: its JSON tree, then its shape and its typed
    /// read, in two steps (2 MiB took one task of 200 ms at 4x CPU); a
    /// problem ends the read at its step, with what the one-go decoder reports.
    #[test]
    fn a_readable_document_is_read_in_two_steps() {
        let b = bytes(&readable());
        let (steps, pauses) = decode_counted(&b);
        assert_eq!(pauses, 1);
        assert_eq!(steps, decode_form(&b));
        assert!(steps.is_ok());
        let mut shape = readable();
        shape["observations"][1] = json!(["beneficiaries", 60]);
        let mut typed = readable();
        typed["observations"][1]["count"] = json!("sixty");
        for (doc, at) in [(bytes(&shape), 1), (bytes(&typed), 1), (b"{".to_vec(), 0)] {
            let (steps, pauses) = decode_counted(&doc);
            assert_eq!(pauses, at);
            assert!(steps.is_err());
            assert_eq!(steps, decode_form(&doc));
        }
    }

    /// 100,000 rows: decoded and validated in many steps (each at most
    /// ROWS_PER_STEP rows or one column), to the same dataset.
    #[test]
    fn a_100k_document_is_read_in_many_steps() {
        let b = bytes(&compact_of(&grown(100_000)));
        assert!(b.len() <= MAX_DOCUMENT_BYTES);
        let (ds, decode_pauses) = decode_counted(&b);
        let (ds, _) = ds.unwrap();
        // Columns (13) and the rows in steps.
        let row_steps = 100_000 / ROWS_PER_STEP;
        assert!(decode_pauses > 13 + row_steps, "{decode_pauses}");
        assert_eq!(ds, decode_form(&b).unwrap().0);
        let mut validate_pauses = 0;
        let ds = now(validated_in_steps(ds, || {
            validate_pauses += 1;
            async {}
        }))
        .unwrap();
        // Four stages over the rows, each in steps.
        assert!(validate_pauses > 4 * row_steps, "{validate_pauses}");
        assert_eq!(ds.observations.len(), 100_000);
        assert!(validated(ds).is_ok());
    }

    /// The reader of a column of positions reads what serde reads and
    /// refuses the rest (serde then names the problem).
    #[test]
    fn positions_read_what_serde_reads() {
        use crate::model::compact::positions;
        let texts = [
            "[]",
            " [ ] ",
            "[0,1, null ,4294967295]",
            "[\n1\r\n,\t2]",
            "[01]",
            "[-1]",
            "[1.0]",
            "[1e2]",
            "[4294967296]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[nul]",
            "[null1]",
            "{}",
            "[1]x",
            "[\"1\"]",
            "[true]",
            "",
            "[1",
            "[0]",
            "[00]",
            "null",
        ];
        let mut read = 0;
        for text in texts {
            let by_serde: Option<Vec<Option<u32>>> = serde_json::from_str(text).ok();
            read += usize::from(by_serde.is_some());
            assert_eq!(positions(text), by_serde, "{text}");
        }
        assert_eq!(read, 5);
    }

    #[test]
    #[should_panic(expected = "a pause that waits")]
    fn now_refuses_a_pause_that_waits() {
        now(std::future::pending::<()>());
    }
}
