//! The headline figures as cards (browser view of [`super::cards`]).

use super::{Card, Label, Value, cards};
use crate::i18n::{Locale, Msg, format};
use crate::model::{Dataset, Qualifier};
use crate::state::use_dashboard;
use leptos::prelude::*;

pub fn label_text(ds: &Dataset, l: Locale, label: &Label) -> String {
    match label {
        Label::Indicator(id) => ds
            .indicator(id)
            .map(|i| i.name.get(l).to_string())
            .unwrap_or_else(|| id.clone()),
        Label::Women => l.t(Msg::AppKpiWomen).to_string(),
        Label::Group(id) => {
            let name = ds
                .group(id)
                .map(|g| g.name.get(l).to_string())
                .unwrap_or_else(|| id.clone());
            l.tf(
                Msg::AppKpiGroupShare,
                &[("group", &crate::i18n::isolate(&name))],
            )
        }
        Label::Regions => l.t(Msg::AppKpiRegions).to_string(),
        Label::Areas => l.t(Msg::AppKpiAreas).to_string(),
    }
}

/// The number as shown big (`4,200+`) and in words (`more than 4,200`).
fn value_texts(l: Locale, c: &Card) -> (String, String) {
    let n = match c.value {
        Value::Count(v) => format::count(l, v),
        Value::Share(v) => format::percent(l, v),
        Value::NotAvailable => return ("—".into(), l.t(Msg::AppKpiNotAvailable).into()),
    };
    (c.qualifier.compact(&n), c.qualifier.words(l, &n))
}

pub fn testid(label: &Label) -> String {
    match label {
        Label::Indicator(id) => id.clone(),
        Label::Women => "women".into(),
        Label::Group(id) => format!("group-{id}"),
        Label::Regions => "regions".into(),
        Label::Areas => "areas".into(),
    }
}

#[component]
pub fn HeadlineCard(card: Card) -> impl IntoView {
    let d = use_dashboard();
    let ds = d.dataset.get_untracked();
    let l = d.locale.get_untracked();
    let label = ds
        .as_ref()
        .map(|ds| label_text(ds, l, &card.label))
        .unwrap_or_default();
    let (big, words) = value_texts(l, &card);
    let available = card.value != Value::NotAvailable;
    let source = card
        .source
        .as_deref()
        .and_then(|id| ds.as_ref()?.source(id))
        .map(|s| {
            l.tf(
                Msg::AppSourceShort,
                &[
                    // Isolated: "UM6P، 9 يوليوز" would otherwise read "9 .UM6P".
                    ("publisher", &crate::i18n::isolate(&s.publisher)),
                    ("date", &format::date(l, &s.date)),
                ],
            )
        });
    let title = card
        .source
        .as_deref()
        .and_then(|id| ds.as_ref()?.source(id))
        .map(|s| s.title.get(l).to_string());
    let show_words = card.qualifier != Qualifier::Exact || !available;
    view! {
        <article class="kpi" class:kpi-na=!available data-testid="kpi-card" data-kpi=testid(&card.label)>
            <h3 class="kpi-label">{label}</h3>
            <p class="kpi-value">
                <bdi dir="ltr" aria-hidden="true">{big}</bdi>
                <span class="visually-hidden">{words.clone()}</span>
            </p>
            {show_words.then(|| view! { <p class="kpi-words" aria-hidden="true">{words}</p> })}
            {available.then(|| view! {
                <p class="kpi-meta">
                    <span class=card.status.badge_class()>{l.t(card.status.msg())}</span>
                    {card.derived.then(|| view! { <span class="kpi-derived">{l.t(Msg::AppKpiDerived)}</span> })}
                </p>
                <p class="kpi-source" title=title>{source.map(|s| l.tf(Msg::AppSourceLine, &[("source", &s)]))}</p>
            })}
        </article>
    }
}

/// The key figure (the first card: the people reached) on one line, with its
/// status (its source is the data line's, just below): on a phone it stands at the top of the dashboard, before
/// the map, while the cards follow the map (style/pages.css). Hidden from
/// screen readers: the summary above it says the same in words, and the
/// cards are the accessible figures.
#[component]
pub fn KeyFigure() -> impl IntoView {
    let d = use_dashboard();
    move || {
        let ds = d.dataset.get()?;
        let l = d.locale.get();
        let card = cards(&ds, &d.shown_filter.get()).into_iter().next()?;
        if card.value == Value::NotAvailable {
            return None;
        }
        let label = label_text(&ds, l, &card.label);
        let (big, _) = value_texts(l, &card);
        Some(view! {
            <p class="key-figure" data-testid="key-figure" aria-hidden="true">
                <bdi class="key-figure-value" dir="ltr">{big}</bdi>
                " "
                <span class="key-figure-label">{label}</span>
                " "
                <span class=card.status.badge_class()>{l.t(card.status.msg())}</span>
            </p>
        })
    }
}

/// The headline panel: the grid of cards for the current filter; a
/// skeleton while loading.
#[component]
pub fn HeadlinePanel() -> impl IntoView {
    let d = use_dashboard();
    // Issue 14: the cards are rebuilt only when they change, not on every
    // filter change (most filters leave the lab's reported totals as they are).
    let list = Memo::new(move |_| {
        let filter = d.shown_filter.get();
        d.dataset
            .with(|ds| ds.as_ref().map(|ds| cards(ds, &filter)))
    });
    view! {
        <section class="kpi-section" aria-labelledby="kpi-heading">
            <h2 id="kpi-heading" class="section-title">{d.text(Msg::AppKpiHeading)}</h2>
            <div class="kpi-grid" data-testid="kpi-grid">
                {move || {
                    // Re-render on language change too: the cards' texts are plain strings.
                    let _ = d.locale.get();
                    match d.dataset.get().zip(list.get()) {
                        Some((ds, all)) => {
                            let l = d.locale.get();
                            let (shown, missing): (Vec<Card>, Vec<Card>) = all
                                .into_iter()
                                .partition(|c| c.value != Value::NotAvailable);
                            // Figures the lab has not reported for this selection are
                            // named once, not drawn as empty cards.
                            let missing = (!missing.is_empty()).then(|| {
                                let names: Vec<String> = missing.iter().map(|c| label_text(&ds, l, &c.label)).collect();
                                view! {
                                    <p class="kpi-missing" data-testid="kpi-missing">
                                        {l.tf(Msg::AppKpiMissing, &[("names", &names.iter().map(|n| crate::i18n::isolate(n)).collect::<Vec<_>>().join(" · "))])}
                                    </p>
                                }
                            });
                            view! {
                                {shown.into_iter().map(|c| view! { <HeadlineCard card=c/> }).collect_view()}
                                {missing}
                            }
                            .into_any()
                        }
                        None => (0..6)
                            .map(|_| view! { <div class="kpi kpi-skeleton" aria-hidden="true"></div> })
                            .collect_view()
                            .into_any(),
                    }
                }}
            </div>
        </section>
    }
}
