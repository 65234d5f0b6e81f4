//! The page's boot fallback (native): the texts of `index.html`'s
//! `#boot-fallback` and `<noscript>` are exactly those of `locales/boot.json`,
//! so that the markup (shown when the app cannot run) cannot drift from the
//! catalogue.

#![cfg(not(target_arch = "wasm32"))]

use impact_atlas::i18n::{Locale, Msg};
use std::collections::BTreeSet;

fn index_html() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Text content: tags removed, whitespace collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    // ASCII whitespace only: U+202F (French typography) is text.
    let words: Vec<&str> = out
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    unescape(&words.join(" "))
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s.find(start).unwrap_or_else(|| panic!("{start} not found")) + start.len();
    let to = from
        + s[from..]
            .find(end)
            .unwrap_or_else(|| panic!("{end} not found"));
    &s[from..to]
}

/// One language's section: its `(key, text)` of each `data-msg` element, and
/// its whole text.
type Section = (Locale, Vec<(String, String)>, String);

fn sections(block: &str) -> Vec<Section> {
    let mut out = Vec::new();
    for part in block.split("<section").skip(1) {
        let body = &part[..part.find("</section>").expect("section closed")];
        let lang = between(body, "lang=\"", "\"");
        let locale = Locale::from_tag(lang).unwrap_or_else(|| panic!("unknown lang {lang}"));
        let mut msgs = Vec::new();
        for m in body.split("data-msg=\"").skip(1) {
            let key = &m[..m.find('"').unwrap()];
            let text = &m[m.find('>').unwrap() + 1..m.find('<').unwrap()];
            msgs.push((key.to_string(), unescape(text)));
        }
        let start = body.find('>').unwrap() + 1;
        out.push((locale, msgs, text_of(&body[start..])));
    }
    out
}

fn msg(id: &str) -> Msg {
    *Msg::ALL
        .iter()
        .find(|m| m.id() == id)
        .unwrap_or_else(|| panic!("{id} is not in the catalogue"))
}

fn check_block(block: &str, expected_keys: &[&str]) {
    let secs = sections(block);
    let langs: BTreeSet<_> = secs.iter().map(|(l, _, _)| l.tag()).collect();
    assert_eq!(langs.len(), 3, "one section per language");
    assert_eq!(secs.len(), 3, "one section per language");
    for (locale, msgs, whole) in secs {
        let keys: Vec<&str> = msgs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, expected_keys, "{} section's messages", locale.tag());
        for (key, text) in &msgs {
            assert_eq!(
                text,
                locale.t(msg(key)),
                "{key} in {} differs from locales/boot.json",
                locale.tag()
            );
        }
        // Nothing else is written in the section.
        let joined = msgs
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            whole,
            joined,
            "{} section has text outside the catalogue",
            locale.tag()
        );
    }
}

#[test]
fn boot_fallback_matches_catalogue() {
    let html = index_html();
    let fallback = between(&html, "id=\"boot-fallback\"", "</div>");
    check_block(
        fallback,
        &["boot.title", "boot.body", "boot.data_link", "boot.reload"],
    );
    let noscript = between(&html, "<noscript>", "</noscript>");
    check_block(noscript, &["boot.noscript", "boot.data_link"]);
    // Every message of locales/boot.json is used.
    let used: BTreeSet<&str> = [
        "boot.title",
        "boot.body",
        "boot.data_link",
        "boot.reload",
        "boot.noscript",
    ]
    .into();
    let boot: BTreeSet<&str> = Msg::ALL
        .iter()
        .map(|m| m.id())
        .filter(|id| id.starts_with("boot."))
        .collect();
    assert_eq!(boot, used);
}

#[test]
fn boot_fallback_links_to_the_data_file() {
    let html = index_html();
    let data_url = between(&html, "<meta name=\"impact-data\" content=\"", "\"");
    let fallback = between(&html, "id=\"boot-fallback\"", "</body>");
    let links: Vec<&str> = fallback
        .split("<a href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .filter(|h| !h.is_empty())
        .collect();
    assert_eq!(links.len(), 6, "a data link per language, twice");
    assert!(
        links.iter().all(|h| *h == data_url),
        "{links:?} vs {data_url}"
    );
    assert!(html.contains("id=\"boot-fallback\""));
    assert!(html.contains(" hidden>"), "the fallback starts hidden");
}

/// The static frame (`#boot-frame`, issue 14): every text is a catalogue
/// message, present in the three languages (each `<span lang data-msg>`
/// equal to the catalogue's text), and nothing else is written but the
/// language switcher's endonyms.
#[test]
fn static_frame_matches_catalogue() {
    let html = index_html();
    let frame = between(&html, "<div id=\"boot-frame\"", "<!-- Shown only when");
    let frame = &frame[frame.find('>').unwrap() + 1..];
    let mut rest = String::new();
    let mut keys: Vec<(String, Vec<&str>)> = Vec::new();
    let mut tail = frame;
    while let Some(i) = tail.find("<span lang=\"") {
        rest.push_str(&tail[..i]);
        let span = &tail[i..];
        let end = span.find("</span>").expect("span closed");
        let open = &span[..span.find('>').unwrap()];
        let lang = between(open, "lang=\"", "\"");
        let key = between(open, "data-msg=\"", "\"");
        let text = unescape(&span[open.len() + 1..end]);
        let locale = Locale::from_tag(lang).unwrap_or_else(|| panic!("unknown lang {lang}"));
        assert_eq!(
            text,
            locale.t(msg(key)),
            "{key} in {lang} differs from the catalogue"
        );
        match keys.last_mut() {
            Some((k, langs)) if k == key => langs.push(lang),
            _ => keys.push((key.to_string(), vec![lang])),
        }
        tail = &span[end + "</span>".len()..];
    }
    rest.push_str(tail);
    assert!(keys.len() >= 8, "the frame has its texts: {keys:?}");
    for (key, langs) in &keys {
        assert_eq!(langs, &["ar", "fr", "en"], "{key}: one span per language");
    }
    let endonyms: Vec<&str> = Locale::ALL.iter().map(|l| l.endonym()).collect();
    assert_eq!(
        text_of(&rest),
        endonyms.join(" "),
        "text outside the catalogue"
    );
}
