//! Languages (pure): the locale type, negotiation, the message catalogue and
//! number formatting. The catalogue is generated from `locales/*.json`.

mod catalogue {
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}
pub mod callsites;
pub mod format;
pub mod negotiate;
pub mod plural;
pub mod texts;
pub mod typography;

pub use catalogue::{Locale, Msg};
pub use negotiate::negotiate;
pub use plural::Plural;

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

/// The rest of `Locale` (its list, tags, names and direction are generated
/// by build.rs from its `LANGUAGES`).
impl Locale {
    pub const fn dir(self) -> Dir {
        if self.rtl() { Dir::Rtl } else { Dir::Ltr }
    }

    pub const fn is_rtl(self) -> bool {
        self.rtl()
    }

    /// Parses a tag such as `ar`, `fr-MA`, `EN-gb`; `None` if not one of ours.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::from_primary(&primary)
    }

    /// The message in this language, placeholders left as they are.
    pub fn t(self, msg: Msg) -> &'static str {
        msg.raw(self.index())
    }

    /// The message with `{name}` placeholders filled in.
    pub fn tf(self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.t(msg), args)
    }

    /// The message in the plural form this language uses for the count `n`
    /// (Arabic has six), placeholders filled in. The formatted number is one
    /// of `args` (usually `{count}`), so that it is formatted once, by
    /// `format`. A message without plural forms is used as it is.
    pub fn tn(self, msg: Msg, n: u64, args: &[(&str, &str)]) -> String {
        let form = plural::category(self, n);
        fill(msg.raw_plural(self.index(), form as usize), args)
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
/// Wraps a text that comes from the data (a name, a path) in first-strong
/// isolates (FSI … PDI), so that a Latin name in an Arabic sentence, or the
/// reverse, keeps its place and never reorders the words around it.
pub fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(template: &str) -> Vec<String> {
    callsites::placeholder_names(template)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn root() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// Every text of a message in a language: the text, and its plural forms.
    fn all_texts(msg: Msg, locale: Locale) -> Vec<&'static str> {
        let mut out = vec![locale.t(msg)];
        if msg.has_plural_forms() {
            out.extend((0..6).map(|f| msg.raw_plural(locale.index(), f)));
        }
        out
    }

    /// The placeholders of a text or of all its plural forms.
    fn value_placeholders(v: &serde_json::Value) -> Option<Vec<String>> {
        match v {
            serde_json::Value::String(t) if !t.trim().is_empty() => Some(placeholders(t)),
            serde_json::Value::Object(forms) if forms.contains_key("other") => {
                let mut all: Vec<String> = forms
                    .values()
                    .filter_map(|f| f.as_str())
                    .flat_map(placeholders)
                    .collect();
                all.sort();
                all.dedup();
                Some(all)
            }
            _ => None,
        }
    }

    /// Reads `locales/*.json` again: the build falls back to English for a
    /// missing text, this test is what refuses it.
    #[test]
    fn catalogue_complete() {
        let mut problems = Vec::new();
        let mut count = 0;
        let tags: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
        for entry in std::fs::read_dir(root().join("locales")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let json: BTreeMap<String, BTreeMap<String, serde_json::Value>> =
                serde_json::from_str(&text).unwrap();
            for (key, langs) in json {
                count += 1;
                let en = langs.get("en").and_then(value_placeholders);
                for lang in &tags {
                    match langs.get(*lang).and_then(value_placeholders) {
                        Some(ph) => {
                            if Some(&ph) != en.as_ref() {
                                problems.push(format!(
                                    "{}:{key}: {lang} placeholders differ",
                                    path.display()
                                ));
                            }
                        }
                        None => problems.push(format!("{}:{key}: no {lang} text", path.display())),
                    }
                }
                for lang in langs.keys() {
                    if !tags.contains(&lang.as_str()) {
                        problems.push(format!("{}:{key}: unknown language {lang}", path.display()));
                    }
                }
            }
        }
        assert!(count > 20, "catalogue has only {count} keys");
        assert_eq!(count, Msg::ALL.len());
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// Every message is used somewhere: in the code (`Msg::Name`), or by
    /// its id in what the build writes from the catalogue (the static frame
    /// of `index.html`, the boot script). An orphan is a text nobody reads
    /// that translators still keep up to date.
    #[test]
    fn every_message_is_used() {
        fn read_all(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    read_all(&path, out);
                } else if path
                    .extension()
                    .is_some_and(|x| x == "rs" || x == "js" || x == "mjs" || x == "html")
                {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut code = String::new();
        read_all(&root().join("src"), &mut code);
        for extra in ["boot", "tools", "public"] {
            if root().join(extra).is_dir() {
                read_all(&root().join(extra), &mut code);
            }
        }
        for file in ["build.rs", "index.html"] {
            code.push_str(&std::fs::read_to_string(root().join(file)).unwrap_or_default());
        }
        let used = |m: &Msg| {
            let name = format!("{m:?}");
            let bytes = code.as_bytes();
            code.match_indices(&name).any(|(i, _)| {
                // A whole identifier: `Msg::AppTitle` must not count as a use
                // of `AppTitl`, nor `AppTitleHelp` as one of `AppTitle`.
                let before = i.checked_sub(1).map(|j| bytes[j]);
                let after = bytes.get(i + name.len()).copied();
                let ident =
                    |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
                !ident(before) && !ident(after)
            }) || code.contains(&format!("\"{}\"", m.id()))
        };
        let unused: Vec<&str> = Msg::ALL
            .iter()
            .filter(|m| !used(m))
            .map(|m| m.id())
            .collect();
        assert!(unused.is_empty(), "messages no code uses: {unused:?}");
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

    /// The catalogue's French follows French typography: U+202F before
    /// `: ; ? !` and inside « », ’ for the apostrophe, no straight quotes.
    #[test]
    fn french_typography_over_the_whole_catalogue() {
        let problems: Vec<String> = Msg::ALL
            .iter()
            .flat_map(|m| {
                all_texts(*m, Locale::Fr).into_iter().flat_map(move |t| {
                    typography::french_problems(t)
                        .into_iter()
                        .map(move |p| format!("{}: {p}", m.id()))
                })
            })
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// Arabic quotes with « » (no straight or English quotes), and Arabic
    /// and English use the typographic apostrophe.
    #[test]
    fn arabic_guillemets_and_no_straight_apostrophes() {
        let mut problems = Vec::new();
        for m in Msg::ALL {
            for t in all_texts(*m, Locale::Ar) {
                if t.contains(['"', '“', '”']) {
                    problems.push(format!("{} (ar): quotes other than « »: {t}", m.id()));
                }
            }
            for l in Locale::ALL {
                for t in all_texts(*m, l) {
                    if t.contains('\'') {
                        problems.push(format!(
                            "{} ({}): straight apostrophe: {t}",
                            m.id(),
                            l.tag()
                        ));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// One row of `docs/glossary.md`: a concept, its term per language and
    /// the variants that must not be used for it.
    struct Term {
        concept: String,
        terms: Vec<String>,
        forbidden: Vec<Vec<String>>,
    }

    /// The glossary's table: a `Concept` column, then for each language a
    /// term column and a "Not in" column, found by the `(tag)` in the header.
    fn glossary() -> Vec<Term> {
        let text = std::fs::read_to_string(root().join("docs/glossary.md")).unwrap();
        let cells = |line: &str| -> Vec<String> {
            let line = line.trim().trim_matches('|');
            line.split('|').map(|c| c.trim().to_string()).collect()
        };
        let mut lines = text.lines();
        let header = cells(
            lines
                .by_ref()
                .find(|l| l.trim_start().starts_with("| Concept |"))
                .expect("glossary table header"),
        );
        let column = |tag: &str, forbidden: bool| -> usize {
            header
                .iter()
                .position(|h| {
                    h.ends_with(&format!("({tag})")) && h.starts_with("Not in") == forbidden
                })
                .unwrap_or_else(|| {
                    panic!("glossary has no column for {tag} (forbidden: {forbidden})")
                })
        };
        let term_cols: Vec<usize> = Locale::ALL.iter().map(|l| column(l.tag(), false)).collect();
        let bad_cols: Vec<usize> = Locale::ALL.iter().map(|l| column(l.tag(), true)).collect();
        let list = |c: &str| -> Vec<String> {
            c.split(';')
                .map(|v| v.trim().trim_matches('`').to_string())
                .filter(|v| !v.is_empty() && v != "—")
                .collect()
        };
        let mut out = Vec::new();
        for line in lines {
            let row = cells(line);
            if !line.trim_start().starts_with('|')
                || row.len() != header.len()
                || row[0].starts_with('-')
            {
                if !line.trim_start().starts_with('|') {
                    break; // the end of the table
                }
                continue;
            }
            out.push(Term {
                concept: row[0].clone(),
                terms: term_cols
                    .iter()
                    .map(|c| row[*c].trim_matches('`').to_string())
                    .collect(),
                forbidden: bad_cols.iter().map(|c| list(&row[*c])).collect(),
            });
        }
        out
    }

    /// Whether `text` uses the word or phrase `word`: as a substring in
    /// Arabic (articles and prepositions attach to words), as a whole word,
    /// ignoring case, in Latin scripts.
    fn uses(locale: Locale, text: &str, word: &str) -> bool {
        if locale == Locale::Ar {
            return text.contains(word);
        }
        let text = text.to_lowercase();
        let word = word.to_lowercase();
        text.match_indices(&word).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    #[test]
    fn uses_matches_whole_words_in_latin_scripts_only() {
        assert!(uses(Locale::En, "By program area.", "program"));
        assert!(!uses(Locale::En, "By programme area.", "program"));
        assert!(uses(Locale::Fr, "Genre : tous", "genre"));
        assert!(!uses(Locale::Fr, "engendré", "genre"));
        assert!(uses(Locale::Ar, "الملاحظات", "ملاحظ"));
    }

    /// For every glossary term, its forbidden variants never occur in the
    /// catalogue (e.g. ملاحظة for "observation", "genre" for "gender").
    #[test]
    fn catalogue_follows_the_glossary() {
        let terms = glossary();
        assert!(terms.len() >= 15, "glossary has only {} terms", terms.len());
        let mut problems = Vec::new();
        for term in &terms {
            for (li, l) in Locale::ALL.iter().enumerate() {
                assert!(
                    !term.terms[li].is_empty(),
                    "{}: no {} term",
                    term.concept,
                    l.tag()
                );
                for bad in &term.forbidden[li] {
                    for m in Msg::ALL {
                        for t in all_texts(*m, *l) {
                            // Placeholder names are code, not words.
                            let names = placeholders(t);
                            let blank: Vec<(&str, &str)> =
                                names.iter().map(|n| (n.as_str(), "")).collect();
                            if uses(*l, &fill(t, &blank), bad) {
                                problems.push(format!(
                                    "{} ({}): “{bad}” instead of “{}” ({}): {t}",
                                    m.id(),
                                    l.tag(),
                                    term.terms[li],
                                    term.concept
                                ));
                            }
                        }
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// The status, gender and qualifier words are the glossary's, and every
    /// copy of one in the catalogue says the same (ignoring capitals).
    #[test]
    fn one_word_per_status_gender_and_qualifier() {
        let terms = glossary();
        let term = |concept: &str, l: Locale| -> String {
            let t = terms
                .iter()
                .find(|t| t.concept == concept)
                .unwrap_or_else(|| panic!("glossary has no {concept}"));
            t.terms[l.index()].to_lowercase()
        };
        // Ids, so that a copy the lead removes simply drops out.
        let st = |w: &str| -> Vec<String> {
            vec![
                format!("data.status_{w}"),
                format!("app.status_{w}"),
                format!("map.status_{w}"),
                format!("charts.status_word_{w}"),
            ]
        };
        let mut illustrative = st("illustrative");
        illustrative.push("map.illustrative_mark".into());
        let groups: Vec<(&str, Vec<String>)> = vec![
            ("reported", st("reported")),
            ("estimated", st("estimated")),
            ("illustrative", illustrative),
            ("derived", st("derived")),
            (
                "women",
                vec!["app.gender_female".into(), "charts.women".into()],
            ),
            (
                "men",
                vec![
                    "data.gender_male".into(),
                    "app.gender_male".into(),
                    "charts.men".into(),
                ],
            ),
            (
                "gender",
                vec!["data.gender".into(), "app.filter_gender".into()],
            ),
            (
                "more than",
                vec![
                    "data.qualifier_more_than".into(),
                    "app.value_more_than".into(),
                ],
            ),
            (
                "about",
                vec!["data.qualifier_about".into(), "app.value_about".into()],
            ),
        ];
        let mut problems = Vec::new();
        for (concept, ids) in groups {
            let copies: Vec<Msg> = Msg::ALL
                .iter()
                .copied()
                .filter(|m| ids.iter().any(|id| id == m.id()))
                .collect();
            assert!(!copies.is_empty(), "no message for {concept}");
            for l in Locale::ALL {
                for m in &copies {
                    let text = l.t(*m).to_lowercase();
                    let expected = term(concept, l);
                    // A qualifier is the word with its `{value}`.
                    let word = text.replace("{value}", "");
                    if word.trim() != expected {
                        problems.push(format!(
                            "{} ({}): “{text}”, the glossary says “{expected}”",
                            m.id(),
                            l.tag()
                        ));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// What build.rs checks, run again natively: every literal call site
    /// passes only placeholders its message has, and fills them all.
    #[test]
    fn call_sites_pass_the_placeholders_of_their_messages() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    files(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs")
                    && !p.ends_with("i18n/callsites.rs")
                {
                    out.push(p);
                }
            }
        }
        let mut paths = Vec::new();
        files(&root().join("src"), &mut paths);
        let by_variant: BTreeMap<String, Msg> =
            Msg::ALL.iter().map(|m| (format!("{m:?}"), *m)).collect();
        let mut sites = 0;
        let mut problems = Vec::new();
        for path in paths {
            let src = std::fs::read_to_string(&path).unwrap();
            for site in callsites::scan(&src) {
                let Some(msg) = by_variant.get(&site.msg) else {
                    continue;
                };
                sites += 1;
                let langs: Vec<(&str, Vec<String>)> = Locale::ALL
                    .iter()
                    .map(|l| {
                        let mut ph: Vec<String> = all_texts(*msg, *l)
                            .into_iter()
                            .flat_map(placeholders)
                            .collect();
                        ph.sort();
                        ph.dedup();
                        (l.tag(), ph)
                    })
                    .collect();
                for p in callsites::check(&site, &langs) {
                    problems.push(format!("{}:{}: {p}", path.display(), site.line));
                }
            }
        }
        assert!(
            sites > 40,
            "only {sites} call sites found: is the scanner blind?"
        );
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn plural_messages_agree_with_their_number() {
        let n =
            |l: Locale, n: u64| l.tn(Msg::DataBeneficiaryCount, n, &[("count", &n.to_string())]);
        let ar: Vec<String> = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102]
            .iter()
            .map(|k| n(Locale::Ar, *k))
            .collect();
        assert_eq!(
            ar,
            [
                "لا مستفيد",
                "مستفيد واحد",
                "مستفيدان",
                "3 مستفيدين",
                "10 مستفيدين",
                "11 مستفيدًا",
                "99 مستفيدًا",
                "100 مستفيد",
                "101 مستفيد",
                "102 مستفيد",
            ]
        );
        assert_eq!(n(Locale::Fr, 0), "0 bénéficiaire");
        assert_eq!(n(Locale::Fr, 1), "1 bénéficiaire");
        assert_eq!(n(Locale::Fr, 2), "2 bénéficiaires");
        assert_eq!(n(Locale::En, 1), "1 beneficiary");
        assert_eq!(n(Locale::En, 0), "0 beneficiaries");
        assert_eq!(
            Locale::Ar.tn(Msg::DataProblemCount, 2, &[("count", "2")]),
            "مشكلتان"
        );
        // A message without plural forms is used as it is.
        assert_eq!(
            Locale::En.tn(Msg::AppSourceLine, 3, &[("source", "S")]),
            "Source: S"
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
        assert_eq!(Locale::default(), Locale::Fr);
        for (i, l) in Locale::ALL.iter().enumerate() {
            assert_eq!(l.index(), i);
            assert_eq!(Locale::from_tag(l.tag()), Some(*l));
            assert!(l.format_tag().starts_with(l.tag()));
        }
    }
}
