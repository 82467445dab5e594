//! Rust naming: XML names -> Rust identifiers that compile without warnings.
//!
//! Case conversion is heck's; everything else here makes its output a valid, warning-free
//! identifier: non-ASCII characters are spelled out (`é` -> `U00e9`) because
//! `non_ascii_idents`-style lints and look-alike characters are not worth the risk in
//! generated code, leading digits get a prefix, keywords become raw identifiers, and the
//! names raw identifiers cannot take get a `_` suffix.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of Rust 2024 (those a raw identifier can spell).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Names no raw identifier can take: they get a `_` suffix instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated code itself uses unqualified (prelude items and the module's own
/// helpers); a schema type with one of these names would shadow them.
const RESERVED_TYPES: &[&str] = &[
    "Box",
    "Clone",
    "Debug",
    "Default",
    "Eq",
    "Err",
    "Hash",
    "None",
    "Ok",
    "Option",
    "PartialEq",
    "Result",
    "Self",
    "Some",
    "String",
    "Vec",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Fn",
    "FnMut",
    "FnOnce",
    "Drop",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
];

/// Replaces characters heck would keep but that we do not want in identifiers.
fn ascii_only(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    for c in xml.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if c.is_alphanumeric() {
            // A word of its own so heck separates it from its neighbours.
            out.push_str(&format!("_U{:04x}_", u32::from(c)));
        } else {
            out.push('_');
        }
    }
    out
}

/// `UpperCamelCase` for a type or variant; `prefix` is put before a leading digit and
/// used alone when nothing identifier-like is left.
pub fn upper_camel(xml: &str, prefix: &str) -> String {
    let mut s = ascii_only(xml).to_upper_camel_case();
    if s.is_empty() {
        s = prefix.to_owned();
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, prefix);
    }
    if RESERVED_TYPES.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `snake_case` for a field or method, keywords made raw (`r#type`).
pub fn snake(xml: &str) -> String {
    let mut s = ascii_only(xml).to_snake_case();
    if s.is_empty() {
        s = "value".to_owned();
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "n_");
    }
    keyword_safe(s)
}

/// `SHOUTY_SNAKE_CASE` for a const.
pub fn shouty(xml: &str) -> String {
    let mut s = ascii_only(xml).to_shouty_snake_case();
    if s.is_empty() {
        s = "VALUE".to_owned();
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "N_");
    }
    s
}

/// Makes a snake-case name usable as an identifier: `type` -> `r#type`, `self` -> `self_`.
pub fn keyword_safe(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Hands out names unique within one namespace of identifiers (module items, fields of a
/// struct, variants of an enum, methods of a client): a name already taken gets a suffix.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves names the generated code uses itself.
    pub fn with_reserved(names: &[&str]) -> Self {
        Self {
            taken: names.iter().map(|n| (*n).to_owned()).collect(),
        }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name`, or the first free of `name{suffix}`, `name{suffix}2`, ... (`suffix` may
    /// be empty). Numbers are appended without an underscore so camel-case names stay
    /// camel case; after a raw identifier or a trailing `_` the number follows directly.
    pub fn claim(&mut self, name: &str, suffix: &str) -> String {
        if self.taken.insert(name.to_owned()) {
            return name.to_owned();
        }
        let base = format!("{}{}", name.trim_start_matches("r#"), suffix);
        if !suffix.is_empty() && self.taken.insert(base.clone()) {
            return base;
        }
        // `String_2` would trip `non_camel_case_types`; `String2` does not.
        let base = base.trim_end_matches('_');
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2u32..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_and_snake() {
        assert_eq!(upper_camel("sharingModel", "T"), "SharingModel");
        assert_eq!(upper_camel("ID", "T"), "Id");
        assert_eq!(upper_camel("123abc", "V"), "V123abc");
        assert_eq!(upper_camel("--", "V"), "V");
        assert_eq!(upper_camel("String", "T"), "String_");
        assert_eq!(upper_camel("self", "T"), "Self_");
        assert_eq!(snake("fullName"), "full_name");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("1st"), "n_1st");
        assert_eq!(shouty("readMetadata"), "READ_METADATA");
    }

    #[test]
    fn non_ascii_is_spelled_out() {
        assert_eq!(upper_camel("café", "T"), "CafU00e9");
        assert_eq!(snake("straße"), "stra_u00df_e");
    }

    #[test]
    fn scope_suffixes() {
        let mut s = Scope::new();
        assert_eq!(s.claim("Metadata", "Element"), "Metadata");
        assert_eq!(s.claim("Metadata", "Element"), "MetadataElement");
        assert_eq!(s.claim("Metadata", "Element"), "MetadataElement2");
        assert_eq!(s.claim("r#type", ""), "r#type");
        assert_eq!(s.claim("r#type", ""), "type2");
        assert_eq!(s.claim("String_", ""), "String_");
        assert_eq!(s.claim("String_", ""), "String2");
        assert_eq!(s.claim("V1", ""), "V1");
        assert_eq!(s.claim("V1", ""), "V1_2");
    }
}
