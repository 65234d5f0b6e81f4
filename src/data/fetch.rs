//! Fetching the document (browser): gloo-net with a timeout through an
//! `AbortController`, conditional requests, and retries with backoff.

use super::{LoadError, MAX_TRIES, TIMEOUT_MS, backoff_ms, should_retry};
use gloo_net::http::Request;
use std::cell::Cell;
use std::rc::Rc;

/// A server's answer worth keeping.
pub struct Fetched {
    /// `None` for 304 Not Modified.
    pub body: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// One request; `etag` / `last_modified` make it conditional.
pub async fn fetch_once(
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
) -> Result<Fetched, LoadError> {
    let controller = web_sys::AbortController::new()
        .map_err(|_| LoadError::Network("AbortController".into()))?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let mut req = Request::get(url).abort_signal(Some(&controller.signal()));
    if let Some(e) = etag {
        req = req.header("If-None-Match", e);
    }
    if let Some(l) = last_modified {
        req = req.header("If-Modified-Since", l);
    }
    let result = async {
        let resp = req
            .send()
            .await
            .map_err(|e| LoadError::Network(e.to_string()))?;
        let status = resp.status();
        let header = |n: &str| resp.headers().get(n);
        if status == 304 {
            return Ok(Fetched {
                body: None,
                etag: header("etag"),
                last_modified: header("last-modified"),
            });
        }
        if !(200..300).contains(&status) {
            return Err(LoadError::Status(status));
        }
        let body = resp
            .text()
            .await
            .map_err(|e| LoadError::Network(e.to_string()))?;
        if body.len() > crate::model::MAX_DOCUMENT_BYTES {
            return Err(LoadError::TooLarge(body.len()));
        }
        Ok(Fetched {
            body: Some(body),
            etag: header("etag"),
            last_modified: header("last-modified"),
        })
    }
    .await;
    drop(timer);
    match result {
        Err(_) if timed_out.get() => Err(LoadError::Timeout(TIMEOUT_MS)),
        other => other,
    }
}

/// Up to [`MAX_TRIES`] requests, waiting [`backoff_ms`] between them.
pub async fn fetch(
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
) -> Result<Fetched, LoadError> {
    let mut attempt = 1;
    loop {
        match fetch_once(url, etag, last_modified).await {
            Err(e) if attempt < MAX_TRIES && should_retry(&e) => {
                gloo_timers::future::TimeoutFuture::new(backoff_ms(attempt)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}
