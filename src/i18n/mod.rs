//! Languages (pure): the locale type, negotiation, the message catalogue and
//! number formatting. The catalogue is generated from `locales/*.json`.

mod catalogue {
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}
pub mod format;
pub mod negotiate;

pub use catalogue::Msg;
pub use negotiate::negotiate;

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Ar,
    #[default]
    Fr,
    En,
}

/// Writing direction of a locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    pub const fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

impl Locale {
    /// In the order the switcher shows them.
    pub const ALL: [Locale; 3] = [Locale::Ar, Locale::Fr, Locale::En];

    /// BCP 47 tag, as used in `lang=` and `?lang=`.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::Ar => "ar",
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// The language's own name ("العربية", "Français", "English").
    pub const fn endonym(self) -> &'static str {
        match self {
            Locale::Ar => "العربية",
            Locale::Fr => "Français",
            Locale::En => "English",
        }
    }

    pub const fn dir(self) -> Dir {
        match self {
            Locale::Ar => Dir::Rtl,
            _ => Dir::Ltr,
        }
    }

    pub const fn is_rtl(self) -> bool {
        matches!(self.dir(), Dir::Rtl)
    }

    /// Parses a tag such as `ar`, `fr-MA`, `EN-gb`; `None` if not one of ours.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Some(Locale::Ar),
            "fr" => Some(Locale::Fr),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    const fn index(self) -> usize {
        match self {
            Locale::Ar => 0,
            Locale::Fr => 1,
            Locale::En => 2,
        }
    }

    /// The message in this language, placeholders left as they are.
    pub fn t(self, msg: Msg) -> &'static str {
        msg.raw(self.index())
    }

    /// The message with `{name}` placeholders filled in.
    pub fn tf(self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.t(msg), args)
    }

    /// Picks the text of a data label (`{ar, fr, en}`) in this language.
    pub fn pick<'a>(self, ar: &'a str, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Ar => ar,
            Locale::Fr => fr,
            Locale::En => en,
        }
    }
}

/// Replaces each `{name}` in `template` by its value; unknown names stay.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(template: &str) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Reads `locales/*.json` again: the build falls back to English for a
    /// missing text, this test is what refuses it.
    #[test]
    fn catalogue_complete() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut problems = Vec::new();
        let mut count = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let json: BTreeMap<String, BTreeMap<String, String>> =
                serde_json::from_str(&text).unwrap();
            for (key, langs) in json {
                count += 1;
                let en = langs.get("en").cloned().unwrap_or_default();
                for lang in ["ar", "fr", "en"] {
                    match langs.get(lang) {
                        Some(t) if !t.trim().is_empty() => {
                            if placeholders(t) != placeholders(&en) {
                                problems.push(format!(
                                    "{}:{key}: {lang} placeholders differ",
                                    path.display()
                                ));
                            }
                        }
                        _ => problems.push(format!("{}:{key}: no {lang} text", path.display())),
                    }
                }
                for lang in langs.keys() {
                    if !["ar", "fr", "en"].contains(&lang.as_str()) {
                        problems.push(format!("{}:{key}: unknown language {lang}", path.display()));
                    }
                }
            }
        }
        assert!(count > 20, "catalogue has only {count} keys");
        assert_eq!(count, Msg::ALL.len());
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn arabic_text_is_arabic() {
        // A pasted English text in the Arabic column is a missing translation.
        let latin_only: Vec<_> = Msg::ALL
            .iter()
            .filter(|m| {
                let t = Locale::Ar.t(**m);
                let names = placeholders(t);
                let args: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "")).collect();
                let stripped = fill(t, &args);
                !stripped
                    .chars()
                    .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
                    && stripped.chars().filter(|c| c.is_alphabetic()).count() > 3
            })
            .map(|m| m.id())
            .collect();
        assert!(
            latin_only.is_empty(),
            "Arabic texts without Arabic letters: {latin_only:?}"
        );
    }

    #[test]
    fn fill_and_placeholders() {
        assert_eq!(fill("{a} of {b}", &[("a", "1"), ("b", "2")]), "1 of 2");
        assert_eq!(fill("{x}", &[]), "{x}");
        assert_eq!(placeholders("{b} {a} {b}"), vec!["a", "b"]);
    }

    #[test]
    fn tags() {
        assert_eq!(Locale::from_tag("fr-MA"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag("AR"), Some(Locale::Ar));
        assert_eq!(Locale::from_tag("de"), None);
        assert_eq!(Locale::from_tag(""), None);
        assert!(Locale::Ar.is_rtl());
        assert!(!Locale::En.is_rtl());
    }
}
