//! The "over time" chart's model (pure).

use super::*;
use crate::plot::BarRow;
use crate::stats::{Dims, lookup};

/// Chart 5: beneficiaries per period, drawn only with two periods or more.
pub(super) fn model(c: &Ctx) -> ChartModel {
    // BENEFICIARIES is the reach indicator: its periods are indexed.
    let periods = c.ds.reach_periods();
    let mut used = Used::new(true, true, true);
    let mut rows = Vec::new();
    for p in &periods {
        let dims = Dims {
            period: Some(p.to_string()),
            ..c.filter.dims()
        };
        if let Some(o) = used.add(lookup(c.ds, BENEFICIARIES, &dims, false)) {
            rows.push((*p, o));
        }
    }
    let summary = match (rows.first(), rows.last()) {
        (Some(first), Some(last)) if rows.len() > 1 => c.tf(
            Msg::ChartsOverTimeSummary,
            &[
                ("first", first.0),
                ("last", last.0),
                ("from", &c.qualified(first.1)),
                ("to", &c.qualified(last.1)),
            ],
        ),
        _ => String::new(),
    };
    let mut m = c.finish(
        ChartKind::OverTime,
        c.t(Msg::ChartsOverTimeSubtitle).to_string(),
        &used,
        summary,
    );
    if rows.len() < 2 {
        m.hidden_note = Some(match periods.as_slice() {
            [] => c.t(Msg::ChartsOverTimeNoPeriod).to_string(),
            [one] => c.tf(Msg::ChartsOverTimeOnePeriod, &[("period", one)]),
            _ => c.t(Msg::ChartsNoData).to_string(),
        });
        m.summary = m.hidden_note.clone().unwrap_or_default();
        // Nothing is shown: no status, no source to state.
        m.status_note.clear();
        m.source_note.clear();
        return m;
    }
    m.table = c.table(
        vec![
            c.t(Msg::ChartsColPeriod).into(),
            c.t(Msg::ChartsColBeneficiaries).into(),
        ],
        rows.iter()
            .map(|(p, o)| (vec![Cell::text(*p), c.count_cell(o)], vec![*o])),
    );
    m.figure = Some(Figure::Bars(
        rows.iter()
            .map(|(p, o)| BarRow {
                target: None,
                label: p.to_string(),
                value: Some(o.value()),
                value_label: c.qualified(o),
                selected: false,
            })
            .collect(),
    ));
    m
}
