//! The user's customizations (Builder options): renames and extra attributes, looked up
//! by XML name or by the Rust name the generator would have chosen.

use super::{Ctx, matches};

impl Ctx<'_> {
    /// Attributes for a type known by `names` (XML name, Rust name).
    pub fn type_extra(&self, names: &[&str]) -> Vec<String> {
        self.opts
            .type_attributes
            .iter()
            .filter(|(pattern, _)| matches(pattern, names))
            .map(|(_, attr)| attr.clone())
            .collect()
    }

    /// Attributes for a field (`field` = XML name, Rust name) of a type known by `ty`.
    pub fn field_extra(&self, ty: &[&str], field: &[&str]) -> Vec<String> {
        self.opts
            .field_attributes
            .iter()
            .filter(|(pattern, _)| field_matches(pattern, ty, field))
            .map(|(_, attr)| attr.clone())
            .collect()
    }

    /// The user's name for a field, if they chose one.
    pub fn field_rename(&self, ty: &[&str], field: &[&str]) -> Option<String> {
        self.opts
            .field_renames
            .iter()
            .find(|((t, f), _)| ty.contains(&t.as_str()) && field.contains(&f.as_str()))
            .map(|(_, to)| to.clone())
    }

    /// The user's name for a type, if they chose one.
    pub fn type_rename(&self, names: &[&str]) -> Option<String> {
        names
            .iter()
            .find_map(|n| self.opts.type_renames.get(*n).cloned())
    }
}

/// `Type.field` patterns: the type part as in [`matches`], the field part exact or `*`.
fn field_matches(pattern: &str, ty: &[&str], field: &[&str]) -> bool {
    let Some((t, f)) = pattern.rsplit_once('.') else {
        return false;
    };
    matches(t, ty) && (f == "*" || field.contains(&f))
}
