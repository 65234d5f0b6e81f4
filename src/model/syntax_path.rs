//! Where in the document a JSON syntax error is, as a path (`a.b[2]`), from
//! the error's line and column (issue 14, size: this replaces
//! `serde_path_to_error`'s wrapping of the whole JSON reader).
//!
//! The bytes before the offending one are followed by their brackets,
//! strings and keys only; the path is then what `serde_path_to_error`
//! reports for the same error when reading a `serde_json::Value`: a value
//! whose reading failed is named (a list's element by its position, an
//! object's member by its key once its `:` is read); an error between
//! values names the list or object. A test compares the two on every
//! truncation of the fixtures and on odd bytes inserted everywhere.

use serde_json::error::Category;

/// Where the reader is in a list or an object.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// After `[` or `{`.
    Start,
    /// After a `,`.
    Comma,
    /// Inside a key (objects).
    Key,
    /// After a key, before its `:` (objects).
    AfterKey,
    /// After `:` (objects).
    Colon,
    /// Inside a value: a scalar, or the next frame.
    Value,
    /// After a value.
    Done,
}

struct Frame {
    list: bool,
    at: At,
    /// The element's position (lists).
    index: usize,
    /// The key's text, quotes included (objects).
    key: (usize, usize),
}

/// The path of `e`, an error of `serde_json` reading `bytes` as one JSON
/// value ("" for the document itself): a syntax error, or a wrong value met
/// by a typed read (a field missing or given twice: the object's path).
pub fn syntax_path(bytes: &[u8], e: &serde_json::Error) -> String {
    // serde_json's position: the line's start plus the column, just past the
    // offending byte; at the end for an unexpected end.
    let line_start = if e.line() <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(e.line() - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    let end = (line_start + e.column()).min(bytes.len());
    let (seen, next) = match (e.classify(), bytes.get(end)) {
        (Category::Eof, _) => (bytes, None),
        // A list or an object where the reader wanted something else: it
        // stopped before its bracket.
        (Category::Data, Some(b @ (b'[' | b'{'))) => (&bytes[..end], Some(*b)),
        _ => {
            let at = end.saturating_sub(1);
            (&bytes[..at], bytes.get(at).copied())
        }
    };
    let (mut frames, scalar) = follow(seen);
    // A number or a word read whole just before: the error is after it.
    if let Some(start) = scalar
        && scalar_ended(&seen[start..], next)
        && let Some(f) = frames.last_mut()
    {
        f.at = At::Done;
    }
    let mut path = String::new();
    for f in &frames {
        let named = match f.at {
            At::Value => true,
            // What comes next is read as this element (not a `]`).
            At::Start | At::Comma if f.list => next.is_some_and(|b| b != b']'),
            // (Not `AfterKey`: a missing `:` is the object's error.)
            At::Colon => !f.list,
            _ => false,
        };
        if !named {
            break;
        }
        if f.list {
            path.push_str(&format!("[{}]", f.index));
        } else {
            // (Read as a tree: the reader the document's read already has.)
            let key = serde_json::from_slice::<serde_json::Value>(&bytes[f.key.0..f.key.1]);
            let key = key
                .as_ref()
                .ok()
                .and_then(|k| k.as_str())
                .unwrap_or_default();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
        }
        if f.at != At::Value {
            break;
        }
    }
    path
}

/// The open lists and objects after `bytes`, outermost first, and where a
/// number or a word (`true`, `false`, `null`) being read began.
fn follow(bytes: &[u8]) -> (Vec<Frame>, Option<usize>) {
    let mut frames: Vec<Frame> = Vec::new();
    // A string being read (`Some(n)`: the next `n` bytes are an escape's:
    // `\"` one, `\u0022` five, as serde_json reads them), or another scalar.
    let mut string: Option<u8> = None;
    let mut other = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(skip) = string {
            string = match (skip, b) {
                (1, b'u') => Some(4),
                (1.., _) => Some(skip - 1),
                (0, b'\\') => Some(1),
                (0, b'"') => None,
                _ => Some(0),
            };
            if string.is_none()
                && let Some(f) = frames.last_mut()
            {
                if f.at == At::Key {
                    f.key.1 = i + 1;
                    f.at = At::AfterKey;
                } else {
                    f.at = At::Done;
                }
            }
            i += 1;
            continue;
        }
        if other.is_some() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b':') {
                other = None;
                if let Some(f) = frames.last_mut() {
                    f.at = At::Done;
                }
            } else {
                i += 1;
                continue;
            }
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
            continue;
        }
        let at = frames.last().map(|f| (f.list, f.at));
        match (at, b) {
            (Some((_, At::Start | At::Done)), b']' | b'}') => {
                frames.pop();
                if let Some(f) = frames.last_mut() {
                    f.at = At::Done;
                }
            }
            (Some((list, At::Done)), b',') => {
                if let Some(f) = frames.last_mut() {
                    f.at = At::Comma;
                    f.index += usize::from(list);
                }
            }
            (Some((false, At::Start | At::Comma)), b'"') => {
                if let Some(f) = frames.last_mut() {
                    f.at = At::Key;
                    f.key = (i, i);
                }
                string = Some(0);
            }
            (Some((false, At::AfterKey)), b':') => {
                if let Some(f) = frames.last_mut() {
                    f.at = At::Colon;
                }
            }
            // A value begins (the document's, an element or a member's).
            (None | Some((true, At::Start | At::Comma)) | Some((false, At::Colon)), _) => {
                if let Some(f) = frames.last_mut() {
                    f.at = At::Value;
                }
                match b {
                    b'[' | b'{' => frames.push(Frame {
                        list: b == b'[',
                        at: At::Start,
                        index: 0,
                        key: (0, 0),
                    }),
                    b'"' => string = Some(0),
                    _ => other = Some(i),
                }
            }
            // Not valid JSON: the error is before `bytes` ends. Stop here.
            _ => break,
        }
        i += 1;
    }
    (frames, other)
}

/// Whether serde_json has read the number or word `token` whole when it
/// meets `next` (`None`: the end): `2` then `x` is a whole number followed by
/// an error, `2.` then `x` an error in the number, `0` then `1` too.
fn scalar_ended(token: &[u8], next: Option<u8>) -> bool {
    if matches!(token, b"true" | b"false" | b"null") {
        return true;
    }
    if !matches!(token.first(), Some(b'-' | b'0'..=b'9')) {
        return false;
    }
    let digits_end = |t: &[u8]| t.last().is_some_and(u8::is_ascii_digit);
    let has = |c: &[u8]| token.iter().any(|b| c.contains(b));
    let continues = match next {
        None => false,
        Some(b'0'..=b'9') => true,
        Some(b'.') => !has(b".eE"),
        Some(b'e' | b'E') => !has(b"eE"),
        Some(b'+' | b'-') => matches!(token.last(), Some(b'e' | b'E')),
        Some(_) => false,
    };
    digits_end(token) && !continues
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Our path and `serde_path_to_error`'s for `bytes` read as a tree, both
    /// as `parse` shows them (a trailing `?` or `.` dropped); `None` when
    /// the bytes are valid.
    fn both(bytes: &[u8]) -> Option<(String, String)> {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let theirs: Result<Value, _> = serde_path_to_error::deserialize(&mut de);
        let e = theirs.err()?;
        let shown = |p: &str| p.trim_end_matches('?').trim_end_matches('.').to_string();
        let ours = syntax_path(bytes, e.inner());
        Some((shown(&ours), shown(&e.path().to_string())))
    }

    fn fixtures() -> Vec<&'static str> {
        vec![
            include_str!("../../tests/fixtures/good-minimal.json"),
            r#"{"a": [1, [2, {"b c": "d\"e", "f": [true, null, -1.5e3]}], {}], "g\u0041": {"h": []}}"#,
            "[[[]], {\"k\": [{}]}]",
        ]
    }

    /// Every truncation of the fixtures.
    #[test]
    fn as_serde_path_to_error_at_every_end() {
        let mut n = 0;
        for text in fixtures() {
            let bytes = text.as_bytes();
            for end in 0..bytes.len() {
                if let Some((ours, theirs)) = both(&bytes[..end]) {
                    assert_eq!(
                        ours,
                        theirs,
                        "cut at {end}: {:?}",
                        &text[end.saturating_sub(30)..end]
                    );
                    n += 1;
                }
            }
        }
        assert!(n > 1000, "{n}");
    }

    /// An odd byte inserted or put in place of another, everywhere.
    #[test]
    fn as_serde_path_to_error_with_odd_bytes() {
        let odd: &[&[u8]] = &[
            b",",
            b"]",
            b"}",
            b":",
            b"\"",
            b"x",
            b"\\",
            b"\x01",
            b"[",
            b"{",
            b"0",
            b"-",
            b".",
            b"e",
            b" ",
            b"\xff",
            b"tru",
            b"nul",
            b"01",
            b"1e999",
            b"\"\\u12\"",
            b"\"\\ud800\"",
        ];
        let mut n = 0;
        for text in fixtures() {
            let bytes = text.as_bytes();
            // (Every third place of the large fixture: the test stays short.)
            let step = if bytes.len() > 1000 { 3 } else { 1 };
            for at in (0..=bytes.len()).step_by(step) {
                for o in odd {
                    for replace in [false, true] {
                        if replace && at == bytes.len() {
                            continue;
                        }
                        let mut b = bytes[..at].to_vec();
                        b.extend_from_slice(o);
                        b.extend_from_slice(&bytes[at + replace as usize..]);
                        if let Some((ours, theirs)) = both(&b) {
                            assert_eq!(
                                ours,
                                theirs,
                                "{:?} at {at} (replace: {replace}): {}",
                                String::from_utf8_lossy(o),
                                String::from_utf8_lossy(
                                    &b[at.saturating_sub(30)..(at + 10).min(b.len())]
                                )
                            );
                            n += 1;
                        }
                    }
                }
            }
        }
        assert!(n > 10000, "{n}");
    }

    #[test]
    fn deep_documents() {
        let deep = "[".repeat(200);
        let (ours, theirs) = both(deep.as_bytes()).unwrap();
        assert_eq!(ours, theirs);
        let deep = format!("{{\"a\": {}", "[".repeat(200));
        let (ours, theirs) = both(deep.as_bytes()).unwrap();
        assert_eq!(ours, theirs);
    }
}
