//! The headline figures panel: the pure model (which cards the dashboard
//! shows under a filter, each with its value, qualifier, status and source)
//! and its view (`view`).

pub mod view;
pub use view::HeadlinePanel;

use crate::model::{Dataset, Gender, Observation, Qualifier, Status};
use crate::stats::{Dims, Filter, lookup};

/// What a card counts.
#[derive(Clone, Debug, PartialEq)]
pub enum Label {
    /// An indicator of the dataset (its name comes from the data).
    Indicator(String),
    /// The share of women among beneficiaries.
    Women,
    /// The share of a group (its name comes from the data).
    Group(String),
    /// Regions of Morocco reached.
    Regions,
    /// Program areas.
    Areas,
}

/// A card's number.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Count(f64),
    Share(f64),
    /// The data has no figure for this selection.
    NotAvailable,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub label: Label,
    pub value: Value,
    pub qualifier: Qualifier,
    pub status: Status,
    /// Source id (resolve with `Dataset::source`).
    pub source: Option<String>,
    /// Derived by the dashboard from two figures (e.g. women / all).
    pub derived: bool,
}

const PEOPLE: &str = "beneficiaries";
const OTHER_COUNTS: [&str; 3] = ["cooperatives", "cooperative_members", "women_entrepreneurs"];

fn card(label: Label, o: Option<&Observation>) -> Card {
    match o {
        Some(o) => Card {
            label,
            value: if o.is_share() {
                Value::Share(o.value())
            } else {
                Value::Count(o.value())
            },
            qualifier: o.qualifier,
            status: o.status,
            source: Some(o.source.to_string()),
            derived: false,
        },
        None => Card {
            label,
            value: Value::NotAvailable,
            qualifier: Qualifier::Exact,
            status: Status::Reported,
            source: None,
            derived: false,
        },
    }
}

/// The share of `part` within `whole` under `dims`: the data's own share if
/// it has one, else derived from two counts (then at best as sure as the
/// less sure of the two).
fn share(ds: &Dataset, dims: &Dims, part: Dims, label: Label) -> Card {
    if let Some(o) = lookup(ds, PEOPLE, &part, true) {
        return card(label, Some(o));
    }
    match (
        lookup(ds, PEOPLE, &part, false),
        lookup(ds, PEOPLE, dims, false),
    ) {
        (Some(p), Some(w)) if w.value() > 0.0 => Card {
            label,
            value: Value::Share(p.value() / w.value()),
            qualifier: Qualifier::About,
            status: p.status.max(w.status),
            source: Some(p.source.to_string()),
            derived: true,
        },
        _ => card(label, None),
    }
}

/// The best observation of a non-people indicator under `filter`: same
/// region and gender, the filter's area if it has one, else the indicator's
/// only area row (cooperatives are counted by one program area).
fn other_count<'a>(ds: &'a Dataset, indicator: &str, filter: &Filter) -> Option<&'a Observation> {
    // Looked up, not scanned (issue 14: 100,000 rows at each filter change).
    let candidates: Vec<&Observation> = ds
        .plain_counts(indicator, filter.region.as_deref(), filter.gender)
        .into_iter()
        .filter(|o| filter.area.is_none() || o.area.as_deref() == filter.area.as_deref())
        .collect();
    candidates
        .iter()
        .find(|o| o.area.as_deref() == filter.area.as_deref())
        .or_else(|| (candidates.len() == 1).then(|| &candidates[0]))
        .copied()
}

/// The cards for `filter`, in display order.
pub fn cards(ds: &Dataset, filter: &Filter) -> Vec<Card> {
    let dims = filter.dims();
    let total = lookup(ds, PEOPLE, &dims, false);
    let mut out = vec![card(Label::Indicator(PEOPLE.into()), total)];
    if filter.gender.is_none() {
        let part = Dims {
            gender: Some(Gender::Female),
            ..dims.clone()
        };
        out.push(share(ds, &dims, part, Label::Women));
    }
    for g in &ds.groups {
        let part = Dims {
            group: Some(g.id.clone()),
            ..dims.clone()
        };
        if ds.names_group(&g.id) {
            out.push(share(ds, &dims, part, Label::Group(g.id.clone())));
        }
    }
    for ind in OTHER_COUNTS {
        if ds.indicator(ind).is_some() {
            out.push(card(
                Label::Indicator(ind.into()),
                other_count(ds, ind, filter),
            ));
        }
    }
    // How far the lab reaches: only as the lab reported it, never counted
    // from the reference lists.
    if filter.is_empty() {
        for (label, ind) in [
            (Label::Regions, "regions_reached"),
            (Label::Areas, "program_areas"),
        ] {
            if let Some(o) = lookup(ds, ind, &Dims::default(), false) {
                out.push(card(label, Some(o)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::small as fixture;

    #[test]
    fn overall_cards_use_reported_figures() {
        let ds = fixture();
        let c = cards(&ds, &Filter::default());
        assert_eq!(c[0].value, Value::Count(1000.0));
        assert_eq!(c[0].qualifier, Qualifier::MoreThan);
        assert_eq!(
            c[1],
            Card {
                label: Label::Women,
                value: Value::Share(0.4),
                qualifier: Qualifier::Exact,
                status: Status::Reported,
                source: Some("src".into()),
                derived: false
            }
        );
        assert_eq!(c[2].value, Value::Share(0.5));
        let coop = c
            .iter()
            .find(|c| c.label == Label::Indicator("cooperatives".into()))
            .unwrap();
        assert_eq!(
            (coop.value.clone(), coop.qualifier),
            (Value::Count(700.0), Qualifier::MoreThan)
        );
        assert!(c.contains(&Card {
            label: Label::Regions,
            value: Value::Count(3.0),
            qualifier: Qualifier::Exact,
            status: Status::Reported,
            source: Some("src".into()),
            derived: false
        }));
        // No reported count of program areas: no card, rather than counting the list.
        assert!(c.iter().all(|c| c.label != Label::Areas));
    }

    #[test]
    fn a_region_filter_derives_shares_and_marks_them() {
        let ds = fixture();
        let f = Filter {
            region: Some("R2".into()),
            ..Filter::default()
        };
        let c = cards(&ds, &f);
        assert_eq!(
            (c[0].value.clone(), c[0].status),
            (Value::Count(900.0), Status::Illustrative)
        );
        assert_eq!(c[1].value, Value::Share(0.5));
        assert!(c[1].derived);
        assert_eq!(c[1].status, Status::Illustrative);
        // No NEET or cooperative figure by region: said, not invented.
        assert_eq!(c[2].value, Value::NotAvailable);
        assert!(
            c.iter()
                .all(|c| !matches!(c.label, Label::Regions | Label::Areas))
        );
    }

    #[test]
    fn a_gender_filter_drops_the_women_card() {
        let ds = fixture();
        let f = Filter {
            gender: Some(Gender::Female),
            ..Filter::default()
        };
        assert!(cards(&ds, &f).iter().all(|c| c.label != Label::Women));
    }
}
