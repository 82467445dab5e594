//! `xsd:simpleType`: restriction with facets, list, union.

use roxmltree::Node;

use crate::error::{Error, RefKind};
use crate::model::{EnumValue, Facets, QName, SimpleType, SimpleVariety, TypeDef, TypeRef};
use crate::schema::SchemaCx;
use crate::xml;

impl SchemaCx<'_, '_> {
    /// A named (`name` set) or anonymous simple type.
    pub fn simple_type(
        &mut self,
        node: Node<'_, '_>,
        name: Option<QName>,
    ) -> Result<SimpleType, Error> {
        self.enter(node)?;
        let result = self.simple_type_inner(node, name);
        self.leave();
        result
    }

    fn simple_type_inner(
        &mut self,
        node: Node<'_, '_>,
        name: Option<QName>,
    ) -> Result<SimpleType, Error> {
        let mut variety = None;
        for child in Self::xsd_children(node) {
            let v = match child.tag_name().name() {
                "restriction" => self.restriction(child)?,
                "list" => SimpleVariety::List {
                    item: self.one_type(child, "itemType")?,
                },
                "union" => SimpleVariety::Union {
                    members: self.union_members(child)?,
                },
                other => {
                    let what = format!("xsd:{other} in a simpleType");
                    return Err(Error::unsupported(self.at(child), what));
                }
            };
            if variety.is_some() {
                let reason = "a simpleType holds exactly one restriction, list or union";
                return Err(Error::invalid(self.at(child), "simpleType", reason));
            }
            variety = Some(v);
        }
        let Some(variety) = variety else {
            let reason = "a simpleType needs a restriction, list or union";
            return Err(Error::invalid(self.at(node), "simpleType", reason));
        };
        Ok(SimpleType {
            name,
            at: self.at(node),
            doc: self.doc(node),
            variety,
        })
    }

    /// A type given either by the QName attribute `attr` or by one inline simpleType.
    fn one_type(&mut self, node: Node<'_, '_>, attr: &str) -> Result<TypeRef, Error> {
        let named = self.reference(node, attr, RefKind::Type)?;
        let mut inline = None;
        for child in Self::xsd_children(node).filter(|c| c.tag_name().name() == "simpleType") {
            if named.is_some() || inline.is_some() {
                let reason = format!("give either {attr} or one inline simpleType");
                return Err(Error::invalid(self.at(child), attr, reason));
            }
            inline = Some(TypeRef::Anonymous(Box::new(TypeDef::Simple(
                self.simple_type(child, None)?,
            ))));
        }
        named.map(TypeRef::Named).or(inline).ok_or_else(|| {
            let reason = format!("neither {attr} nor an inline simpleType given");
            Error::invalid(self.at(node), attr, reason)
        })
    }

    fn restriction(&mut self, node: Node<'_, '_>) -> Result<SimpleVariety, Error> {
        let base = self.one_type(node, "base")?;
        let mut facets = Facets::default();
        for child in Self::xsd_children(node).filter(|c| c.tag_name().name() != "simpleType") {
            self.facet(child, &mut facets)?;
        }
        Ok(SimpleVariety::Restriction { base, facets })
    }

    fn union_members(&mut self, node: Node<'_, '_>) -> Result<Vec<TypeRef>, Error> {
        let mut members = Vec::new();
        if let Some(list) = xml::attr(node, "memberTypes") {
            for item in list.split_whitespace() {
                let name = self.reference_value(node, "memberTypes", item, RefKind::Type)?;
                members.push(TypeRef::Named(name));
            }
        }
        for child in Self::xsd_children(node) {
            if child.tag_name().name() != "simpleType" {
                let what = format!("xsd:{} in a union", child.tag_name().name());
                return Err(Error::unsupported(self.at(child), what));
            }
            members.push(TypeRef::Anonymous(Box::new(TypeDef::Simple(
                self.simple_type(child, None)?,
            ))));
        }
        if members.is_empty() {
            let reason = "a union needs memberTypes or inline simpleTypes";
            return Err(Error::invalid(self.at(node), "union", reason));
        }
        Ok(members)
    }

    /// Adds one constraining facet to `facets`.
    pub fn facet(&self, node: Node<'_, '_>, facets: &mut Facets) -> Result<(), Error> {
        let name = node.tag_name().name();
        let value = || xml::required(self.src, node, "value");
        match name {
            "enumeration" => {
                // Enumeration values are compared as written: no trimming.
                let value = node
                    .attribute("value")
                    .ok_or_else(|| self.missing_value(node))?;
                facets.enumerations.push(EnumValue {
                    value: value.to_string(),
                    doc: self.doc(node),
                });
            }
            "pattern" => {
                let v = node
                    .attribute("value")
                    .ok_or_else(|| self.missing_value(node))?;
                facets.patterns.push(v.to_string());
            }
            "length" => facets.length = Some(self.number(node, value()?)?),
            "minLength" => facets.min_length = Some(self.number(node, value()?)?),
            "maxLength" => facets.max_length = Some(self.number(node, value()?)?),
            "totalDigits" => facets.total_digits = Some(self.number(node, value()?)?),
            "fractionDigits" => facets.fraction_digits = Some(self.number(node, value()?)?),
            "minInclusive" => facets.min_inclusive = Some(value()?.to_string()),
            "maxInclusive" => facets.max_inclusive = Some(value()?.to_string()),
            "minExclusive" => facets.min_exclusive = Some(value()?.to_string()),
            "maxExclusive" => facets.max_exclusive = Some(value()?.to_string()),
            "whiteSpace" => match value()? {
                v @ ("preserve" | "replace" | "collapse") => {
                    facets.white_space = Some(v.to_string())
                }
                other => {
                    let reason = format!("`{other}` is not preserve, replace or collapse");
                    return Err(Error::invalid(self.at(node), "whiteSpace", reason));
                }
            },
            other => {
                return Err(Error::unsupported(
                    self.at(node),
                    format!("facet xsd:{other}"),
                ));
            }
        }
        Ok(())
    }

    fn missing_value(&self, node: Node<'_, '_>) -> Error {
        let el = node.tag_name().name();
        Error::invalid(
            self.at(node),
            "value",
            format!("<{el}> lacks the required attribute value"),
        )
    }

    fn number<T: std::str::FromStr>(&self, node: Node<'_, '_>, v: &str) -> Result<T, Error> {
        v.parse().map_err(|_| {
            let reason = format!("`{v}` is not a non-negative integer in range");
            Error::invalid(self.at(node), node.tag_name().name(), reason)
        })
    }
}
