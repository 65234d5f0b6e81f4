//! The texts of a language, fetched (issue 14: the texts of all three
//! languages were 23 KB of the app's brotli wasm; a visit needs one).
//!
//! The release build writes one file per language, `texts-<lang>-<hash>.txt`
//! (tools/trunk-csp.mjs, from `locales/` as build.rs reads it), and names
//! the three in `<meta name="impact-texts">`; the boot script preloads the one
//! of the page's language. A file is its header, then every message's text in
//! `Msg` order, then the six plural forms of each message that has them,
//! separated by U+001E:
//!
//! `impact-atlas-texts 1 <lang> <messages> <plural messages> <hash of the keys>`
//!
//! A file that does not match this build (another count or hash: a stale
//! cache, a half-deployed site) is refused, never shown.
//!
//! Native code and the browser tests have the texts built in
//! ([`super::catalogue::EMBEDDED`]): there every language is always loaded.

use super::Locale;
use super::catalogue::{EMBEDDED, PLURALS_COUNT, TEXTS_COUNT, TEXTS_KEYS_HASH};
use std::cell::{Cell, RefCell};

/// Between the texts of a file.
pub const SEPARATOR: char = '\u{1e}';

/// Why a texts file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextsError {
    /// No `<meta name="impact-texts">` names a file for the language.
    NotNamed,
    /// The request failed, timed out or was answered with an error status.
    Network,
    /// The file is not one of this build (its header, or its count of texts).
    Mismatch(String),
}

thread_local! {
    /// The fetched texts, per language (`Locale::index`), kept for the page's life.
    static LOADED: RefCell<[Option<&'static [&'static str]>; Locale::ALL.len()]> =
        const { RefCell::new([None; Locale::ALL.len()]) };
    /// The languages being fetched, a bit per `Locale::index`.
    static LOADING: Cell<u8> = const { Cell::new(0) };
}

/// The text `i` (in the file's order) of language `lang`; empty while that
/// language is not loaded (the app shows a language only once it is).
/// Not inlined: `Msg::raw` is called from hundreds of places.
#[inline(never)]
pub fn get(lang: usize, i: usize) -> &'static str {
    LOADED.with(|l| {
        l.borrow()
            .get(lang)
            .copied()
            .flatten()
            .and_then(|t| t.get(i).copied())
            .unwrap_or("")
    })
}

/// Whether the texts of `l` can be shown.
pub fn has(l: Locale) -> bool {
    EMBEDDED || LOADED.with(|t| t.borrow()[l.index()].is_some())
}

/// A language whose texts are loaded, if any.
pub fn any_loaded() -> Option<Locale> {
    Locale::ALL.into_iter().find(|l| has(*l))
}

/// The header a file of `l` must start with.
pub fn header(l: Locale) -> String {
    format!(
        "impact-atlas-texts 1 {} {TEXTS_COUNT} {PLURALS_COUNT} {TEXTS_KEYS_HASH:08x}",
        l.tag()
    )
}

/// The texts of a file of `l`, checked against this build.
pub fn parse(l: Locale, body: &str) -> Result<Vec<&str>, TextsError> {
    let mut parts = body.split(SEPARATOR);
    let head = parts.next().unwrap_or("");
    if head != header(l) {
        return Err(TextsError::Mismatch(head.chars().take(80).collect()));
    }
    let texts: Vec<&str> = parts.collect();
    let want = TEXTS_COUNT + 6 * PLURALS_COUNT;
    if texts.len() != want {
        return Err(TextsError::Mismatch(format!(
            "{} texts, not {want}",
            texts.len()
        )));
    }
    Ok(texts)
}

/// Keeps the texts of a file of `l` for the page's life.
pub fn install(l: Locale, body: String) -> Result<(), TextsError> {
    // Checked before it is kept, so that a refused file is dropped, not
    // leaked; then read again from the leaked copy (64 B less wasm than a
    // second way of splitting it).
    parse(l, &body)?;
    // Once per language and page: leaked, so that texts stay `&'static str`.
    let body: &'static str = Box::leak(body.into_boxed_str());
    let texts: &'static [&'static str] = Box::leak(parse(l, body)?.into_boxed_slice());
    LOADED.with(|t| t.borrow_mut()[l.index()] = Some(texts));
    Ok(())
}

/// The file of `l` among those `<meta name="impact-texts">` lists (space-separated).
pub fn file_of(l: Locale, listed: &str) -> Option<String> {
    let prefix = format!("texts-{}-", l.tag());
    listed
        .split_ascii_whitespace()
        .find(|f| f.starts_with(&prefix) && f.ends_with(".txt"))
        .map(str::to_string)
}

/// Whether the texts of `l` are being fetched.
pub fn loading(l: Locale) -> bool {
    LOADING.with(|b| b.get() & (1u8 << l.index()) != 0)
}

/// Fetches and keeps the texts of `l` (at once if they are already there),
/// with the data's request (its time limit; the boot script's preload is
/// made the same way, so it is reused, not sent twice).
pub async fn load(l: Locale) -> Result<(), TextsError> {
    if has(l) {
        return Ok(());
    }
    let listed = crate::web::meta_content("impact-texts").ok_or(TextsError::NotNamed)?;
    let file = file_of(l, &listed).ok_or(TextsError::NotNamed)?;
    let body = crate::data::fetch::fetch_once(&file, None, None)
        .await
        .map_err(|_| TextsError::Network)?
        .body
        .unwrap_or_default();
    let body = String::from_utf8(body).map_err(|_| TextsError::Mismatch("not UTF-8".into()))?;
    // Another load of the same language may have finished meanwhile.
    if has(l) {
        return Ok(());
    }
    install(l, body)
}

/// [`load`] in the background; `done` is told whether the texts are there.
/// (One place that runs it, so that its future is compiled once.) A call for
/// a language already being fetched does nothing: the running load's `done`
/// tells its caller (the locale memo runs again while a switch loads).
pub fn load_then(l: Locale, done: Box<dyn FnOnce(bool)>) {
    if loading(l) {
        return;
    }
    let bit = 1u8 << l.index();
    LOADING.with(|b| b.set(b.get() | bit));
    wasm_bindgen_futures::spawn_local(async move {
        let ok = load(l).await.is_ok();
        LOADING.with(|b| b.set(b.get() & !bit));
        done(ok)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Msg;

    /// The file tools/trunk-csp.mjs writes for `l`, made from the built-in texts.
    fn file(l: Locale) -> String {
        let mut out = header(l);
        let mut push = |t: &str| {
            out.push(SEPARATOR);
            out.push_str(t);
        };
        for m in Msg::ALL {
            push(m.raw(l.index()));
        }
        for m in Msg::ALL.iter().filter(|m| m.has_plural_forms()) {
            for form in 0..6 {
                push(m.raw_plural(l.index(), form));
            }
        }
        out
    }

    #[test]
    fn a_file_of_this_build_gives_every_text_in_msg_order() {
        for l in Locale::ALL {
            let body = file(l);
            let texts = parse(l, &body).unwrap();
            assert_eq!(texts.len(), TEXTS_COUNT + 6 * PLURALS_COUNT);
            for (i, m) in Msg::ALL.iter().enumerate() {
                assert_eq!(texts[i], m.raw(l.index()), "{l:?} {m:?}");
            }
            // The plural forms where the wasm's `Msg::raw_plural` reads them
            // (build.rs: message count + 6 × the message's rank among the plural ones + form).
            let plural: Vec<Msg> = Msg::ALL
                .iter()
                .copied()
                .filter(|m| m.has_plural_forms())
                .collect();
            assert_eq!(plural.len(), PLURALS_COUNT);
            for (i, m) in plural.iter().enumerate() {
                for form in 0..6 {
                    assert_eq!(
                        texts[TEXTS_COUNT + i * 6 + form],
                        m.raw_plural(l.index(), form),
                        "{l:?} {m:?} {form}"
                    );
                }
            }
        }
    }

    /// tools/texts.mjs (which the build runs) writes exactly these files.
    #[test]
    fn the_build_writes_the_files_this_code_reads() {
        let root = env!("CARGO_MANIFEST_DIR");
        let script = "import { catalogue, textsFile } from './tools/texts.mjs';\n\
                      const e = catalogue();\n\
                      process.stdout.write(JSON.stringify(['ar', 'fr', 'en'].map((l) => textsFile(e, l))));";
        let out = std::process::Command::new("node")
            .args(["--input-type=module", "-e", script])
            .current_dir(root)
            .output()
            .expect("node runs (tools/install.sh installs it)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
        for (l, written) in Locale::ALL.into_iter().zip(&files) {
            assert!(
                *written == file(l),
                "tools/texts.mjs's {l:?} file differs from build.rs's texts"
            );
        }
    }

    #[test]
    fn no_text_holds_the_separator() {
        for l in Locale::ALL {
            for m in Msg::ALL {
                assert!(!m.raw(l.index()).contains(SEPARATOR), "{m:?}");
            }
        }
    }

    #[test]
    fn another_language_another_build_or_a_cut_file_is_refused() {
        let en = file(Locale::En);
        assert!(matches!(
            parse(Locale::Fr, &en),
            Err(TextsError::Mismatch(_))
        ));
        let other_keys = en.replacen(&format!("{TEXTS_KEYS_HASH:08x}"), "00000000", 1);
        assert!(matches!(
            parse(Locale::En, &other_keys),
            Err(TextsError::Mismatch(_))
        ));
        let cut = &en[..en.rfind(SEPARATOR).unwrap()];
        assert_eq!(
            parse(Locale::En, cut),
            Err(TextsError::Mismatch(format!(
                "{} texts, not {}",
                TEXTS_COUNT + 6 * PLURALS_COUNT - 1,
                TEXTS_COUNT + 6 * PLURALS_COUNT
            )))
        );
        assert!(matches!(
            parse(Locale::En, ""),
            Err(TextsError::Mismatch(_))
        ));
        assert!(matches!(
            parse(Locale::En, "<!doctype html><title>404</title>"),
            Err(TextsError::Mismatch(_))
        ));
    }

    #[test]
    fn the_meta_names_a_file_per_language() {
        let listed = "texts-ar-0a1b2c3d4e.txt texts-fr-1234567890.txt  texts-en-abcdef0123.txt";
        assert_eq!(
            file_of(Locale::Ar, listed).as_deref(),
            Some("texts-ar-0a1b2c3d4e.txt")
        );
        assert_eq!(
            file_of(Locale::En, listed).as_deref(),
            Some("texts-en-abcdef0123.txt")
        );
        assert_eq!(file_of(Locale::Fr, "texts-en-abcdef0123.txt"), None);
        assert_eq!(file_of(Locale::Fr, "texts-fr-x.json"), None);
    }

    #[test]
    fn installed_texts_are_read_by_index() {
        install(Locale::Ar, file(Locale::Ar)).unwrap();
        let i = Msg::ALL.len() - 1;
        assert_eq!(
            get(Locale::Ar.index(), i),
            Msg::ALL[i].raw(Locale::Ar.index())
        );
        assert_eq!(
            get(Locale::Ar.index(), 0),
            Msg::ALL[0].raw(Locale::Ar.index())
        );
        assert_eq!(get(Locale::Ar.index(), usize::MAX), "");
        assert_eq!(
            get(Locale::En.index(), 0),
            "",
            "not installed on this thread"
        );
        assert!(install(Locale::En, file(Locale::Fr)).is_err());
        assert_eq!(
            get(Locale::En.index(), 0),
            "",
            "a refused file installs nothing"
        );
    }

    #[test]
    fn built_in_texts_are_always_there() {
        // Native code has them built in (build.rs): nothing was installed on this thread.
        assert!(Locale::ALL.into_iter().all(has));
        assert_eq!(any_loaded(), Some(Locale::ALL[0]));
    }
}
