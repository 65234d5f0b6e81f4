//! Reading the JSON document (pure): size cap, serde decoding that names the
//! JSON path of a syntax or type error, then validation.

use super::compact::{self, Columns};
use super::id::Interning;
use super::validate::{Problem, Steps, has_errors, validate};
use super::{Dataset, MAX_DOCUMENT_BYTES, MAX_READABLE_BYTES};
use crate::i18n::Msg;
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// The UTF-8 byte order mark. A document may start with one (editors on
/// some systems add it); it is skipped, as the browser's decoder, the JSON
/// Schema check (`tools/check-schema.py`) and `check-data` all do.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a document writes its observations: a list of objects (readable)
/// or one array per field (compact, `docs/data-format.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Readable,
    Compact,
}

/// Decodes the document without validating it: the size cap, the shape (an
/// object where the format has one: serde would take an array for a struct)
/// and serde. A decoding error is one problem, with the JSON path where it
/// happened.
pub fn decode(bytes: &[u8]) -> Result<Dataset, Vec<Problem>> {
    decode_form(bytes).map(|(ds, _)| ds)
}

/// [`decode`], saying which form the observations were written in.
pub fn decode_form(bytes: &[u8]) -> Result<(Dataset, Form), Vec<Problem>> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(vec![
            Problem::error("$", Msg::DataProblemTooLarge)
                .arg("size", bytes.len())
                .arg("limit", MAX_DOCUMENT_BYTES),
        ]);
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    // Equal ids share one allocation (model::id).
    let _interning = Interning::start();
    if let Some(top) = compact_parts(bytes) {
        return decode_compact(top).map(|ds| (ds, Form::Compact));
    }
    if bytes.len() > MAX_READABLE_BYTES {
        return Err(vec![
            Problem::error("$", Msg::DataProblemTooLarge)
                .arg("size", bytes.len())
                .arg("limit", MAX_READABLE_BYTES),
        ]);
    }
    let value = readable_tree(bytes)?;
    readable_shape(&value)?;
    readable_typed(value)
}

/// A readable document's JSON tree (its first step).
fn readable_tree(bytes: &[u8]) -> Result<Value, Vec<Problem>> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: Value =
        serde::Deserialize::deserialize(&mut de).map_err(|e| vec![tree_problem(bytes, &e)])?;
    // Anything after the document (a second object, stray text) is an error.
    de.end().map_err(|e| vec![json_problem("$".into(), &e)])?;
    Ok(value)
}

/// An object wherever the format has one ([`objects`]).
fn readable_shape(value: &Value) -> Result<(), Vec<Problem>> {
    let mut shape = Vec::new();
    objects(value, &|| "$".into(), Shape::Dataset, &mut shape);
    if shape.is_empty() { Ok(()) } else { Err(shape) }
}

/// The dataset read from its tree.
fn readable_typed(value: Value) -> Result<(Dataset, Form), Vec<Problem>> {
    typed(value).map(|ds| (ds, Form::Readable))
}

/// The dataset read from a tree whose objects are in place ([`readable_shape`]).
fn typed(value: Value) -> Result<Dataset, Vec<Problem>> {
    super::tracked::from_value(value).map_err(|(path, e)| vec![problem_at(path, &e)])
}

/// The top-level members, unparsed, when `observations` is an object (the
/// compact form) in a well-formed document. Anything else (a syntax error
/// included) goes the readable way, which names the problem.
fn compact_parts(bytes: &[u8]) -> Option<BTreeMap<String, &RawValue>> {
    // A cheap look first: the readable form never pays the second pass.
    if !maybe_compact(bytes) {
        return None;
    }
    compact_top(bytes)
}

/// [`compact_parts`] without the cheap look.
fn compact_top(bytes: &[u8]) -> Option<BTreeMap<String, &RawValue>> {
    let top: BTreeMap<String, &RawValue> = serde_json::from_slice(bytes).ok()?;
    top.get("observations")?
        .get()
        .starts_with('{')
        .then_some(top)
}

/// The top-level members of a UTF-8 document (name -> the value's text)
/// whose `observations` is an object, split by [`compact::members`] (one
/// pass, no parse of the values: each is read strictly afterwards). `None`
/// when it cannot say (then serde reads the document).
fn compact_members(bytes: &[u8]) -> Option<compact::Members<'_>> {
    let top = compact::members(std::str::from_utf8(bytes).ok()?)?;
    compact::member(&top, "observations")?
        .starts_with('{')
        .then_some(top)
}

/// Whether `"observations"` is followed by an object somewhere in `bytes`:
/// a cheap look (issue 14: the name is compared only where a `"` is, quick
/// on 4 MB of compact columns, which have few strings), the readable form
/// never pays the full read of [`compact_parts`].
fn maybe_compact(bytes: &[u8]) -> bool {
    let key = b"\"observations\"";
    (0..bytes.len()).any(|at| {
        bytes[at] == b'"'
            && bytes[at..].starts_with(key)
            && bytes[at + key.len()..]
                .iter()
                .copied()
                .find(|b| !b.is_ascii_whitespace() && *b != b':')
                == Some(b'{')
    })
}

/// The compact form: every member but `observations` as in the readable
/// form (same shape check, same paths), then the columns, read straight into
/// typed arrays (no JSON tree of 100,000 rows), then expanded.
fn decode_compact(top: BTreeMap<String, &RawValue>) -> Result<Dataset, Vec<Problem>> {
    // In the map's order (by name), which decides the problem named first.
    let texts: compact::Members = top.iter().map(|(k, v)| (k.as_str(), v.get())).collect();
    let (mut ds, columns) = compact_head(&texts)?;
    if let Some(raw) = columns {
        compact::expand(&mut ds, read_columns(raw)?)?;
    }
    Ok(ds)
}

/// The columns in one read: the first problem in document order, at its path.
fn read_columns(raw: &str) -> Result<Columns, Vec<Problem>> {
    serde_json::from_slice(raw.as_bytes()).map_err(|e| {
        let path = super::syntax_path::syntax_path(raw.as_bytes(), &e);
        vec![under("observations", problem_at(path, &e))]
    })
}

/// Every member of a compact document but `observations`, decoded; and the
/// unread `observations`.
fn compact_head<'a>(top: &[(&str, &'a str)]) -> Result<(Dataset, Option<&'a str>), Vec<Problem>> {
    let mut rest = serde_json::Map::new();
    let mut columns = None;
    for &(key, raw) in top {
        if key == "observations" {
            columns = Some(raw);
            rest.insert(key.to_string(), Value::Array(Vec::new()));
            continue;
        }
        let value: Value = serde_json::from_slice(raw.as_bytes())
            .map_err(|e| vec![under(key, tree_problem(raw.as_bytes(), &e))])?;
        rest.insert(key.to_string(), value);
    }
    let value = Value::Object(rest);
    readable_shape(&value)?;
    Ok((typed(value)?, columns))
}

/// [`decode_form`] in steps (issue 14), calling `pause` between them: a
/// compact document is scanned, its other members read, then each column,
/// then the rows expanded [`ROWS_PER_STEP`] at a time. The same dataset and
/// the same problems as [`decode_form`]. A readable document (at most 2 MiB)
/// in two steps: its JSON tree, then its shape and the typed read.
///
/// [`ROWS_PER_STEP`]: super::validate::ROWS_PER_STEP
pub async fn decode_in_steps<F: Future<Output = ()>>(
    bytes: &[u8],
    mut pause: impl FnMut() -> F,
) -> Result<(Dataset, Form), Vec<Problem>> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return decode_form(bytes);
    }
    if !maybe_compact(body) {
        if body.len() > MAX_READABLE_BYTES {
            return decode_form(bytes);
        }
        // 2 MiB took one task of 200 ms at 4x CPU; now two of about 100
        // (an await more costs 150 bytes of wasm).
        let value = readable_tree(body)?;
        pause().await;
        readable_shape(&value)?;
        let _interning = Interning::start();
        return readable_typed(value);
    }
    // The cheap look and the full read of the top level in two steps.
    pause().await;
    // H34: the members split by one pass over the bytes (serde's read of
    // them as raw values went through every number). Anything not as
    // expected, a problem included, is read again the whole way at once,
    // which names it as before.
    let Some(top) = compact_members(body) else {
        return decode_form(bytes);
    };
    pause().await;
    let Ok((mut ds, columns)) = ({
        // Ids are read only here (the columns hold positions).
        let _interning = Interning::start();
        compact_head(&top)
    }) else {
        return decode_form(bytes);
    };
    if let Some(raw) = columns {
        pause().await;
        let Some(columns) = compact::columns_in_steps(raw, &mut pause).await else {
            return decode_form(bytes);
        };
        compact::expand_in_steps(&mut ds, columns, &mut pause).await?;
    }
    Ok((ds, Form::Compact))
}

/// [`validated`] in steps (`validate::Steps`), calling `pause` between them.
pub async fn validated_in_steps<F: Future<Output = ()>>(
    ds: Dataset,
    mut pause: impl FnMut() -> F,
) -> Result<Dataset, Vec<Problem>> {
    let problems = {
        let mut steps = Steps::new(&ds);
        while !steps.step() {
            pause().await;
        }
        steps.finish()
    };
    if has_errors(&problems) {
        Err(problems)
    } else {
        Ok(ds)
    }
}

/// A problem found inside the member `key`, with its path from the top.
fn under(key: &str, mut p: Problem) -> Problem {
    p.path = if p.path == "$" {
        key.to_string()
    } else if p.path.starts_with('[') {
        format!("{key}{}", p.path)
    } else {
        format!("{key}.{}", p.path)
    };
    p
}

/// Where the format has an object: the dataset, its entries, texts.
#[derive(Clone, Copy)]
enum Shape {
    Dataset,
    /// An object whose fields listed here are objects or lists of objects.
    Entry,
    Text,
}

/// Reports an array (or any non-object) where the format has an object. Only
/// arrays need this: serde reads a struct from an array of its fields, the
/// schema does not. Other wrong types are left to serde, which names them.
/// `path` is made only for a problem or a member looked into (2 MiB has
/// 60,000 members).
fn objects(v: &Value, path: &dyn Fn() -> String, shape: Shape, out: &mut Vec<Problem>) {
    let top = matches!(shape, Shape::Dataset);
    let Some(map) = v.as_object() else {
        if top || v.is_array() {
            let found = match v {
                Value::Array(_) => "array",
                Value::String(_) => "string",
                Value::Number(_) => "number",
                Value::Bool(_) => "boolean",
                Value::Null => "null",
                Value::Object(_) => "object",
            };
            out.push(Problem::error(path(), Msg::ValidateProblemNotObject).arg("found", found));
        }
        return;
    };
    if matches!(shape, Shape::Text) {
        return;
    }
    for (key, child) in map {
        let at = || {
            if top {
                key.clone()
            } else {
                format!("{}.{key}", path())
            }
        };
        let kind = match (shape, key.as_str()) {
            (Shape::Dataset, "meta" | "population") => Some(Shape::Entry),
            (Shape::Dataset, "schema_version") => None,
            (Shape::Dataset, _) => {
                // The lists: each item an entry.
                if let Some(items) = child.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        objects(item, &|| format!("{}[{i}]", at()), Shape::Entry, out);
                    }
                }
                None
            }
            (_, "publisher" | "note" | "title" | "name" | "locality") => Some(Shape::Text),
            (_, "places" | "rows") => {
                if let Some(items) = child.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        objects(item, &|| format!("{}[{i}]", at()), Shape::Entry, out);
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(kind) = kind {
            // `publisher` of a source is a plain string: only objects and
            // arrays are looked into.
            if child.is_object() || child.is_array() {
                objects(child, &at, kind, out);
            }
        }
    }
}

/// Validates a decoded dataset: itself when there is no error (warnings are
/// dropped), else every problem found. `decode` then `validated` is `parse`,
/// in two steps that the app runs in two tasks (issue 14, `data::load`).
pub fn validated(ds: Dataset) -> Result<Dataset, Vec<Problem>> {
    let problems = validate(&ds);
    if has_errors(&problems) {
        Err(problems)
    } else {
        Ok(ds)
    }
}

/// Decodes and validates: the dataset when there is no error (warnings are
/// dropped), else every problem found.
pub fn parse(bytes: &[u8]) -> Result<Dataset, Vec<Problem>> {
    let (ds, problems) = check(bytes);
    match ds {
        Some(ds) if !has_errors(&problems) => Ok(ds),
        _ => Err(problems),
    }
}

/// The same as [`parse`]: what the app calls on fetched or cached bytes.
pub fn load(bytes: &[u8]) -> Result<Dataset, Vec<Problem>> {
    parse(bytes)
}

/// Decodes and validates, keeping warnings: the dataset if it decoded (even
/// with validation errors) and every problem. For `check-data`.
pub fn check(bytes: &[u8]) -> (Option<Dataset>, Vec<Problem>) {
    match decode_form(bytes) {
        Err(problems) => (None, problems),
        Ok((ds, form)) => {
            let mut problems = validate(&ds);
            if form == Form::Compact {
                for p in &mut problems {
                    p.path = compact::column_path(&p.path);
                }
            }
            (Some(ds), problems)
        }
    }
}

/// The problem of `e`, an error reading `bytes` as a JSON tree.
fn tree_problem(bytes: &[u8], e: &serde_json::Error) -> Problem {
    problem_at(super::syntax_path::syntax_path(bytes, e), e)
}

/// The problem of `e`, at `path` ("", "." or a path ending in `?` when the
/// decoder had not read a key yet).
fn problem_at(path: String, e: &serde_json::Error) -> Problem {
    // A syntax error inside an object whose key was not read yet ends in `?`.
    let path = path.trim_end_matches('?').trim_end_matches('.').to_string();
    let path = if path.is_empty() {
        "$".to_string()
    } else {
        path
    };
    json_problem(path, e)
}

/// Turns serde_json's English message into a catalogue message and its
/// values; the path is where the decoder was.
fn json_problem(path: String, e: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => Problem::error(path, Msg::DataProblemUnexpectedEnd).arg("line", e.line()),
        Category::Syntax | Category::Io => Problem::error(path, Msg::DataProblemSyntax)
            .arg("line", e.line())
            .arg("column", e.column()),
        Category::Data => data_problem(path, &e.to_string()),
    }
}

/// serde's data errors have stable shapes: "unknown field `x`, expected …",
/// "missing field `x`", "unknown variant `x`, expected one of `a`, `b`",
/// "invalid type: string \"x\", expected f64".
fn data_problem(path: String, message: &str) -> Problem {
    let message = message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at]);
    let quoted = |s: &str| {
        let start = s.find('`')? + 1;
        let end = start + s[start..].find('`')?;
        Some(s[start..end].to_string())
    };
    let expected = |s: &str| {
        s.split_once("expected ")
            .map(|(_, e)| e.replace('`', ""))
            .unwrap_or_default()
    };
    if message.starts_with("unknown field") {
        let field = quoted(message).unwrap_or_default();
        // The path already ends with the unknown key.
        let path = if path.ends_with(&field) || field.is_empty() {
            path
        } else {
            join(&path, &field)
        };
        Problem::error(path, Msg::DataProblemUnknownField).arg("value", field)
    } else if message.starts_with("missing field") {
        let field = quoted(message).unwrap_or_default();
        Problem::error(join(&path, &field), Msg::DataProblemMissingField).arg("value", field)
    } else if message.starts_with("unknown variant") {
        Problem::error(path, Msg::DataProblemUnknownVariant)
            .arg("value", quoted(message).unwrap_or_default())
            .arg("expected", expected(message))
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let found = rest.split_once(", expected").map_or(rest, |(f, _)| f);
        Problem::error(path, Msg::DataProblemInvalidType)
            .arg("value", found)
            .arg("expected", expected(rest))
    } else {
        Problem::error(path, Msg::DataProblemInvalidValue).arg("value", message)
    }
}

fn join(path: &str, field: &str) -> String {
    if path == "$" {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use serde_json::{Value, json};

    const MINIMAL: &str = include_str!("../../tests/fixtures/good-minimal.json");

    #[test]
    fn decode_then_validated_is_parse_for_every_fixture() {
        // The app parses in two tasks (decode, then validated): the same
        // outcome as `parse`, valid or not, for every fixture of the format.
        let mut seen = (0, 0);
        for entry in std::fs::read_dir("tests/fixtures").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let whole = parse(&bytes);
            match &whole {
                Ok(_) => seen.0 += 1,
                Err(_) => seen.1 += 1,
            }
            assert_eq!(
                decode(&bytes).and_then(validated),
                whole,
                "{}",
                path.display()
            );
        }
        // Both outcomes were met (valid and refused documents).
        assert!(seen.0 >= 3 && seen.1 >= 10, "{seen:?}");
    }

    fn base() -> Value {
        serde_json::from_str(MINIMAL).unwrap()
    }

    #[track_caller]
    fn one(bytes: &[u8]) -> Problem {
        let mut problems = parse(bytes).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.remove(0)
    }

    fn edit(f: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut doc = base();
        f(&mut doc);
        serde_json::to_vec_pretty(&doc).unwrap()
    }

    #[test]
    fn too_large_is_refused_before_parsing() {
        let mut bytes = MINIMAL.as_bytes().to_vec();
        bytes.resize(MAX_DOCUMENT_BYTES + 1, b' ');
        let p = one(&bytes);
        assert_eq!((p.path.as_str(), p.msg), ("$", Msg::DataProblemTooLarge));
        assert_eq!(
            p.describe(Locale::En),
            format!(
                "$: the document is {} bytes, over the limit of {} bytes",
                MAX_DOCUMENT_BYTES + 1,
                MAX_DOCUMENT_BYTES
            )
        );
        // Observations in the readable form have their own limit, also
        // checked before parsing.
        bytes.truncate(MAX_READABLE_BYTES + 1);
        let p = one(&bytes);
        assert_eq!((p.path.as_str(), p.msg), ("$", Msg::DataProblemTooLarge));
        assert_eq!(
            p.args[1],
            ("limit".to_string(), MAX_READABLE_BYTES.to_string())
        );
        // At the limit it is read (whitespace is valid JSON).
        bytes.truncate(MAX_READABLE_BYTES);
        assert!(parse(&bytes).is_ok());
    }

    #[test]
    fn syntax_error_gives_line_and_path() {
        let text = MINIMAL.replacen("\"count\": 60,", "\"count\": 60,,", 1);
        let p = one(text.as_bytes());
        assert_eq!(p.msg, Msg::DataProblemSyntax);
        assert_eq!(p.path, "observations[1]");
        let line = MINIMAL
            .lines()
            .position(|l| l.contains("\"count\": 60,"))
            .unwrap()
            + 1;
        assert_eq!(p.args[0], ("line".to_string(), line.to_string()));
    }

    #[test]
    fn truncated_document() {
        let p = one(&MINIMAL.as_bytes()[..MINIMAL.len() / 2]);
        assert_eq!(p.msg, Msg::DataProblemUnexpectedEnd);
        let p = one(b"");
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("$", Msg::DataProblemUnexpectedEnd)
        );
    }

    #[test]
    fn trailing_text_is_refused() {
        let text = format!("{MINIMAL} {{}}");
        let p = one(text.as_bytes());
        assert_eq!((p.path.as_str(), p.msg), ("$", Msg::DataProblemSyntax));
    }

    #[test]
    fn unknown_field_path() {
        let bytes = edit(|d| d["observations"][2]["colour"] = json!("red"));
        let p = one(&bytes);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[2].colour", Msg::DataProblemUnknownField)
        );
        assert_eq!(
            p.describe(Locale::En),
            "observations[2].colour: unknown field \"colour\""
        );
        let bytes = edit(|d| d["meta"]["editor"] = json!("me"));
        assert_eq!(one(&bytes).path, "meta.editor");
        let bytes = edit(|d| d["extra"] = json!(1));
        assert_eq!(one(&bytes).path, "extra");
    }

    #[test]
    fn missing_field_path() {
        let bytes = edit(|d| {
            d["observations"][1]
                .as_object_mut()
                .unwrap()
                .remove("source");
        });
        let p = one(&bytes);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[1].source", Msg::DataProblemMissingField)
        );
        let bytes = edit(|d| {
            d.as_object_mut().unwrap().remove("population");
        });
        assert_eq!(one(&bytes).path, "population");
    }

    #[test]
    fn wrong_type_path() {
        let bytes = edit(|d| d["observations"][1]["count"] = json!("60"));
        let p = one(&bytes);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[1].count", Msg::DataProblemInvalidType)
        );
        assert_eq!(
            p.args[0],
            ("value".to_string(), "string \"60\"".to_string())
        );
        let bytes = edit(|d| d["schema_version"] = json!(-1));
        assert_eq!(one(&bytes).path, "schema_version");
        let bytes = edit(|d| d["population"]["rows"][0]["population"] = json!(1.5));
        assert_eq!(one(&bytes).path, "population.rows[0].population");
    }

    /// The columns' problems where `serde_path_to_error` over the same
    /// bytes put them, for odd values in every column and at places in
    /// each, columns removed, added and given twice, in three layouts.
    #[test]
    fn column_problems_as_serde_path_to_error() {
        let doc =
            crate::model::compact::tests::compact_of(&crate::model::compact::tests::readable());
        let columns = doc["observations"].clone();
        let reference = |raw: &str| {
            let mut de = serde_json::Deserializer::from_slice(raw.as_bytes());
            let r: Result<Columns, _> = serde_path_to_error::deserialize(&mut de);
            r.err().map(|e| {
                let path = e.path().to_string();
                let path = path.trim_end_matches('?').trim_end_matches('.');
                let path = if path.is_empty() { "$" } else { path };
                under("observations", json_problem(path.to_string(), e.inner()))
            })
        };
        let mut cases = Vec::new();
        let odd = [
            json!(null),
            json!("x"),
            json!(-1),
            json!(1.5),
            json!(true),
            json!([1]),
            json!({"a": 1}),
            json!(5_000_000_000u64),
        ];
        let keys: Vec<String> = columns.as_object().unwrap().keys().cloned().collect();
        for k in &keys {
            let mut c = columns.clone();
            c.as_object_mut().unwrap().remove(k);
            cases.push(c);
            for o in &odd {
                let mut c = columns.clone();
                c[k] = o.clone();
                cases.push(c);
                if let Some(len) = columns[k].as_array().map(Vec::len) {
                    for i in [0, len / 2, len.saturating_sub(1)] {
                        let mut c = columns.clone();
                        if let Some(slot) = c[k].get_mut(i) {
                            *slot = o.clone();
                            cases.push(c);
                        }
                    }
                }
            }
        }
        let mut c = columns.clone();
        c["colour"] = json!([1]);
        cases.push(c);
        let mut n = 0;
        for c in &cases {
            let texts = [
                serde_json::to_string(c).unwrap(),
                serde_json::to_string_pretty(c).unwrap(),
                serde_json::to_string(c)
                    .unwrap()
                    .replace(',', ", ")
                    .replace(':', ": "),
            ];
            for raw in texts
                .iter()
                .chain([&texts[0].replacen('{', "{\"rows\": 1, ", 1)])
            {
                let ours = read_columns(raw).err().map(|mut p| p.remove(0));
                let theirs = reference(raw);
                assert_eq!(
                    ours.as_ref().map(|p| (&p.path, p.msg, &p.args)),
                    theirs.as_ref().map(|p| (&p.path, p.msg, &p.args)),
                    "{}",
                    &raw[..raw.len().min(300)]
                );
                n += ours.is_some() as usize;
            }
        }
        assert!(n > 300, "{n}");
    }

    #[test]
    fn unknown_enum_value_lists_the_allowed_ones() {
        let bytes = edit(|d| d["observations"][0]["status"] = json!("guessed"));
        let p = one(&bytes);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[0].status", Msg::DataProblemUnknownVariant)
        );
        assert_eq!(
            p.describe(Locale::En),
            "observations[0].status: value \"guessed\" not allowed; allowed values: one of reported, derived, estimated, illustrative"
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(MINIMAL.as_bytes());
        assert!(parse(&bytes).is_ok());
        // Only one, at the start.
        let mut twice = BOM.to_vec();
        twice.extend_from_slice(&bytes);
        assert_eq!(one(&twice).msg, Msg::DataProblemSyntax);
    }

    #[test]
    fn arrays_in_place_of_objects_are_refused() {
        let p = one(b"[1, {}]");
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("$", Msg::ValidateProblemNotObject)
        );
        assert_eq!(
            p.describe(Locale::En),
            "$: a JSON object is expected here, not array"
        );
        assert_eq!(one(b"\"text\"").path, "$");
        // serde would read a struct from the list of its fields.
        let bytes =
            edit(|d| d["meta"] = json!(["v", "2024-07-09", {"ar": "a", "fr": "f", "en": "e"}]));
        assert_eq!(one(&bytes).path, "meta");
        let bytes = edit(|d| d["observations"][1] = json!(["beneficiaries", 60]));
        assert_eq!(one(&bytes).path, "observations[1]");
        let bytes = edit(|d| d["programs"][0]["places"][0] = json!(["MA-01"]));
        assert_eq!(one(&bytes).path, "programs[0].places[0]");
        let bytes = edit(|d| d["population"]["rows"][0] = json!(["total", "all", 1000]));
        assert_eq!(one(&bytes).path, "population.rows[0]");
    }

    #[test]
    fn decode_only_skips_validation() {
        let bytes = edit(|d| d["schema_version"] = json!(9));
        assert!(decode(&bytes).is_ok());
        let (ds, problems) = check(&bytes);
        assert!(ds.is_some());
        assert_eq!(problems[0].msg, Msg::DataProblemUnsupportedSchema);
        assert!(load(&bytes).is_err());
    }

    /// Every leaf of the fixture replaced by odd values: never a panic, and
    /// every problem has a path and a message that fills all its placeholders.
    #[test]
    fn odd_values_anywhere_never_panic() {
        fn leaves(v: &Value, path: Vec<Value>, out: &mut Vec<Vec<Value>>) {
            match v {
                Value::Object(m) => m
                    .iter()
                    .for_each(|(k, v)| leaves(v, [path.clone(), vec![json!(k)]].concat(), out)),
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .for_each(|(i, v)| leaves(v, [path.clone(), vec![json!(i)]].concat(), out)),
                _ => out.push(path),
            }
        }
        let mut paths = Vec::new();
        leaves(&base(), Vec::new(), &mut paths);
        let odd = [
            json!(null),
            json!(""),
            json!(-1),
            json!(1e308),
            json!(0.5),
            json!("MA-99"),
            json!([]),
            json!({}),
        ];
        let mut checked = 0;
        for path in &paths {
            for value in &odd {
                let mut doc = base();
                let mut at = &mut doc;
                for key in path {
                    at = match key {
                        Value::String(k) => &mut at[k.as_str()],
                        Value::Number(i) => &mut at[i.as_u64().unwrap() as usize],
                        _ => unreachable!(),
                    };
                }
                *at = value.clone();
                let (_, problems) = check(&serde_json::to_vec(&doc).unwrap());
                for p in &problems {
                    assert!(!p.path.is_empty());
                    for locale in Locale::ALL {
                        let text = p.describe(locale);
                        assert!(!text.contains('{'), "{text}");
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 400, "{checked}");
    }
}
