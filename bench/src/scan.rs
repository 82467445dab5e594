//! quick-xml's own reading speed over the same bytes: the floor any typed reader stands on.

use quick_xml::events::Event;

/// Raw event scan (no namespace resolution): counts events, looks at nothing.
pub fn raw_events(xml: &[u8]) -> Result<usize, quick_xml::Error> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut n = 0usize;
    loop {
        match r.read_event()? {
            Event::Eof => return Ok(n),
            _ => n += 1,
        }
    }
}

/// Namespace-resolving scan (`NsReader`): resolves every element name.
pub fn ns_events(xml: &[u8]) -> Result<usize, quick_xml::Error> {
    let mut r = quick_xml::NsReader::from_reader(xml);
    let mut n = 0usize;
    loop {
        match r.read_resolved_event()? {
            (_, Event::Eof) => return Ok(n),
            (ns, _) => n += std::hint::black_box(usize::from(matches!(ns, quick_xml::name::ResolveResult::Bound(_)))) + 1,
        }
    }
}
