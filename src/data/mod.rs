//! Getting the dataset to the views: the data URL, fetching with timeout and
//! retries, the browser cache and stale-while-revalidate. The error type and
//! the decision logic are pure; `fetch` and `cache` talk to the browser.

use crate::model::validate::Problem;

/// Why no (new) dataset could be had.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("network error: {0}")]
    Network(String),
    #[error("timed out after {0} ms")]
    Timeout(u32),
    #[error("HTTP status {0}")]
    Status(u16),
    #[error("the document is {0} bytes, over the limit")]
    TooLarge(usize),
    #[error("invalid data ({} problems)", .0.len())]
    Invalid(Vec<Problem>),
}
