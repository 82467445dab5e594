//! [`NamedCredentials`]: a TOML file of named credential entries, and `callout:` URLs.
//!
//! ```toml
//! [MyOrg]
//! url = "https://acme.my.salesforce.com"   # what callout:MyOrg/... resolves to
//! api_version = "66.0"                     # default 66.0
//! allow_merge_fields_in_header = false     # default false
//! allow_merge_fields_in_body = false       # default false
//! username = "ci@acme.com"                 # optional, for {!$Credential.Username}
//! password_env = "ACME_PASSWORD"           # optional, for {!$Credential.Password}
//!
//! [MyOrg.auth]
//! type = "jwt_bearer"
//! client_id_env = "SF_CLIENT_ID"
//! username = "ci@acme.com"
//! key_file = "server.key"                  # relative to this file's directory
//! ```
//!
//! `auth.type` is one of (secrets marked *):
//!
//! | type | keys |
//! |---|---|
//! | `static` | token*, instance_url (default: url) |
//! | `env` | token_var (`SF_ACCESS_TOKEN`), instance_url_var (`SF_INSTANCE_URL`) |
//! | `refresh_token` | login_url (default: url), client_id, client_secret* (optional), refresh_token* |
//! | `jwt_bearer` | login_url (default `https://login.salesforce.com`), client_id, username, key*, audience (optional) |
//! | `client_credentials` | login_url (default: url), client_id, client_secret* |
//! | `password` | login_url (default `https://login.salesforce.com`), client_id, client_secret* (optional), username, password*, security_token* (optional) |
//! | `soap_login` | login_url (default `https://login.salesforce.com`), username, password*, security_token* (optional) |
//! | `sf_cli` | target_org (optional), program (default `sf`) |
//!
//! Every value named `x` may instead be given as `x_env = "VAR"` (an environment variable)
//! or `x_file = "path"` (a file). A secret written in clear in the file is an error unless
//! the entry sets `allow_plaintext_secrets = true`. Unknown keys are errors. Environment
//! variables and files are read when [`NamedCredentials::get`] first builds the entry.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::config::{Fields, ValueRef};
use super::{Credential, DEFAULT_API_VERSION, MergeFieldPolicy, TokenSource};
use crate::error::Error;
use crate::transport::{Transport, Url, parse_url};

mod sources;

use sources::AuthSpec;

/// Named credential entries read from a TOML file (see the module docs for the format).
///
/// [`NamedCredentials::get`] builds an entry's [`Credential`] once and then hands out
/// clones of it, so every caller of one name shares one session (and one refresh).
pub struct NamedCredentials {
    origin: String,
    entries: BTreeMap<String, Entry>,
    built: Mutex<HashMap<String, Credential>>,
    transport: Option<Arc<dyn Transport>>,
}

#[derive(Debug)]
struct Entry {
    url: Option<String>,
    api_version: String,
    merge: MergeFieldPolicy,
    username: Option<String>,
    password: Option<ValueRef>,
    auth: AuthSpec,
}

impl NamedCredentials {
    /// Reads the credentials file at `path`; `*_file` paths are relative to its directory.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::config(format!(
                "cannot read credentials file {}: {e}",
                path.display()
            ))
        })?;
        let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        Self::parse(&text, &path.display().to_string(), &dir)
    }

    /// Parses credentials from TOML text; `*_file` paths are relative to the current
    /// directory.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        Self::parse(text, "credentials", Path::new(""))
    }

    fn parse(text: &str, origin: &str, dir: &Path) -> Result<Self, Error> {
        let doc: toml::Table = text
            .parse()
            .map_err(|e| Error::config(format!("{origin}: not valid TOML: {e}")))?;
        let mut entries = BTreeMap::new();
        for (name, value) in &doc {
            let toml::Value::Table(table) = value else {
                return Err(Error::config(format!(
                    "{origin}: `{name}` must be a table ([{name}])"
                )));
            };
            let entry = parse_entry(name, table, dir)
                .map_err(|e| Error::config(format!("{origin}: {}", config_text(e))))?;
            entries.insert(name.clone(), entry);
        }
        Ok(Self {
            origin: origin.to_owned(),
            entries,
            built: Mutex::new(HashMap::new()),
            transport: None,
        })
    }

    /// Uses `transport` for every credential built from now on (default: a
    /// [`crate::transport::ReqwestTransport`] per credential).
    #[must_use]
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The entry names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The credential of entry `name`, built (secrets read) on first use.
    pub fn get(&self, name: &str) -> Result<Credential, Error> {
        let mut built = self.built.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = built.get(name) {
            return Ok(c.clone());
        }
        let entry = self.entries.get(name).ok_or_else(|| {
            Error::config(format!("{}: no credential named {name:?}", self.origin))
        })?;
        let credential = self.build(name, entry)?;
        built.insert(name.to_owned(), credential.clone());
        Ok(credential)
    }

    fn build(&self, name: &str, e: &Entry) -> Result<Credential, Error> {
        let at = |m: String| Error::config(format!("{}: [{name}] {m}", self.origin));
        let source: Arc<dyn TokenSource> = e
            .auth
            .build(e.url.as_deref(), &e.api_version)
            .map_err(|err| at(config_text(err)))?;
        let mut b = Credential::builder_arc(source)
            .name(name)
            .api_version(e.api_version.clone())
            .merge_policy(e.merge);
        if let Some(url) = &e.url {
            b = b.url(url)?;
        }
        if let Some(u) = &e.username {
            b = b.username(u.clone());
        }
        if let Some(p) = &e.password {
            b = b.password(p.resolve("password").map_err(|err| at(config_text(err)))?);
        }
        if let Some(t) = &self.transport {
            b = b.transport(t.clone());
        }
        b.build()
    }

    /// Resolves `callout:Name/path?query` to the entry's URL + path + query, and returns
    /// the entry's credential with it. Any other URL is an error.
    pub fn resolve(&self, callout: &str) -> Result<(Credential, Url), Error> {
        let rest = callout.strip_prefix("callout:").ok_or_else(|| {
            Error::config("not a callout: URL (expected callout:Name/path)".to_owned())
        })?;
        let split = rest.find(['/', '?']).unwrap_or(rest.len());
        let (name, tail) = rest.split_at(split);
        let credential = self.get(name)?;
        let base = credential.url().ok_or_else(|| {
            Error::config(format!(
                "{}: [{name}] has no url to resolve callout: against",
                self.origin
            ))
        })?;
        let url = parse_url(&format!("{}{tail}", base.as_str().trim_end_matches('/')))?;
        Ok((credential, url))
    }
}

impl std::fmt::Debug for NamedCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NamedCredentials")
            .field("origin", &self.origin)
            .field("names", &self.entries.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

fn config_text(e: Error) -> String {
    match e {
        Error::Config { message } => message,
        other => other.to_string(),
    }
}

fn parse_entry(name: &str, table: &toml::Table, dir: &Path) -> Result<Entry, Error> {
    let allow_plaintext = matches!(
        table.get("allow_plaintext_secrets"),
        Some(toml::Value::Boolean(true))
    );
    let mut f = Fields::new(format!("[{name}]"), table, allow_plaintext, dir);
    f.bool("allow_plaintext_secrets")?;
    let url = f.string("url")?;
    if let Some(u) = &url {
        parse_url(u).map_err(|e| f.error(config_text(e)))?;
    }
    let api_version = f
        .string("api_version")?
        .unwrap_or_else(|| DEFAULT_API_VERSION.to_owned());
    let merge = MergeFieldPolicy {
        in_header: f.bool("allow_merge_fields_in_header")?.unwrap_or(false),
        in_body: f.bool("allow_merge_fields_in_body")?.unwrap_or(false),
    };
    let username = f.string("username")?;
    let password = f.value("password", true)?;
    let auth_table = f
        .table("auth")?
        .ok_or_else(|| f.error("`auth` is required ([Name.auth] with a `type`)"))?;
    let mut af = Fields::new(format!("[{name}.auth]"), auth_table, allow_plaintext, dir);
    let auth = AuthSpec::parse(&mut af)?;
    af.finish()?;
    f.finish()?;
    Ok(Entry {
        url,
        api_version,
        merge,
        username,
        password,
        auth,
    })
}
