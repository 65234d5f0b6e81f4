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

pub mod cache;
pub mod fetch;
pub mod load;

/// What the data layer knows right now.
#[derive(Clone, Debug, PartialEq)]
pub enum DataStatus {
    /// Nothing to show yet.
    Loading,
    /// The dataset shown is the latest the server sent.
    Fresh,
    /// Shown from the browser's cache while the network is asked.
    Revalidating,
    /// Shown from the cache; the network failed (the error says how).
    CachedNetworkFailed(LoadError),
    /// Shown from the cache; the server sent data that did not validate.
    CachedInvalidUpdate(Vec<Problem>),
    /// Nothing to show: the error and, for invalid data, its problems.
    Failed(LoadError),
}

/// The data URL when `<meta name="impact-data">` names none.
pub const DEFAULT_DATA_URL: &str = "/data/impact.json";
/// How long one request may take.
pub const TIMEOUT_MS: u32 = 8_000;
/// Tries in all for one load (the first and two retries).
pub const MAX_TRIES: u32 = 3;

/// What one load ended with, before it is applied to the views.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The server confirmed the cached copy (304).
    NotModified,
    /// A new dataset that validated.
    Valid,
    /// New data that did not validate.
    Invalid(Vec<Problem>),
    /// No answer to use.
    Failed(LoadError),
}

/// The status to show after a load, given whether a good dataset is already
/// on screen. A bad or missing answer never takes a good dataset away.
pub fn next_status(have_data: bool, outcome: Outcome) -> DataStatus {
    use DataStatus as S;
    match (have_data, outcome) {
        (_, Outcome::Valid) => S::Fresh,
        (true, Outcome::NotModified) => S::Fresh,
        (false, Outcome::NotModified) => {
            S::Failed(LoadError::Network("304 without a cached copy".into()))
        }
        (true, Outcome::Invalid(p)) => S::CachedInvalidUpdate(p),
        (false, Outcome::Invalid(p)) => S::Failed(LoadError::Invalid(p)),
        (true, Outcome::Failed(e)) => S::CachedNetworkFailed(e),
        (false, Outcome::Failed(e)) => S::Failed(e),
    }
}

/// Network errors and server errors (5xx) are worth another try; a client
/// error, a timeout (already long) or bad data are not.
pub fn should_retry(err: &LoadError) -> bool {
    match err {
        LoadError::Network(_) => true,
        LoadError::Status(code) => (500..600).contains(code),
        _ => false,
    }
}

/// Wait before try `n` (1-based retries): 400 ms, then 1.2 s.
pub fn backoff_ms(retry: u32) -> u32 {
    400 * 3u32.pow(retry.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_answers_never_replace_good_data() {
        let p = vec![];
        assert_eq!(
            next_status(true, Outcome::Invalid(p.clone())),
            DataStatus::CachedInvalidUpdate(p.clone())
        );
        assert_eq!(
            next_status(false, Outcome::Invalid(p.clone())),
            DataStatus::Failed(LoadError::Invalid(p))
        );
        assert_eq!(
            next_status(true, Outcome::Failed(LoadError::Timeout(8000))),
            DataStatus::CachedNetworkFailed(LoadError::Timeout(8000))
        );
        assert_eq!(
            next_status(false, Outcome::Failed(LoadError::Status(500))),
            DataStatus::Failed(LoadError::Status(500))
        );
        assert_eq!(next_status(true, Outcome::NotModified), DataStatus::Fresh);
        assert!(matches!(
            next_status(false, Outcome::NotModified),
            DataStatus::Failed(_)
        ));
        assert_eq!(next_status(false, Outcome::Valid), DataStatus::Fresh);
    }

    #[test]
    fn retries_network_and_server_errors_only() {
        assert!(should_retry(&LoadError::Network("x".into())));
        assert!(should_retry(&LoadError::Status(503)));
        assert!(!should_retry(&LoadError::Status(404)));
        assert!(!should_retry(&LoadError::Timeout(8000)));
        assert!(!should_retry(&LoadError::Invalid(vec![])));
        assert_eq!((backoff_ms(1), backoff_ms(2)), (400, 1200));
    }
}
