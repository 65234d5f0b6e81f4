//! `check-data [--lang ar|fr|en] FILE` (native): checks an impact data file
//! as the dashboard would and prints every problem with its JSON path.
//! Exit status: 0 valid (warnings allowed), 1 invalid, 2 unreadable or usage.

use impact_atlas::i18n::{Locale, Msg};
use impact_atlas::model::parse::check;
use impact_atlas::model::validate::has_errors;
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
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
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

fn usage(locale: Locale) -> ExitCode {
    eprintln!("{}", locale.t(Msg::DataReportUsage));
    ExitCode::from(2)
}
