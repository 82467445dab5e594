//! [`SoapLogin`]: the partner API's `login()` call, which returns a session id usable as
//! an access token, the org's server URL and its Metadata API URL.

use std::time::{Duration, SystemTime};

use zeroize::Zeroizing;

use super::merge::xml_escape_into;
use super::oauth::parse_login_url;
use super::{AccessToken, Secret, TokenSource};
use crate::error::{AuthErrorKind, Error, ExceptionCode, url_sans_query};
use crate::soap::decode_fault;
use crate::transport::{BoxFuture, HttpRequest, Method, Transport, Url, parse_url};
use crate::xml::{DecodeError, Reader};

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
        let at = url_sans_query(&self.endpoint);
        if let Ok(fault) = decode_fault(&body) {
            return Err(Error::auth(
                AuthErrorKind::Rejected,
                format!(
                    "login() at {at} failed: {} ({})",
                    ExceptionCode::of_fault(&fault),
                    fault.string
                ),
            ));
        }
        if !resp.status.is_success() {
            return Err(Error::http_status(
                resp.status.as_u16(),
                &self.endpoint,
                "",
                b"",
            ));
        }
        let result = read_result(&body).map_err(|e| {
            Error::auth(
                AuthErrorKind::TokenFetch,
                format!("login() at {at}: unreadable answer: {e}"),
            )
        })?;
        self.token_from(result)
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

/// Reads the fields of a login response, matching elements by local name at any depth
/// under the envelope (`loginResponse/result/...`, `userInfo/sessionSecondsValid`).
fn read_result(xml: &[u8]) -> Result<LoginResult, DecodeError> {
    let mut r = Reader::new(xml)?;
    r.root()?;
    let mut out = LoginResult::default();
    walk(&mut r, &mut out)?;
    r.end_document()?;
    Ok(out)
}

/// Reads the children of the current element (the reader's depth limit bounds recursion).
fn walk(r: &mut Reader<'_>, out: &mut LoginResult) -> Result<(), DecodeError> {
    while let Some(c) = r.next_child()? {
        match c.local() {
            "sessionId" => out.session_id = Some(Secret::new(r.text(&c)?.into_owned())),
            "serverUrl" => out.server_url = Some(r.text(&c)?.trim().to_owned()),
            "metadataServerUrl" => out.metadata_server_url = Some(r.text(&c)?.trim().to_owned()),
            "sessionSecondsValid" => out.seconds_valid = r.text(&c)?.trim().parse().ok(),
            _ => walk(r, out)?,
        }
    }
    r.close();
    Ok(())
}
