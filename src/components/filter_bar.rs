//! The filter bar (browser): region, program area and gender, mirrored in the
//! URL so that a view can be shared as a link.

use crate::i18n::Msg;
use crate::model::Gender;
use crate::state::use_dashboard;
use crate::stats::Filter;
use leptos::prelude::*;

#[component]
pub fn FilterBar() -> impl IntoView {
    let d = use_dashboard();
    let set = move |f: Filter| d.set_filter.run(f);
    let options = move |kind: &'static str| {
        let l = d.locale.get();
        let ds = d.dataset.get();
        let list: Vec<(String, String)> = match (kind, ds) {
            ("region", Some(ds)) => ds
                .regions
                .iter()
                .map(|r| (r.code.clone(), r.name.get(l).to_string()))
                .collect(),
            ("area", Some(ds)) => ds
                .areas
                .iter()
                .map(|a| (a.id.clone(), a.name.get(l).to_string()))
                .collect(),
            ("gender", _) => vec![
                ("female".into(), l.t(Msg::AppGenderFemale).into()),
                ("male".into(), l.t(Msg::AppGenderMale).into()),
            ],
            _ => vec![],
        };
        let f = d.filter.get();
        let selected = match kind {
            "region" => f.region.clone(),
            "area" => f.area.clone(),
            _ => f.gender.map(|g| {
                if g == Gender::Female {
                    "female".into()
                } else {
                    "male".into()
                }
            }),
        };
        let all = match kind {
            "region" => l.t(Msg::AppFilterAllRegions),
            "area" => l.t(Msg::AppFilterAllAreas),
            _ => l.t(Msg::AppFilterAllGenders),
        };
        let head = view! { <option value="" selected=selected.is_none()>{all}</option> };
        let rest = list
            .into_iter()
            .map(|(v, name)| {
                let sel = selected.as_deref() == Some(v.as_str());
                view! { <option value=v selected=sel>{name}</option> }
            })
            .collect_view();
        (head, rest)
    };
    let on_change = move |kind: &'static str, value: String| {
        let mut f = d.filter.get_untracked();
        let v = (!value.is_empty()).then_some(value);
        match kind {
            "region" => f.region = v,
            "area" => f.area = v,
            _ => {
                f.gender = v.and_then(|g| match g.as_str() {
                    "female" => Some(Gender::Female),
                    "male" => Some(Gender::Male),
                    _ => None,
                })
            }
        }
        set(f);
    };
    let select = move |kind: &'static str, label: Msg| {
        let id = format!("filter-{kind}");
        view! {
            <div class="filter-field">
                <label for=id.clone()>{move || d.t(label)}</label>
                <select id=id data-testid=format!("filter-{kind}") on:change=move |ev| on_change(kind, event_target_value(&ev))>
                    {move || options(kind)}
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
    view! {
        <section class="filter-bar" aria-label=move || d.t(Msg::AppFilterLabel) data-testid="filter-bar">
            {select("region", Msg::AppFilterRegion)}
            {select("area", Msg::AppFilterArea)}
            {select("gender", Msg::AppFilterGender)}
            <button
                type="button"
                class="button button-quiet"
                data-testid="filter-clear"
                disabled=move || d.filter.get().is_empty()
                on:click=move |_| set(Filter::default())
            >
                {move || d.t(Msg::AppFilterClear)}
            </button>
            <button type="button" class="button button-quiet" data-testid="share-link" on:click=share>
                {move || d.t(Msg::AppShareLink)}
            </button>
            <span class="share-status" role="status" data-testid="share-status">
                {move || match copied.get() {
                    "ok" => d.t(Msg::AppShareCopied),
                    "fail" => d.t(Msg::AppShareFailed),
                    _ => "",
                }}
            </span>
        </section>
        <p class="filter-summary" aria-live="polite" data-testid="filter-summary">
            {move || {
                let f = d.filter.get();
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
                    parts.push(l.t(if g == Gender::Female { Msg::AppGenderFemale } else { Msg::AppGenderMale }).to_string());
                }
                Some(if parts.is_empty() {
                    l.t(Msg::AppFilterNone).to_string()
                } else {
                    l.tf(Msg::AppFilterShowing, &[("selection", &parts.join(" · "))])
                })
            }}
        </p>
    }
}
