/// ONVIF's schemas import the WS-* specs by URL; the corpus holds copies under `external/`.
/// One table, through `include!`, for build.rs (which maps them for the generator), the
/// ONVIF corpus test (for xmllint) and wsdl/tests/real.rs (for the loader).
const ONVIF_LOCATIONS: &[(&str, &str)] = &[
    ("https://www.w3.org/2005/05/xmlmime", "xmlmime.xsd"),
    (
        "https://www.w3.org/2003/05/soap-envelope",
        "soap-envelope.xsd",
    ),
    ("http://docs.oasis-open.org/wsn/b-2.xsd", "b-2.xsd"),
    ("https://www.w3.org/2004/08/xop/include", "include.xsd"),
    (
        "http://www.w3.org/2005/08/addressing/ws-addr.xsd",
        "ws-addr.xsd",
    ),
    ("http://docs.oasis-open.org/wsrf/bf-2.xsd", "bf-2.xsd"),
    ("http://docs.oasis-open.org/wsn/t-1.xsd", "t-1.xsd"),
    ("http://www.w3.org/2001/xml.xsd", "xml.xsd"),
];
