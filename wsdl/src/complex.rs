//! `xsd:complexType`: content models (particles), complex and simple content
//! derivations, attribute uses.

use roxmltree::Node;

use crate::error::{Error, RefKind};
use crate::model::{
    AttributeUse, AttributeUseKind, ComplexType, Content, Derivation, ElementParticle, Facets,
    GroupKind, MaxOccurs, Occurs, Particle, QName, SoapArray, WSDL_NS, Wildcard,
};
use crate::schema::SchemaCx;
use crate::xml;

/// The attribute-related children of a complex type, attribute group or derivation.
#[derive(Default)]
pub(crate) struct AttrUses {
    pub uses: Vec<AttributeUse>,
    pub any: bool,
    pub soap_array: Option<SoapArray>,
}

impl SchemaCx<'_, '_> {
    /// A named (`name` set) or anonymous complex type.
    pub fn complex_type(
        &mut self,
        node: Node<'_, '_>,
        name: Option<QName>,
    ) -> Result<ComplexType, Error> {
        self.enter(node)?;
        let result = self.complex_type_inner(node, name);
        self.leave();
        result
    }

    fn complex_type_inner(
        &mut self,
        node: Node<'_, '_>,
        name: Option<QName>,
    ) -> Result<ComplexType, Error> {
        let mut ct = ComplexType {
            name,
            at: self.at(node),
            doc: self.doc(node),
            is_abstract: xml::flag(self.src, node, "abstract")?,
            mixed: xml::flag(self.src, node, "mixed")?,
            content: Content::Empty,
            attributes: Vec::new(),
            any_attribute: false,
            soap_array: None,
        };
        let mut content_node: Option<Node<'_, '_>> = None;
        for child in Self::xsd_children(node) {
            let content = match child.tag_name().name() {
                "simpleContent" => self.simple_content(child, &mut ct)?,
                "complexContent" => {
                    ct.mixed |= xml::flag(self.src, child, "mixed")?;
                    self.complex_content(child, &mut ct)?
                }
                "sequence" | "choice" | "all" | "group" => {
                    Content::Particles(self.particle(child)?)
                }
                "attribute" | "attributeGroup" | "anyAttribute" => continue,
                other => {
                    return Err(Error::unsupported(
                        self.at(child),
                        format!("xsd:{other} in a complexType"),
                    ));
                }
            };
            if content_node.is_some() {
                let reason = "a complexType holds at most one content model";
                return Err(Error::invalid(self.at(child), "complexType", reason));
            }
            content_node = Some(child);
            ct.content = content;
        }
        self.add_attributes(node, &mut ct)?;
        Ok(ct)
    }

    fn add_attributes(&mut self, node: Node<'_, '_>, ct: &mut ComplexType) -> Result<(), Error> {
        let uses = self.attribute_uses_full(node)?;
        ct.attributes.extend(uses.uses);
        ct.any_attribute |= uses.any;
        if uses.soap_array.is_some() {
            ct.soap_array = uses.soap_array;
        }
        Ok(())
    }

    /// The single `extension` or `restriction` child of simple/complexContent.
    fn derivation<'a, 'i>(&self, node: Node<'a, 'i>) -> Result<(Derivation, Node<'a, 'i>), Error> {
        let mut found = None;
        for child in Self::xsd_children(node) {
            let d = match child.tag_name().name() {
                "extension" => Derivation::Extension,
                "restriction" => Derivation::Restriction,
                other => {
                    let what = format!("xsd:{other} in xsd:{}", node.tag_name().name());
                    return Err(Error::unsupported(self.at(child), what));
                }
            };
            if found.is_some() {
                let reason = "exactly one extension or restriction expected";
                return Err(Error::invalid(
                    self.at(child),
                    node.tag_name().name(),
                    reason,
                ));
            }
            found = Some((d, child));
        }
        found.ok_or_else(|| {
            let reason = "an extension or restriction is required";
            Error::invalid(self.at(node), node.tag_name().name(), reason)
        })
    }

    fn simple_content(
        &mut self,
        node: Node<'_, '_>,
        ct: &mut ComplexType,
    ) -> Result<Content, Error> {
        let (derivation, d) = self.derivation(node)?;
        let base = self.required_reference(d, "base", RefKind::Type)?;
        let mut facets = Facets::default();
        for child in Self::xsd_children(d) {
            let name = child.tag_name().name();
            match name {
                "attribute" | "attributeGroup" | "anyAttribute" => {}
                "simpleType" => {
                    let what = "an inline simpleType in a simpleContent restriction";
                    return Err(Error::unsupported(self.at(child), what));
                }
                _ if derivation == Derivation::Restriction => self.facet(child, &mut facets)?,
                other => {
                    let what = format!("xsd:{other} in a simpleContent extension");
                    return Err(Error::unsupported(self.at(child), what));
                }
            }
        }
        self.add_attributes(d, ct)?;
        Ok(Content::Simple {
            derivation,
            base,
            facets,
        })
    }

    fn complex_content(
        &mut self,
        node: Node<'_, '_>,
        ct: &mut ComplexType,
    ) -> Result<Content, Error> {
        let (derivation, d) = self.derivation(node)?;
        let base = self.required_reference(d, "base", RefKind::Type)?;
        let mut particle = None;
        for child in Self::xsd_children(d) {
            match child.tag_name().name() {
                "sequence" | "choice" | "all" | "group" => {
                    if particle.is_some() {
                        let reason = "at most one sequence, choice, all or group";
                        return Err(Error::invalid(self.at(child), "complexContent", reason));
                    }
                    particle = Some(self.particle(child)?);
                }
                "attribute" | "attributeGroup" | "anyAttribute" => {}
                other => {
                    let what = format!("xsd:{other} in a complexContent derivation");
                    return Err(Error::unsupported(self.at(child), what));
                }
            }
        }
        self.add_attributes(d, ct)?;
        Ok(Content::Complex {
            derivation,
            base,
            particle,
        })
    }

    /// One particle of a content model.
    pub fn particle(&mut self, node: Node<'_, '_>) -> Result<Particle, Error> {
        match node.tag_name().name() {
            "element" => self.element_particle(node).map(Particle::Element),
            "sequence" | "choice" | "all" => self.model_group(node),
            "group" => {
                let name = self.required_reference(node, "ref", RefKind::Group)?;
                Ok(Particle::GroupRef {
                    name,
                    occurs: self.occurs(node)?,
                    at: self.at(node),
                })
            }
            "any" => Ok(Particle::Any(Wildcard {
                namespace: xml::attr(node, "namespace").unwrap_or("##any").to_string(),
                tns: self.tns.clone(),
                process_contents: xml::attr(node, "processContents")
                    .unwrap_or("strict")
                    .to_string(),
                occurs: self.occurs(node)?,
                at: self.at(node),
            })),
            other => Err(Error::unsupported(
                self.at(node),
                format!("xsd:{other} in a content model"),
            )),
        }
    }

    /// `sequence`, `choice` or `all` with its items.
    pub fn model_group(&mut self, node: Node<'_, '_>) -> Result<Particle, Error> {
        let kind = match node.tag_name().name() {
            "sequence" => GroupKind::Sequence,
            "choice" => GroupKind::Choice,
            "all" => GroupKind::All,
            other => {
                let reason = format!("expected sequence, choice or all, found {other}");
                return Err(Error::invalid(self.at(node), "group", reason));
            }
        };
        self.enter(node)?;
        let mut items = Vec::new();
        let mut result = Ok(());
        for child in Self::xsd_children(node) {
            match self.particle(child) {
                Ok(p) => items.push(p),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.leave();
        result?;
        Ok(Particle::Group {
            kind,
            occurs: self.occurs(node)?,
            items,
            at: self.at(node),
        })
    }

    fn element_particle(&mut self, node: Node<'_, '_>) -> Result<ElementParticle, Error> {
        let occurs = self.occurs(node)?;
        if node.has_attribute("ref") {
            if node.has_attribute("name") {
                let reason = "an element has either name or ref, not both";
                return Err(Error::invalid(self.at(node), "ref", reason));
            }
            let name = self.required_reference(node, "ref", RefKind::Element)?;
            return Ok(ElementParticle::Ref {
                name,
                occurs,
                at: self.at(node),
            });
        }
        Ok(ElementParticle::Local {
            decl: self.element_decl(node, false)?,
            occurs,
        })
    }

    /// `minOccurs` / `maxOccurs`, both 1 by default.
    pub fn occurs(&self, node: Node<'_, '_>) -> Result<Occurs, Error> {
        let min = match xml::attr(node, "minOccurs") {
            None => 1,
            Some(v) => v.parse::<u32>().map_err(|_| {
                Error::invalid(
                    self.at(node),
                    "minOccurs",
                    format!("`{v}` is not a non-negative integer"),
                )
            })?,
        };
        let max = match xml::attr(node, "maxOccurs") {
            None => MaxOccurs::Bounded(1),
            Some("unbounded") => MaxOccurs::Unbounded,
            Some(v) => MaxOccurs::Bounded(v.parse::<u32>().map_err(|_| {
                let reason = format!("`{v}` is neither a non-negative integer nor unbounded");
                Error::invalid(self.at(node), "maxOccurs", reason)
            })?),
        };
        if let MaxOccurs::Bounded(max) = max
            && min > max
        {
            let reason = format!("minOccurs {min} exceeds maxOccurs {max}");
            return Err(Error::invalid(self.at(node), "maxOccurs", reason));
        }
        Ok(Occurs { min, max })
    }

    /// The attribute uses, attribute group references and `anyAttribute` among `node`'s
    /// children (other children are someone else's business).
    pub fn attribute_uses(
        &mut self,
        node: Node<'_, '_>,
    ) -> Result<(Vec<AttributeUse>, bool), Error> {
        let uses = self.attribute_uses_full(node)?;
        Ok((uses.uses, uses.any))
    }

    fn attribute_uses_full(&mut self, node: Node<'_, '_>) -> Result<AttrUses, Error> {
        let mut out = AttrUses::default();
        for child in Self::xsd_children(node) {
            match child.tag_name().name() {
                "attribute" => {
                    if let Some(array) = self.soap_array(child)? {
                        out.soap_array = Some(array);
                    }
                    out.uses.push(self.attribute_use(child)?);
                }
                "attributeGroup" => {
                    let name = self.required_reference(child, "ref", RefKind::AttributeGroup)?;
                    out.uses.push(AttributeUse::GroupRef {
                        name,
                        at: self.at(child),
                    });
                }
                "anyAttribute" => out.any = true,
                _ => {}
            }
        }
        Ok(out)
    }

    fn attribute_use(&mut self, node: Node<'_, '_>) -> Result<AttributeUse, Error> {
        let use_kind = match xml::attr(node, "use") {
            None | Some("optional") => AttributeUseKind::Optional,
            Some("required") => AttributeUseKind::Required,
            Some("prohibited") => AttributeUseKind::Prohibited,
            Some(other) => {
                let reason = format!("`{other}` is not optional, required or prohibited");
                return Err(Error::invalid(self.at(node), "use", reason));
            }
        };
        if node.has_attribute("ref") {
            if node.has_attribute("name") {
                let reason = "an attribute has either name or ref, not both";
                return Err(Error::invalid(self.at(node), "ref", reason));
            }
            let name = self.required_reference(node, "ref", RefKind::Attribute)?;
            let default = node.attribute("default").map(str::to_string);
            return Ok(AttributeUse::Ref {
                name,
                use_kind,
                default,
                at: self.at(node),
            });
        }
        Ok(AttributeUse::Local {
            decl: self.attribute_decl(node, false)?,
            use_kind,
        })
    }

    /// `wsdl:arrayType="tns:Item[]"` on a `soapenc:arrayType` attribute use.
    fn soap_array(&mut self, node: Node<'_, '_>) -> Result<Option<SoapArray>, Error> {
        let Some(value) = node.attribute((WSDL_NS, "arrayType")).map(str::trim) else {
            return Ok(None);
        };
        let split = value.find('[').unwrap_or(value.len());
        let (item, dims) = value.split_at(split);
        if dims.is_empty() || !dims.ends_with(']') {
            let reason = format!("`{value}` is not an array type like `tns:Item[]`");
            return Err(Error::invalid(self.at(node), "wsdl:arrayType", reason));
        }
        let item = self.reference_value(node, "wsdl:arrayType", item, RefKind::Type)?;
        Ok(Some(SoapArray {
            item,
            dims: dims.to_string(),
            at: self.at(node),
        }))
    }
}
