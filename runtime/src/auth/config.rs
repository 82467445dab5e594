//! Reading the fields of a credentials-file entry: typed look-ups that remember which keys
//! were used (so unknown keys are errors), and secret references (`x_env`, `x_file`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::Secret;
use crate::error::Error;

/// Where a value comes from: written in the file, an environment variable, or a file.
#[derive(Debug, Clone)]
pub(crate) enum ValueRef {
    Plain(Secret),
    Env(String),
    File(PathBuf),
}

impl ValueRef {
    /// Reads the value (environment variables and files are read now).
    pub(crate) fn resolve(&self, what: &str) -> Result<Secret, Error> {
        match self {
            Self::Plain(s) => Ok(s.clone()),
            Self::Env(var) => match std::env::var(var) {
                Ok(v) if !v.is_empty() => Ok(Secret::new(v)),
                _ => Err(Error::config(format!(
                    "{what}: environment variable {var} is not set, empty or not UTF-8"
                ))),
            },
            Self::File(path) => read_secret_file(path)
                .map_err(|e| Error::config(format!("{what}: {}", config_message(e)))),
        }
    }
}

fn config_message(e: Error) -> String {
    match e {
        Error::Config { message } => message,
        other => other.to_string(),
    }
}

/// Reads a secret from a file, dropping one trailing line break.
pub(crate) fn read_secret_file(path: &Path) -> Result<Secret, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::config(format!("cannot read {}: {e}", path.display())))?;
    let mut s = Secret::new(text);
    let trimmed = s.expose().trim_end_matches(['\r', '\n']).len();
    if trimmed != s.expose().len() {
        s = Secret::new(&s.expose()[..trimmed]);
    }
    if s.is_empty() {
        return Err(Error::config(format!("{} is empty", path.display())));
    }
    Ok(s)
}

/// The keys of one TOML table, read with types and tracked.
pub(crate) struct Fields<'a> {
    /// `[Entry]` or `[Entry.auth]`, for messages.
    pub(crate) at: String,
    table: &'a toml::Table,
    used: BTreeSet<&'a str>,
    allow_plaintext: bool,
    base_dir: PathBuf,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(
        at: String,
        table: &'a toml::Table,
        allow_plaintext: bool,
        base_dir: &Path,
    ) -> Self {
        Self {
            at,
            table,
            used: BTreeSet::new(),
            allow_plaintext,
            base_dir: base_dir.to_owned(),
        }
    }

    pub(crate) fn error(&self, message: impl std::fmt::Display) -> Error {
        Error::config(format!("{}: {message}", self.at))
    }

    fn get(&mut self, key: &str) -> Option<(&'a str, &'a toml::Value)> {
        let (k, v) = self.table.get_key_value(key)?;
        self.used.insert(k.as_str());
        Some((k.as_str(), v))
    }

    /// An optional string.
    pub(crate) fn string(&mut self, key: &str) -> Result<Option<String>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some((_, toml::Value::String(s))) => Ok(Some(s.clone())),
            Some((k, _)) => Err(self.error(format!("`{k}` must be a string"))),
        }
    }

    /// A required string.
    pub(crate) fn required_string(&mut self, key: &str) -> Result<String, Error> {
        self.string(key)?
            .ok_or_else(|| self.error(format!("`{key}` is required")))
    }

    /// An optional sub-table.
    pub(crate) fn table(&mut self, key: &str) -> Result<Option<&'a toml::Table>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some((_, toml::Value::Table(t))) => Ok(Some(t)),
            Some((k, _)) => Err(self.error(format!("`{k}` must be a table"))),
        }
    }

    /// An optional boolean.
    pub(crate) fn bool(&mut self, key: &str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some((_, toml::Value::Boolean(b))) => Ok(Some(*b)),
            Some((k, _)) => Err(self.error(format!("`{k}` must be true or false"))),
        }
    }

    /// A value given as `key`, `key_env` or `key_file` (at most one). `secret` values given
    /// in clear are refused unless the entry allows plaintext secrets; the error never
    /// repeats the value.
    pub(crate) fn value(&mut self, key: &str, secret: bool) -> Result<Option<ValueRef>, Error> {
        let plain = self.string(key)?;
        let env = self.string(&format!("{key}_env"))?;
        let file = self.string(&format!("{key}_file"))?;
        let given = [plain.is_some(), env.is_some(), file.is_some()];
        if given.iter().filter(|g| **g).count() > 1 {
            return Err(self.error(format!(
                "give only one of `{key}`, `{key}_env`, `{key}_file`"
            )));
        }
        if let Some(var) = env {
            return Ok(Some(ValueRef::Env(var)));
        }
        if let Some(file) = file {
            return Ok(Some(ValueRef::File(self.base_dir.join(file))));
        }
        match plain {
            Some(_) if secret && !self.allow_plaintext => Err(self.error(format!(
                "`{key}` is a secret written in clear: use `{key}_env` or `{key}_file` \
                 (or set allow_plaintext_secrets = true on the entry)"
            ))),
            Some(v) => Ok(Some(ValueRef::Plain(Secret::new(v)))),
            None => Ok(None),
        }
    }

    /// Like [`Fields::value`], required.
    pub(crate) fn required_value(&mut self, key: &str, secret: bool) -> Result<ValueRef, Error> {
        self.value(key, secret)?.ok_or_else(|| {
            self.error(format!(
                "one of `{key}`, `{key}_env`, `{key}_file` is required"
            ))
        })
    }

    /// Fails on any key not read.
    pub(crate) fn finish(self) -> Result<(), Error> {
        let unknown: Vec<&str> = self
            .table
            .keys()
            .map(String::as_str)
            .filter(|k| !self.used.contains(k))
            .collect();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(self.error(format!("unknown key(s): {}", unknown.join(", "))))
        }
    }
}
