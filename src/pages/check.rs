//! "Check a data file" (`/check`): a data editor picks or drops a JSON file;
//! the browser reads it (nothing is uploaded or saved) and checks it with the
//! loader's own code, [`crate::model::parse::check`] (the `check-data`
//! command's), then lists every problem with its JSON path. A valid file can
//! be previewed in the whole dashboard under a banner, until the editor
//! leaves the preview; the published data and its cached copy stay untouched.
//!
//! The screening of the file (kind, size before reading, encoding), the
//! capped list and the texts are pure and tested natively; the views are thin.

use super::use_page_title;
use crate::components::shell::localized;
use crate::i18n::format::{self, Style};
use crate::i18n::{Locale, Msg};
use crate::model::validate::{Problem, has_errors};
use crate::model::{Dataset, MAX_DOCUMENT_BYTES};
use crate::state::{Dashboard, use_dashboard};
use leptos::prelude::*;
use std::sync::Arc;

/// At most this many problems are listed; the rest are counted.
pub const MAX_LISTED: usize = 50;
/// A file name longer than this (in characters) is shortened on screen.
const MAX_NAME_CHARS: usize = 80;

/// Why a file was not checked at all.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Neither named `*.json` nor of a JSON media type.
    WrongKind,
    /// Over [`MAX_DOCUMENT_BYTES`]; refused before it is read.
    TooLarge { size: u64 },
    /// Not valid UTF-8; `line` (1-based) holds the first bad byte.
    NotUtf8 { line: usize },
    /// Nothing but white space.
    Empty,
    /// Text that does not begin like a JSON document (`{` or `[`).
    NotJson,
    /// The browser could not read the file.
    Unreadable,
}

/// Whether a file is a JSON file by its name or its media type.
pub fn is_json_kind(name: &str, mime: &str) -> bool {
    let mime = mime
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    name.to_lowercase().ends_with(".json")
        || mime == "application/json"
        || mime == "text/json"
        || mime.ends_with("+json")
}

/// What can be told before reading the file: its kind, then its size.
pub fn screen_file(name: &str, mime: &str, size: u64) -> Result<(), Refusal> {
    if !is_json_kind(name, mime) {
        return Err(Refusal::WrongKind);
    }
    if size > MAX_DOCUMENT_BYTES as u64 {
        return Err(Refusal::TooLarge { size });
    }
    Ok(())
}

/// What can be told from the bytes before decoding: encoding, emptiness and
/// the first character. Every file refused here is one the loader refuses
/// too (with a less helpful syntax error); the test below holds to that.
pub fn screen_bytes(bytes: &[u8]) -> Result<(), Refusal> {
    // A UTF-8 byte order mark is skipped, as the loader and check-data do.
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let before = &bytes[..e.valid_up_to()];
        return Err(Refusal::NotUtf8 {
            line: before.iter().filter(|b| **b == b'\n').count() + 1,
        });
    }
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(Refusal::Empty),
        Some(b'{' | b'[') => Ok(()),
        Some(_) => Err(Refusal::NotJson),
    }
}

/// Screens the bytes, then checks them exactly as the loader and
/// `check-data` do: the dataset if it decoded, and every problem.
pub fn check_bytes(bytes: &[u8]) -> Result<(Option<Dataset>, Vec<Problem>), Refusal> {
    screen_bytes(bytes)?;
    Ok(crate::model::parse::check(bytes))
}

/// The dataset the dashboard would use: the loader's own rule
/// ([`crate::model::parse::parse`]): decoded and no error (warnings allowed).
pub fn usable(dataset: Option<Dataset>, problems: &[Problem]) -> Option<Dataset> {
    dataset.filter(|_| !has_errors(problems))
}

/// The problems to list, errors first (each kind in document order), at most
/// `cap` of them, and how many are left out.
pub fn listed(problems: &[Problem], cap: usize) -> (Vec<&Problem>, usize) {
    let mut out: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.is_error())
        .chain(problems.iter().filter(|p| !p.is_error()))
        .collect();
    let more = out.len().saturating_sub(cap);
    out.truncate(cap);
    (out, more)
}

/// A file name as shown: control and bidi-control characters removed,
/// shortened when long. (The page puts it in a `<bdi>`; [`display_name`]
/// isolates it in plain text.)
pub fn clean_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    if clean.chars().count() > MAX_NAME_CHARS {
        let mut s: String = clean.chars().take(MAX_NAME_CHARS - 1).collect();
        s.push('…');
        s
    } else {
        clean
    }
}

pub use crate::i18n::isolate;

/// A file name inside a plain-text sentence: cleaned and isolated.
pub fn display_name(name: &str) -> String {
    isolate(&clean_name(name))
}

/// A problem's message in `locale`: the catalogue text of
/// [`Problem::message`] with each value isolated (paths, codes, numbers).
pub fn problem_message(p: &Problem, locale: Locale) -> String {
    let args: Vec<(&str, String)> = p
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), isolate(v)))
        .collect();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    locale.tf(p.msg, &args)
}

/// Bytes in megabytes (2^20 bytes, as file managers count them).
pub fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The translated sentence for a refused file, its name isolated.
pub fn refusal_text(locale: Locale, name: &str, refusal: &Refusal) -> String {
    crate::i18n::fill(
        &refusal_template(locale, refusal),
        &[("name", &display_name(name))],
    )
}

/// The sentence for a refused file with every value but `{name}` filled in.
pub fn refusal_template(locale: Locale, refusal: &Refusal) -> String {
    let n = |m: Msg| locale.t(m).to_string();
    match refusal {
        Refusal::WrongKind => n(Msg::CheckRefusedWrongKind),
        Refusal::TooLarge { size } => locale.tf(
            Msg::CheckRefusedTooLarge,
            &[
                // Kept for `refusal_text` (and `with_name`) to fill.
                ("name", "{name}"),
                (
                    "size",
                    &format::number(locale, megabytes(*size), Style::Decimal1),
                ),
                (
                    "limit",
                    &format::number(
                        locale,
                        megabytes(MAX_DOCUMENT_BYTES as u64),
                        Style::Decimal1,
                    ),
                ),
            ],
        ),
        Refusal::NotUtf8 { line } => locale.tf(
            Msg::CheckRefusedNotUtf8,
            &[("name", "{name}"), ("line", &line.to_string())],
        ),
        Refusal::Empty => n(Msg::CheckRefusedEmpty),
        Refusal::NotJson => n(Msg::CheckRefusedNotJson),
        Refusal::Unreadable => n(Msg::CheckRefusedUnreadable),
    }
}

// ---------------------------------------------------------------- browser

/// The preview, one per app (provided by [`provide_preview`]): the name of
/// the file whose dataset the dashboard shows, while it does.
#[derive(Clone, Copy)]
pub struct Preview {
    pub file: RwSignal<Option<String>>,
}

/// Provides the [`Preview`] context (once, in `App`).
pub fn provide_preview() {
    provide_context(Preview {
        file: RwSignal::new(None),
    });
}

fn use_preview() -> Preview {
    expect_context::<Preview>()
}

/// Shows `dataset` in every view instead of the published data. The data
/// layer then drops any answer it gets, so nothing is cached.
fn start_preview(d: Dashboard, p: Preview, name: String, dataset: Arc<Dataset>) {
    p.file.set(Some(name));
    d.preview.run(Some(dataset));
}

/// Ends the preview and loads the published data again (from the cache at
/// once, then the server), as on a first visit.
fn leave_preview(d: Dashboard, p: Preview) {
    p.file.set(None);
    d.preview.run(None);
}

/// A translated sentence with its `{name}` shown as the file's name in a
/// `<bdi>` (isolated, and kept in one piece by the style where it fits).
fn with_name(text: &str, name: &str) -> impl IntoView + use<> {
    let (before, after) = text.split_once("{name}").unwrap_or((text, ""));
    let (before, after) = (before.to_string(), after.to_string());
    view! { {before} <bdi class="file-name">{clean_name(name)}</bdi> {after} }
}

/// What the page shows about the last file given.
#[derive(Clone, Debug)]
enum Shown {
    Idle,
    Reading {
        name: String,
    },
    Refused {
        name: String,
        refusal: Refusal,
    },
    Checked {
        name: String,
        /// The dataset when the dashboard would use it.
        dataset: Option<Arc<Dataset>>,
        problems: Arc<Vec<Problem>>,
    },
}

/// The banner shown on every page during a preview, with the way out.
#[component]
pub fn PreviewBanner() -> impl IntoView {
    let d = use_dashboard();
    let p = use_preview();
    let leave = move |_| {
        leave_preview(d, p);
        // The button disappears with the banner: keep the focus in the page.
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|doc| doc.get_element_by_id("main"))
        {
            use wasm_bindgen::JsCast;
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    };
    move || {
        p.file.get().map(|name| {
            view! {
                <section class="preview-banner" data-testid="preview-banner"
                    aria-label=d.text(Msg::CheckBannerLabel)>
                    <p>{move || with_name(d.t(Msg::CheckBanner), &name)}</p>
                    <button type="button" class="button" data-testid="leave-preview" on:click=leave>
                        {d.text(Msg::CheckLeavePreview)}
                    </button>
                </section>
            }
        })
    }
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let d = use_dashboard();
    let p = use_preview();
    use_page_title(Msg::CheckTitle);
    let shown = RwSignal::new(Shown::Idle);
    let over = RwSignal::new(false);
    // Each file given gets a number; a slower read of an older file is dropped.
    let generation = StoredValue::new(0u32);

    let take = move |file: web_sys::File| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let name = file.name();
        if let Err(refusal) = screen_file(&name, &file.type_(), file.size() as u64) {
            shown.set(Shown::Refused { name, refusal });
            return;
        }
        shown.set(Shown::Reading { name: name.clone() });
        leptos::task::spawn_local(async move {
            let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            if generation.get_value() != mine {
                return;
            }
            let next = match read {
                Err(_) => Shown::Refused {
                    name,
                    refusal: Refusal::Unreadable,
                },
                Ok(buffer) => match check_bytes(&js_sys::Uint8Array::new(&buffer).to_vec()) {
                    Err(refusal) => Shown::Refused { name, refusal },
                    Ok((dataset, problems)) => Shown::Checked {
                        name,
                        dataset: usable(dataset, &problems).map(Arc::new),
                        problems: Arc::new(problems),
                    },
                },
            };
            shown.set(next);
        });
    };

    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take(file);
        }
        // So that choosing the same file again (after editing it) checks it again.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|t| t.files())
            .and_then(|f| f.get(0))
        {
            take(file);
        }
    };
    let on_drag_over = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(true);
    };

    let status = move || {
        let l = d.locale.get();
        match shown.get() {
            Shown::Idle => None,
            Shown::Reading { name } => {
                Some(view! { <p>{with_name(l.t(Msg::CheckReading), &name)}</p> }.into_any())
            }
            Shown::Refused { name, refusal } => Some(
                view! {
                    <p class="check-verdict check-refused" data-testid="check-refused">
                        {with_name(&refusal_template(l, &refusal), &name)}
                    </p>
                }
                .into_any(),
            ),
            Shown::Checked {
                name,
                dataset,
                problems,
            } => {
                let errors = problems.iter().filter(|p| p.is_error()).count();
                let warnings = problems.len() - errors;
                let count = |n: usize| format::count(l, n as f64);
                Some(match dataset {
                    Some(ds) => view! {
                        <p class="check-verdict check-valid" data-testid="check-valid">
                            {with_name(l.t(Msg::CheckValid), &name)}
                        </p>
                        <p>
                            {l.tf(
                                Msg::CheckValidCounts,
                                &[
                                    ("observations", &count(ds.observations.len())),
                                    ("sources", &count(ds.sources.len())),
                                    ("warnings", &count(warnings)),
                                ],
                            )}
                        </p>
                    }
                    .into_any(),
                    None => view! {
                        <p class="check-verdict check-invalid" data-testid="check-invalid">
                            {with_name(l.t(Msg::CheckInvalid), &name)}
                        </p>
                        <p>
                            {l.tf(
                                Msg::CheckInvalidCounts,
                                &[("errors", &count(errors)), ("warnings", &count(warnings))],
                            )}
                        </p>
                    }
                    .into_any(),
                })
            }
        }
    };

    let navigate = leptos_router::hooks::use_navigate();
    let details = move || match shown.get() {
        Shown::Checked {
            name,
            dataset,
            problems,
        } => {
            let preview = dataset.map(|ds| {
                let navigate = navigate.clone();
                let name = name.clone();
                view! {
                    <div class="check-preview">
                        <button type="button" class="button" data-testid="preview-button"
                            on:click=move |_| {
                                start_preview(d, p, name.clone(), ds.clone());
                                navigate(&localized("/", d.locale.get_untracked()), Default::default());
                            }>
                            {d.text(Msg::CheckPreviewButton)}
                        </button>
                        <p class="check-note">{d.text(Msg::CheckPreviewNote)}</p>
                    </div>
                }
            });
            let list = (!problems.is_empty()).then(|| view! { <CheckProblems problems=problems/> });
            Some(view! { {preview} {list} })
        }
        _ => None,
    };

    view! {
        // A file dropped anywhere on the page is taken (rather than opened
        // by the browser in place of the app); the frame shows where.
        <article
            class="page check"
            data-testid="check-page"
            on:dragenter=on_drag_over
            on:dragover=on_drag_over
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop
        >
            <h1>{d.text(Msg::CheckTitle)}</h1>
            <p class="lede">{d.text(Msg::CheckLede)}</p>
            <div class="drop-zone" class:drop-over=move || over.get() data-testid="drop-zone">
                <p class="drop-title">{d.text(Msg::CheckChooseLabel)}</p>
                // The native input, visually hidden but focusable, named by
                // the label that looks like a button: its own button and
                // "No file chosen" would be in the browser's language.
                <input
                    type="file"
                    id="check-file"
                    class="visually-hidden file-input"
                    accept=".json,application/json"
                    data-testid="check-file"
                    aria-describedby="check-drop-hint"
                    on:change=on_change
                />
                <label for="check-file" class="button file-button">{d.text(Msg::CheckChooseButton)}</label>
                <p id="check-drop-hint" class="drop-hint">{d.text(Msg::CheckDropHint)}</p>
            </div>
            <div class="check-status" role="status" data-testid="check-status">{status}</div>
            {details}
        </article>
    }
}

/// Every problem (at most [`MAX_LISTED`]), its severity in words, its JSON
/// path and its message in the page's language.
#[component]
fn CheckProblems(problems: Arc<Vec<Problem>>) -> impl IntoView {
    let d = use_dashboard();
    let (items, more) = listed(&problems, MAX_LISTED);
    let items: Vec<Problem> = items.into_iter().cloned().collect();
    view! {
        <h2 id="check-problems-title">{d.text(Msg::CheckProblemsTitle)}</h2>
        <ol class="check-problems" data-testid="check-problems" aria-labelledby="check-problems-title">
            {items
                .into_iter()
                .map(|p| {
                    let error = p.is_error();
                    let path = p.path.clone();
                    view! {
                        <li class=if error { "problem problem-error" } else { "problem problem-warning" }
                            data-severity=if error { "error" } else { "warning" }>
                            <span class="problem-severity">
                                {move || d.t(if error { Msg::CheckSeverityError } else { Msg::CheckSeverityWarning })}
                            </span>
                            " "
                            <code class="problem-path" dir="ltr">{path}</code>
                            " "
                            // In the page's direction: a message may begin
                            // with a Latin word ("JSON …" in Arabic).
                            <span class="problem-message"><bdi dir=move || d.locale.get().dir().as_str()>{move || problem_message(&p, d.locale.get())}</bdi></span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        {(more > 0).then(|| view! {
            <p class="check-more" data-testid="check-more">
                {move || d.tf(Msg::CheckMore, &[("n", &format::count(d.locale.get(), more as f64))])}
            </p>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::load;

    const MINIMAL: &str = include_str!("../../tests/fixtures/good-minimal.json");
    const BAD: &str = include_str!("../../tests/fixtures/bad-several.json");
    const PUBLISHED: &str = include_str!("../../public/data/impact.json");

    #[test]
    fn kind_by_name_or_media_type() {
        assert!(is_json_kind("impact.json", ""));
        assert!(is_json_kind("IMPACT.JSON", "text/plain"));
        assert!(is_json_kind("data", "application/json; charset=utf-8"));
        assert!(is_json_kind("data", "application/ld+json"));
        assert!(!is_json_kind("impact.csv", "text/csv"));
        assert!(!is_json_kind("notes.txt", ""));
        assert!(!is_json_kind("impact.json.zip", "application/zip"));
    }

    #[test]
    fn size_is_refused_before_reading() {
        assert_eq!(screen_file("a.json", "", 10), Ok(()));
        let limit = MAX_DOCUMENT_BYTES as u64;
        assert_eq!(screen_file("a.json", "", limit), Ok(()));
        assert_eq!(
            screen_file("a.json", "", limit + 1),
            Err(Refusal::TooLarge { size: limit + 1 })
        );
        let twenty = 20 * 1024 * 1024;
        assert_eq!(
            screen_file("a.json", "application/json", twenty),
            Err(Refusal::TooLarge { size: twenty })
        );
        // The kind is told first.
        assert_eq!(
            screen_file("a.txt", "text/plain", twenty),
            Err(Refusal::WrongKind)
        );
    }

    #[test]
    fn bytes_are_screened() {
        assert_eq!(screen_bytes(MINIMAL.as_bytes()), Ok(()));
        assert_eq!(screen_bytes(b"  \n[1]"), Ok(()));
        assert_eq!(screen_bytes(b""), Err(Refusal::Empty));
        assert_eq!(screen_bytes(b" \n\t "), Err(Refusal::Empty));
        assert_eq!(screen_bytes(b"hello"), Err(Refusal::NotJson));
        assert_eq!(screen_bytes(b"<html></html>"), Err(Refusal::NotJson));
        assert_eq!(screen_bytes(b"\xEF\xBB\xBF{}"), Ok(()));
        // "é" in Latin-1 inside otherwise valid JSON.
        assert_eq!(
            screen_bytes(b"{\n  \"a\": \"caf\xE9\"\n}"),
            Err(Refusal::NotUtf8 { line: 2 })
        );
        // UTF-16 (a byte order mark FF FE) is not UTF-8 either.
        assert_eq!(
            screen_bytes(b"\xFF\xFE{\x00"),
            Err(Refusal::NotUtf8 { line: 1 })
        );
    }

    #[test]
    fn every_screened_file_is_one_the_loader_refuses() {
        let samples: [&[u8]; 7] = [
            b"",
            b"   ",
            b"hello",
            b"<html></html>",
            b"\xEF\xBB\xBF  ",
            b"{\"a\": \"caf\xE9\"}",
            b"\xFF\xFE{\x00",
        ];
        for s in samples {
            assert!(screen_bytes(s).is_err());
            assert!(load(s).is_err(), "{s:?}");
        }
        // A byte order mark is accepted by both.
        let bom = [b"\xEF\xBB\xBF".as_slice(), MINIMAL.as_bytes()].concat();
        assert_eq!(screen_bytes(&bom), Ok(()));
        assert_eq!(load(&bom).is_ok(), load(MINIMAL.as_bytes()).is_ok());
    }

    #[test]
    fn verdict_is_the_loaders() {
        for doc in [
            MINIMAL,
            BAD,
            PUBLISHED,
            "[]",
            "{}",
            "{\"schema_version\": 1}",
        ] {
            let (ds, problems) = check_bytes(doc.as_bytes()).unwrap();
            assert_eq!(
                usable(ds, &problems).is_some(),
                load(doc.as_bytes()).is_ok(),
                "{doc:.40}"
            );
        }
        let (ds, problems) = check_bytes(PUBLISHED.as_bytes()).unwrap();
        assert!(usable(ds, &problems).is_some());
        let (ds, problems) = check_bytes(BAD.as_bytes()).unwrap();
        assert!(problems.len() > 1, "{problems:#?}");
        assert_eq!(load(BAD.as_bytes()).unwrap_err(), problems);
        assert!(usable(ds, &problems).is_none());
    }

    fn problem(i: usize, error: bool) -> Problem {
        let path = format!("observations[{i}]");
        if error {
            Problem::error(path, Msg::DataProblemNegative)
        } else {
            Problem::warning(path, Msg::DataProblemNegative)
        }
    }

    #[test]
    fn list_is_capped_errors_first() {
        let problems: Vec<Problem> = (0..120).map(|i| problem(i, i % 3 != 0)).collect();
        let (shown, more) = listed(&problems, MAX_LISTED);
        assert_eq!((shown.len(), more), (50, 70));
        assert!(shown.iter().all(|p| p.is_error()));
        assert_eq!(shown[0].path, "observations[1]");
        assert_eq!(shown[1].path, "observations[2]");
        assert_eq!(shown[2].path, "observations[4]");

        let few: Vec<Problem> = vec![problem(0, false), problem(1, true)];
        let (shown, more) = listed(&few, MAX_LISTED);
        assert_eq!(more, 0);
        let paths: Vec<&str> = shown.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["observations[1]", "observations[0]"]);

        let exactly: Vec<Problem> = (0..50).map(|i| problem(i, true)).collect();
        assert_eq!(listed(&exactly, MAX_LISTED).1, 0);
        assert_eq!(listed(&[], MAX_LISTED), (vec![], 0));
    }

    #[test]
    fn names_are_cleaned_and_isolated() {
        assert_eq!(display_name("impact.json"), "\u{2068}impact.json\u{2069}");
        assert_eq!(
            display_name("a\u{202E}b\u{2069}c\nd.json"),
            "\u{2068}abcd.json\u{2069}"
        );
        let long = "x".repeat(200);
        let shown = display_name(&long);
        assert_eq!(shown.chars().count(), MAX_NAME_CHARS + 2);
        assert!(shown.ends_with("…\u{2069}"));
    }

    #[test]
    fn every_sentence_naming_the_file_has_its_place() {
        for l in Locale::ALL {
            for m in [
                Msg::CheckReading,
                Msg::CheckValid,
                Msg::CheckInvalid,
                Msg::CheckBanner,
                Msg::CheckRefusedWrongKind,
                Msg::CheckRefusedTooLarge,
                Msg::CheckRefusedNotUtf8,
                Msg::CheckRefusedEmpty,
                Msg::CheckRefusedNotJson,
                Msg::CheckRefusedUnreadable,
            ] {
                assert_eq!(l.t(m).matches("{name}").count(), 1, "{l:?} {m:?}");
            }
        }
    }

    #[test]
    fn problem_values_are_isolated_in_the_message() {
        let p = Problem::error("observations[0].count", Msg::DataProblemUnknownRegion)
            .arg("value", "MA-13");
        assert_eq!(
            problem_message(&p, Locale::En),
            p.message(Locale::En)
                .replace("MA-13", "\u{2068}MA-13\u{2069}")
        );
        assert!(problem_message(&p, Locale::Ar).contains("\u{2068}MA-13\u{2069}"));
    }

    #[test]
    fn refusals_are_translated_and_name_the_file() {
        for l in Locale::ALL {
            for r in [
                Refusal::WrongKind,
                Refusal::TooLarge {
                    size: 20 * 1024 * 1024,
                },
                Refusal::NotUtf8 { line: 12 },
                Refusal::Empty,
                Refusal::NotJson,
                Refusal::Unreadable,
            ] {
                let text = refusal_text(l, "notes.txt", &r);
                assert!(text.contains("\u{2068}notes.txt\u{2069}"), "{l:?} {r:?}");
                assert!(!text.contains('{'), "{l:?} {r:?}: {text}");
            }
        }
        let big = refusal_text(
            Locale::En,
            "x.json",
            &Refusal::TooLarge {
                size: 20 * 1024 * 1024,
            },
        );
        assert!(big.contains("20.0 MB") && big.contains("8.0 MB"), "{big}");
        let fr = refusal_text(
            Locale::Fr,
            "x.json",
            &Refusal::TooLarge {
                size: 20 * 1024 * 1024,
            },
        );
        assert!(fr.contains("20,0\u{202F}Mo"), "{fr}");
        let utf = refusal_text(Locale::Ar, "x.json", &Refusal::NotUtf8 { line: 12 });
        assert!(utf.contains("12"), "{utf}");
    }
}
