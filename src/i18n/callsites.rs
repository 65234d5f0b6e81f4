//! Finds, in Rust source text, which `{placeholder}` names each call site
//! passes to a catalogue message (pure, std only). `build.rs` includes this
//! file to refuse a name the message does not have; the crate compiles it
//! only for its tests.
//!
//! Two shapes are recognised, however the call is laid out over lines:
//! - a call whose arguments are a literal `Msg::Name` and a literal slice of
//!   pairs, `l.tf(Msg::Name, &[("name", value), ...])` (any helper: `tf`,
//!   `tn`, ...);
//! - a call with a literal `Msg::Name` argument followed by a chain of
//!   `.arg("name", value)`, as `Problem::error(path, Msg::Name).arg(...)`.
//!
//! A message given through a variable (`locale.tf(msg, ...)`) cannot be
//! checked here; its messages are checked by their own tests.

/// One call site: the message variant, the names passed, and whether the
/// list is the whole set of arguments (a literal slice) or may be extended
/// elsewhere (an `.arg` chain).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallSite {
    pub line: usize,
    /// The variant, e.g. `AppErrorTimeout`.
    pub msg: String,
    pub names: Vec<String>,
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
}

/// Splits Rust source into identifiers, string literals and punctuation,
/// dropping comments, whitespace, numbers and char literals.
fn tokens(src: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' || ((c == 'r' || c == 'b') && raw_string_start(&chars, i).is_some()) {
            let start_line = line;
            let (text, end) = string_literal(&chars, i);
            line += chars[i..end].iter().filter(|c| **c == '\n').count();
            out.push((Tok::Str(text), start_line));
            i = end;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{202F}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if !word.starts_with(|c: char| c.is_ascii_digit()) {
                out.push((Tok::Ident(word), line));
            }
        } else {
            out.push((Tok::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// At `i`, `r"`, `r#"`, `br"`, `b"`...: the number of `#` if a string starts.
fn raw_string_start(chars: &[char], i: usize) -> Option<(bool, usize, usize)> {
    // (raw, hashes, index of the opening quote)
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    let raw = chars.get(j) == Some(&'r');
    if raw {
        j += 1;
    }
    let mut hashes = 0;
    while raw && chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    // An identifier such as `br` or `r2` is not a string.
    if j == i || chars.get(j) != Some(&'"') {
        return None;
    }
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return None;
    }
    Some((raw, hashes, j))
}

/// The content of the string literal starting at `i` and the index after it.
fn string_literal(chars: &[char], i: usize) -> (String, usize) {
    let (raw, hashes, open) = raw_string_start(chars, i).unwrap_or((false, 0, i));
    let mut j = open + 1;
    let mut text = String::new();
    while j < chars.len() {
        let c = chars[j];
        if !raw && c == '\\' {
            if let Some(&n) = chars.get(j + 1) {
                text.push('\\');
                text.push(n);
            }
            j += 2;
            continue;
        }
        if c == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
            return (text, j + 1 + hashes);
        }
        text.push(c);
        j += 1;
    }
    (text, j)
}

/// Index of the token closing the bracket opened at `open`.
fn closing(toks: &[(Tok, usize)], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, (t, _)) in toks.iter().enumerate().skip(open) {
        match t {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// The top-level comma-separated parts between `open` and `close` (both
/// brackets excluded), as token index ranges.
fn parts(toks: &[(Tok, usize)], open: usize, close: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = open + 1;
    for (k, (tok, _)) in toks.iter().enumerate().take(close).skip(open + 1) {
        match tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Punct(',') if depth == 0 => {
                out.push((start, k));
                start = k + 1;
            }
            _ => {}
        }
    }
    if start < close {
        out.push((start, close));
    }
    out
}

fn is(t: Option<&(Tok, usize)>, p: char) -> bool {
    matches!(t, Some((Tok::Punct(c), _)) if *c == p)
}

/// `Msg::Name` exactly (nothing before or after in the argument).
fn msg_literal(toks: &[(Tok, usize)], (a, b): (usize, usize)) -> Option<String> {
    match &toks[a..b] {
        [
            (Tok::Ident(m), _),
            (Tok::Punct(':'), _),
            (Tok::Punct(':'), _),
            (Tok::Ident(name), _),
        ] if m == "Msg" => Some(name.clone()),
        _ => None,
    }
}

/// `&[("a", x), ("b", y)]`: the names, and whether every element is such a
/// pair; `None` if the argument is not a slice literal of pairs at all.
fn pair_slice(toks: &[(Tok, usize)], (a, b): (usize, usize)) -> Option<(Vec<String>, bool)> {
    if !(is(toks.get(a), '&') && is(toks.get(a + 1), '[')) {
        return None;
    }
    let close = closing(toks, a + 1)?;
    if close + 1 != b {
        return None;
    }
    let mut names = Vec::new();
    let mut complete = true;
    let mut any_pair = false;
    for (s, _) in parts(toks, a + 1, close) {
        match (&toks[s].0, toks.get(s + 1).map(|t| &t.0)) {
            (Tok::Punct('('), Some(Tok::Str(name))) if is(toks.get(s + 2), ',') => {
                any_pair = true;
                names.push(name.clone());
            }
            _ => complete = false,
        }
    }
    (any_pair || complete).then_some((names, complete))
}

/// Every call site in `src` that names its message literally.
pub fn scan(src: &str) -> Vec<CallSite> {
    let toks = tokens(src);
    let mut out = Vec::new();
    for open in 0..toks.len() {
        if !is(toks.get(open), '(') {
            continue;
        }
        // A call: `name(` (not `if (`, a tuple...), which a generic may precede.
        let called = matches!(toks.get(open.wrapping_sub(1)), Some((Tok::Ident(_), _)))
            || is(toks.get(open.wrapping_sub(1)), '>');
        if open == 0 || !called {
            continue;
        }
        let Some(close) = closing(&toks, open) else {
            continue;
        };
        let args = parts(&toks, open, close);
        let Some((msg, at)) = args
            .iter()
            .find_map(|r| msg_literal(&toks, *r).map(|m| (m, r.0)))
        else {
            continue;
        };
        let line = toks[at].1;
        if let Some((names, complete)) = args.iter().find_map(|r| pair_slice(&toks, *r)) {
            out.push(CallSite {
                line,
                msg,
                names,
                complete,
            });
            continue;
        }
        // `.arg("name", value)` chain after the call.
        let mut names = Vec::new();
        let mut k = close + 1;
        while is(toks.get(k), '.')
            && matches!(toks.get(k + 1), Some((Tok::Ident(a), _)) if a == "arg")
            && is(toks.get(k + 2), '(')
        {
            if let Some((Tok::Str(name), _)) = toks.get(k + 3) {
                names.push(name.clone());
            }
            match closing(&toks, k + 2) {
                Some(c) => k = c + 1,
                None => break,
            }
        }
        if !names.is_empty() {
            out.push(CallSite {
                line,
                msg,
                names,
                complete: false,
            });
        }
    }
    out
}

/// The `{name}` placeholders of a template, sorted and without repeats.
pub fn placeholder_names(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.push(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What is wrong with `site`, given the placeholders of its message in each
/// language (`(language, placeholders)`): a name passed that some language
/// lacks, or, for a complete list, a placeholder left unfilled.
pub fn check(site: &CallSite, langs: &[(&str, Vec<String>)]) -> Vec<String> {
    let mut out = Vec::new();
    for name in &site.names {
        let missing: Vec<&str> = langs
            .iter()
            .filter(|(_, ph)| !ph.contains(name))
            .map(|(l, _)| *l)
            .collect();
        if !missing.is_empty() {
            out.push(format!(
                "Msg::{} gets {{{name}}}, which its {} text does not have",
                site.msg,
                missing.join("/")
            ));
        }
    }
    if site.complete {
        for (lang, ph) in langs {
            for p in ph {
                if !site.names.contains(p) {
                    out.push(format!(
                        "Msg::{} leaves {{{p}}} of its {lang} text unfilled",
                        site.msg
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(line: usize, msg: &str, names: &[&str], complete: bool) -> CallSite {
        CallSite {
            line,
            msg: msg.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
            complete,
        }
    }

    #[test]
    fn finds_a_one_line_call() {
        let src = r#"let s = l.tf(Msg::AppSourceLine, &[("source", &s)]);"#;
        assert_eq!(scan(src), vec![site(1, "AppSourceLine", &["source"], true)]);
    }

    #[test]
    fn finds_a_call_over_several_lines_with_nested_values() {
        let src = r#"
            // l.tf(Msg::Commented, &[("no", x)])
            let s = locale.tf(
                Msg::DataReportOk,
                &[
                    ("observations", &ds.observations.len().to_string()),
                    ("sources", &f(a, [1, 2], "x, y")), /* ("fake", 1) */
                ],
            );
        "#;
        assert_eq!(
            scan(src),
            vec![site(4, "DataReportOk", &["observations", "sources"], true)]
        );
    }

    #[test]
    fn finds_arg_chains_and_plural_helpers() {
        let src = r#"
            self.push(Problem::error(format!("{at}.x"), Msg::DataProblemBadLonLat)
                .arg("value", format!("{}, {}", a, b))
                .arg("first", 'x'));
            let t = l.tn(Msg::AppProblemCount, n, &[("count", &c)]);
        "#;
        assert_eq!(
            scan(src),
            vec![
                site(2, "DataProblemBadLonLat", &["value", "first"], false),
                site(5, "AppProblemCount", &["count"], true),
            ]
        );
    }

    #[test]
    fn skips_messages_in_variables_strings_and_calls_without_arguments() {
        let src = "locale.tf(msg, &[(\"name\", n)]);\n\
                   l.t(Msg::AppTitle);\n\
                   let c = '\"'; let raw = r#\"tf(Msg::InString, &[(\"x\", 1)])\"#;";
        assert_eq!(scan(src), vec![]);
    }

    #[test]
    fn a_slice_built_elsewhere_is_incomplete() {
        let src = r#"l.tf(Msg::X, &[("a", 1), pair]);"#;
        assert_eq!(scan(src), vec![site(1, "X", &["a"], false)]);
    }

    #[test]
    fn check_reports_unknown_and_unfilled_names() {
        let langs = vec![
            ("ar", vec!["name".to_string()]),
            ("fr", vec!["name".to_string(), "value".to_string()]),
        ];
        let ok = site(1, "M", &["name"], false);
        assert!(check(&ok, &langs).is_empty());
        let bad = site(1, "M", &["nmae", "value"], true);
        assert_eq!(
            check(&bad, &langs),
            vec![
                "Msg::M gets {nmae}, which its ar/fr text does not have",
                "Msg::M gets {value}, which its ar text does not have",
                "Msg::M leaves {name} of its ar text unfilled",
                "Msg::M leaves {name} of its fr text unfilled",
            ]
        );
    }
}
