//! Getting the dataset to the views: the data URL, fetching with timeout and
//! retries, the browser cache and stale-while-revalidate. The error type and
//! the decision logic are pure; `fetch` and `cache` talk to the browser.

use crate::model::validate::Problem;

/// Why no (new) dataset could be had. Each cause has its own translated
/// text (`components::status::error_text`), so that a reader with a cached
/// copy learns what actually failed (docs/faults.md).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("network error: {0}")]
    Network(String),
    /// The request failed and the browser says it is offline.
    #[error("offline")]
    Offline,
    #[error("timed out after {0} ms")]
    Timeout(u32),
    #[error("HTTP status {0}")]
    Status(u16),
    /// 503 or 429 with a `Retry-After`: (status, seconds to wait).
    #[error("HTTP status {0}, retry after {1} s")]
    RetryLater(u16, u32),
    /// 304 Not Modified, but no copy to show.
    #[error("304 without a cached copy")]
    NotModifiedWithoutCopy,
    /// Over the size limit: the `Content-Length`, or the bytes read when the
    /// stream went over the cap.
    #[error("the document is {0} bytes, over the limit")]
    TooLarge(usize),
    /// A 2xx answer with nothing in it.
    #[error("empty answer")]
    Empty,
    /// A web page (an HTML error page or an SPA fallback) instead of JSON.
    #[error("an HTML page instead of the data")]
    NotData,
    #[error("invalid data ({} problems)", .0.len())]
    Invalid(Vec<Problem>),
}

pub mod age;
pub mod cache;
pub mod fetch;
pub mod load;
pub mod pace;

/// What the data layer knows right now.
#[derive(Clone, Debug, PartialEq)]
pub enum DataStatus {
    /// Nothing to show yet.
    Loading,
    /// The dataset shown is the latest the server sent.
    Fresh,
    /// As `Fresh`, but storage refused to keep a copy (quota full): the
    /// dashboard says so (components::status, docs/faults.md).
    FreshNotSaved,
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
    /// A new dataset that validated but that storage refused to keep (quota).
    ValidNotSaved,
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
        (_, Outcome::ValidNotSaved) => S::FreshNotSaved,
        (true, Outcome::NotModified) => S::Fresh,
        (false, Outcome::NotModified) => S::Failed(LoadError::NotModifiedWithoutCopy),
        (true, Outcome::Invalid(p)) => S::CachedInvalidUpdate(p),
        (false, Outcome::Invalid(p)) => S::Failed(LoadError::Invalid(p)),
        (true, Outcome::Failed(e)) => S::CachedNetworkFailed(e),
        (false, Outcome::Failed(e)) => S::Failed(e),
    }
}

/// Network errors and server errors (5xx) are worth another try; a client
/// error, a timeout (already long), being offline, a server that asked to
/// wait (`Retry-After`) or bad data are not.
pub fn should_retry(err: &LoadError) -> bool {
    match err {
        LoadError::Network(_) => true,
        LoadError::Status(code) => (500..600).contains(code),
        _ => false,
    }
}

/// Seconds to wait from a `Retry-After` value: delta-seconds, or an HTTP date
/// (`date_ms` parses it, e.g. `Date.parse`) relative to `now_ms`. `None` when
/// unreadable; a date in the past is 0.
pub fn retry_after_secs(
    value: &str,
    now_ms: f64,
    date_ms: impl Fn(&str) -> Option<f64>,
) -> Option<u32> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            v.parse::<u64>()
                .map_or(u32::MAX, |s| s.min(u32::MAX as u64) as u32),
        );
    }
    let at = date_ms(v).filter(|t| t.is_finite())?;
    Some(((at - now_ms) / 1000.0).ceil().clamp(0.0, u32::MAX as f64) as u32)
}

/// Refuses a declared `Content-Length` over [`crate::model::MAX_DOCUMENT_BYTES`]
/// before anything is read. An absent or unreadable header passes (the
/// stream is capped anyway).
pub fn check_length(content_length: Option<&str>) -> Result<(), LoadError> {
    match content_length.and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(n) if n > crate::model::MAX_DOCUMENT_BYTES as u64 => Err(LoadError::TooLarge(
            usize::try_from(n).unwrap_or(usize::MAX),
        )),
        _ => Ok(()),
    }
}

/// Names what a 2xx body is when it cannot be the data: nothing at all, or
/// markup (a web page: an HTML error page, an SPA fallback). A JSON document
/// never starts with `<`, so this refuses no valid data; the `Content-Type`
/// alone decides nothing (hosts mislabel JSON), it only names the case of a
/// `text/html` body that is not JSON either.
pub fn check_body(content_type: Option<&str>, body: &[u8]) -> Result<(), LoadError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let Some(first) = body.iter().find(|b| !b.is_ascii_whitespace()) else {
        return Err(LoadError::Empty);
    };
    let html_type =
        content_type.is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("text/html"));
    if *first == b'<' || (html_type && !matches!(first, b'{' | b'[')) {
        return Err(LoadError::NotData);
    }
    Ok(())
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
        assert_eq!(
            next_status(true, Outcome::ValidNotSaved),
            DataStatus::FreshNotSaved
        );
        assert_eq!(
            next_status(false, Outcome::NotModified),
            DataStatus::Failed(LoadError::NotModifiedWithoutCopy)
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let no_date = |_: &str| None;
        assert_eq!(retry_after_secs("120", 0.0, no_date), Some(120));
        assert_eq!(retry_after_secs(" 0 ", 0.0, no_date), Some(0));
        assert_eq!(
            retry_after_secs("99999999999", 0.0, no_date),
            Some(u32::MAX)
        );
        assert_eq!(retry_after_secs("soon", 0.0, no_date), None);
        assert_eq!(retry_after_secs("-5", 0.0, no_date), None);
        let date = |s: &str| (s == "Wed, 21 Oct 2015 07:28:00 GMT").then_some(1_445_412_480_000.0);
        assert_eq!(
            retry_after_secs(
                "Wed, 21 Oct 2015 07:28:00 GMT",
                1_445_412_480_000.0 - 90_500.0,
                date
            ),
            Some(91)
        );
        assert_eq!(
            retry_after_secs(
                "Wed, 21 Oct 2015 07:28:00 GMT",
                1_445_412_480_000.0 + 5_000.0,
                date
            ),
            Some(0)
        );
    }

    #[test]
    fn content_length_over_the_limit_is_refused_before_reading() {
        let limit = crate::model::MAX_DOCUMENT_BYTES;
        assert_eq!(check_length(None), Ok(()));
        assert_eq!(check_length(Some("12")), Ok(()));
        assert_eq!(check_length(Some(&limit.to_string())), Ok(()));
        assert_eq!(
            check_length(Some(&(limit + 1).to_string())),
            Err(LoadError::TooLarge(limit + 1))
        );
        assert_eq!(check_length(Some("garbage")), Ok(()));
    }

    #[test]
    fn empty_and_html_bodies_are_named() {
        assert_eq!(
            check_body(Some("application/json"), b""),
            Err(LoadError::Empty)
        );
        assert_eq!(check_body(None, b" \n\t"), Err(LoadError::Empty));
        assert_eq!(check_body(None, b"\xEF\xBB\xBF"), Err(LoadError::Empty));
        assert_eq!(
            check_body(Some("application/json"), b"<!doctype html><h1>502</h1>"),
            Err(LoadError::NotData)
        );
        assert_eq!(
            check_body(Some("Text/HTML; charset=utf-8"), b"Bad gateway"),
            Err(LoadError::NotData)
        );
        // Mislabelled JSON is still read (and validated).
        assert_eq!(check_body(Some("text/html"), b"{}"), Ok(()));
        assert_eq!(check_body(Some("application/json"), b" {\"a\":1}"), Ok(()));
        // Truncated JSON is the parser's to report (with its path).
        assert_eq!(check_body(None, b"{\"schema_version\": 1, \"me"), Ok(()));
    }

    #[test]
    fn retries_network_and_server_errors_only() {
        assert!(should_retry(&LoadError::Network("x".into())));
        assert!(should_retry(&LoadError::Status(503)));
        assert!(!should_retry(&LoadError::Status(404)));
        assert!(!should_retry(&LoadError::Timeout(8000)));
        assert!(!should_retry(&LoadError::Invalid(vec![])));
        assert!(!should_retry(&LoadError::Offline));
        assert!(!should_retry(&LoadError::RetryLater(503, 120)));
        assert!(!should_retry(&LoadError::NotData));
        assert_eq!((backoff_ms(1), backoff_ms(2)), (400, 1200));
    }
}
