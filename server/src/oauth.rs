//! `POST /services/oauth2/token`: the refresh-token, password, client-credentials and JWT
//! bearer grants, answered with Salesforce's JSON shapes.

use std::collections::HashMap;

use base64::Engine as _;
use http::{HeaderMap, StatusCode};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Validation};
use serde_json::json;

use crate::http::Reply;
use crate::ids::now_millis;
use crate::state::{GrantCounts, State, lock};

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// An OAuth error: `error` code and `error_description`, answered with HTTP 400.
#[derive(Debug)]
struct Refusal(&'static str, String);

fn refuse(code: &'static str, why: &str) -> Refusal {
    Refusal(code, why.to_owned())
}

/// Parses a JWT bearer public key at start-up.
pub(crate) fn parse_key(pem: &str) -> Result<DecodingKey, String> {
    DecodingKey::from_rsa_pem(pem.as_bytes()).map_err(|e| e.to_string())
}

pub(crate) fn handle(state: &State, _headers: &HeaderMap, body: &[u8]) -> Reply {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body).into_owned().collect();
    let grant = form.get("grant_type").map(String::as_str).unwrap_or("");
    let outcome = forced_failure(state).and_then(|()| match grant {
        "refresh_token" => refresh(state, &form).map(|()| bump(|g| &mut g.refresh_token)),
        "password" => password(state, &form).map(|()| bump(|g| &mut g.password)),
        "client_credentials" => {
            client_credentials(state, &form).map(|()| bump(|g| &mut g.client_credentials))
        }
        JWT_BEARER => jwt_bearer(state, &form).map(|()| bump(|g| &mut g.jwt_bearer)),
        _ => Err(refuse("unsupported_grant_type", "grant type not supported")),
    });
    match outcome {
        Ok(which) => {
            which(&mut lock(&state.stats).grants);
            Reply::json(StatusCode::OK, &token_json(state))
        }
        Err(Refusal(code, why)) => {
            lock(&state.stats).grants.refused += 1;
            Reply::json(
                StatusCode::BAD_REQUEST,
                &json!({ "error": code, "error_description": why }),
            )
        }
    }
}

/// A counter bump to apply once the grant succeeded.
type Bump = fn(&mut GrantCounts) -> &mut u64;

fn bump(f: Bump) -> impl FnOnce(&mut GrantCounts) {
    move |g| *f(g) += 1
}

fn forced_failure(state: &State) -> Result<(), Refusal> {
    let mut ctl = lock(&state.grant_ctl);
    if ctl.fail_next > 0 {
        ctl.fail_next -= 1;
        return Err(refuse("invalid_grant", "authentication failure"));
    }
    Ok(())
}

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map(String::as_str).unwrap_or("")
}

fn check_client(
    state: &State,
    form: &HashMap<String, String>,
    secret_required: bool,
) -> Result<(), Refusal> {
    if field(form, "client_id") != state.config.client_id {
        return Err(refuse("invalid_client_id", "client identifier invalid"));
    }
    match form.get("client_secret") {
        Some(s) if *s != state.config.client_secret => {
            Err(refuse("invalid_client", "invalid client credentials"))
        }
        None if secret_required => Err(refuse("invalid_client", "invalid client credentials")),
        _ => Ok(()),
    }
}

fn refresh(state: &State, form: &HashMap<String, String>) -> Result<(), Refusal> {
    check_client(state, form, false)?;
    let revoked = lock(&state.grant_ctl).refresh_revoked;
    if revoked || field(form, "refresh_token") != state.config.refresh_token {
        return Err(refuse("invalid_grant", "expired access/refresh token"));
    }
    Ok(())
}

fn password(state: &State, form: &HashMap<String, String>) -> Result<(), Refusal> {
    check_client(state, form, true)?;
    let c = &state.config;
    let expected = format!("{}{}", c.password, c.security_token);
    if field(form, "username") != c.username || field(form, "password") != expected {
        return Err(refuse("invalid_grant", "authentication failure"));
    }
    Ok(())
}

fn client_credentials(state: &State, form: &HashMap<String, String>) -> Result<(), Refusal> {
    check_client(state, form, true)
}

/// Verifies the RS256 assertion: signature, `iss` = client id, `aud` = this server or a
/// configured login URL, `exp` in the future (60 s leeway), `sub` = the org's user.
///
/// The claims are checked here rather than by `jsonwebtoken`'s validation because clients
/// Salesforce accepts write `exp` as a string of digits (simple-salesforce does).
fn jwt_bearer(state: &State, form: &HashMap<String, String>) -> Result<(), Refusal> {
    let Some(key) = &state.jwt_key else {
        return Err(refuse(
            "invalid_grant",
            "invalid assertion: JWT bearer flow not configured on this server",
        ));
    };
    let mut v = Validation::new(Algorithm::RS256);
    v.required_spec_claims.clear();
    v.validate_exp = false;
    v.validate_aud = false;
    let data = jsonwebtoken::decode::<serde_json::Value>(field(form, "assertion"), key, &v)
        .map_err(|_| refuse("invalid_grant", "invalid assertion"))?;
    let claims = &data.claims;
    let text = |name: &str| claims.get(name).and_then(serde_json::Value::as_str);
    if text("iss") != Some(state.config.client_id.as_str()) {
        return Err(refuse("invalid_client_id", "client identifier invalid"));
    }
    if !audience_ok(state, claims.get("aud")) {
        return Err(refuse("invalid_grant", "audience is invalid"));
    }
    let exp = claims.get("exp").and_then(|e| {
        e.as_u64()
            .or_else(|| e.as_str().and_then(|s| s.trim().parse().ok()))
    });
    let Some(exp) = exp else {
        return Err(refuse("invalid_grant", "invalid assertion: no exp claim"));
    };
    if u128::from(exp) * 1000 + 60_000 < now_millis() {
        return Err(refuse("invalid_grant", "expired authorization code"));
    }
    if text("sub") != Some(state.config.username.as_str()) {
        return Err(refuse(
            "invalid_grant",
            "user hasn't approved this consumer",
        ));
    }
    Ok(())
}

/// `aud` (a string or an array) names this server or a configured login URL.
fn audience_ok(state: &State, aud: Option<&serde_json::Value>) -> bool {
    let base = state.base_url.as_str();
    let accepted = |a: &str| {
        let a = a.trim_end_matches('/');
        a == base
            || state
                .config
                .jwt_audiences
                .iter()
                .any(|x| x.trim_end_matches('/') == a)
    };
    match aud {
        Some(serde_json::Value::String(a)) => accepted(a),
        Some(serde_json::Value::Array(list)) => list
            .iter()
            .filter_map(serde_json::Value::as_str)
            .any(accepted),
        _ => false,
    }
}

/// The success body: a new session as `access_token`, with Salesforce's other fields.
/// `signature` is the real HMAC-SHA256 of `id` + `issued_at` keyed by the client secret.
fn token_json(state: &State) -> serde_json::Value {
    let token = state.mint_session();
    let id = state.identity_url();
    let issued_at = now_millis().to_string();
    let message = format!("{id}{issued_at}");
    let signature = EncodingKey::from_secret(state.config.client_secret.as_bytes())
        .and_then(|key| jsonwebtoken::crypto::sign(message.as_bytes(), &key, Algorithm::HS256))
        .ok()
        .and_then(|s| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(s)
                .ok()
        })
        .map(|raw| base64::engine::general_purpose::STANDARD.encode(raw))
        .unwrap_or_default();
    json!({
        "access_token": token,
        "instance_url": state.base_url,
        "id": id,
        "token_type": "Bearer",
        "issued_at": issued_at,
        "signature": signature,
        "scope": "api web full refresh_token",
    })
}

/// `POST /services/oauth2/revoke`: expires the session named by `token` (refresh tokens
/// are revoked too when named).
pub(crate) fn revoke(state: &State, body: &[u8]) -> Reply {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body).into_owned().collect();
    let token = field(&form, "token");
    if token == state.config.refresh_token {
        lock(&state.grant_ctl).refresh_revoked = true;
        return Reply::new(StatusCode::OK, crate::http::JSON, Vec::new());
    }
    if lock(&state.sessions).expire(token) {
        Reply::new(StatusCode::OK, crate::http::JSON, Vec::new())
    } else {
        Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({ "error": "unsupported_token_type", "error_description": "this token type is not supported" }),
        )
    }
}
