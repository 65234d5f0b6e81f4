//! A region's page (pure): its beneficiaries (with status: the split by
//! region is illustrative), the rate per 100,000 inhabitants, its rank among
//! the regions, the census population by sex and by urban/rural area, the
//! programs present, the split by program area, and the previous and next
//! regions.

use crate::i18n::format::{self, Style};
use crate::i18n::{Locale, Msg};
use crate::map::model::region_rows;
use crate::model::{CensusArea, CensusSex, Dataset, Gender, Status};
use crate::pages::links::{FigureRow, Kind, Link, figure};
use crate::stats::{self, Filter};
use crate::summary;

/// One line of the census table: a sex, then total, urban and rural.
#[derive(Clone, Debug, PartialEq)]
pub struct PopulationRow {
    pub label: String,
    /// Total, urban, rural; `None` where the census rows lack it.
    pub cells: [Option<String>; 3],
}

#[derive(Clone, Debug, PartialEq)]
pub struct RegionPage {
    pub code: String,
    pub name: String,
    /// The plain-language summary (the page's overview).
    pub summary: String,
    /// Beneficiaries in the region with its qualifier; `None`: no figure.
    pub beneficiaries: Option<FigureRow>,
    /// Per 100,000 inhabitants (2024 census).
    pub per_100k: Option<String>,
    /// Rank (1 = most beneficiaries) and the number of regions ranked.
    pub rank: Option<(usize, usize)>,
    /// "2 of 12".
    pub rank_text: Option<String>,
    /// The census year and its source.
    pub census_year: u32,
    pub census_source: String,
    /// All, women, men.
    pub population: Vec<PopulationRow>,
    /// Programs with a place in the region.
    pub programs: Vec<Link>,
    /// Beneficiaries by program area in the region.
    pub by_area: Vec<(Link, FigureRow)>,
    /// Whether the split by area needs its "Where" column: not when every
    /// row is about this region as a whole (then it would repeat the title).
    pub by_area_where: bool,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// The rank of `code` by beneficiaries among the regions with a figure:
/// 1 + the number of regions with more; ties share a rank.
pub fn rank(ds: &Dataset, code: &str) -> Option<(usize, usize)> {
    let rows = region_rows(ds, &Filter::default());
    let counted: Vec<(&str, f64)> = rows
        .rows
        .iter()
        .filter_map(|r| r.count.map(|c| (r.code.as_str(), c)))
        .collect();
    let mine = counted.iter().find(|(c, _)| *c == code)?.1;
    let above = counted.iter().filter(|(_, v)| *v > mine).count();
    Some((above + 1, counted.len()))
}

/// The page of region `code`, or `None` when the data has no such region.
pub fn region_page(ds: &Dataset, code: &str, locale: Locale) -> Option<RegionPage> {
    let index = ds.regions.iter().position(|r| r.code == code)?;
    let region = &ds.regions[index];
    let filter = Filter {
        region: Some(code.to_string()),
        ..Filter::default()
    };
    let obs = stats::lookup(ds, "beneficiaries", &filter.dims(), false);
    let beneficiaries = obs.map(|o| figure(ds, o, locale));
    let per_100k = obs
        .and_then(|o| stats::per_100k(ds, Some(code), None, o.value()))
        .map(|v| format::number(locale, v, Style::Decimal1));
    let rank = rank(ds, code);
    let rank_text = rank.map(|(r, n)| {
        locale.tf(
            Msg::PagesRegionRankValue,
            &[
                ("rank", &format::count(locale, r as f64)),
                ("total", &format::count(locale, n as f64)),
            ],
        )
    });
    let cell = |area: CensusArea, sex: CensusSex| {
        ds.population(Some(code), area, sex)
            .map(|p| format::count(locale, p as f64))
    };
    let population = [
        (locale.t(Msg::PagesPopAll), CensusSex::All),
        (locale.t(Gender::Female.msg()), CensusSex::Female),
        (locale.t(Gender::Male.msg()), CensusSex::Male),
    ]
    .into_iter()
    .map(|(label, sex)| PopulationRow {
        label: label.to_string(),
        cells: [
            cell(CensusArea::Total, sex),
            cell(CensusArea::Urban, sex),
            cell(CensusArea::Rural, sex),
        ],
    })
    .filter(|row| row.cells.iter().any(Option::is_some))
    .collect();
    let programs = ds
        .programs
        .iter()
        .filter(|p| p.places.iter().any(|pl| pl.region.as_deref() == Some(code)))
        .map(|p| Link::new(Kind::Program, &p.id, p.name.get(locale)))
        .collect();
    let by_area: Vec<(Link, FigureRow)> = stats::count_by_area(ds, "beneficiaries", &filter)
        .into_iter()
        .filter_map(|(id, o)| {
            let area = ds.area(id)?;
            Some((
                Link::new(Kind::Area, id, area.name.get(locale)),
                figure(ds, o?, locale),
            ))
        })
        .collect();
    let n = ds.regions.len();
    let neighbour = |i: usize| {
        let r = &ds.regions[i];
        Link::new(Kind::Region, &r.code, r.name.get(locale))
    };
    let name = region.name.get(locale);
    let by_area_where = !only_here(by_area.iter().map(|(_, f)| f), name);
    Some(RegionPage {
        by_area_where,
        code: code.to_string(),
        name: region.name.get(locale).to_string(),
        summary: summary::summary(ds, &filter, locale),
        beneficiaries,
        per_100k,
        rank,
        rank_text,
        census_year: ds.population.year,
        census_source: ds
            .source(&ds.population.source)
            .map(|s| format!("{} · {}", s.publisher, s.title.get(locale)))
            .unwrap_or_else(|| ds.population.source.clone()),
        population,
        programs,
        by_area,
        prev: (n > 1).then(|| neighbour((index + n - 1) % n)),
        next: (n > 1).then(|| neighbour((index + 1) % n)),
    })
}

/// Whether every row is about `place` as a whole (no gender, no group).
pub fn only_here<'a>(mut rows: impl Iterator<Item = &'a FigureRow>, place: &str) -> bool {
    rows.all(|f| f.place == place && f.who.is_none())
}

impl RegionPage {
    /// Whether the region's figure is an illustrative split.
    pub fn is_illustrative(&self) -> bool {
        self.beneficiaries
            .as_ref()
            .is_some_and(|b| b.status == Status::Illustrative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::small;

    #[test]
    fn a_region_page_has_its_figures_rank_and_neighbours() {
        let ds = small();
        let p = region_page(&ds, "R2", Locale::En).unwrap();
        assert_eq!(p.name, "Region R2");
        let b = p.beneficiaries.as_ref().unwrap();
        assert_eq!(b.value, "about 900");
        assert_eq!(b.status, Status::Illustrative);
        assert!(p.is_illustrative());
        // 900 / 300,000 × 100,000.
        assert_eq!(p.per_100k.as_deref(), Some("300.0"));
        assert_eq!(p.rank, Some((1, 2)));
        assert_eq!(p.rank_text.as_deref(), Some("1 of 2"));
        assert_eq!(p.programs, vec![Link::new(Kind::Program, "prog", "Prog")]);
        assert_eq!(p.prev.as_ref().unwrap().path, "/regions/R1");
        assert_eq!(p.next.as_ref().unwrap().path, "/regions/R3");
        assert!(p.summary.contains("illustrative"), "{}", p.summary);
        let areas: Vec<(&str, &str)> = p
            .by_area
            .iter()
            .map(|(l, f)| (l.text.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            areas,
            vec![
                ("Area alpha", "about 540"),
                ("Area beta", "about 90"),
                ("Area gamma", "about 270")
            ]
        );
        // Every row is the region itself: no "Where" column repeating it.
        assert!(p.by_area.iter().all(|(_, f)| f.place == "Region R2"));
        assert!(!p.by_area_where);
    }

    #[test]
    fn the_where_column_stays_when_a_row_is_about_somewhere_or_someone_else() {
        let ds = small();
        let p = region_page(&ds, "R2", Locale::En).unwrap();
        let rows: Vec<FigureRow> = p.by_area.iter().map(|(_, f)| f.clone()).collect();
        assert!(only_here(rows.iter(), "Region R2"));
        let mut elsewhere = rows.clone();
        elsewhere[1].place = "Region R1".into();
        assert!(!only_here(elsewhere.iter(), "Region R2"));
        let mut someone = rows.clone();
        someone[0].who = Some("women".into());
        assert!(!only_here(someone.iter(), "Region R2"));
    }

    #[test]
    fn census_by_sex_and_urban_rural() {
        let ds = small();
        let p = region_page(&ds, "R1", Locale::Fr).unwrap();
        assert_eq!(p.census_year, 2024);
        assert_eq!(p.rank, Some((2, 2)));
        assert_eq!(p.rank_text.as_deref(), Some("2 sur 2"));
        let rows: Vec<(&str, [Option<&str>; 3])> = p
            .population
            .iter()
            .map(|r| (r.label.as_str(), r.cells.each_ref().map(|c| c.as_deref())))
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "Ensemble",
                    [
                        Some("10\u{202F}000"),
                        Some("6\u{202F}000"),
                        Some("4\u{202F}000")
                    ]
                ),
                ("Femmes", [Some("5\u{202F}100"), None, None]),
                ("Hommes", [Some("4\u{202F}900"), None, None]),
            ]
        );
    }

    #[test]
    fn regions_without_figures_and_unknown_codes() {
        let ds = small();
        let p = region_page(&ds, "R3", Locale::Ar).unwrap();
        assert_eq!(p.beneficiaries, None);
        assert_eq!(p.rank, None);
        assert_eq!(p.per_100k, None);
        assert!(p.programs.is_empty());
        // The last region's next one is the first.
        assert_eq!(p.next.unwrap().path, "/regions/R1");
        assert_eq!(region_page(&ds, "R9", Locale::En), None);
    }
}
