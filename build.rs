//! Generates the languages (`Locale`) and the message catalogue (`Msg` and
//! its texts) from `LANGUAGES` below and `locales/*.json`, so that every key
//! used in the code is checked by the compiler. In native code the texts are
//! `&'static str` constants; the app's wasm fetches the texts of the language
//! it shows (`src/i18n/texts.rs`, the files `texts-<lang>-<hash>.txt` that
//! tools/trunk-csp.mjs writes from the same `locales/`).
//!
//! It also reads `src/**/*.rs` and stops the build when a call site passes a
//! `{placeholder}` its message does not have in every language, or leaves
//! one unfilled (see `src/i18n/callsites.rs`).
//!
//! A missing translation does not stop the build (it falls back to the last
//! language, English, with a warning); the native test `catalogue_complete`
//! fails on it.
//!
//! A message text is either a string or, for a text that depends on a
//! number, an object of CLDR plural forms (`zero`, `one`, `two`, `few`,
//! `many`, `other`; `other` required), used by `Locale::tn`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/i18n/callsites.rs"]
#[allow(dead_code)]
mod callsites;

/// A language of the interface. THE list: adding a language starts here.
struct Language {
    /// BCP 47 primary tag, the key of its texts in `locales/*.json` and in
    /// the dataset, and the value of `?lang=`.
    tag: &'static str,
    /// Variant of `Locale`.
    variant: &'static str,
    /// Its own name, shown in the language switcher.
    endonym: &'static str,
    rtl: bool,
    /// The locale whose date conventions the texts follow (Morocco's usage
    /// for Arabic and French, British English). Numbers keep the primary
    /// tag's conventions (`group`, `decimal`; `Intl` with `tag` in the
    /// browser), since ar-MA and fr-MA group digits with a full stop.
    format_tag: &'static str,
    /// Month names in a date ("9 July 2024"), January first, as the
    /// `format_tag` locale writes them (Morocco's Arabic: يوليوز, غشت...).
    months: [&'static str; 12],
    /// How the first day of a month is written ("1er" in French).
    first_day: &'static str,
    /// Digit group separator and decimal mark of the pure number formatter
    /// (the browser's `Intl.NumberFormat` for the language agrees).
    group: char,
    decimal: char,
    /// What follows a number to make it a percentage.
    percent: &'static str,
}

/// In the switcher's order. The first one without a text falls back to the
/// last (English), which every message must have.
const LANGUAGES: &[Language] = &[
    Language {
        tag: "ar",
        variant: "Ar",
        endonym: "العربية",
        rtl: true,
        format_tag: "ar-MA",
        months: [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "ماي",
            "يونيو",
            "يوليوز",
            "غشت",
            "شتنبر",
            "أكتوبر",
            "نونبر",
            "دجنبر",
        ],
        first_day: "1",
        group: ',',
        decimal: '.',
        percent: "%",
    },
    Language {
        tag: "fr",
        variant: "Fr",
        endonym: "Français",
        rtl: false,
        format_tag: "fr-MA",
        months: [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        first_day: "1er",
        group: '\u{202F}',
        decimal: ',',
        percent: "\u{202F}%",
    },
    Language {
        tag: "en",
        variant: "En",
        endonym: "English",
        rtl: false,
        format_tag: "en-GB",
        months: [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        first_day: "1",
        group: ',',
        decimal: '.',
        percent: "%",
    },
];

/// The language when nothing else is known (the lab works in French).
const DEFAULT_LANGUAGE: &str = "fr";

/// CLDR plural categories, in the order of `i18n::plural::Plural`.
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn camel(s: &str) -> String {
    s.split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// One message: per language, its text (the `other` form) and, if plural,
/// its six forms.
struct Entry {
    texts: Vec<String>,
    plurals: Option<Vec<[String; 6]>>,
}

fn read_catalogue() -> BTreeMap<String, Entry> {
    let dir = Path::new("locales");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("locales/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let last = LANGUAGES.len() - 1;
    let mut entries = BTreeMap::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let stem = file.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(file).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", file.display()));
        let obj = json
            .as_object()
            .unwrap_or_else(|| panic!("{}: must be an object", file.display()));
        for (key, langs) in obj {
            let id = format!("{stem}.{key}");
            let mut texts = vec![String::new(); LANGUAGES.len()];
            let mut forms: Vec<Option<[String; 6]>> = vec![None; LANGUAGES.len()];
            for (i, lang) in LANGUAGES.iter().enumerate() {
                match langs.get(lang.tag) {
                    Some(serde_json::Value::String(s)) => texts[i] = s.clone(),
                    Some(serde_json::Value::Object(o)) => {
                        let other = o.get("other").and_then(|v| v.as_str()).unwrap_or_else(|| {
                            panic!("{id}: {}: plural forms need `other`", lang.tag)
                        });
                        for k in o.keys() {
                            if !PLURAL_FORMS.contains(&k.as_str()) {
                                panic!("{id}: {}: unknown plural form `{k}`", lang.tag);
                            }
                        }
                        texts[i] = other.to_string();
                        forms[i] = Some(PLURAL_FORMS.map(|f| {
                            o.get(f)
                                .and_then(|v| v.as_str())
                                .unwrap_or(other)
                                .to_string()
                        }));
                    }
                    _ => {}
                }
            }
            for (i, lang) in LANGUAGES.iter().enumerate() {
                if texts[i].is_empty() {
                    println!("cargo:warning=catalogue: {id} has no {} text", lang.tag);
                    texts[i] = texts[last].clone();
                    forms[i] = forms[last].clone();
                }
            }
            let plurals = forms.iter().any(Option::is_some).then(|| {
                forms
                    .iter()
                    .zip(&texts)
                    .map(|(f, t)| f.clone().unwrap_or_else(|| PLURAL_FORMS.map(|_| t.clone())))
                    .collect()
            });
            if entries
                .insert(id.clone(), Entry { texts, plurals })
                .is_some()
            {
                panic!("catalogue: duplicate key {id}");
            }
        }
    }
    entries
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in read.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Stops the build on a call site whose placeholders do not match its
/// message (the compiler already checks that the message exists).
fn check_call_sites(entries: &BTreeMap<String, Entry>) {
    println!("cargo:rerun-if-changed=src");
    let by_variant: BTreeMap<String, &Entry> =
        entries.iter().map(|(id, e)| (camel(id), e)).collect();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in files {
        // This scanner's own tests hold made-up call sites.
        if file.ends_with("i18n/callsites.rs") {
            continue;
        }
        let Ok(src) = std::fs::read_to_string(&file) else {
            continue;
        };
        for site in callsites::scan(&src) {
            let Some(entry) = by_variant.get(&site.msg) else {
                continue; // not a catalogue message: the compiler will say so
            };
            let mut langs: Vec<(&str, Vec<String>)> = Vec::new();
            for (i, lang) in LANGUAGES.iter().enumerate() {
                let mut names = callsites::placeholder_names(&entry.texts[i]);
                if let Some(p) = &entry.plurals {
                    for form in &p[i] {
                        names.extend(callsites::placeholder_names(form));
                    }
                    names.sort();
                    names.dedup();
                }
                langs.push((lang.tag, names));
            }
            for p in callsites::check(&site, &langs) {
                problems.push(format!("{}:{}: {p}", file.display(), site.line));
            }
        }
    }
    if !problems.is_empty() {
        panic!(
            "catalogue placeholders do not match their call sites:\n  {}",
            problems.join("\n  ")
        );
    }
}

fn generate_locale(out: &mut String) {
    let n = LANGUAGES.len();
    out.push_str(
        "/// A language of the interface; generated from `LANGUAGES` in build.rs.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]\n\
         #[serde(rename_all = \"lowercase\")]\npub enum Locale {\n",
    );
    for l in LANGUAGES {
        if l.tag == DEFAULT_LANGUAGE {
            out.push_str("    #[default]\n");
        }
        writeln!(out, "    {},", l.variant).unwrap();
    }
    out.push_str("}\n\nimpl Locale {\n    /// In the order the switcher shows them.\n");
    writeln!(out, "    pub const ALL: [Locale; {n}] = [").unwrap();
    for l in LANGUAGES {
        writeln!(out, "        Locale::{},", l.variant).unwrap();
    }
    out.push_str("    ];\n\n");
    let method =
        |out: &mut String, doc: &str, name: &str, ty: &str, f: &dyn Fn(&Language) -> String| {
            writeln!(
                out,
                "    /// {doc}\n    pub const fn {name}(self) -> {ty} {{\n        match self {{"
            )
            .unwrap();
            for l in LANGUAGES {
                writeln!(out, "            Locale::{} => {},", l.variant, f(l)).unwrap();
            }
            out.push_str("        }\n    }\n\n");
        };
    method(
        out,
        "BCP 47 tag, as used in `lang=`, `?lang=` and the data's texts.",
        "tag",
        "&'static str",
        &|l| format!("{:?}", l.tag),
    );
    method(
        out,
        "The language's own name (\"العربية\", \"Français\", \"English\").",
        "endonym",
        "&'static str",
        &|l| format!("{:?}", l.endonym),
    );
    method(
        out,
        "Whether it is written right to left.",
        "rtl",
        "bool",
        &|l| l.rtl.to_string(),
    );
    method(
        out,
        "The locale whose date conventions it follows (`ar-MA`, `fr-MA`, `en-GB`).",
        "format_tag",
        "&'static str",
        &|l| format!("{:?}", l.format_tag),
    );
    method(
        out,
        "Month names, January first, as dates in this language write them.",
        "months",
        "[&'static str; 12]",
        &|l| format!("{:?}", l.months),
    );
    method(
        out,
        "How the first day of a month is written (\"1er\" in French).",
        "first_day",
        "&'static str",
        &|l| format!("{:?}", l.first_day),
    );
    method(
        out,
        "Digit group separator of numbers (`4,200`, `4\u{202F}200`).",
        "group_separator",
        "char",
        &|l| format!("{:?}", l.group),
    );
    method(
        out,
        "Decimal mark of numbers.",
        "decimal_mark",
        "char",
        &|l| format!("{:?}", l.decimal),
    );
    method(
        out,
        "What follows a number to make it a percentage (`%`, `\u{202F}%`).",
        "percent_suffix",
        "&'static str",
        &|l| format!("{:?}", l.percent),
    );
    method(
        out,
        "Its position in `ALL` (and the column of its texts).",
        "index",
        "usize",
        &|l| {
            LANGUAGES
                .iter()
                .position(|x| x.tag == l.tag)
                .unwrap()
                .to_string()
        },
    );
    out.push_str("    /// The locale of a primary tag in lower case (`ar`), if it is one of ours.\n    pub fn from_primary(tag: &str) -> Option<Locale> {\n        match tag {\n");
    for l in LANGUAGES {
        writeln!(
            out,
            "            {:?} => Some(Locale::{}),",
            l.tag, l.variant
        )
        .unwrap();
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n\n");
}

fn generate_catalogue(out: &mut String, entries: &BTreeMap<String, Entry>, embedded: bool) {
    let n = LANGUAGES.len();
    out.push_str("/// A message of the catalogue; generated from `locales/*.json` by build.rs.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[allow(dead_code)]\npub enum Msg {\n");
    for id in entries.keys() {
        writeln!(out, "    /// `{id}`\n    {},", camel(id)).unwrap();
    }
    out.push_str("}\n\n");
    let plural: Vec<(&String, &Vec<[String; 6]>)> = entries
        .iter()
        .filter_map(|(id, e)| e.plurals.as_ref().map(|p| (id, p)))
        .collect();
    // What a texts file (`texts-<lang>-<hash>.txt`, written by
    // tools/trunk-csp.mjs from the same `locales/`) must hold to match this
    // build: its header names the counts and this hash of the keys.
    let mut keys = entries.keys().cloned().collect::<Vec<_>>().join("\n");
    keys.push_str("\n#\n");
    keys.push_str(
        &plural
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    writeln!(
        out,
        "/// The number of messages, of messages with plural forms, and the FNV-1a hash\n/// of their keys (`src/i18n/texts.rs`).\npub const TEXTS_COUNT: usize = {};\npub const PLURALS_COUNT: usize = {};\npub const TEXTS_KEYS_HASH: u32 = {:#010x};\n",
        entries.len(),
        plural.len(),
        fnv1a(keys.as_bytes())
    )
    .unwrap();
    if !embedded {
        writeln!(out, "/// Whether the texts are built in (else fetched per language: `texts`).\npub const EMBEDDED: bool = false;\n").unwrap();
        let first_form = entries.len();
        generate_msg_impl(
            out,
            entries,
            &plural,
            "super::texts::get(lang, self as usize)",
            |i| format!("super::texts::get(lang, {} + form)", first_form + i * 6),
        );
        return;
    }
    writeln!(out, "/// Whether the texts are built in (else fetched per language: `texts`).\npub const EMBEDDED: bool = true;\n").unwrap();
    writeln!(out, "/// The texts, one row per message (in `Msg` order), one column per language.\n#[allow(clippy::large_const_arrays)]\nconst TEXTS: [[&str; {n}]; {}] = [", entries.len()).unwrap();
    for e in entries.values() {
        writeln!(out, "    {:?},", e.texts).unwrap();
    }
    out.push_str("];\n\n");
    writeln!(out, "/// The plural forms of the messages that have them (zero, one, two, few, many, other).\nconst PLURALS: [[[&str; 6]; {n}]; {}] = [", plural.len()).unwrap();
    for (_, p) in &plural {
        writeln!(out, "    {p:?},").unwrap();
    }
    out.push_str("];\n\n");
    generate_msg_impl(out, entries, &plural, "TEXTS[self as usize][lang]", |i| {
        format!("PLURALS[{i}][lang][form]")
    });
}

/// 32-bit FNV-1a (tools/trunk-csp.mjs computes the same of the same keys).
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn generate_msg_impl(
    out: &mut String,
    entries: &BTreeMap<String, Entry>,
    plural: &[(&String, &Vec<[String; 6]>)],
    text: &str,
    plural_text: impl Fn(usize) -> String,
) {
    out.push_str("impl Msg {\n    /// Every message, in catalogue order.\n    pub const ALL: &'static [Msg] = &[\n");
    for id in entries.keys() {
        writeln!(out, "        Msg::{},", camel(id)).unwrap();
    }
    out.push_str("    ];\n\n    /// The key as written in `locales/` (`file.key`).\n    pub const fn id(self) -> &'static str {\n        match self {\n");
    for id in entries.keys() {
        writeln!(out, "            Msg::{} => {:?},", camel(id), id).unwrap();
    }
    writeln!(out, "        }}\n    }}\n\n    /// The raw text (with `{{placeholders}}`) in the language of index `lang` (`Locale::index`); its `other` form if it has plural forms.\n    pub fn raw(self, lang: usize) -> &'static str {{\n        {text}\n    }}\n").unwrap();
    out.push_str("    /// The raw text of plural category `form` (index in zero, one, two, few, many, other); the plain text if the message has no plural forms.\n    pub fn raw_plural(self, lang: usize, form: usize) -> &'static str {\n        match self {\n");
    for (i, (id, _)) in plural.iter().enumerate() {
        writeln!(out, "            Msg::{} => {},", camel(id), plural_text(i)).unwrap();
    }
    out.push_str("            _ => self.raw(lang),\n        }\n    }\n\n    /// Whether the message has plural forms.\n    pub const fn has_plural_forms(self) -> bool {\n");
    let variants: Vec<String> = plural
        .iter()
        .map(|(id, _)| format!("Msg::{}", camel(id)))
        .collect();
    if variants.is_empty() {
        out.push_str("        let _ = self;\n        false\n");
    } else {
        writeln!(out, "        matches!(self, {})", variants.join(" | ")).unwrap();
    }
    out.push_str("    }\n}\n");
}

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let entries = read_catalogue();
    check_call_sites(&entries);
    let mut out = String::new();
    generate_locale(&mut out);
    // The texts are built in for native code (tests, check-data) and for the
    // browser tests (feature `embedded-texts`); the app's wasm fetches the
    // texts of its language instead (issue 14: a third of them per visit).
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let embedded = !wasm || std::env::var_os("CARGO_FEATURE_EMBEDDED_TEXTS").is_some();
    generate_catalogue(&mut out, &entries, embedded);
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogue.rs");
    std::fs::write(dest, out).unwrap();
}
