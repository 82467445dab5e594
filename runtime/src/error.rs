//! The one error type of the runtime's calls: [`Error`].
//!
//! Every variant is safe to print: no access token, password, client secret, private key or
//! session id is ever stored in an error (URLs are kept without their query, response bodies
//! only from non-2xx answers and bounded in size).

use std::fmt;

use crate::soap::{Fault, SOAP11_NS, SOAP12_NS};
use crate::xml::{DecodeError, EncodeError};

/// How many bytes of a non-2xx response body [`Error::HttpStatus`] keeps.
pub const MAX_KEPT_BODY: usize = 64 * 1024;

/// The error of every runtime call: sending, receiving, decoding, authenticating.
///
/// Marked `#[non_exhaustive]`: match the variants you handle and keep a `_` arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request never got a complete HTTP answer: connecting failed, a timeout fired,
    /// the connection broke, the body was too large or not decodable.
    #[error("transport error ({kind}) for {url}: {message}")]
    Transport {
        /// What went wrong.
        kind: TransportErrorKind,
        /// The URL called, without its query string.
        url: String,
        /// The underlying error's text (no secrets: URLs in it are stripped).
        message: String,
    },

    /// The server answered with an HTTP status that is neither success nor a SOAP fault.
    #[error("HTTP status {status} from {url} ({content_type}, {} body bytes kept)", body.len())]
    HttpStatus {
        /// The HTTP status code.
        status: u16,
        /// The URL called, without its query string.
        url: String,
        /// The response's `Content-Type`, or empty when absent.
        content_type: String,
        /// The response body, cut at [`MAX_KEPT_BODY`] bytes.
        body: Vec<u8>,
    },

    /// The server answered with a SOAP fault (HTTP 500, or a 200 carrying a fault).
    #[error("{fault} [{exception_code}]")]
    Fault {
        /// The fault as sent.
        fault: Box<Fault>,
        /// The Salesforce exception code, from the detail's `exceptionCode`, the fault
        /// code or the fault string's `CODE:` prefix.
        exception_code: ExceptionCode,
    },

    /// A response could not be decoded; the error carries the element path and offset.
    #[error("cannot decode the response: {0}")]
    Decode(#[from] DecodeError),

    /// A request could not be encoded (e.g. a character XML 1.0 cannot carry).
    #[error("cannot encode the request: {0}")]
    Encode(#[from] EncodeError),

    /// Authentication failed: a token source could not produce a token, a refresh failed,
    /// or the server rejected a freshly refreshed token too.
    #[error("authentication failed ({kind}): {message}")]
    Auth {
        /// What failed.
        kind: AuthErrorKind,
        /// A description (never contains the secret).
        message: String,
    },

    /// The configuration is unusable: a bad URL, a named credential that does not exist,
    /// a clear-text secret in a credentials file, plain HTTP to a non-loopback host...
    #[error("configuration error: {message}")]
    Config {
        /// What is wrong and where.
        message: String,
    },
}

/// Kinds of [`Error::Transport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Connecting (DNS, TCP, TLS handshake) failed.
    Connect,
    /// A connect, read or total timeout fired.
    Timeout,
    /// The connection failed while sending or receiving.
    Io,
    /// The response body (after decompression) is larger than the configured limit.
    ResponseTooLarge,
    /// The response body's content encoding is unsupported or its compressed data is corrupt.
    Decompress,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "connect",
            Self::Timeout => "timeout",
            Self::Io => "io",
            Self::ResponseTooLarge => "response too large",
            Self::Decompress => "decompress",
        })
    }
}

/// Kinds of [`Error::Auth`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthErrorKind {
    /// The token source failed to produce a token (first fetch or refresh).
    TokenFetch,
    /// The token endpoint or login() rejected the credentials (`invalid_grant`,
    /// `INVALID_LOGIN`, ...).
    Rejected,
    /// The server answered `INVALID_SESSION_ID` again with a freshly refreshed token, or the
    /// source cannot refresh at all (a static token).
    SessionInvalid,
}

impl fmt::Display for AuthErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::TokenFetch => "token fetch failed",
            Self::Rejected => "credentials rejected",
            Self::SessionInvalid => "session invalid",
        })
    }
}

impl Error {
    /// A [`Error::Fault`] for `fault`, with its exception code worked out.
    pub fn fault(fault: Fault) -> Self {
        let exception_code = ExceptionCode::of_fault(&fault);
        Self::Fault {
            fault: Box::new(fault),
            exception_code,
        }
    }

    /// The Salesforce exception code, for a [`Error::Fault`].
    pub fn exception_code(&self) -> Option<&ExceptionCode> {
        match self {
            Self::Fault { exception_code, .. } => Some(exception_code),
            _ => None,
        }
    }

    /// A [`Error::Config`] with `message`.
    pub fn config(message: impl Into<String>) -> Self {
        Self::Config {
            message: message.into(),
        }
    }

    /// A [`Error::Auth`] of `kind` with `message`.
    pub fn auth(kind: AuthErrorKind, message: impl Into<String>) -> Self {
        Self::Auth {
            kind,
            message: message.into(),
        }
    }

    /// A [`Error::Transport`]; `url`'s query is dropped.
    pub fn transport(kind: TransportErrorKind, url: &url::Url, message: impl Into<String>) -> Self {
        Self::Transport {
            kind,
            url: url_sans_query(url),
            message: message.into(),
        }
    }

    /// A [`Error::HttpStatus`] keeping at most [`MAX_KEPT_BODY`] bytes of `body`.
    pub fn http_status(status: u16, url: &url::Url, content_type: &str, body: &[u8]) -> Self {
        Self::HttpStatus {
            status,
            url: url_sans_query(url),
            content_type: content_type.to_owned(),
            body: body[..body.len().min(MAX_KEPT_BODY)].to_vec(),
        }
    }

    /// Whether the request certainly did not reach the server's application, or broke in a
    /// way a read-only call may safely be sent again after (connect failures, broken
    /// connections). Timeouts are not included: a stalled server would only stall again.
    pub fn is_retryable_transport(&self) -> bool {
        matches!(
            self,
            Self::Transport {
                kind: TransportErrorKind::Connect | TransportErrorKind::Io,
                ..
            }
        )
    }
}

/// `url` without query and fragment, and without any user info (which may hold a password).
pub fn url_sans_query(url: &url::Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    // Both only fail for URLs that cannot have credentials, which then have none to drop.
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

/// A Salesforce API exception code, as sent in a fault's `faultcode` (`sf:INVALID_SESSION_ID`)
/// or its detail's `exceptionCode`.
///
/// Codes this enum does not list are kept in [`ExceptionCode::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExceptionCode {
    /// The session id / access token is invalid or expired.
    InvalidSessionId,
    /// login(): bad username, password or security token.
    InvalidLogin,
    /// login() from an untrusted network without the security token appended.
    LoginMustUseSecurityToken,
    /// The user's password has expired.
    InvalidOperationWithExpiredPassword,
    /// The API is not enabled for the org or the user's profile.
    ApiDisabledForOrg,
    /// The API is temporarily disabled.
    ApiCurrentlyDisabled,
    /// The org's API request limit was reached.
    RequestLimitExceeded,
    /// The user lacks the access the call needs.
    InsufficientAccess,
    /// An unknown type name.
    InvalidType,
    /// An unknown field name.
    InvalidField,
    /// An id that does not reference a record of the expected type.
    InvalidCrossReferenceKey,
    /// A malformed or unknown id.
    InvalidIdField,
    /// A malformed SOQL query.
    MalformedQuery,
    /// The server is unavailable (maintenance).
    ServerUnavailable,
    /// Too many ids in one call.
    ExceededIdLimit,
    /// A generic server-side error.
    UnknownException,
    /// A code not listed above (or a non-Salesforce fault code's local name).
    Unknown(String),
}

/// Makes one variant.
type MakeCode = fn() -> ExceptionCode;

/// (code, variant) pairs, sorted by code for a binary search.
const CODES: &[(&str, MakeCode)] = &[
    ("API_CURRENTLY_DISABLED", || {
        ExceptionCode::ApiCurrentlyDisabled
    }),
    ("API_DISABLED_FOR_ORG", || ExceptionCode::ApiDisabledForOrg),
    ("EXCEEDED_ID_LIMIT", || ExceptionCode::ExceededIdLimit),
    ("INSUFFICIENT_ACCESS", || ExceptionCode::InsufficientAccess),
    ("INVALID_CROSS_REFERENCE_KEY", || {
        ExceptionCode::InvalidCrossReferenceKey
    }),
    ("INVALID_FIELD", || ExceptionCode::InvalidField),
    ("INVALID_ID_FIELD", || ExceptionCode::InvalidIdField),
    ("INVALID_LOGIN", || ExceptionCode::InvalidLogin),
    ("INVALID_OPERATION_WITH_EXPIRED_PASSWORD", || {
        ExceptionCode::InvalidOperationWithExpiredPassword
    }),
    ("INVALID_SESSION_ID", || ExceptionCode::InvalidSessionId),
    ("INVALID_TYPE", || ExceptionCode::InvalidType),
    ("LOGIN_MUST_USE_SECURITY_TOKEN", || {
        ExceptionCode::LoginMustUseSecurityToken
    }),
    ("MALFORMED_QUERY", || ExceptionCode::MalformedQuery),
    ("REQUEST_LIMIT_EXCEEDED", || {
        ExceptionCode::RequestLimitExceeded
    }),
    ("SERVER_UNAVAILABLE", || ExceptionCode::ServerUnavailable),
    ("UNKNOWN_EXCEPTION", || ExceptionCode::UnknownException),
];

impl ExceptionCode {
    /// The code for its wire text (`"INVALID_SESSION_ID"`); unlisted text is kept in
    /// [`ExceptionCode::Unknown`].
    pub fn parse(code: &str) -> Self {
        match CODES.binary_search_by(|(c, _)| c.cmp(&code)) {
            Ok(i) => (CODES[i].1)(),
            Err(_) => Self::Unknown(code.to_owned()),
        }
    }

    /// The wire text of the code.
    pub fn as_str(&self) -> &str {
        if let Self::Unknown(code) = self {
            return code;
        }
        CODES
            .iter()
            .find(|(_, make)| make() == *self)
            .map_or("", |(code, _)| code)
    }
}

impl ExceptionCode {
    /// The exception code of `fault`: the detail's `exceptionCode` element when present
    /// (partner-style `ApiFault`s), else the fault code when it is not one of the SOAP
    /// envelope's own (`sf:INVALID_SESSION_ID`), else a `CODE: ...` prefix of the fault
    /// string, else [`ExceptionCode::Unknown`] with the fault code's local name.
    pub fn of_fault(fault: &Fault) -> Self {
        if let Some(code) = fault
            .detail
            .as_ref()
            .and_then(|d| element_text(d.inner_xml(), "exceptionCode"))
        {
            return Self::parse(code);
        }
        let code = fault.subcodes.last().unwrap_or(&fault.code);
        if code.ns != SOAP11_NS && code.ns != SOAP12_NS && !code.local.is_empty() {
            return Self::parse(&code.local);
        }
        let prefix = fault.string.split_once(':').map(|(p, _)| p.trim());
        match prefix {
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') => {
                Self::parse(p)
            }
            _ => Self::Unknown(code.local.clone()),
        }
    }
}

/// The text of the first element with local name `local` in `xml` (a plain scan: the
/// detail of a fault is small and its codes need no unescaping).
fn element_text<'a>(xml: &'a str, local: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = xml[from..].find(local) {
        let at = from + i;
        from = at + local.len();
        let before = xml[..at].chars().next_back();
        let open = matches!(before, Some('<' | ':')) && !xml[..at].ends_with("</");
        let rest = &xml[from..];
        if open && rest.starts_with('>') {
            let text = &rest[1..];
            return text.find('<').map(|end| text[..end].trim());
        }
    }
    None
}

impl fmt::Display for ExceptionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_and_round_trip() {
        assert!(CODES.windows(2).all(|w| w[0].0 < w[1].0));
        for (text, _) in CODES {
            let code = ExceptionCode::parse(text);
            assert!(!matches!(code, ExceptionCode::Unknown(_)), "{text}");
            assert_eq!(code.as_str(), *text);
        }
        let odd = ExceptionCode::parse("SOMETHING_NEW");
        assert_eq!(odd, ExceptionCode::Unknown("SOMETHING_NEW".into()));
        assert_eq!(odd.to_string(), "SOMETHING_NEW");
    }

    #[test]
    fn exception_code_of_faults() {
        use crate::soap::FaultCode;
        let sf = "http://soap.sforce.com/2006/04/metadata";
        let mut f = Fault {
            code: FaultCode::new(sf, "INVALID_SESSION_ID"),
            string: "INVALID_SESSION_ID: Invalid Session ID found in SessionHeader".into(),
            ..Fault::default()
        };
        assert_eq!(ExceptionCode::of_fault(&f), ExceptionCode::InvalidSessionId);
        f.code = FaultCode::new(SOAP11_NS, "Server");
        assert_eq!(ExceptionCode::of_fault(&f), ExceptionCode::InvalidSessionId);
        f.string = "something broke".into();
        assert_eq!(
            ExceptionCode::of_fault(&f),
            ExceptionCode::Unknown("Server".into())
        );
        f.detail = Some(crate::xml::AnyValue::string("x").unwrap());
        assert_eq!(
            ExceptionCode::of_fault(&f),
            ExceptionCode::Unknown("Server".into())
        );
        assert_eq!(
            element_text(
                "<sf:X><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode></sf:X>",
                "exceptionCode"
            ),
            Some("INVALID_LOGIN")
        );
        let e = Error::fault(f);
        assert!(e.to_string().contains("something broke"), "{e}");
    }

    #[test]
    fn urls_lose_query_and_user_info() {
        let url = url::Url::parse("https://u:pw@h.example/p?token=abc#f").unwrap();
        assert_eq!(url_sans_query(&url), "https://h.example/p");
        let e = Error::http_status(503, &url, "text/html", &vec![b'x'; MAX_KEPT_BODY + 10]);
        let Error::HttpStatus { body, url, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(body.len(), MAX_KEPT_BODY);
        assert!(!url.contains("abc") && !e.to_string().contains("abc"));
    }
}
