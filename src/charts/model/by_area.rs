//! The "by program area" chart's model (pure).

use super::*;
use crate::plot::BarRow;

/// Chart 1: beneficiaries by program area, largest first.
pub(super) fn model(c: &Ctx) -> ChartModel {
    let mut used = Used::new(true, false, true);
    let rows = crate::stats::count_by_area(c.ds, BENEFICIARIES, c.filter);
    let mut rows: Vec<(&str, &Observation)> = rows
        .into_iter()
        .filter_map(|(id, o)| used.add(o).map(|o| (id, o)))
        .collect();
    crate::sort::sort_by(&mut rows, |a, b| {
        b.1.value().total_cmp(&a.1.value()).then(a.0.cmp(b.0))
    });
    let bars: Vec<BarRow> = rows
        .iter()
        .map(|(id, o)| BarRow {
            target: Some(Selection::Area(id.to_string())),
            label: c.area_name(id),
            value: Some(o.value()),
            value_label: c.qualified(o),
            selected: c.filter.area.as_deref() == Some(*id),
        })
        .collect();
    let summary = match rows.first() {
        Some((id, o)) => c.tf(
            Msg::ChartsByAreaSummary,
            &[
                ("n", &rows.len().to_string()),
                ("name", &isolate(&c.area_name(id))),
                ("value", &c.qualified(o)),
            ],
        ),
        None => c.t(Msg::ChartsNoData).to_string(),
    };
    let mut m = c.finish(
        ChartKind::ByArea,
        c.t(Msg::ChartsByAreaSubtitle).to_string(),
        &used,
        summary,
    );
    m.table = c.table(
        vec![
            c.t(Msg::ChartsColArea).into(),
            c.t(Msg::ChartsColBeneficiaries).into(),
        ],
        rows.iter()
            .map(|(id, o)| (vec![Cell::text(c.area_name(id)), c.count_cell(o)], vec![*o])),
    );
    m.actions_label = c.t(Msg::ChartsActionsArea).into();
    m.actions = c.area_actions(rows.iter().map(|(id, _)| *id));
    if bars.is_empty() {
        m.hidden_note = Some(c.t(Msg::ChartsNoData).into());
    } else {
        m.figure = Some(Figure::Bars(bars));
    }
    m
}
