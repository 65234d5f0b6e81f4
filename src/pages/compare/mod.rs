//! Compare (browser), `/compare?a=…&b=…`: the view of `model`. The picker
//! (kind, first, second, swap) is built once so that it keeps the focus
//! while the URL, and with it the comparison below, changes.

pub mod model;
pub mod render;

use crate::components::shell::localized;
use crate::components::status::{DataLine, ErrorPanel};
use crate::i18n::Msg;
use crate::pages::explore::SUMMARY_ID;
use crate::pages::links::Kind;
use crate::state::{DataStatus, use_dashboard};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use model::Choice;

/// The path of the page.
pub const PATH: &str = "/compare";

#[component]
pub fn ComparePage() -> impl IntoView {
    let d = use_dashboard();
    super::use_page_title(Msg::CompareTitle);
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let picked = Memo::new(move |_| {
        let ds = d.dataset.get()?;
        let q = query.read();
        Some(model::choose(
            &ds,
            q.get("a").as_deref(),
            q.get("b").as_deref(),
        ))
    });
    let choice = Memo::new(move |_| picked.get().and_then(|(c, _)| c));
    let go = Callback::new(move |(a, b): (String, String)| {
        let mut params = query.get_untracked();
        for (k, v) in model::params(&a, &b) {
            if let Some(v) = v {
                params.replace(k, v);
            }
        }
        let path = location.pathname.get_untracked();
        navigate(
            &format!("{path}{}", params.to_query_string()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let ready = Memo::new(move |_| d.dataset.with(Option::is_some));
    let body = move || {
        let l = d.locale.get();
        match (d.dataset.get(), d.status.get()) {
            (Some(ds), _) => {
                // Notices and comparison: one string, one element (see `render`).
                let (c, notices) = picked.get()?;
                let mut html = render::notices(&notices, l);
                let cmp = c.and_then(|c| model::compare(&ds, &c, l));
                if let Some(cmp) = &cmp {
                    html.push_str(&render::comparison(cmp, l, &|p| localized(p, l)));
                }
                let kind = cmp.map(|c| c.kind.segment());
                Some(view! { <div class="compare-body" data-testid="compare-body" data-kind=kind inner_html=html></div> }.into_any())
            }
            (None, DataStatus::Failed(e)) => Some(view! { <ErrorPanel error=e/> }.into_any()),
            (None, _) => Some(
                view! {
                    <div aria-busy="true">
                        <p class="data-line">{l.t(Msg::PagesLoading)}</p>
                        <DataLine/>
                    </div>
                }
                .into_any(),
            ),
        }
    };
    view! {
        <article class="page compare-page" data-testid="compare-page" aria-labelledby="page-title" aria-describedby=SUMMARY_ID>
            <nav class="breadcrumbs" aria-label=d.text(Msg::PagesBreadcrumbLabel)>
                <ol>
                    <li><a href=move || localized("/", d.locale.get())>{d.text(Msg::AppNavDashboard)}</a></li>
                    <li><span aria-current="page">{d.text(Msg::CompareTitle)}</span></li>
                </ol>
            </nav>
            <h1 id="page-title">{d.text(Msg::CompareTitle)}</h1>
            <p id=SUMMARY_ID class="page-summary">{d.text(Msg::CompareLede)}</p>
            {move || ready.get().then(|| view! { <Picker choice=choice go=go/> })}
            {body}
        </article>
    }
}

/// The two native selects of the kind and of each side, and "swap".
#[component]
fn Picker(choice: Memo<Option<Choice>>, go: Callback<(String, String)>) -> impl IntoView {
    let d = use_dashboard();
    // Its own memo: the options are rebuilt when the kind changes, not on every pick.
    let kind_memo = Memo::new(move |_| choice.get().map(|c| c.kind));
    let kind = move || kind_memo.get();
    // (id, name) of every region or every area, in the data's order.
    let options = move || -> Vec<(String, String)> {
        let (Some(ds), Some(k)) = (d.dataset.get(), kind()) else {
            return Vec::new();
        };
        let l = d.locale.get();
        match k {
            Kind::Area => ds
                .areas
                .iter()
                .map(|a| (a.id.clone(), a.name.get(l).to_string()))
                .collect(),
            _ => ds
                .regions
                .iter()
                .map(|r| (r.code.clone(), r.name.get(l).to_string()))
                .collect(),
        }
    };
    let select = move |side: bool| {
        move || {
            options()
                .into_iter()
                .map(|(id, name)| {
                    let mine = id.clone();
                    let selected = move || {
                        choice
                            .get()
                            .is_some_and(|c| if side { c.a == mine } else { c.b == mine })
                    };
                    view! { <option value=id prop:selected=selected>{name}</option> }
                })
                .collect_view()
        }
    };
    let on_kind = move |ev: leptos::ev::Event| {
        let k = if event_target_value(&ev) == Kind::Area.segment() {
            Kind::Area
        } else {
            Kind::Region
        };
        let Some(ds) = d.dataset.get_untracked() else {
            return;
        };
        let ids = model::ranked(&ds, k);
        if let [a, b, ..] = ids.as_slice() {
            go.run((a.to_string(), b.to_string()));
        }
    };
    // Picking the other side's one swaps them rather than asking for the same twice.
    let on_side = move |side: bool| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            let Some(c) = choice.get_untracked() else {
                return;
            };
            let (mine, other) = if side { (c.a, c.b) } else { (c.b, c.a) };
            let other = if v == other { mine } else { other };
            go.run(if side { (v, other) } else { (other, v) });
        }
    };
    let swap = move |_| {
        if let Some(c) = choice.get_untracked() {
            go.run((c.b, c.a));
        }
    };
    view! {
        <fieldset class="compare-picker" data-testid="compare-picker">
            <legend>{d.text(Msg::ComparePickLegend)}</legend>
            <div class="compare-field">
                <label for="compare-kind">{d.text(Msg::CompareKindLabel)}</label>
                <select id="compare-kind" data-testid="compare-kind" on:change=on_kind>
                    <option value=Kind::Region.segment() prop:selected=move || kind() == Some(Kind::Region)>
                        {d.text(Msg::CompareKindRegions)}
                    </option>
                    <option value=Kind::Area.segment() prop:selected=move || kind() == Some(Kind::Area)>
                        {d.text(Msg::CompareKindAreas)}
                    </option>
                </select>
            </div>
            <div class="compare-field">
                <label for="compare-a">{d.text(Msg::CompareFirstLabel)}</label>
                <select id="compare-a" data-testid="compare-a" on:change=on_side(true)>{select(true)}</select>
            </div>
            <div class="compare-field">
                <label for="compare-b">{d.text(Msg::CompareSecondLabel)}</label>
                <select id="compare-b" data-testid="compare-b" on:change=on_side(false)>{select(false)}</select>
            </div>
            <button type="button" class="button compare-swap" data-testid="compare-swap" on:click=swap>
                {d.text(Msg::CompareSwap)}
            </button>
        </fieldset>
    }
}
