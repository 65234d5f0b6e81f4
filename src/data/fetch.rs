//! Fetching the document (browser): gloo-net with a timeout through an
//! `AbortController`, conditional requests, and retries with backoff.
//!
//! The size limit holds before and while reading: a `Content-Length` over
//! [`crate::model::MAX_DOCUMENT_BYTES`] is refused before the body is read,
//! and the body is read as a stream that stops (and cancels the download) as
//! soon as it goes over the limit, so a lying or missing `Content-Length`
//! cannot make the tab hold more than the limit. The timeout covers the
//! headers and the whole body (a stalled body times out).

use super::{
    LoadError, MAX_TRIES, TIMEOUT_MS, backoff_ms, check_body, check_length, retry_after_secs,
    should_retry,
};
use crate::model::MAX_DOCUMENT_BYTES;
use gloo_net::http::Request;
use js_sys::{Function, Promise, Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A server's answer worth keeping.
pub struct Fetched {
    /// `None` for 304 Not Modified. The bytes as received (at most the limit).
    pub body: Option<Vec<u8>>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A network failure, or [`LoadError::Offline`] when the browser is offline.
fn network(message: String) -> LoadError {
    if crate::web::online() {
        LoadError::Network(message)
    } else {
        LoadError::Offline
    }
}

fn js_error(e: JsValue) -> LoadError {
    network(
        e.as_string()
            .or_else(|| {
                Reflect::get(&e, &JsValue::from_str("message"))
                    .ok()
                    .and_then(|m| m.as_string())
            })
            .unwrap_or_else(|| "stream error".into()),
    )
}

fn method(target: &JsValue, name: &str) -> Result<Function, LoadError> {
    Reflect::get(target, &JsValue::from_str(name))
        .map_err(js_error)?
        .dyn_into::<Function>()
        .map_err(|_| LoadError::Network(format!("no {name}()")))
}

/// Reads `response.body` chunk by chunk; over `cap` bytes, cancels the
/// stream and fails with [`LoadError::TooLarge`] (the bytes seen so far).
async fn read_capped(
    body: Option<web_sys::ReadableStream>,
    cap: usize,
) -> Result<Vec<u8>, LoadError> {
    let Some(body) = body else {
        return Ok(Vec::new());
    };
    let reader = method(&body, "getReader")?.call0(&body).map_err(js_error)?;
    let read = method(&reader, "read")?;
    let mut out: Vec<u8> = Vec::new();
    loop {
        let promise: Promise = read
            .call0(&reader)
            .map_err(js_error)?
            .dyn_into()
            .map_err(js_error)?;
        let chunk = JsFuture::from(promise).await.map_err(js_error)?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .map_err(js_error)?
            .as_bool()
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(js_error)?
            .dyn_into()
            .map_err(js_error)?;
        let n = value.length() as usize;
        if out.len() + n > cap {
            if let Ok(cancel) = method(&reader, "cancel") {
                let _ = cancel.call0(&reader);
            }
            return Err(LoadError::TooLarge(out.len() + n));
        }
        let start = out.len();
        out.resize(start + n, 0);
        value.copy_to(&mut out[start..]);
    }
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
        let resp = req.send().await.map_err(|e| network(e.to_string()))?;
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
            let wait = header("retry-after").and_then(|v| {
                retry_after_secs(&v, js_sys::Date::now(), |d| Some(js_sys::Date::parse(d)))
            });
            return Err(match wait {
                Some(s) if status == 503 || status == 429 => LoadError::RetryLater(status, s),
                _ => LoadError::Status(status),
            });
        }
        check_length(header("content-length").as_deref())?;
        let body = read_capped(resp.body(), MAX_DOCUMENT_BYTES).await?;
        check_body(header("content-type").as_deref(), &body)?;
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
        Err(e) => {
            // Stop whatever is still downloading (an oversize or unwanted body).
            controller.abort();
            Err(e)
        }
        ok => ok,
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
