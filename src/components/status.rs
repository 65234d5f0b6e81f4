//! Data status views (browser): the "data as of" line, the notices shown when
//! cached data stands in, the loading skeleton and the error panel.

use crate::data::LoadError;
use crate::i18n::{Locale, Msg, format};
use crate::model::validate::Problem;
use crate::state::{DataStatus, use_dashboard};
use leptos::prelude::*;

/// The translated reason of a load error: each cause named (docs/faults.md).
pub fn error_text(locale: Locale, e: &LoadError) -> String {
    let code = |c: &u16| c.to_string();
    match e {
        LoadError::Network(_) => locale.t(Msg::AppErrorNetwork).to_string(),
        LoadError::Offline => locale.t(Msg::FaultsOffline).to_string(),
        LoadError::Status(c @ (404 | 410)) => locale.tf(Msg::FaultsNotFound, &[("code", &code(c))]),
        LoadError::Status(c @ 500..=599) => {
            locale.tf(Msg::FaultsServerError, &[("code", &code(c))])
        }
        LoadError::RetryLater(c, secs) => locale.tf(
            Msg::FaultsRetryLater,
            &[
                ("code", &code(c)),
                (
                    "minutes",
                    &format::count(locale, secs.div_ceil(60).max(1) as f64),
                ),
            ],
        ),
        LoadError::NotModifiedWithoutCopy => {
            locale.t(Msg::FaultsNotModifiedWithoutCopy).to_string()
        }
        LoadError::Empty => locale.t(Msg::FaultsEmpty).to_string(),
        LoadError::NotData => locale.t(Msg::FaultsNotData).to_string(),
        LoadError::Timeout(ms) => locale.tf(
            Msg::AppErrorTimeout,
            &[("seconds", &format::count(locale, *ms as f64 / 1000.0))],
        ),
        LoadError::Status(code) => locale.tf(Msg::AppErrorStatus, &[("code", &code.to_string())]),
        LoadError::TooLarge(_) => locale.tf(
            Msg::FaultsTooLarge,
            &[(
                "limit",
                &format::count(locale, crate::model::MAX_DOCUMENT_BYTES as f64),
            )],
        ),
        LoadError::Invalid(p) => {
            let errors = p.iter().filter(|p| p.is_error()).count();
            locale.tf(
                Msg::AppErrorInvalid,
                &[("count", &format::count(locale, errors as f64))],
            )
        }
    }
}

/// The text between a problem's path and its message in the catalogue's
/// "{path}: {message}" (a narrow no-break space before the colon in French).
fn path_separator(locale: crate::i18n::Locale) -> String {
    let t = locale.t(Msg::DataProblemLocated);
    t.split_once("{path}")
        .and_then(|(_, rest)| rest.split_once("{message}"))
        .map(|(sep, _)| sep.to_string())
        .unwrap_or_else(|| ": ".to_string())
}

/// The errors of an invalid dataset, each with its JSON path: the first
/// [`MAX_LISTED`](crate::pages::check::MAX_LISTED), then how many more.
#[component]
fn ProblemList(problems: Vec<Problem>) -> impl IntoView {
    let d = use_dashboard();
    let errors: Vec<Problem> = problems.into_iter().filter(|p| p.is_error()).collect();
    let more = errors.len().saturating_sub(crate::pages::check::MAX_LISTED);
    view! {
        <ul class="problem-list" data-testid="problem-list">
            {errors
                .into_iter()
                .take(crate::pages::check::MAX_LISTED)
                .map(|p| {
                    let path = p.path.clone();
                    view! {
                        <li>
                            <code dir="ltr">{path}</code>
                            {move || path_separator(d.locale.get())}
                            // In the page's direction: a message may begin
                            // with a Latin word ("JSON …" in Arabic).
                            <bdi dir=move || d.locale.get().dir().as_str()>{move || p.message(d.locale.get())}</bdi>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {(more > 0)
            .then(|| {
                view! {
                    <p class="problem-more" data-testid="problem-more">
                        {move || d.tf(Msg::CheckMore, &[("n", &format::count(d.locale.get(), more as f64))])}
                    </p>
                }
            })}
    }
}

/// "Data as of … · source", and a notice when the data shown is a saved copy.
#[component]
pub fn DataLine() -> impl IntoView {
    let d = use_dashboard();
    let line = move || {
        let ds = d.dataset.get()?;
        let l = d.locale.get();
        let source = ds
            .observations
            .iter()
            .find(|o| o.indicator == "beneficiaries" && o.status == crate::model::Status::Reported)
            .and_then(|o| ds.source(&o.source))
            .or_else(|| ds.sources.first())
            .map(|s| s.title.get(l).to_string())
            .unwrap_or_default();
        Some(l.tf(
            Msg::AppDataAsOf,
            &[
                ("date", &format::date(l, &ds.meta.as_of)),
                ("source", &source),
            ],
        ))
    };
    let notice = move || {
        match d.status.get() {
        DataStatus::CachedNetworkFailed(e) => Some(
            view! {
                <div class="notice notice-warning" role="status" data-testid="cached-notice">
                    <p>{d.text(Msg::FaultsNoticeCached)} " " <span data-testid="fault-cause">{move || error_text(d.locale.get(), &e)}</span>
                        // Issue 14: how old the saved copy is.
                        {crate::data::load::saved_at().map(|at| {
                            let age = crate::data::age::age(crate::web::now_ms(), at);
                            view! { " " <span data-testid="data-age">{move || crate::data::age::age_text(d.locale.get(), age)}</span> }
                        })}
                    </p>
                    <button type="button" class="button" on:click=move |_| d.reload.run(())>{d.text(Msg::AppRetry)}</button>
                </div>
            }
            .into_any(),
        ),
        DataStatus::CachedInvalidUpdate(problems) => Some({
            let count = problems.iter().filter(|p| p.is_error()).count() as f64;
            view! {
                <div class="notice notice-warning" role="status" data-testid="cached-notice">
                    <p>{d.text(Msg::AppNoticeCachedInvalid)}</p>
                    <details>
                        <summary>{move || d.tf(Msg::AppProblemsSummary, &[("count", &format::count(d.locale.get(), count))])}</summary>
                        <ProblemList problems=problems/>
                    </details>
                </div>
            }
            .into_any()
        }),
        DataStatus::FreshNotSaved => Some(
            view! {
                <div class="notice notice-info" role="status" data-testid="not-saved-notice">
                    <p>{d.text(Msg::FaultsNoticeNotSaved)}</p>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
    };
    view! {
        <p class="data-line" data-testid="data-line">{line}</p>
        {notice}
    }
}

/// The panel shown when no data can be shown at all.
#[component]
pub fn ErrorPanel(error: LoadError) -> impl IntoView {
    let d = use_dashboard();
    let problems = match &error {
        LoadError::Invalid(p) => Some(p.clone()),
        _ => None,
    };
    view! {
        <section class="error-panel" role="alert" data-testid="error-panel">
            <h2>{d.text(Msg::AppErrorTitle)}</h2>
            <p data-testid="fault-cause">{move || error_text(d.locale.get(), &error)}</p>
            {problems.map(|p| view! { <ProblemList problems=p/> })}
            <p>{d.text(Msg::AppErrorHelp)}</p>
            <button type="button" class="button" data-testid="retry" on:click=move |_| d.reload.run(())>
                {d.text(Msg::AppRetry)}
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn the_path_separator_follows_each_language() {
        assert_eq!(path_separator(Locale::En), ": ");
        assert_eq!(path_separator(Locale::Fr), "\u{202f}: ");
        assert!(path_separator(Locale::Ar).contains(':'));
    }
}

/// A notice for each filter value of the address that is ignored (a region
/// or area the data does not have, a gender that is not one): a stale or
/// mistyped link says what it asked for, and that it shows everything else.
#[component]
pub fn IgnoredFilterNotice() -> impl IntoView {
    let d = use_dashboard();
    let query = leptos_router::hooks::use_query_map();
    move || {
        let ds = d.dataset.get()?;
        let ignored = crate::query::ignored_params(|k| query.read().get(k), &ds);
        if ignored.is_empty() {
            return None;
        }
        let l = d.locale.get();
        Some(view! {
            <div class="notice notice-warning" role="status" data-testid="filter-ignored">
                {ignored
                    .into_iter()
                    .map(|(field, value)| {
                        let text = l.tf(
                            Msg::AppFilterIgnored,
                            &[("field", l.t(field.msg())), ("value", &crate::i18n::isolate(&value))],
                        );
                        view! { <p>{text}</p> }
                    })
                    .collect_view()}
            </div>
        })
    }
}
