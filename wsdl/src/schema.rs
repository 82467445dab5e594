//! One `xsd:schema` element: its top-level components, global declarations and the
//! import / include directives it carries. Complex and simple types live in
//! `complex.rs` and `simple.rs`.

use roxmltree::Node;

use crate::error::{Error, RefKind};
use crate::model::{
    AttributeDecl, AttributeGroup, ElementDecl, Location, ModelGroup, QName, SchemaInfo, TypeDef,
    TypeRef, XSD_NS,
};
use crate::sink::{Directive, DirectiveKind, Sink, insert_unique};
use crate::xml::{self, Src};

/// Anonymous types and groups nest recursively; this bounds the recursion so hostile
/// input can't overflow the stack.
const MAX_DEPTH: u32 = 200;

/// The state of reading one schema document.
pub(crate) struct SchemaCx<'s, 'i> {
    pub src: &'s Src<'i>,
    pub sink: &'s mut Sink,
    pub tns: String,
    /// Set for a schema without targetNamespace included into one with: its references
    /// to no namespace mean the includer's namespace.
    chameleon: bool,
    elem_qualified: bool,
    attr_qualified: bool,
    depth: u32,
}

/// The target namespace a schema document's components get: its own, or for a
/// chameleon include, the includer's.
pub(crate) fn effective_tns(root: Node<'_, '_>, includer_ns: Option<&str>) -> String {
    match (xml::attr(root, "targetNamespace"), includer_ns) {
        (Some(own), _) => own.to_string(),
        (None, Some(inc)) => inc.to_string(),
        (None, None) => String::new(),
    }
}

/// Reads the schema element `node`. `includer_ns` is set when the document was reached
/// by `xsd:include`.
pub(crate) fn read_schema(
    src: &Src<'_>,
    sink: &mut Sink,
    node: Node<'_, '_>,
    includer_ns: Option<&str>,
) -> Result<(), Error> {
    let own = xml::attr(node, "targetNamespace");
    if let (Some(own), Some(inc)) = (own, includer_ns)
        && own != inc
    {
        let reason = format!("included schema has targetNamespace {own}, includer has {inc}");
        return Err(Error::invalid(src.at(node), "targetNamespace", reason));
    }
    let tns = effective_tns(node, includer_ns);
    let elem_qualified = form_default(src, node, "elementFormDefault")?;
    let attr_qualified = form_default(src, node, "attributeFormDefault")?;
    let info = SchemaInfo {
        element_form_qualified: elem_qualified,
        attribute_form_qualified: attr_qualified,
    };
    sink.defs
        .schemas
        .namespaces
        .entry(tns.clone())
        .or_insert(info);
    let chameleon = own.is_none() && includer_ns.is_some_and(|ns| !ns.is_empty());
    let mut cx = SchemaCx {
        src,
        sink,
        tns,
        chameleon,
        elem_qualified,
        attr_qualified,
        depth: 0,
    };
    for child in node.children().filter(|c| c.is_element()) {
        cx.top_level(child)?;
    }
    Ok(())
}

fn form_default(src: &Src<'_>, node: Node<'_, '_>, name: &str) -> Result<bool, Error> {
    parse_form(src, node, name).map(|f| f.unwrap_or(false))
}

/// `qualified` / `unqualified` of a `form`-like attribute.
fn parse_form(src: &Src<'_>, node: Node<'_, '_>, name: &str) -> Result<Option<bool>, Error> {
    match xml::attr(node, name) {
        None => Ok(None),
        Some("qualified") => Ok(Some(true)),
        Some("unqualified") => Ok(Some(false)),
        Some(other) => Err(Error::invalid(
            src.at(node),
            name,
            format!("`{other}` is neither qualified nor unqualified"),
        )),
    }
}

impl SchemaCx<'_, '_> {
    pub fn at(&self, node: Node<'_, '_>) -> Location {
        self.src.at(node)
    }

    /// Reads a QName-valued attribute as a reference of `kind`.
    pub fn reference(
        &mut self,
        node: Node<'_, '_>,
        attr: &str,
        kind: RefKind,
    ) -> Result<Option<QName>, Error> {
        let chameleon = self.chameleon.then_some(self.tns.as_str());
        self.sink.reference(self.src, node, attr, kind, chameleon)
    }

    /// Like [`SchemaCx::reference`] for a required attribute.
    pub fn required_reference(
        &mut self,
        node: Node<'_, '_>,
        attr: &str,
        kind: RefKind,
    ) -> Result<QName, Error> {
        xml::required(self.src, node, attr)?;
        self.reference(node, attr, kind)?
            .ok_or_else(|| Error::invalid(self.at(node), attr, "empty"))
    }

    /// Reads a QName from a list item (`memberTypes`, `wsdl:arrayType`).
    pub fn reference_value(
        &mut self,
        node: Node<'_, '_>,
        attr: &str,
        value: &str,
        kind: RefKind,
    ) -> Result<QName, Error> {
        let chameleon = self.chameleon.then_some(self.tns.as_str());
        self.sink
            .reference_value(self.src, node, attr, value, kind, chameleon)
    }

    /// The `name` of a top-level component, in the target namespace.
    pub fn def_name(&self, node: Node<'_, '_>) -> Result<QName, Error> {
        let name = xml::required(self.src, node, "name")?;
        xml::check_ncname(self.src, node, name)?;
        Ok(QName::new(self.tns.clone(), name))
    }

    /// The `xsd:annotation/xsd:documentation` text of a component.
    pub fn doc(&self, node: Node<'_, '_>) -> Option<String> {
        xml::child(node, XSD_NS, "annotation").and_then(|a| xml::documentation(a, XSD_NS))
    }

    /// Guards one level of recursion.
    pub fn enter(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let what = format!("schema nesting deeper than {MAX_DEPTH} levels");
            return Err(Error::unsupported(self.at(node), what));
        }
        Ok(())
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The element children of `node` in the XSD namespace, except annotations. Elements
    /// of other namespaces are extension points (appinfo-like) and ignored.
    pub fn xsd_children<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
        xml::children_in(node, XSD_NS).filter(|c| c.tag_name().name() != "annotation")
    }

    fn top_level(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        if node.tag_name().namespace() != Some(XSD_NS) {
            return Ok(());
        }
        match node.tag_name().name() {
            "annotation" | "notation" => Ok(()),
            "import" => self.directive(node, DirectiveKind::SchemaImport),
            "include" => self.directive(node, DirectiveKind::SchemaInclude),
            "complexType" => {
                let name = self.def_name(node)?;
                let ty = TypeDef::Complex(self.complex_type(node, Some(name.clone()))?);
                insert_unique(
                    &mut self.sink.defs.schemas.types,
                    name,
                    ty,
                    "type",
                    TypeDef::at,
                )
            }
            "simpleType" => {
                let name = self.def_name(node)?;
                let ty = TypeDef::Simple(self.simple_type(node, Some(name.clone()))?);
                insert_unique(
                    &mut self.sink.defs.schemas.types,
                    name,
                    ty,
                    "type",
                    TypeDef::at,
                )
            }
            "element" => {
                let decl = self.element_decl(node, true)?;
                let map = &mut self.sink.defs.schemas.elements;
                insert_unique(map, decl.name.clone(), decl, "element", |d| &d.at)
            }
            "attribute" => {
                let decl = self.attribute_decl(node, true)?;
                let map = &mut self.sink.defs.schemas.attributes;
                insert_unique(map, decl.name.clone(), decl, "attribute", |d| &d.at)
            }
            "group" => self.top_group(node),
            "attributeGroup" => self.top_attribute_group(node),
            other => Err(Error::unsupported(self.at(node), format!("xsd:{other}"))),
        }
    }

    fn directive(&mut self, node: Node<'_, '_>, kind: DirectiveKind) -> Result<(), Error> {
        let location = match kind {
            DirectiveKind::SchemaInclude => xml::required(self.src, node, "schemaLocation")?,
            _ => match xml::attr(node, "schemaLocation") {
                Some(loc) => loc,
                // Resolved against the schemas loaded anyway; what stays missing is
                // reported as unresolved references at the end.
                None => return Ok(()),
            },
        };
        let at = self.at(node);
        let includer_ns = self.tns.clone();
        let location = location.to_string();
        self.sink.directives.push(Directive {
            kind,
            location,
            includer_ns,
            namespace: xml::attr(node, "namespace").map(str::to_string),
            at,
        });
        Ok(())
    }

    fn top_group(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        let name = self.def_name(node)?;
        let mut particles = Self::xsd_children(node);
        let (Some(first), None) = (particles.next(), particles.next()) else {
            let reason = "a group must hold exactly one sequence, choice or all";
            return Err(Error::invalid(self.at(node), "group", reason));
        };
        let particle = self.model_group(first)?;
        let group = ModelGroup {
            name: name.clone(),
            at: self.at(node),
            particle,
        };
        insert_unique(
            &mut self.sink.defs.schemas.groups,
            name,
            group,
            "group",
            |g| &g.at,
        )
    }

    fn top_attribute_group(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        let name = self.def_name(node)?;
        let (attributes, any_attribute) = self.attribute_uses(node)?;
        let group = AttributeGroup {
            name: name.clone(),
            at: self.at(node),
            attributes,
            any_attribute,
        };
        let map = &mut self.sink.defs.schemas.attribute_groups;
        insert_unique(map, name, group, "attributeGroup", |g| &g.at)
    }

    /// The type of an element or attribute declaration: `type=`, an inline type, or none.
    pub fn decl_type(&mut self, node: Node<'_, '_>) -> Result<Option<TypeRef>, Error> {
        let named = self.reference(node, "type", RefKind::Type)?;
        let mut inline = None;
        for child in Self::xsd_children(node) {
            let ty = match child.tag_name().name() {
                "complexType" => TypeDef::Complex(self.complex_type(child, None)?),
                "simpleType" => TypeDef::Simple(self.simple_type(child, None)?),
                _ => continue,
            };
            if named.is_some() || inline.is_some() {
                let reason = "a declaration may name one type or hold one inline type, not both";
                return Err(Error::invalid(self.at(child), "type", reason));
            }
            inline = Some(TypeRef::Anonymous(Box::new(ty)));
        }
        Ok(named.map(TypeRef::Named).or(inline))
    }

    /// An element declaration (`global` for a top-level one).
    pub fn element_decl(&mut self, node: Node<'_, '_>, global: bool) -> Result<ElementDecl, Error> {
        if global && node.has_attribute("ref") {
            let reason = "a global element can't be a ref";
            return Err(Error::invalid(self.at(node), "ref", reason));
        }
        let (name, default, fixed) = self.decl_basics(node, global, self.elem_qualified)?;
        Ok(ElementDecl {
            name,
            at: self.at(node),
            doc: self.doc(node),
            type_ref: self.decl_type(node)?,
            nillable: xml::flag(self.src, node, "nillable")?,
            is_abstract: xml::flag(self.src, node, "abstract")?,
            default,
            fixed,
            substitution_group: self.reference(node, "substitutionGroup", RefKind::Element)?,
        })
    }

    /// An attribute declaration (`global` for a top-level one).
    pub fn attribute_decl(
        &mut self,
        node: Node<'_, '_>,
        global: bool,
    ) -> Result<AttributeDecl, Error> {
        let (name, default, fixed) = self.decl_basics(node, global, self.attr_qualified)?;
        Ok(AttributeDecl {
            name,
            at: self.at(node),
            doc: self.doc(node),
            type_ref: self.decl_type(node)?,
            default,
            fixed,
        })
    }

    /// What element and attribute declarations share: the name, qualified by `form` or
    /// the schema default (global declarations always are), and `default` / `fixed`.
    fn decl_basics(
        &self,
        node: Node<'_, '_>,
        global: bool,
        qualified_by_default: bool,
    ) -> Result<(QName, Option<String>, Option<String>), Error> {
        let local = xml::required(self.src, node, "name")?;
        xml::check_ncname(self.src, node, local)?;
        let form = parse_form(self.src, node, "form")?;
        let ns = if global || form.unwrap_or(qualified_by_default) {
            self.tns.clone()
        } else {
            String::new()
        };
        let default = node.attribute("default").map(str::to_string);
        let fixed = node.attribute("fixed").map(str::to_string);
        if default.is_some() && fixed.is_some() {
            let reason = "both default and fixed given";
            return Err(Error::invalid(self.at(node), "default", reason));
        }
        Ok((QName::new(ns, local), default, fixed))
    }
}
