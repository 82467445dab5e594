//! SOAP 1.1 section 5 encoding, for rpc/encoded operations: the body element named after
//! the operation carries `soapenv:encodingStyle`, its parts are unqualified accessors with
//! `xsi:type`, struct members are written unqualified and read by local name, and
//! `soapenc:Array`s carry `soapenc:arrayType="ns:T[n]"` with items read whatever their
//! element name. Multi-reference values (`href="#id"`) are followed to the element with
//! that `id` (the reader's `multiref` module); one that names no element is a
//! [`DecodeErrorKind::MultiRef`](crate::xml::DecodeErrorKind::MultiRef) error, never an
//! empty value.

use quick_xml::events::attributes::Attributes;

use super::{SOAP11_NS, SOAP12_NS};
use crate::xml::{
    Complex, DecodeErrorKind, FieldInfo, Name, Reader, Result, Start, WriteResult, Writer, XSI_NS,
    XmlValue, split_qname,
};

/// The SOAP 1.1 encoding namespace (`soapenc:`), also the usual `encodingStyle` value.
pub const SOAP_ENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// Reads the body element `s` of an rpc/encoded message as `T`, checking its name.
pub fn read_encoded<T: Complex>(r: &mut Reader<'_>, s: &Start<'_>, name: &Name) -> Result<T> {
    let n = r.name(s)?;
    if n.ns() != name.ns || n.local() != name.local {
        return Err(r.unexpected_body(s));
    }
    let was = std::mem::replace(&mut r.encoded, true);
    let v = T::read_xml(r, s);
    r.encoded = was;
    v
}

/// Writes `v` as the body element `name` of an rpc/encoded message, with `encodingStyle`
/// (in the envelope's namespace) set to `style`.
pub fn write_encoded<T: Complex>(w: &mut Writer, name: &Name, style: &str, v: &T) -> WriteResult {
    let inner = |w: &mut Writer| -> WriteResult {
        if w.depth() == 0 || name.ns.is_empty() {
            w.start_element(name.ns, name.local)?;
        } else {
            // Prefixed (declared on the document element), so that the unqualified parts
            // need no `xmlns=""`.
            let prefix = w.prefix_for(name.ns);
            w.start_prefixed_cow(prefix, name.ns.into(), name.local)?;
        }
        let env = match w.lookup("env") {
            Some(SOAP12_NS) => SOAP12_NS,
            _ => SOAP11_NS,
        };
        let env_prefix = w.prefix_for(env);
        w.raw_attr(&env_prefix, "encodingStyle", style)?;
        v.write_attrs(w)?;
        let was = std::mem::replace(&mut w.encoded, true);
        let r = v.write_fields(w);
        w.encoded = was;
        r?;
        w.end_element();
        Ok(())
    };
    inner(w).map_err(|e| e.within(name.local))
}

impl Writer {
    /// Writes part `f` of an rpc/encoded message with `xsi:type` naming `ty`, the part's
    /// declared type (unless the value wrote a more precise `xsi:type` of its own).
    pub fn encoded_part<T: XmlValue>(&mut self, f: &FieldInfo, ty: &Name, v: &T) -> WriteResult {
        if self.depth() == 0 {
            // Prefixes are declared on the document element: a part is always inside one.
            return v.write_xml(self, &f.name);
        }
        let xsi = self.prefix_for(XSI_NS);
        let ty_prefix = if ty.ns.is_empty() {
            "".into()
        } else {
            self.prefix_for(ty.ns)
        };
        self.begin_content();
        let mark = self.len();
        v.write_xml(self, &f.name)?;
        let (name_end, typed) = scan_start_tag(self.written_since(mark), &xsi);
        if typed || name_end == 0 {
            return Ok(());
        }
        let mut attr = format!(" {xsi}:type=\"");
        if !ty_prefix.is_empty() {
            attr.push_str(&ty_prefix);
            attr.push(':');
        }
        attr.push_str(ty.local);
        attr.push('"');
        self.insert_at(mark + name_end, attr.as_bytes());
        Ok(())
    }

    /// Writes `items` as a `soapenc:Array` element `n` of items of XML type `item`:
    /// `xsi:type="soapenc:Array" soapenc:arrayType="ns:T[len]"`, one `<item>` each.
    pub fn soap_array<T: XmlValue>(&mut self, n: &Name, item: &Name, items: &[T]) -> WriteResult {
        self.soap_array_inner(n, item, items)
            .map_err(|e| e.within(n.local))
    }

    fn soap_array_inner<T: XmlValue>(&mut self, n: &Name, item: &Name, items: &[T]) -> WriteResult {
        self.start_element(n.ns, n.local)?;
        // Bound before the xsi:type is written, so that it uses the conventional prefix too.
        let enc = self.prefix_for_preferred(SOAP_ENC_NS, "soapenc");
        self.xsi_type(SOAP_ENC_NS, "Array")?;
        let value = if item.ns.is_empty() {
            format!("{}[{}]", item.local, items.len())
        } else {
            let item_prefix = self.prefix_for(item.ns);
            format!("{item_prefix}:{}[{}]", item.local, items.len())
        };
        self.raw_attr(&enc, "arrayType", &value)?;
        let was = std::mem::replace(&mut self.encoded, true);
        let r = items
            .iter()
            .try_for_each(|v| v.write_xml(self, &Name::new("", "item")));
        self.encoded = was;
        r?;
        self.end_element();
        Ok(())
    }
}

/// In the start tag at the head of `bytes`: the offset just after the element name, and
/// whether the tag carries `{xsi}:type` already.
fn scan_start_tag(bytes: &[u8], xsi: &str) -> (usize, bool) {
    if bytes.first() != Some(&b'<') {
        return (0, false);
    }
    let name_end = bytes
        .iter()
        .position(|&b| matches!(b, b' ' | b'/' | b'>'))
        .unwrap_or(0);
    let needle = format!(" {xsi}:type=");
    let mut quote = None;
    let mut typed = false;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => break,
            (None, b' ') => typed |= bytes[i..].starts_with(needle.as_bytes()),
            _ => {}
        }
    }
    (name_end, typed)
}

impl Reader<'_> {
    /// Reads a `soapenc:Array` element `s`: every child is an item, whatever its name.
    /// A partially transmitted or sparse array (`soapenc:offset` / `soapenc:position`)
    /// is refused: its items' indices would be lost.
    pub fn soap_array<T: XmlValue>(&mut self, s: &Start<'_>) -> Result<Vec<T>> {
        self.refuse_sparse(s, "offset")?;
        let was = std::mem::replace(&mut self.encoded, true);
        let r = self.soap_array_items(s);
        self.encoded = was;
        r
    }

    fn soap_array_items<T: XmlValue>(&mut self, s: &Start<'_>) -> Result<Vec<T>> {
        let _ = s;
        let mut out = Vec::new();
        while let Some(c) = self.next_child()? {
            self.refuse_sparse(&c, "position")?;
            let depth = self.depth();
            if c.has_href() {
                self.with_ref(&c, &mut |r, target| r.vec(&mut out, target))?;
                continue;
            }
            self.vec(&mut out, &c)?;
            debug_assert!(self.depth() < depth);
        }
        self.close();
        Ok(out)
    }

    /// An error when `s` carries the SOAP-encoding attribute `local`.
    fn refuse_sparse(&self, s: &Start<'_>, local: &str) -> Result<()> {
        for a in Attributes::new(s.raw_attrs(), 0).flatten() {
            let (prefix, l) = split_qname(a.key.0);
            if l != local || prefix.is_empty() {
                continue;
            }
            if self.ns_uri(prefix).as_deref() == Some(SOAP_ENC_NS) {
                let what = format!("a sparse or partial SOAP array (soapenc:{local})");
                return Err(self.error_at(DecodeErrorKind::Unsupported(what), s.offset()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{XSD_NS, from_slice, to_vec};

    /// A `soapenc:Array` of ints as a document of its own.
    #[derive(Debug, PartialEq, Default)]
    struct Ints(Vec<i32>);

    impl XmlValue for Ints {
        fn read_xml(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self> {
            r.soap_array(s).map(Self)
        }
        fn write_xml(&self, w: &mut Writer, n: &Name) -> WriteResult {
            w.soap_array(n, &Name::new(XSD_NS, "int"), &self.0)
        }
    }

    #[test]
    fn arrays_write_their_type_and_read_any_item_names() {
        let xml = to_vec(&Ints(vec![3, -1]), &Name::new("urn:x", "nums")).expect("encodes");
        let text = String::from_utf8(xml.clone()).expect("utf-8");
        assert!(
            text.contains(r#"xsi:type="soapenc:Array""#)
                && text.contains(r#"soapenc:arrayType="xsd:int[2]""#)
                && text.contains(r#"<item xmlns="">3</item><item xmlns="">-1</item>"#),
            "{text}"
        );
        assert_eq!(
            from_slice::<Ints>(&xml).expect("decodes"),
            Ints(vec![3, -1])
        );
        let other = br#"<a><v>1</v><x:w xmlns:x="urn:y">2</x:w><item xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></a>"#;
        assert_eq!(
            from_slice::<Ints>(other).expect("decodes"),
            Ints(vec![1, 2])
        );
    }

    #[test]
    fn items_by_reference_are_followed() {
        let xml = br##"<r xmlns:e="http://schemas.xmlsoap.org/soap/encoding/"><a><item href="#i1"/><item>2</item><item href="#i1"/></a><m id="i1">7</m></r>"##;
        let read = |xml: &[u8]| -> Result<Vec<i32>> {
            let mut r = Reader::new(xml)?;
            r.root()?;
            let a = r.next_child()?.expect("the array");
            r.soap_array(&a)
        };
        assert_eq!(read(xml).expect("decodes"), vec![7, 2, 7]);
        let dangling = br##"<r><a><item href="#i9"/></a><m id="i1">7</m></r>"##;
        let e = read(dangling).expect_err("no such id");
        assert!(
            matches!(e.kind(), DecodeErrorKind::MultiRef { href } if href == "#i9"),
            "{e}"
        );
        assert_eq!(e.path(), "/r/a/item");
        let cycle =
            br##"<r><a><item href="#i1"/></a><m id="i1" href="#i2"/><m id="i2" href="#i1"/></r>"##;
        let e = read(cycle).expect_err("a cycle");
        assert!(
            matches!(e.kind(), DecodeErrorKind::Unsupported(w) if w.contains("cycle")),
            "{e}"
        );
    }

    #[test]
    fn start_tags_are_scanned_for_their_name_and_xsi_type() {
        assert_eq!(scan_start_tag(b"<a>x</a>", "xsi"), (2, false));
        assert_eq!(scan_start_tag(b"<ab/>", "xsi"), (3, false));
        assert_eq!(
            scan_start_tag(br#"<a b=">" xsi:type="t"/>"#, "xsi"),
            (2, true)
        );
        assert_eq!(
            scan_start_tag(br#"<a b=' xsi:type="t"'/>"#, "xsi"),
            (2, false)
        );
        assert_eq!(scan_start_tag(b"x", "xsi"), (0, false));
    }
}
