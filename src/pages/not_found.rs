//! The not-found page (browser). It lists the existing programs, areas and
//! regions (`explore::Directory`); an explore page with an unknown id shows
//! it with that id named.

use super::use_page_title;
use crate::components::shell::localized;
use crate::i18n::Msg;
use crate::pages::explore::Directory;
use crate::state::use_dashboard;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage(
    /// The id that names no page, when an explore page was asked for one.
    #[prop(optional, into)]
    unknown: Option<String>,
) -> impl IntoView {
    let d = use_dashboard();
    use_page_title(Msg::AppNotFoundTitle);
    let text = move || match &unknown {
        Some(id) => d.tf(Msg::PagesUnknownId, &[("id", id)]),
        None => d.t(Msg::AppNotFoundText).to_string(),
    };
    view! {
        <section class="page not-found" data-testid="not-found">
            <h1>{d.text(Msg::AppNotFoundTitle)}</h1>
            <p><bdi>{text}</bdi></p>
            <p>
                <a class="button" data-testid="home-link" href=move || localized("/", d.locale.get())>
                    {d.text(Msg::AppNotFoundHome)}
                </a>
            </p>
            <div class="directory">
                <Directory/>
            </div>
        </section>
    }
}
