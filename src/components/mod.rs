//! Shared views (browser): page shell, headline cards, data status, filter bar.

pub mod filter_bar;
pub mod kpi;
pub mod shell;
pub mod status;

use crate::i18n::Msg;
use crate::model::Status;

/// The catalogue name of a status.
pub fn status_msg(s: Status) -> Msg {
    match s {
        Status::Reported => Msg::AppStatusReported,
        Status::Estimated => Msg::AppStatusEstimated,
        Status::Derived => Msg::ValidateStatusDerived,
        Status::Illustrative => Msg::AppStatusIllustrative,
    }
}

/// The CSS class of a status badge.
pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Reported => "badge badge-reported",
        Status::Estimated => "badge badge-estimated",
        Status::Derived => "badge badge-derived",
        Status::Illustrative => "badge badge-illustrative",
    }
}
