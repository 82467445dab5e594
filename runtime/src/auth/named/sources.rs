//! The `[Name.auth]` table of a credentials file: parsed into an [`AuthSpec`] (secrets
//! still as references) at load time, turned into a [`TokenSource`] on first use.

use std::sync::Arc;

use super::super::config::{Fields, ValueRef};
use super::super::oauth::PRODUCTION_LOGIN_URL;
use super::super::{
    AccessToken, ClientCredentialsGrant, EnvToken, JwtBearerGrant, PasswordGrant,
    RefreshTokenGrant, Secret, SfCli, SoapLogin, StaticToken, TokenSource,
};
use crate::error::Error;

/// One `auth.type` with its settings.
#[derive(Debug)]
pub(super) enum AuthSpec {
    Static {
        token: ValueRef,
        instance_url: Option<String>,
    },
    Env {
        token_var: Option<String>,
        url_var: Option<String>,
    },
    RefreshToken {
        login_url: Option<String>,
        client_id: ValueRef,
        client_secret: Option<ValueRef>,
        refresh_token: ValueRef,
    },
    JwtBearer {
        login_url: Option<String>,
        client_id: ValueRef,
        username: String,
        key: ValueRef,
        audience: Option<String>,
    },
    ClientCredentials {
        login_url: Option<String>,
        client_id: ValueRef,
        client_secret: ValueRef,
    },
    Password {
        login_url: Option<String>,
        client_id: ValueRef,
        client_secret: Option<ValueRef>,
        username: String,
        password: ValueRef,
        security_token: Option<ValueRef>,
    },
    SoapLogin {
        login_url: Option<String>,
        username: String,
        password: ValueRef,
        security_token: Option<ValueRef>,
    },
    SfCli {
        target_org: Option<String>,
        program: Option<String>,
    },
}

const TYPES: &str =
    "static, env, refresh_token, jwt_bearer, client_credentials, password, soap_login, sf_cli";

impl AuthSpec {
    /// Reads the table's `type` and the keys of that type.
    pub(super) fn parse(f: &mut Fields<'_>) -> Result<Self, Error> {
        let kind = f.required_string("type")?;
        Ok(match kind.as_str() {
            "static" => Self::Static {
                token: f.required_value("token", true)?,
                instance_url: f.string("instance_url")?,
            },
            "env" => Self::Env {
                token_var: f.string("token_var")?,
                url_var: f.string("instance_url_var")?,
            },
            "refresh_token" => Self::RefreshToken {
                login_url: f.string("login_url")?,
                client_id: f.required_value("client_id", false)?,
                client_secret: f.value("client_secret", true)?,
                refresh_token: f.required_value("refresh_token", true)?,
            },
            "jwt_bearer" => Self::JwtBearer {
                login_url: f.string("login_url")?,
                client_id: f.required_value("client_id", false)?,
                username: f.required_string("username")?,
                key: f.required_value("key", true)?,
                audience: f.string("audience")?,
            },
            "client_credentials" => Self::ClientCredentials {
                login_url: f.string("login_url")?,
                client_id: f.required_value("client_id", false)?,
                client_secret: f.required_value("client_secret", true)?,
            },
            "password" => Self::Password {
                login_url: f.string("login_url")?,
                client_id: f.required_value("client_id", false)?,
                client_secret: f.value("client_secret", true)?,
                username: f.required_string("username")?,
                password: f.required_value("password", true)?,
                security_token: f.value("security_token", true)?,
            },
            "soap_login" => Self::SoapLogin {
                login_url: f.string("login_url")?,
                username: f.required_string("username")?,
                password: f.required_value("password", true)?,
                security_token: f.value("security_token", true)?,
            },
            "sf_cli" => Self::SfCli {
                target_org: f.string("target_org")?,
                program: f.string("program")?,
            },
            other => {
                return Err(f.error(format!("unknown auth type {other:?} (one of: {TYPES})")));
            }
        })
    }

    /// Builds the source, reading referenced secrets now. `url` is the entry's URL, the
    /// default login URL of the flows that run against the org's own domain.
    pub(super) fn build(
        &self,
        url: Option<&str>,
        api_version: &str,
    ) -> Result<Arc<dyn TokenSource>, Error> {
        let own = |login: &Option<String>| -> Result<String, Error> {
            login
                .clone()
                .or_else(|| url.map(str::to_owned))
                .ok_or_else(|| {
                    Error::config("needs `login_url` in [auth] or `url` on the entry".to_owned())
                })
        };
        let prod = |login: &Option<String>| {
            login
                .clone()
                .unwrap_or_else(|| PRODUCTION_LOGIN_URL.to_owned())
        };
        let id = |v: &ValueRef| v.resolve("client_id").map(|s| s.expose().to_owned());
        Ok(match self {
            Self::Static {
                token,
                instance_url,
            } => {
                let at = instance_url.clone().or_else(|| url.map(str::to_owned));
                let at = at.ok_or_else(|| {
                    Error::config("static auth needs `instance_url` or the entry's `url`")
                })?;
                let token = AccessToken::new(token.resolve("token")?, at);
                Arc::new(StaticToken::new(token))
            }
            Self::Env { token_var, url_var } => Arc::new(EnvToken::new(
                token_var.as_deref().unwrap_or("SF_ACCESS_TOKEN"),
                url_var.as_deref().unwrap_or("SF_INSTANCE_URL"),
            )),
            Self::RefreshToken {
                login_url,
                client_id,
                client_secret,
                refresh_token,
            } => {
                let g = RefreshTokenGrant::new(
                    &own(login_url)?,
                    id(client_id)?,
                    refresh_token.resolve("refresh_token")?,
                )?;
                Arc::new(match client_secret {
                    Some(s) => g.client_secret(s.resolve("client_secret")?),
                    None => g,
                })
            }
            Self::JwtBearer {
                login_url,
                client_id,
                username,
                key,
                audience,
            } => {
                let g = JwtBearerGrant::new(
                    &prod(login_url),
                    id(client_id)?,
                    username.clone(),
                    key.resolve("key")?,
                )?;
                Arc::new(match audience {
                    Some(a) => g.audience(a.clone()),
                    None => g,
                })
            }
            Self::ClientCredentials {
                login_url,
                client_id,
                client_secret,
            } => Arc::new(ClientCredentialsGrant::new(
                &own(login_url)?,
                id(client_id)?,
                client_secret.resolve("client_secret")?,
            )?),
            Self::Password {
                login_url,
                client_id,
                client_secret,
                username,
                password,
                security_token,
            } => {
                let pw = with_security_token(password, security_token.as_ref())?;
                let g = PasswordGrant::new(&prod(login_url), id(client_id)?, username.clone(), pw)?;
                Arc::new(match client_secret {
                    Some(s) => g.client_secret(s.resolve("client_secret")?),
                    None => g,
                })
            }
            Self::SoapLogin {
                login_url,
                username,
                password,
                security_token,
            } => {
                let pw = with_security_token(password, security_token.as_ref())?;
                Arc::new(SoapLogin::new(
                    &prod(login_url),
                    api_version,
                    username.clone(),
                    pw,
                )?)
            }
            Self::SfCli {
                target_org,
                program,
            } => {
                let mut cli = SfCli::new();
                if let Some(org) = target_org {
                    cli = cli.target_org(org.clone());
                }
                if let Some(p) = program {
                    cli = cli.program(p.clone());
                }
                Arc::new(cli)
            }
        })
    }
}

/// The password with the security token appended, as Salesforce expects it.
fn with_security_token(password: &ValueRef, token: Option<&ValueRef>) -> Result<Secret, Error> {
    let pw = password.resolve("password")?;
    match token {
        None => Ok(pw),
        Some(t) => {
            let t = t.resolve("security_token")?;
            let mut joined = String::with_capacity(pw.expose().len() + t.expose().len());
            joined.push_str(pw.expose());
            joined.push_str(t.expose());
            Ok(Secret::new(joined))
        }
    }
}
