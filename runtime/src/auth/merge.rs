//! Credential merge fields: `{!$Credential.OAuthToken}`, `{!$Credential.Username}`,
//! `{!$Credential.Password}`, each also as `{!HTMLENCODE($Credential.X)}`.
//!
//! As on the platform, a credential substitutes merge fields only where it allows them
//! (in headers, in the body, both or neither); where they are not allowed they are sent
//! verbatim, exactly as written. In bodies, values are always XML-escaped (`&`, `<`, `>`,
//! `"`, `'`), so a password with `<` cannot break the XML it is merged into; in headers,
//! only the `HTMLENCODE(...)` form is escaped.

use crate::error::Error;

/// Where a credential lets merge fields be substituted. Both default to `false`, like the
/// platform's "Allow Merge Fields in HTTP Header / Body" settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeFieldPolicy {
    /// Substitute merge fields in HTTP header values.
    pub in_header: bool,
    /// Substitute merge fields in the request body (UTF-8 bodies only).
    pub in_body: bool,
}

/// A credential field a merge field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    OAuthToken,
    Username,
    Password,
}

/// The values merged in; `None` where the credential has no such value.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct MergeValues<'a> {
    pub(crate) token: Option<&'a str>,
    pub(crate) username: Option<&'a str>,
    pub(crate) password: Option<&'a str>,
}

/// One merge field found in a text.
struct Found {
    start: usize,
    end: usize,
    field: Field,
    encode: bool,
}

/// Finds the merge fields of `text`. `{!$Credential.Other}` is an error (a typo would
/// otherwise be sent to the server verbatim); other `{!...}` texts are not ours and kept.
fn find(text: &str) -> Result<Vec<Found>, Error> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = text[from..].find("{!") {
        let start = from + rel;
        let Some(close) = text[start..].find('}') else {
            break;
        };
        let end = start + close + 1;
        let inner = &text[start + 2..end - 1];
        let (name, encode) = match strip_prefix_ci(inner, "HTMLENCODE(") {
            Some(rest) => (rest.strip_suffix(')').unwrap_or(rest), true),
            None => (inner, false),
        };
        if let Some(field) = strip_prefix_ci(name.trim(), "$Credential.") {
            let field = parse_field(field.trim())?;
            out.push(Found {
                start,
                end,
                field,
                encode,
            });
        }
        from = end;
    }
    Ok(out)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn parse_field(name: &str) -> Result<Field, Error> {
    if name.eq_ignore_ascii_case("OAuthToken") {
        Ok(Field::OAuthToken)
    } else if name.eq_ignore_ascii_case("Username") {
        Ok(Field::Username)
    } else if name.eq_ignore_ascii_case("Password") {
        Ok(Field::Password)
    } else {
        Err(Error::config(format!(
            "unknown merge field $Credential.{name} (known: OAuthToken, Username, Password)"
        )))
    }
}

/// Whether `text` uses `{!$Credential.OAuthToken}` (so a token must be fetched).
pub(crate) fn uses_token(text: &str) -> Result<bool, Error> {
    Ok(find(text)?.iter().any(|f| f.field == Field::OAuthToken))
}

/// Substitutes the merge fields of `text`; `None` when it has none. `in_body` escapes every
/// value for XML; in headers only `HTMLENCODE(...)` values are escaped.
pub(crate) fn substitute(
    text: &str,
    values: &MergeValues<'_>,
    in_body: bool,
) -> Result<Option<String>, Error> {
    let found = find(text)?;
    if found.is_empty() {
        return Ok(None);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for f in &found {
        out.push_str(&text[last..f.start]);
        let value = match f.field {
            Field::OAuthToken => values.token,
            Field::Username => values.username,
            Field::Password => values.password,
        }
        .ok_or_else(|| {
            Error::config(format!(
                "merge field $Credential.{:?} has no value in this credential",
                f.field
            ))
        })?;
        if in_body || f.encode {
            xml_escape_into(value, &mut out);
        } else {
            out.push_str(value);
        }
        last = f.end;
    }
    out.push_str(&text[last..]);
    Ok(Some(out))
}

/// Appends `s` with the five XML special characters escaped.
pub(crate) fn xml_escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: MergeValues<'static> = MergeValues {
        token: Some("tok<&>"),
        username: Some("me@x.com"),
        password: Some("p\"w'"),
    };

    #[test]
    fn header_and_body_substitution() {
        let h = substitute("Bearer {!$Credential.OAuthToken}", &V, false).unwrap();
        assert_eq!(h.as_deref(), Some("Bearer tok<&>"));
        let h = substitute("{!HTMLENCODE($Credential.OAuthToken)}", &V, false).unwrap();
        assert_eq!(h.as_deref(), Some("tok&lt;&amp;&gt;"));
        let b = substitute(
            "<u>{!$Credential.Username}</u><p>{!HTMLENCODE($Credential.Password)}</p>",
            &V,
            true,
        )
        .unwrap();
        assert_eq!(b.as_deref(), Some("<u>me@x.com</u><p>p&quot;w&apos;</p>"));
        assert_eq!(substitute("no fields {!$Other.X}", &V, true).unwrap(), None);
        assert!(substitute("{!$Credential.Secret}", &V, true).is_err());
        assert!(uses_token("a {!$credential.oauthtoken} b").unwrap());
        assert!(!uses_token("{!$Credential.Username}").unwrap());
    }

    #[test]
    fn missing_values_are_errors_without_values() {
        let none = MergeValues::default();
        let e = substitute("{!$Credential.Password}", &none, true).unwrap_err();
        assert!(e.to_string().contains("Password"), "{e}");
    }
}
