//! A program area's page (pure): what the lab reports about the area and its
//! programs, whether any of it is a reported figure (an area with none says
//! so), the split by gender and by region, and its programs.

use crate::i18n::Locale;
use crate::model::{Dataset, Status};
use crate::pages::links::{FigureRow, Kind, Link, figure};
use crate::stats::{self, Filter};
use crate::summary;

#[derive(Clone, Debug, PartialEq)]
pub struct AreaPage {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// Whether the lab reported any figure for the area or its programs.
    pub has_reported: bool,
    /// The area's own figures (no region, gender or group), then its
    /// programs' figures (with the program's name).
    pub figures: Vec<(Option<Link>, FigureRow)>,
    /// Beneficiaries by gender.
    pub by_gender: Vec<FigureRow>,
    /// Beneficiaries by region, with the region's page.
    pub by_region: Vec<FigureRow>,
    pub programs: Vec<Link>,
}

/// The page of area `id`, or `None` when the data has no such area.
pub fn area_page(ds: &Dataset, id: &str, locale: Locale) -> Option<AreaPage> {
    let area = ds.area(id)?;
    let mine = || {
        ds.observations
            .iter()
            .filter(|o| o.area.as_deref() == Some(id))
    };
    let figures = mine()
        .filter(|o| {
            o.region.is_none() && o.country.is_none() && o.gender.is_none() && o.group.is_none()
        })
        .map(|o| {
            let program = o.program.as_deref().and_then(|p| ds.program(p));
            (
                program.map(|p| Link::new(Kind::Program, &p.id, p.name.get(locale))),
                figure(ds, o, locale),
            )
        })
        .collect();
    let filter = Filter {
        area: Some(id.to_string()),
        ..Filter::default()
    };
    let by_gender = crate::model::Gender::ALL
        .into_iter()
        .filter_map(|g| {
            let dims = Filter {
                gender: Some(g),
                ..filter.clone()
            }
            .dims();
            stats::lookup(ds, "beneficiaries", &dims, false).map(|o| figure(ds, o, locale))
        })
        .collect();
    let by_region = stats::count_by_region(ds, "beneficiaries", &filter)
        .into_iter()
        .filter_map(|(_, o)| o.map(|o| figure(ds, o, locale)))
        .collect();
    Some(AreaPage {
        id: id.to_string(),
        name: area.name.get(locale).to_string(),
        summary: summary::summary(ds, &filter, locale),
        has_reported: mine().any(|o| o.status == Status::Reported),
        figures,
        by_gender,
        by_region,
        programs: ds
            .programs
            .iter()
            .filter(|p| p.area == id)
            .map(|p| Link::new(Kind::Program, &p.id, p.name.get(locale)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::small;

    #[test]
    fn an_area_with_reported_figures_and_programs() {
        let ds = small();
        let a = area_page(&ds, "beta", Locale::En).unwrap();
        assert!(a.has_reported);
        assert_eq!(a.programs, vec![Link::new(Kind::Program, "prog", "Prog")]);
        let figs: Vec<(Option<&str>, &str, &str, Status)> = a
            .figures
            .iter()
            .map(|(l, f)| {
                (
                    l.as_ref().map(|l| l.text.as_str()),
                    f.indicator.as_str(),
                    f.value.as_str(),
                    f.status,
                )
            })
            .collect();
        assert_eq!(
            figs,
            vec![
                (Some("Prog"), "incubators", "12", Status::Reported),
                (None, "Beneficiaries", "about 100", Status::Illustrative),
            ]
        );
        let g: Vec<(&str, &str)> = a
            .by_gender
            .iter()
            .map(|f| (f.who.as_deref().unwrap(), f.value.as_str()))
            .collect();
        assert_eq!(g, vec![("Women", "about 90"), ("Men", "about 10")]);
        let r: Vec<&str> = a.by_region.iter().map(|f| f.place.as_str()).collect();
        assert_eq!(r, vec!["Region R1", "Region R2"]);
    }

    #[test]
    fn an_area_without_reported_figures_says_so() {
        let ds = small();
        let a = area_page(&ds, "gamma", Locale::Fr).unwrap();
        assert!(!a.has_reported);
        assert!(a.programs.is_empty());
        assert!(
            a.figures
                .iter()
                .all(|(_, f)| f.status == Status::Illustrative)
        );
        assert!(a.summary.contains("illustrative"), "{}", a.summary);
        assert_eq!(area_page(&ds, "delta", Locale::Fr), None);
    }
}
