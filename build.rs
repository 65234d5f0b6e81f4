//! Generates the message catalogue (`Msg` enum and its ar/fr/en texts) from
//! `locales/*.json`, so that every key used in the code is checked by the
//! compiler. A missing translation does not stop the build (it falls back to
//! English with a warning); the native test `catalogue_complete` fails on it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const LANGS: [&str; 3] = ["ar", "fr", "en"];

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

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let dir = Path::new("locales");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("locales/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    // key id -> [ar, fr, en]
    let mut entries: BTreeMap<String, [String; 3]> = BTreeMap::new();
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
            let mut texts: [String; 3] = Default::default();
            for (i, lang) in LANGS.iter().enumerate() {
                texts[i] = langs
                    .get(lang)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string();
            }
            for (i, lang) in LANGS.iter().enumerate() {
                if texts[i].is_empty() {
                    println!("cargo:warning=catalogue: {id} has no {lang} text");
                    texts[i] = texts[2].clone();
                }
            }
            if entries.insert(id.clone(), texts).is_some() {
                panic!("catalogue: duplicate key {id}");
            }
        }
    }
    let mut out = String::new();
    out.push_str("/// A message of the catalogue; generated from `locales/*.json` by build.rs.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[allow(dead_code)]\npub enum Msg {\n");
    for id in entries.keys() {
        writeln!(out, "    /// `{id}`\n    {},", camel(id)).unwrap();
    }
    out.push_str("}\n\nimpl Msg {\n    /// Every message, in catalogue order.\n    pub const ALL: &'static [Msg] = &[\n");
    for id in entries.keys() {
        writeln!(out, "        Msg::{},", camel(id)).unwrap();
    }
    out.push_str("    ];\n\n    /// The key as written in `locales/` (`file.key`).\n    pub const fn id(self) -> &'static str {\n        match self {\n");
    for id in entries.keys() {
        writeln!(out, "            Msg::{} => {:?},", camel(id), id).unwrap();
    }
    out.push_str("        }\n    }\n\n    /// The raw text (with `{placeholders}`) in a language: 0 = ar, 1 = fr, 2 = en.\n    pub const fn raw(self, lang: usize) -> &'static str {\n        match (self, lang) {\n");
    for (id, texts) in &entries {
        for (i, t) in texts.iter().enumerate() {
            if i < 2 {
                writeln!(out, "            (Msg::{}, {i}) => {:?},", camel(id), t).unwrap();
            } else {
                writeln!(out, "            (Msg::{}, _) => {:?},", camel(id), t).unwrap();
            }
        }
    }
    out.push_str("        }\n    }\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogue.rs");
    std::fs::write(dest, out).unwrap();
}
