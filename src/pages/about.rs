//! "Data & methods" (browser): sources, definitions, statuses, licences and
//! attributions, and how the lab updates the data.

use super::use_page_title;
use crate::i18n::{Msg, format, isolate};
use crate::model::Status;
use crate::model::validate::is_web_url;
use crate::state::use_dashboard;
use leptos::prelude::*;

#[component]
pub fn AboutPage() -> impl IntoView {
    let d = use_dashboard();
    use_page_title(Msg::AppNavAbout);
    let t = move |m: Msg| move || d.t(m);
    let sources = move || {
        let l = d.locale.get();
        d.dataset.get().map(|ds| {
            ds.sources
                .iter()
                .map(|s| {
                    let title = s.title.get(l).to_string();
                    let date = format::date(l, &s.date);
                    // Each text from the data is isolated (<bdi>, or the
                    // address's own `dir`): in Arabic, "HCP · 1 …" or a
                    // licence before an address would otherwise make one
                    // left-to-right run, its parts read in the wrong order and
                    // the address's last "/" thrown to the line's end.
                    let licence = s.licence.clone().map(|x| view! { " · " <bdi>{x}</bdi> });
                    // Only http(s) URLs become links (validation refuses the
                    // rest; anything else is shown as plain text, never as a
                    // `javascript:` link).
                    let link = s.url.clone().map(|u| {
                        if is_web_url(&u) {
                            let href = u.clone();
                            view! { " · " <a href=href rel="noopener" dir="ltr">{u}</a> }.into_any()
                        } else {
                            view! { " · " <span class="source-url" dir="ltr">{u}</span> }.into_any()
                        }
                    });
                    view! {
                        <li data-testid="source-item">
                            <strong><bdi>{title}</bdi></strong> " — " <bdi>{s.publisher.clone()}</bdi> " · " {date} {licence} {link}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    // The dataset's own edition, date and note, so that a new edition of the
    // data speaks for itself.
    let edition = move || {
        let l = d.locale.get();
        d.dataset.get().map(|ds| {
            let date = format::date(l, &ds.meta.as_of);
            let line = l.tf(
                Msg::ValidateAboutDatasetEdition,
                // Isolated: in Arabic, "2024.07-2" otherwise shows as "2-2024.07"
                // (its digits become Arabic numbers, and the hyphen a neutral).
                &[
                    ("version", &isolate(&ds.meta.dataset_version)),
                    ("date", &date),
                ],
            );
            let note = ds.meta.note.as_ref().map(|n| n.get(l).to_string());
            view! {
                <h2>{l.t(Msg::ValidateAboutDatasetTitle)}</h2>
                <p data-testid="dataset-edition">{line}</p>
                {note.map(|n| view! { <p data-testid="dataset-note">{n}</p> })}
            }
        })
    };
    view! {
        <article class="page about" data-testid="about-page">
            <h1>{t(Msg::AppNavAbout)}</h1>
            <p class="lede">{t(Msg::AppAboutLede)}</p>
            {edition}

            <h2>{t(Msg::AppAboutSourcesTitle)}</h2>
            <ul class="source-list">{sources}</ul>

            <h2>{t(Msg::AppAboutDefinitionsTitle)}</h2>
            <dl class="definitions">
                <dt>{t(Msg::AppDefBeneficiaryTerm)}</dt><dd>{t(Msg::AppDefBeneficiary)}</dd>
                <dt>{t(Msg::AppDefNeetTerm)}</dt><dd>{t(Msg::AppDefNeet)}</dd>
                <dt>{t(Msg::AppDefRuralTerm)}</dt><dd>{t(Msg::AppDefRural)}</dd>
                <dt>{t(Msg::AppDefPerCapitaTerm)}</dt><dd>{t(Msg::AppDefPerCapita)}</dd>
            </dl>

            <h2>{t(Msg::AppAboutStatusTitle)}</h2>
            <dl class="definitions">
                {Status::ALL
                    .map(|s| view! { <dt><span class=s.badge_class()>{t(s.msg())}</span></dt><dd>{t(s.help())}</dd> })}
            </dl>
            <p>{t(Msg::AppAboutQualifiers)}</p>

            <h2 id="attributions">{t(Msg::AppAboutLicencesTitle)}</h2>
            <ul>
                <li>{t(Msg::AppAttribData)}</li>
                <li>{t(Msg::AppAttribCensus)}</li>
                <li>{t(Msg::AppAttribRegions)}</li>
                <li>{t(Msg::AppAttribCountries)}</li>
                <li>{t(Msg::AppAttribCode)}</li>
            </ul>

            <h2>{t(Msg::AppAboutUpdatesTitle)}</h2>
            <p>{t(Msg::AppAboutUpdates)}</p>
        </article>
    }
}
