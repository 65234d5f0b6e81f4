//! Typographic checks of texts (pure), reusable on any text: the catalogue's
//! (tested in `i18n`) and the dataset's.
//!
//! French (the Imprimerie nationale's rules, as French publishers apply
//! them): a narrow no-break space (U+202F) before `:` `;` `?` `!` and inside
//! « », the typographic apostrophe ’, no straight quotes.

/// Narrow no-break space.
pub const NNBSP: char = '\u{202F}';

/// The French typographic problems of `text`, one sentence each, naming the
/// character and quoting a few characters around it. Empty when it is right.
///
/// Not problems: `:` inside a URL (`https://`) or between digits (`12:30`),
/// a `{placeholder}`'s braces, and punctuation at the very start of a text.
pub fn french_problems(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let around = |i: usize| -> String {
        let a = i.saturating_sub(12);
        let b = (i + 12).min(chars.len());
        chars[a..b]
            .iter()
            .map(|c| match *c {
                NNBSP => '⍽',
                '\u{00A0}' => '⎵',
                c => c,
            })
            .collect()
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            '\'' => out.push(format!(
                "straight apostrophe ' instead of ’ in “{}”",
                around(i)
            )),
            '"' => out.push(format!(
                "straight quote \" instead of « » in “{}”",
                around(i)
            )),
            '“' | '”' => out.push(format!(
                "English quote {c} instead of « » in “{}”",
                around(i)
            )),
            ':' | ';' | '?' | '!' => {
                let url = c == ':' && next == Some('/') && chars.get(i + 2) == Some(&'/');
                let digits = c == ':'
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit());
                let query = c == '?'
                    && prev.is_some_and(|p| p.is_alphanumeric() || p == '/')
                    && next.is_some_and(|n| n.is_alphanumeric());
                if i == 0 || url || digits || query {
                    continue;
                }
                match prev {
                    Some(NNBSP) => {}
                    Some(' ') => out.push(format!(
                        "space before {c} should be a narrow no-break space (U+202F) in “{}”",
                        around(i)
                    )),
                    Some('\u{00A0}') => out.push(format!(
                        "no-break space before {c} should be narrow (U+202F) in “{}”",
                        around(i)
                    )),
                    _ => out.push(format!(
                        "no narrow no-break space (U+202F) before {c} in “{}”",
                        around(i)
                    )),
                }
            }
            '«' if next != Some(NNBSP) => out.push(format!(
                "no narrow no-break space (U+202F) after « in “{}”",
                around(i)
            )),
            '»' if prev != Some(NNBSP) => out.push(format!(
                "no narrow no-break space (U+202F) before » in “{}”",
                around(i)
            )),
            _ => {}
        }
    }
    out
}

/// The French text with its typography put right where that is mechanical
/// (spaces before `: ; ? !` and inside « », ’ for '), for editors and for
/// the tests' messages; straight double quotes are left for a person.
pub fn french_fix(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\'' => out.push('’'),
            ':' | ';' | '?' | '!' | '»' => {
                let url = c == ':' && next == Some('/');
                let digits = c == ':'
                    && i > 0
                    && chars[i - 1].is_ascii_digit()
                    && next.is_some_and(|n| n.is_ascii_digit());
                if i > 0 && !url && !digits {
                    let trimmed = out.trim_end_matches([' ', '\u{00A0}', NNBSP]).len();
                    out.truncate(trimmed);
                    out.push(NNBSP);
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                out.push(NNBSP);
            }
            ' ' | '\u{00A0}' | NNBSP if out.ends_with("«\u{202F}") => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_french_has_no_problems() {
        for ok in [
            "Source\u{202F}: {source}",
            "le domaine «\u{202F}{value}\u{202F}» ne correspond pas\u{202F}; voyez https://example.org/a?b=c",
            "Réessayer\u{202F}? Oui\u{202F}! À 12:30, l’équipe",
            "",
        ] {
            assert_eq!(french_problems(ok), Vec::<String>::new(), "{ok}");
        }
    }

    #[test]
    fn each_rule_is_found() {
        let cases = [
            (
                "Source : x",
                "space before : should be a narrow no-break space",
            ),
            (
                "Source\u{00A0}: x",
                "no-break space before : should be narrow",
            ),
            ("Source: x", "no narrow no-break space (U+202F) before :"),
            ("un ; deux", "before ;"),
            ("Vraiment?", "before ?"),
            ("Non !", "before !"),
            ("« x\u{202F}»", "after «"),
            ("«\u{202F}x »", "before »"),
            ("l'équipe", "straight apostrophe"),
            ("le \"x\"", "straight quote"),
            ("le “x”", "English quote"),
        ];
        for (text, expected) in cases {
            let got = french_problems(text);
            assert!(
                got.iter().any(|p| p.contains(expected)),
                "{text:?}: {got:?}"
            );
        }
        assert_eq!(french_problems("l'a dit : « oui »").len(), 4);
    }

    #[test]
    fn fix_puts_mechanical_rules_right() {
        assert_eq!(
            french_fix("l'équipe : « oui » ; non!"),
            "l’équipe\u{202F}: «\u{202F}oui\u{202F}»\u{202F}; non\u{202F}!"
        );
        assert_eq!(french_fix("https://x.org 12:30"), "https://x.org 12:30");
        for text in ["l'équipe : « oui » ; non!", "Source:x"] {
            assert!(french_problems(&french_fix(text)).is_empty(), "{text}");
        }
    }
}
