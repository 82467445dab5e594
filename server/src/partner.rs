//! The partner (SOAP) API's login() and logout(), and the few REST resources clients touch
//! first (`/services/data`, the identity URL). The partner XML is tiny and written by hand.

use http::{HeaderMap, StatusCode, header};
use serde_json::json;

use crate::dom;
use crate::http::{Reply, XML};
use crate::state::{State, lock};

const PARTNER_NS: &str = "urn:partner.soap.sforce.com";
const FAULT_NS: &str = "urn:fault.partner.soap.sforce.com";
const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// The newest API version served, and the oldest listed by `/services/data`.
pub(crate) const LATEST_VERSION: u32 = 66;
const OLDEST_VERSION: u32 = 31;

pub(crate) fn handle_soap(state: &State, body: &[u8]) -> Reply {
    let root = match dom::parse(body) {
        Ok(r) => r,
        Err(e) => {
            return fault(
                "soapenv:Client",
                &format!("Unable to parse the request: {e}"),
                None,
            );
        }
    };
    let op = root.child("Body").and_then(|b| b.elements().next());
    match op.map(|o| (o.local(), o)) {
        Some(("login", o)) => login(state, o),
        Some(("logout", _)) => logout(state, &root),
        Some((other, _)) => fault(
            "sf:INVALID_OPERATION",
            &format!("INVALID_OPERATION: {other} is not supported by this local server"),
            None,
        ),
        None => fault(
            "soapenv:Client",
            "No operation available for request: the Body is empty",
            None,
        ),
    }
}

fn login(state: &State, op: &dom::Element) -> Reply {
    let user = op.child("username").map(|e| e.text()).unwrap_or_default();
    let pass = op.child("password").map(|e| e.text()).unwrap_or_default();
    let c = &state.config;
    let forced = {
        let mut g = lock(&state.grant_ctl);
        let f = g.fail_next > 0;
        g.fail_next = g.fail_next.saturating_sub(1);
        f
    };
    if forced || user.trim() != c.username || pass != format!("{}{}", c.password, c.security_token)
    {
        lock(&state.stats).grants.refused += 1;
        let msg = "Invalid username, password, security token; or user locked out.";
        return fault(
            "sf:INVALID_LOGIN",
            &format!("INVALID_LOGIN: {msg}"),
            Some(("LoginFault", "INVALID_LOGIN", msg)),
        );
    }
    lock(&state.stats).grants.login += 1;
    let session = state.mint_session();
    let version = format!("{LATEST_VERSION}.0");
    let seconds = lock(&state.sessions).seconds_valid();
    let mut result = dom::Element::new("result");
    for (k, v) in [
        ("metadataServerUrl", state.metadata_url(&version)),
        ("passwordExpired", "false".to_owned()),
        ("sandbox", "false".to_owned()),
        ("serverUrl", state.partner_url(&version)),
        ("sessionId", session),
        ("userId", c.user_id.clone()),
    ] {
        result.push(dom::Element::with_text(k, &v));
    }
    result.push(user_info(state, seconds));
    let mut resp = dom::Element::new("loginResponse");
    resp.push(result);
    envelope(StatusCode::OK, resp, ("xmlns", PARTNER_NS))
}

fn user_info(state: &State, seconds: u64) -> dom::Element {
    let c = &state.config;
    let mut info = dom::Element::new("userInfo");
    let seconds = seconds.to_string();
    let fields: [(&str, &str); 24] = [
        ("accessibilityMode", "false"),
        ("chatterExternal", "false"),
        ("currencySymbol", "$"),
        ("orgAttachmentFileSizeLimit", "5242880"),
        ("orgDefaultCurrencyIsoCode", "USD"),
        ("orgDefaultCurrencyLocale", "en_US"),
        ("orgDisallowHtmlAttachments", "false"),
        ("orgHasPersonAccounts", "false"),
        ("organizationId", &c.org_id),
        ("organizationMultiCurrency", "false"),
        ("organizationName", "Local Metadata Server"),
        ("profileId", "00eLS0000000001AAA"),
        ("roleId", ""),
        ("sessionSecondsValid", &seconds),
        ("userDefaultCurrencyIsoCode", ""),
        ("userEmail", &c.username),
        ("userFullName", "Local Admin"),
        ("userId", &c.user_id),
        ("userLanguage", "en_US"),
        ("userLocale", "en_US"),
        ("userName", &c.username),
        ("userTimeZone", "America/Los_Angeles"),
        ("userType", "Standard"),
        ("userUiSkin", "Theme3"),
    ];
    for (k, v) in fields {
        let mut e = dom::Element::with_text(k, v);
        if v.is_empty() {
            // Nillable and empty on real orgs: written as xsi:nil.
            e = dom::Element::new(k);
            e.attrs.push(("xsi:nil".to_owned(), "true".to_owned()));
        }
        info.push(e);
    }
    info
}

/// logout(): expires the session of the request's SessionHeader.
fn logout(state: &State, root: &dom::Element) -> Reply {
    let token = root
        .child("Header")
        .and_then(|h| h.child("SessionHeader"))
        .and_then(|s| s.child("sessionId"))
        .map(|s| s.text())
        .unwrap_or_default();
    if lock(&state.sessions).check(Some(&token)).is_err() {
        let msg = "Invalid Session ID found in SessionHeader: Illegal Session";
        lock(&state.stats).invalid_session += 1;
        return fault(
            "sf:INVALID_SESSION_ID",
            &format!("INVALID_SESSION_ID: {msg}"),
            Some(("UnexpectedErrorFault", "INVALID_SESSION_ID", msg)),
        );
    }
    lock(&state.sessions).expire(&token);
    envelope(
        StatusCode::OK,
        dom::Element::new("logoutResponse"),
        ("xmlns", PARTNER_NS),
    )
}

/// An envelope around `body_el`; `ns` is bound as the default namespace (answers) or to
/// `sf` (faults, whose own children are unqualified).
fn envelope(status: StatusCode, body_el: dom::Element, ns: (&str, &str)) -> Reply {
    let mut env = dom::Element::new("soapenv:Envelope");
    env.attrs = vec![
        ("xmlns:soapenv".to_owned(), SOAP_NS.to_owned()),
        (ns.0.to_owned(), ns.1.to_owned()),
        ("xmlns:xsi".to_owned(), runtime::xml::XSI_NS.to_owned()),
    ];
    let mut body = dom::Element::new("soapenv:Body");
    body.push(body_el);
    env.push(body);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    env.write(&mut out);
    Reply::new(status, XML, out.into_bytes())
}

/// A partner-API fault; `detail` = (fault element, exceptionCode, exceptionMessage).
fn fault(code: &str, string: &str, detail: Option<(&str, &str, &str)>) -> Reply {
    let mut f = dom::Element::new("soapenv:Fault");
    f.push(dom::Element::with_text("faultcode", code));
    f.push(dom::Element::with_text("faultstring", string));
    if let Some((el, exc, msg)) = detail {
        let mut inner = dom::Element::new(format!("sf:{el}"));
        inner
            .attrs
            .push(("xsi:type".to_owned(), format!("sf:{el}")));
        inner.push(dom::Element::with_text("sf:exceptionCode", exc));
        inner.push(dom::Element::with_text("sf:exceptionMessage", msg));
        let mut d = dom::Element::new("detail");
        d.push(inner);
        f.push(d);
    }
    envelope(StatusCode::INTERNAL_SERVER_ERROR, f, ("xmlns:sf", FAULT_NS))
}

/// `GET /services/data`: the API versions served.
pub(crate) fn versions() -> Reply {
    let list: Vec<_> = (OLDEST_VERSION..=LATEST_VERSION)
        .map(|v| json!({ "label": format!("Version {v}.0"), "url": format!("/services/data/v{v}.0"), "version": format!("{v}.0") }))
        .collect();
    Reply::json(StatusCode::OK, &serde_json::Value::Array(list))
}

/// `GET /services/data/vNN.0`: the resources of a version (only their names matter to clients).
pub(crate) fn resources(v: &str) -> Reply {
    let ok = v
        .strip_prefix('v')
        .and_then(|n| n.strip_suffix(".0"))
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| (OLDEST_VERSION..=LATEST_VERSION).contains(&n));
    if !ok {
        return Reply::json(
            StatusCode::NOT_FOUND,
            &json!([{ "errorCode": "NOT_FOUND", "message": "The requested resource does not exist" }]),
        );
    }
    let base = format!("/services/data/{v}");
    Reply::json(
        StatusCode::OK,
        &json!({ "sobjects": format!("{base}/sobjects"), "query": format!("{base}/query"), "tooling": format!("{base}/tooling") }),
    )
}

/// The identity URL (and `/services/oauth2/userinfo`), for a Bearer token.
pub(crate) fn identity(state: &State, headers: &HeaderMap) -> Reply {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("OAuth "))
        });
    if lock(&state.sessions).check(token).is_err() {
        return Reply::json(StatusCode::FORBIDDEN, &json!("Bad_OAuth_Token"));
    }
    let c = &state.config;
    Reply::json(
        StatusCode::OK,
        &json!({
            "id": state.identity_url(), "user_id": c.user_id, "organization_id": c.org_id,
            "username": c.username, "display_name": "Local Admin", "email": c.username,
            "urls": { "metadata": format!("{}/services/Soap/m/{{version}}/{}", state.base_url, &c.org_id[..15]),
                      "partner": format!("{}/services/Soap/u/{{version}}/{}", state.base_url, &c.org_id[..15]),
                      "rest": format!("{}/services/data/v{{version}}/", state.base_url) },
        }),
    )
}
