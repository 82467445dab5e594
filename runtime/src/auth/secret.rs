//! [`Secret`]: a string that never prints and is zeroed when dropped.

use std::fmt;

use zeroize::Zeroizing;

/// A secret string: an access token, session id, password, client secret, refresh token or
/// private key.
///
/// `Debug` and `Display` print `***`; the memory holding the value is overwritten with zeros
/// when the `Secret` (and each clone of it) is dropped. Read the value with
/// [`Secret::expose`], only where it is put on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps `value`. A `String` is moved in without a copy, so no unzeroed copy remains.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The secret value, for putting it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_its_value() {
        let s = Secret::new("hunter2-token");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(
            format!("{:#?}", Some(s.clone())),
            "Some(\n    Secret(***),\n)"
        );
        assert_eq!(s.expose(), "hunter2-token");
        assert!(!s.is_empty());
    }
}
