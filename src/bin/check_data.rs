//! `check-data [--lang ar|fr|en] FILE` (native): checks an impact data file
//! as the dashboard would and prints every problem with its JSON path; on a
//! valid file, a summary of what it holds.
//! Exit status: 0 valid (warnings allowed), 1 invalid (too large included),
//! 2 unreadable or usage.

use impact_atlas::i18n::{Locale, Msg};
use impact_atlas::model::parse::check;
use impact_atlas::model::validate::{has_errors, num};
use impact_atlas::model::{Dataset, MAX_DOCUMENT_BYTES, REACH_INDICATOR, Status};
use std::collections::BTreeSet;
use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut locale = std::env::var("LANG")
        .ok()
        .and_then(|l| Locale::from_tag(&l))
        .unwrap_or(Locale::En);
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => match args.next().as_deref().and_then(Locale::from_tag) {
                Some(l) => locale = l,
                None => return usage(locale),
            },
            "-h" | "--help" => {
                println!("{}", locale.t(Msg::DataReportUsage));
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() && !arg.starts_with("--") => file = Some(arg),
            _ => return usage(locale),
        }
    }
    let Some(file) = file else {
        return usage(locale);
    };
    let bytes = match read_capped(&file) {
        Ok(Read_::Bytes(b)) => b,
        Ok(Read_::TooLarge(size)) => {
            println!(
                "{}",
                locale.tf(
                    Msg::ValidateReportFileTooLarge,
                    &[
                        ("file", &file),
                        ("size", &size.to_string()),
                        ("limit", &MAX_DOCUMENT_BYTES.to_string()),
                    ]
                )
            );
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!(
                "{}",
                locale.tf(
                    Msg::DataReportUnreadable,
                    &[("file", &file), ("detail", &e.to_string())]
                )
            );
            return ExitCode::from(2);
        }
    };
    let (ds, problems) = check(&bytes);
    for p in &problems {
        println!("{}", p.describe(locale));
    }
    match ds {
        Some(ds) if !has_errors(&problems) => {
            for line in summary(&ds, locale) {
                println!("{line}");
            }
            println!(
                "{}",
                locale.tf(
                    Msg::DataReportOk,
                    &[
                        ("observations", &ds.observations.len().to_string()),
                        ("sources", &ds.sources.len().to_string()),
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        _ => {
            let errors = problems.iter().filter(|p| p.is_error()).count();
            println!(
                "{}",
                locale.tf(
                    Msg::DataReportProblems,
                    &[
                        ("count", &problems.len().to_string()),
                        ("errors", &errors.to_string()),
                    ]
                )
            );
            ExitCode::from(1)
        }
    }
}

enum Read_ {
    Bytes(Vec<u8>),
    /// The size found (from the file system, or what was read past the cap).
    TooLarge(u64),
}

/// Refuses a file larger than the limit before reading it (its size on
/// disk), then reads at most one byte past the limit (a file that grows, a
/// pipe): never more than the limit in memory.
fn read_capped(file: &str) -> std::io::Result<Read_> {
    let f = std::fs::File::open(file)?;
    let limit = MAX_DOCUMENT_BYTES as u64;
    let meta = f.metadata()?;
    if meta.is_file() && meta.len() > limit {
        return Ok(Read_::TooLarge(meta.len()));
    }
    let mut bytes = Vec::new();
    f.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Read_::TooLarge(bytes.len() as u64));
    }
    Ok(Read_::Bytes(bytes))
}

/// What a data editor wants to see of a valid file: its edition, its whole
/// reach, how many figures of each status, where, in which languages, from
/// which sources, and a reminder when some figures are illustrative.
fn summary(ds: &Dataset, locale: Locale) -> Vec<String> {
    let status_word = |s: Status| locale.t(s.msg());
    let sep = if locale == Locale::Ar { "، " } else { ", " };
    let mut lines = vec![locale.tf(
        Msg::ValidateReportDataset,
        &[
            ("version", &ds.meta.dataset_version),
            ("date", &ds.meta.as_of),
            ("schema", &ds.schema_version.to_string()),
        ],
    )];
    if let Some(o) = ds.observations.iter().find(|o| {
        o.indicator == REACH_INDICATOR
            && o.count.is_some()
            && o.area.is_none()
            && o.program.is_none()
            && o.region.is_none()
            && o.country.is_none()
            && o.gender.is_none()
            && o.group.is_none()
            && o.period.is_none()
    }) {
        let value = o.qualifier.words(locale, &num(o.value()));
        let reach_name = ds
            .indicator(REACH_INDICATOR)
            .map_or(REACH_INDICATOR, |i| i.name.get(locale))
            .to_string();
        lines.push(locale.tf(
            Msg::ValidateReportReach,
            &[
                ("indicator", &reach_name),
                ("value", &value),
                ("status", status_word(o.status)),
                ("source", &o.source),
            ],
        ));
    }
    let statuses = [
        Status::Reported,
        Status::Derived,
        Status::Estimated,
        Status::Illustrative,
    ];
    let list: Vec<String> = statuses
        .iter()
        .map(|&s| {
            let n = ds.observations.iter().filter(|o| o.status == s).count();
            format!("{} {n}", status_word(s))
        })
        .collect();
    lines.push(locale.tf(Msg::ValidateReportStatuses, &[("list", &list.join(sep))]));
    let regions: BTreeSet<&str> = ds
        .observations
        .iter()
        .filter_map(|o| o.region.as_deref())
        .collect();
    let countries: BTreeSet<&str> = ds
        .observations
        .iter()
        .filter_map(|o| o.country.as_deref())
        .collect();
    let countries: Vec<&str> = countries.into_iter().collect();
    let countries = if countries.is_empty() {
        "—".to_string()
    } else {
        countries.join(sep)
    };
    lines.push(locale.tf(
        Msg::ValidateReportPlaces,
        &[
            ("regions", &regions.len().to_string()),
            ("of", &ds.regions.len().to_string()),
            ("countries", &countries),
        ],
    ));
    let mut languages = BTreeSet::new();
    for t in ds
        .areas
        .iter()
        .map(|x| &x.name)
        .chain(ds.indicators.iter().map(|x| &x.name))
        .chain(ds.regions.iter().map(|x| &x.name))
    {
        languages.extend(t.0.keys().map(String::as_str));
    }
    let languages: Vec<&str> = languages.into_iter().collect();
    lines.push(locale.tf(
        Msg::ValidateReportLanguages,
        &[("list", &languages.join(sep))],
    ));
    let sources: Vec<String> = ds
        .sources
        .iter()
        .map(|s| {
            let n = ds.observations.iter().filter(|o| o.source == s.id).count();
            format!("{} ({n})", s.id)
        })
        .collect();
    lines.push(locale.tf(Msg::ValidateReportSources, &[("list", &sources.join(sep))]));
    let illustrative: Vec<&str> = ds
        .observations
        .iter()
        .filter(|o| o.status == Status::Illustrative)
        .map(|o| o.source.as_str())
        .collect();
    if let Some(first) = illustrative.first() {
        lines.push(locale.tf(
            Msg::ValidateReportIllustrative,
            &[
                ("count", &illustrative.len().to_string()),
                ("source", first),
            ],
        ));
    }
    lines
}

fn usage(locale: Locale) -> ExitCode {
    eprintln!("{}", locale.t(Msg::DataReportUsage));
    ExitCode::from(2)
}
