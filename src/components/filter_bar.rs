//! The filter bar (browser): region, program area and gender, mirrored in the
//! URL so that a view can be shared as a link.

use crate::i18n::Msg;
use crate::model::Gender;
use crate::query;
use crate::state::use_dashboard;
use crate::stats::Filter;
use crate::vocab::FilterField;
use leptos::prelude::*;

#[component]
pub fn FilterBar() -> impl IntoView {
    let d = use_dashboard();
    let set = move |f: Filter| d.set_filter.run(f);
    // The selected value of a field, read from the filter.
    let selected = move |field: FilterField| -> Option<String> {
        let i = FilterField::ALL
            .iter()
            .position(|f| *f == field)
            .unwrap_or(0);
        d.filter.with(|f| query::filter_params(f)[i].clone())
    };
    let options = move |field: FilterField| {
        let l = d.locale.get();
        let ds = d.dataset.get();
        let list: Vec<(String, String)> = match (field, ds) {
            (FilterField::Region, Some(ds)) => ds
                .regions
                .iter()
                .map(|r| (r.code.clone(), r.name.get(l).to_string()))
                .collect(),
            (FilterField::Area, Some(ds)) => ds
                .areas
                .iter()
                .map(|a| (a.id.clone(), a.name.get(l).to_string()))
                .collect(),
            (FilterField::Gender, _) => Gender::ALL
                .into_iter()
                .map(|g| (g.as_str().to_string(), l.t(g.msg()).to_string()))
                .collect(),
            _ => vec![],
        };
        // Issue 14: the options depend on the data and the language only; a
        // filter change moves the selection (`prop:selected`) instead of
        // building every option of every select again.
        let current = Memo::new(move |_| selected(field));
        let is = move |v: Option<String>| move || current.with(|c| *c == v);
        let head = view! {
            <option value="" prop:selected=is(None)>{l.t(field.all_msg())}</option>
        };
        let rest = list
            .into_iter()
            .map(|(v, name)| {
                view! { <option value=v.clone() prop:selected=is(Some(v))>{name}</option> }
            })
            .collect_view();
        (head, rest)
    };
    let on_change = move |field: FilterField, value: String| {
        let mut f = d.filter.get_untracked();
        let v = (!value.is_empty()).then_some(value);
        match field {
            FilterField::Region => f.region = v,
            FilterField::Area => f.area = v,
            FilterField::Gender => f.gender = v.and_then(|g| Gender::parse(&g)),
        }
        set(f);
    };
    let select = move |field: FilterField| {
        let id = format!("filter-{}", field.as_str());
        view! {
            <div class="filter-field">
                <label for=id.clone()>{move || d.t(field.msg())}</label>
                <select id=id.clone() data-testid=id on:change=move |ev| on_change(field, event_target_value(&ev))>
                    {move || options(field)}
                </select>
            </div>
        }
    };
    // "" idle, "ok" copied, "fail" refused: the message says which.
    let copied = RwSignal::new("");
    let share = move |_| {
        leptos::task::spawn_local(async move {
            copied.set(if crate::web::copy_current_url().await {
                "ok"
            } else {
                "fail"
            });
        });
    };
    // Issue 12: on a phone the form is folded behind a button beside the
    // filter summary (CSS shows the button and folds the form below 40rem).
    let open = RwSignal::new(false);
    view! {
        <div class="filter-head">
            <p class="filter-summary" aria-live="polite" data-testid="filter-summary">
                {move || {
                    // Issue 14 (H18): the summary is text (a layout of the
                    // page): it follows after the frame that shows the
                    // controls and the map, and is announced then.
                    let f = d.shown_filter.get();
                    let l = d.locale.get();
                    let ds = d.dataset.get()?;
                    let mut parts = Vec::new();
                    if let Some(r) = f.region.as_deref().and_then(|r| ds.region(r)) {
                        parts.push(r.name.get(l).to_string());
                    }
                    if let Some(a) = f.area.as_deref().and_then(|a| ds.area(a)) {
                        parts.push(a.name.get(l).to_string());
                    }
                    if let Some(g) = f.gender {
                        parts.push(l.t(g.msg()).to_string());
                    }
                    Some(if parts.is_empty() {
                        l.t(Msg::AppFilterNone).to_string()
                    } else {
                        {
                        let parts: Vec<String> = parts.iter().map(|p| crate::i18n::isolate(p)).collect();
                        l.tf(Msg::AppFilterShowing, &[("selection", &parts.join(" · "))])
                    }
                    })
                }}
            </p>
            <button
                type="button"
                class="button button-quiet filter-toggle"
                data-testid="filter-toggle"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="filter-form"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || d.t(if open.get() { Msg::PagesFiltersClose } else { Msg::PagesFiltersOpen })}
            </button>
        </div>
        <section
            id="filter-form"
            class="filter-bar"
            class:is-open=move || open.get()
            aria-label=d.text(Msg::AppFilterLabel)
            data-testid="filter-bar"
        >
            {FilterField::ALL.map(select)}
            <button
                type="button"
                class="button button-quiet"
                data-testid="filter-clear"
                disabled=move || d.filter.get().is_empty()
                on:click=move |_| set(Filter::default())
            >
                {d.text(Msg::AppFilterClear)}
            </button>
            <button type="button" class="button button-quiet" data-testid="share-link" on:click=share>
                {d.text(Msg::AppShareLink)}
            </button>
            <span class="share-status" role="status" data-testid="share-status">
                {move || match copied.get() {
                    "ok" => d.t(Msg::AppShareCopied),
                    "fail" => d.t(Msg::AppShareFailed),
                    _ => "",
                }}
            </span>
        </section>
    }
}
