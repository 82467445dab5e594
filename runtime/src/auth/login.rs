//! [`SoapLogin`]: the partner API's `login()` call, which returns a session id usable as
//! an access token, the org's server URL and its Metadata API URL.

use std::time::{Duration, SystemTime};

use quick_xml::events::Event;
use zeroize::Zeroizing;

use super::merge::xml_escape_into;
use super::oauth::parse_login_url;
use super::{AccessToken, Secret, TokenSource};
use crate::error::{AuthErrorKind, Error, ExceptionCode, url_sans_query};
use crate::transport::{BoxFuture, HttpRequest, Method, Transport, Url, parse_url};

/// `login(username, password)` against `{login_url}/services/Soap/u/{api_version}`.
///
/// The session id becomes the token, `serverUrl`'s origin the instance URL,
/// `metadataServerUrl` the Metadata API endpoint, and `userInfo.sessionSecondsValid` the
/// expiry. A fault `INVALID_LOGIN` (or any other login fault) is an [`Error::Auth`].
#[derive(Debug, Clone)]
pub struct SoapLogin {
    endpoint: Url,
    username: String,
    password: Secret,
}

impl SoapLogin {
    /// Logs in at `login_url` (e.g. `https://login.salesforce.com`) with `api_version`
    /// (e.g. `"66.0"`). `password` is the password with the security token appended when
    /// the org requires one.
    pub fn new(
        login_url: &str,
        api_version: &str,
        username: impl Into<String>,
        password: Secret,
    ) -> Result<Self, Error> {
        let base = parse_login_url(login_url)?;
        let endpoint = parse_url(&format!(
            "{}/services/Soap/u/{api_version}",
            base.as_str().trim_end_matches('/')
        ))?;
        Ok(Self {
            endpoint,
            username: username.into(),
            password,
        })
    }

    /// The request envelope; zeroed on drop since it holds the password.
    fn envelope(&self) -> Zeroizing<String> {
        let mut s = String::with_capacity(512);
        s.push_str(concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">"#,
            r#"<s:Body><login xmlns="urn:partner.soap.sforce.com"><username>"#
        ));
        xml_escape_into(&self.username, &mut s);
        s.push_str("</username><password>");
        xml_escape_into(self.password.expose(), &mut s);
        s.push_str("</password></login></s:Body></s:Envelope>");
        Zeroizing::new(s)
    }

    async fn login(&self, transport: &dyn Transport) -> Result<AccessToken, Error> {
        let mut req = HttpRequest::new(Method::POST, self.endpoint.clone());
        req.header("Content-Type", "text/xml; charset=UTF-8")?;
        req.header("SOAPAction", "\"\"")?;
        req.body = self.envelope().as_bytes().to_vec();
        let resp = transport.send(req).await?;
        let body = Zeroizing::new(resp.body);
        let parsed = parse_response(&body).map_err(|why| {
            if resp.status.is_success() || resp.status.as_u16() == 500 {
                Error::auth(
                    AuthErrorKind::TokenFetch,
                    format!("login() at {}: {why}", url_sans_query(&self.endpoint)),
                )
            } else {
                Error::http_status(resp.status.as_u16(), &self.endpoint, "", b"")
            }
        })?;
        match parsed {
            LoginOutcome::Fault { code, string } => Err(Error::auth(
                AuthErrorKind::Rejected,
                format!(
                    "login() at {} failed: {} ({string})",
                    url_sans_query(&self.endpoint),
                    ExceptionCode::parse(&code)
                ),
            )),
            LoginOutcome::Result(r) => self.token_from(r),
        }
    }

    fn token_from(&self, r: LoginResult) -> Result<AccessToken, Error> {
        let missing = |what: &str| {
            Error::auth(
                AuthErrorKind::TokenFetch,
                format!("login() answer has no {what}"),
            )
        };
        let session = r.session_id.ok_or_else(|| missing("sessionId"))?;
        let server = parse_url(&r.server_url.ok_or_else(|| missing("serverUrl"))?)?;
        let instance = server.origin().ascii_serialization();
        let mut token = AccessToken::new(session, instance);
        token.metadata_url = r.metadata_server_url;
        let now = SystemTime::now();
        token.issued_at = Some(now);
        token.expires_at = r.seconds_valid.map(|s| now + Duration::from_secs(s));
        Ok(token)
    }
}

impl TokenSource for SoapLogin {
    fn fetch<'a>(&'a self, t: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(self.login(t))
    }

    fn username(&self) -> Option<&str> {
        Some(&self.username)
    }

    fn password(&self) -> Option<&Secret> {
        Some(&self.password)
    }
}

#[derive(Default)]
struct LoginResult {
    session_id: Option<Secret>,
    server_url: Option<String>,
    metadata_server_url: Option<String>,
    seconds_valid: Option<u64>,
}

enum LoginOutcome {
    Result(LoginResult),
    Fault { code: String, string: String },
}

/// Reads a login response or fault. Elements are matched by local name (faults use the
/// envelope's namespace, results the partner one; no other element has these names).
fn parse_response(xml: &[u8]) -> Result<LoginOutcome, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut path: Vec<String> = Vec::new();
    let mut text = Zeroizing::new(String::new());
    let mut result = LoginResult::default();
    let (mut code, mut string, mut fault) = (None, String::new(), false);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let local = e.local_name().as_ref().to_owned();
                fault |= local == "Fault";
                path.push(local);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push(resolve_ref(&r)?),
            Event::End(_) => {
                let Some(local) = path.pop() else { continue };
                let value = text.trim().to_owned();
                text.clear();
                match local.as_str() {
                    "sessionId" => result.session_id = Some(Secret::new(value)),
                    "serverUrl" => result.server_url = Some(value),
                    "metadataServerUrl" => result.metadata_server_url = Some(value),
                    "sessionSecondsValid" => result.seconds_valid = value.parse().ok(),
                    "faultcode" => {
                        code.get_or_insert(value.rsplit(':').next().unwrap_or("").to_owned());
                    }
                    "exceptionCode" => code = Some(value),
                    "faultstring" => string = value,
                    _ => {}
                }
            }
            Event::DocType(_) => return Err("a DOCTYPE is not allowed in SOAP".into()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(if fault {
        LoginOutcome::Fault {
            code: code.unwrap_or_default(),
            string,
        }
    } else {
        LoginOutcome::Result(result)
    })
}

/// The character of a predefined entity or character reference.
fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> Result<char, String> {
    Ok(match &**r {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        other => r
            .resolve_char_ref()
            .ok()
            .flatten()
            .ok_or_else(|| format!("unknown entity &{other};"))?,
    })
}
