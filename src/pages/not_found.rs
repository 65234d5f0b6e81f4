//! The not-found page (browser).

use super::use_page_title;
use crate::components::shell::localized;
use crate::i18n::Msg;
use crate::state::use_dashboard;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let d = use_dashboard();
    use_page_title(Msg::AppNotFoundTitle);
    view! {
        <section class="page not-found" data-testid="not-found">
            <h1>{move || d.t(Msg::AppNotFoundTitle)}</h1>
            <p>{move || d.t(Msg::AppNotFoundText)}</p>
            <p>
                <a class="button" data-testid="home-link" href=move || localized("/", d.locale.get())>
                    {move || d.t(Msg::AppNotFoundHome)}
                </a>
            </p>
        </section>
    }
}
