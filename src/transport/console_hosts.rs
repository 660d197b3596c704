//! Which `Host` the console answers: a guard against DNS rebinding.
//!
//! A page on `evil.example` can point its own name at `127.0.0.1` and then call the console
//! as a same-origin page: the browser sends `Host: evil.example:8080`. Such a page never has an
//! editor's token, but could read what needs none (tagging, with no read tokens set: the
//! gazetteer's contents). So the console answers only requests naming it by an IP address
//! (a rebinding needs a name), by `localhost`, or by a name the operator listed with
//! `--console-host`; any other gets `421 Misdirected Request` saying which flag to set.

use std::sync::Arc;
use std::task::{Context, Poll};

use http::{header, HeaderValue, StatusCode};
use tonic::body::Body;

use super::http_service::{take_ready, BoxFuture, HttpService};

/// The host names the console answers besides IP addresses and `localhost`.
///
/// ```
/// use gazette::transport::ConsoleHosts;
/// let hosts = ConsoleHosts::new(["tagger.newsroom.example"])?;
/// assert!(hosts.allows("tagger.newsroom.example:8080"));
/// assert!(hosts.allows("TAGGER.newsroom.example."));
/// assert!(hosts.allows("127.0.0.1:8080") && hosts.allows("[::1]:8080") && hosts.allows("localhost:8080"));
/// assert!(!hosts.allows("evil.example:8080"));
/// assert!(ConsoleHosts::new(["bad host"]).is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ConsoleHosts(Arc<Vec<String>>);

impl ConsoleHosts {
    /// The names `names`, checked: a DNS name, with no port, scheme or path.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Result<Self, String> {
        let mut out = Vec::new();
        for name in names {
            let name = name.as_ref();
            let folded = normalise(name);
            let valid = !folded.is_empty()
                && folded.len() <= 253
                && folded.split('.').all(|l| {
                    !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                });
            if !valid {
                return Err(format!(
                    "{name:?} is not a host name (a DNS name such as tagger.example.org, no port or scheme)"
                ));
            }
            out.push(folded);
        }
        Ok(ConsoleHosts(Arc::new(out)))
    }

    /// Whether a request with this `Host` (or HTTP/2 `:authority`) value is answered.
    pub fn allows(&self, host: &str) -> bool {
        let name = match host.strip_prefix('[') {
            // An IPv6 literal: `[::1]:8080`.
            Some(rest) => {
                return rest
                    .split(']')
                    .next()
                    .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok())
            }
            None => host.rsplit_once(':').map_or(host, |(name, _port)| name),
        };
        if name.parse::<std::net::Ipv4Addr>().is_ok() {
            return true;
        }
        let name = normalise(name);
        name == "localhost" || self.0.contains(&name)
    }
}

fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Answers only the hosts [`ConsoleHosts`] allows.
#[derive(Debug, Clone)]
pub(crate) struct HostCheckLayer(pub(crate) ConsoleHosts);

impl<S> tower::Layer<S> for HostCheckLayer {
    type Service = HostCheck<S>;

    fn layer(&self, inner: S) -> HostCheck<S> {
        HostCheck {
            inner,
            hosts: self.0.clone(),
        }
    }
}

/// See [`HostCheckLayer`].
#[derive(Debug, Clone)]
pub(crate) struct HostCheck<S> {
    inner: S,
    hosts: ConsoleHosts,
}

impl<S: HttpService> tower::Service<http::Request<Body>> for HostCheck<S> {
    type Response = http::Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        // HTTP/1.1 names the host in the header, HTTP/2 in the URI's authority.
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(str::to_string)
            .or_else(|| req.uri().authority().map(|a| a.as_str().to_string()));
        if host.as_deref().is_some_and(|h| self.hosts.allows(h)) {
            let mut inner = take_ready(&mut self.inner);
            return Box::pin(async move { inner.call(req).await });
        }
        let shown = host.as_deref().map_or("(none)", |h| h);
        let shown: String = shown.chars().take(100).collect();
        let body = format!(
            "421 Misdirected Request: the console does not answer Host {shown:?}. It answers IP \
             addresses, localhost and the names given with --console-host \
             (GAZETTE_CONSOLE_HOSTS); see docs/console.md.\n"
        );
        let mut response = http::Response::new(Body::new(body));
        *response.status_mut() = StatusCode::MISDIRECTED_REQUEST;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        Box::pin(async move { Ok(response) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_localhost_and_listed_names_are_answered() {
        let hosts = ConsoleHosts::new(["tagger.example.org"]).expect("valid");
        for ok in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "10.1.2.3:80",
            "[::1]:8080",
            "[fe80::1]",
            "localhost",
            "LOCALHOST:8080",
            "tagger.example.org:443",
            "tagger.example.org.",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example:8080",
            "tagger.example.org.evil.example",
            "localhost.evil.example",
            "127.0.0.1.nip.io:8080",
            "[not-an-ip]:80",
            "",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
    }

    #[test]
    fn a_name_with_a_port_or_scheme_is_refused() {
        for bad in ["tagger:8080", "https://tagger", "a..b", "", "white space"] {
            assert!(ConsoleHosts::new([bad]).is_err(), "{bad}");
        }
    }
}
