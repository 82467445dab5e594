//! rpc/encoded messages (SOAP 1.1 section 5) through the fixture's stubs: requests encoded
//! with `encodingStyle`, `xsi:type` and `soapenc:arrayType`; responses as SOAP-encoding
//! servers write them decoded, multi-references (Axis style) followed.

use runtime::__private as rt;
use runtime::soap::{self, Message, SoapVersion};
use runtime::xml::DecodeErrorKind;

use crate::encoded as enc;
use crate::values;

fn request() -> enc::GetSites {
    enc::GetSites {
        owner: 7,
        filter: enc::Filter {
            query: rt::Nillable::Nil,
            limit: 10,
        },
        scores: enc::Scores(vec![1.5, -2.0]),
    }
}

/// An envelope as PHP's SoapServer / Axis 1 write them, around `body`.
fn envelope(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
  xmlns:ns1="urn:example:encoded:calls" xmlns:ns2="urn:example:encoded"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"
  SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
<SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    )
}

fn decode<B: rt::Body>(xml: &str) -> Result<B, rt::DecodeError> {
    match soap::decode_envelope::<values::Empty, B>(xml.as_bytes())?.body {
        Message::Body(b) => Ok(b),
        Message::Fault(f) => panic!("unexpected fault {f:?}"),
    }
}

#[test]
fn request_is_written_with_encoding_style_xsi_types_and_array_type() {
    let xml =
        soap::encode_envelope(SoapVersion::Soap11, &values::Empty {}, &request()).expect("encodes");
    let text = String::from_utf8(xml).expect("utf-8");
    let body = text
        .split_once("<soapenv:Body>")
        .and_then(|(_, b)| b.split_once("</soapenv:Body>"))
        .map(|(b, _)| b)
        .unwrap_or_else(|| panic!("no body: {text}"));
    assert_eq!(
        body,
        "<ns1:getSites soapenv:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">\
         <owner xsi:type=\"xsd:nonNegativeInteger\">7</owner>\
         <filter xsi:type=\"ns2:Filter\"><query xsi:nil=\"true\"/><limit>10</limit></filter>\
         <scores xsi:type=\"soapenc:Array\" soapenc:arrayType=\"xsd:double[2]\">\
         <item>1.5</item><item>-2.0</item></scores></ns1:getSites>"
    );
    assert!(
        text.contains(r#"xmlns:ns1="urn:example:encoded:calls""#)
            && text.contains(r#"xmlns:ns2="urn:example:encoded""#)
            && text.contains(r#"xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/""#),
        "{text}"
    );
    // The server side of the same stubs reads it back.
    let back: enc::GetSites = decode(&text).expect("decodes");
    assert_eq!(back, request());
}

#[test]
fn response_with_arrays_decodes_whatever_the_item_names() {
    let xml = envelope(
        r#"<ns1:getSitesResponse>
  <sites xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="ns2:Site[3]">
    <item xsi:type="ns2:Site"><id xsi:type="xsd:int">1</id><name xsi:type="xsd:string">Alpha</name>
      <tags xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[2]"><item xsi:type="xsd:string">a</item><tag>b &amp; c</tag></tags></item>
    <Site><name>Beta</name><id>2</id><tags xsi:nil="true"/>
      <children SOAP-ENC:arrayType="ns2:Site[1]"><item><id>3</id><name>Child</name><tags SOAP-ENC:arrayType="xsd:string[0]"/></item></children></Site>
    <ns2:item><ns2:id>4</ns2:id><ns2:name>Qualified</ns2:name><ns2:tags xsi:nil="true"/></ns2:item>
  </sites>
  <total xsi:type="xsd:int">3</total>
</ns1:getSitesResponse>"#,
    );
    let r: enc::GetSitesResponse = decode(&xml).expect("decodes");
    let site = |id, name: &str, tags: rt::Nillable<enc::Tags>| enc::Site {
        id,
        name: name.into(),
        tags,
        children: None,
    };
    let tags = enc::Tags(vec!["a".into(), "b & c".into()]);
    let mut beta = site(2, "Beta", rt::Nillable::Nil);
    beta.children = Some(enc::Sites(vec![site(
        3,
        "Child",
        rt::Nillable::Value(enc::Tags(vec![])),
    )]));
    let expected = enc::GetSitesResponse {
        sites: enc::Sites(vec![
            site(1, "Alpha", rt::Nillable::Value(tags)),
            beta,
            site(4, "Qualified", rt::Nillable::Nil),
        ]),
        total: 3,
    };
    assert_eq!(r, expected);
    // Through the binding's body dispatch too.
    let b: enc::SiteBody = decode(&xml).expect("decodes");
    assert_eq!(b, enc::SiteBody::GetSitesResponse(expected));
}

#[test]
fn response_written_by_the_stubs_reads_back() {
    let r = enc::GetSitesResponse {
        sites: enc::Sites(vec![enc::Site {
            id: 1,
            name: "<one>".into(),
            tags: rt::Nillable::Value(enc::Tags(vec!["x".into()])),
            children: Some(enc::Sites(vec![])),
        }]),
        total: 1,
    };
    let xml = soap::encode_envelope(SoapVersion::Soap11, &values::Empty {}, &r).expect("encodes");
    let text = String::from_utf8(xml).expect("utf-8");
    assert!(
        text.contains(r#"<total xsi:type="soapenc:int">1</total>"#)
            && text.contains(r#"soapenc:arrayType="ns2:Site[1]""#)
            && text.contains(
                r#"<children xsi:type="soapenc:Array" soapenc:arrayType="ns2:Site[0]"/>"#
            ),
        "{text}"
    );
    assert_eq!(decode::<enc::GetSitesResponse>(&text).expect("decodes"), r);
}

#[test]
fn an_empty_message_is_an_empty_wrapper() {
    let xml = soap::encode_envelope(SoapVersion::Soap11, &values::Empty {}, &enc::Ping {})
        .expect("encodes");
    let text = String::from_utf8(xml).expect("utf-8");
    assert!(
        text.contains(
            r#"<ns1:ping soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>"#
        ),
        "{text}"
    );
    let r: enc::PingResponse = decode(&envelope(
        r#"<ns1:pingResponse><ok xsi:type="xsd:boolean">true</ok></ns1:pingResponse>"#,
    ))
    .expect("decodes");
    assert!(r.ok);
}

#[test]
fn multi_reference_values_are_followed() {
    // As Axis 1 writes responses: every value by reference, targets after the wrapper.
    let xml = envelope(
        r##"<ns1:getSitesResponse><sites href="#id0"/><total href="#id1"/></ns1:getSitesResponse>
<multiRef id="id0" SOAP-ENC:root="0" xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="ns2:Site[2]"><item href="#id2"/><item href="#id3"/></multiRef>
<multiRef id="id1" SOAP-ENC:root="0" xsi:type="xsd:int">2</multiRef>
<multiRef id="id2" SOAP-ENC:root="0" xmlns:ns9="urn:example:encoded" xsi:type="ns9:Site"><id href="#id4"/><name>A</name><tags xsi:nil="true"/></multiRef>
<multiRef id="id3" SOAP-ENC:root="0" xsi:type="ns2:Site"><id>2</id><name>B</name><tags href="#id5"/></multiRef>
<multiRef id="id4" SOAP-ENC:root="0" xsi:type="xsd:int">1</multiRef>
<multiRef id="id5" SOAP-ENC:root="0" SOAP-ENC:arrayType="xsd:string[1]"><item>t</item></multiRef>"##,
    );
    let r: enc::GetSitesResponse = decode(&xml).expect("decodes");
    let site = |id, name: &str, tags| enc::Site {
        id,
        name: name.into(),
        tags,
        children: None,
    };
    assert_eq!(
        r,
        enc::GetSitesResponse {
            sites: enc::Sites(vec![
                site(1, "A", rt::Nillable::Nil),
                site(2, "B", rt::Nillable::Value(enc::Tags(vec!["t".into()]))),
            ]),
            total: 2,
        }
    );
}

#[test]
fn a_reference_to_a_reference_is_followed_to_the_value() {
    let xml = envelope(
        r##"<ns1:getSitesResponse><sites SOAP-ENC:arrayType="ns2:Site[0]"/><total href="#r1"/></ns1:getSitesResponse>
<multiRef id="r1" href="#r2"/><multiRef id="r2" href="#r3"/><multiRef id="r3" xsi:type="xsd:int">7</multiRef>"##,
    );
    let r: enc::GetSitesResponse = decode(&xml).expect("decodes");
    assert_eq!(r.total, 7);
    // A reference to itself never reaches a value: refused at the depth bound.
    let xml = envelope(
        r##"<ns1:getSitesResponse><sites SOAP-ENC:arrayType="ns2:Site[0]"/><total href="#me"/></ns1:getSitesResponse>
<multiRef id="me" href="#me"/>"##,
    );
    let e = decode::<enc::GetSitesResponse>(&xml).expect_err("cycle");
    assert!(
        matches!(e.kind(), DecodeErrorKind::Unsupported(w) if w.contains("cycle")),
        "{e}"
    );
}

#[test]
fn dangling_and_cyclic_multi_references_are_errors() {
    let xml = envelope(
        r##"<ns1:getSitesResponse><sites href="#nowhere"/><total>1</total></ns1:getSitesResponse>"##,
    );
    let e = decode::<enc::GetSitesResponse>(&xml).expect_err("dangling");
    assert!(
        matches!(e.kind(), DecodeErrorKind::MultiRef { href } if href == "#nowhere"),
        "{e}"
    );
    assert_eq!(e.path(), "/Envelope/Body/getSitesResponse/sites");
    // A site whose children are the array holding it: followed until the depth bound.
    let xml = envelope(
        r##"<ns1:getSitesResponse><sites href="#a"/><total>1</total></ns1:getSitesResponse>
<multiRef id="a" SOAP-ENC:arrayType="ns2:Site[1]"><item href="#s"/></multiRef>
<multiRef id="s"><id>1</id><name>A</name><tags xsi:nil="true"/><children href="#a"/></multiRef>"##,
    );
    let e = decode::<enc::GetSitesResponse>(&xml).expect_err("cycle");
    assert!(
        matches!(e.kind(), DecodeErrorKind::Unsupported(w) if w.contains("cycle")),
        "{e}"
    );
    // Arrays of ten references to one site whose children are the next such array:
    // 10^8 sites read if followed blindly.
    let mut bomb = String::from(
        r##"<ns1:getSitesResponse><sites href="#a0"/><total>1</total></ns1:getSitesResponse>"##,
    );
    for level in 0..8 {
        let items = format!(r##"<item href="#s{level}"/>"##).repeat(10);
        let next = level + 1;
        bomb.push_str(&format!(
            r##"<m id="a{level}">{items}</m><m id="s{level}"><id>1</id><name>A</name><tags xsi:nil="true"/><children href="#a{next}"/></m>"##
        ));
    }
    bomb.push_str(r#"<m id="a8"/>"#);
    let started = std::time::Instant::now();
    let e = decode::<enc::GetSitesResponse>(&envelope(&bomb)).expect_err("refused");
    assert!(
        matches!(e.kind(), DecodeErrorKind::Unsupported(w) if w.contains("bomb")),
        "{e}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn sparse_and_partial_arrays_are_refused() {
    for array in [
        r#"<tags SOAP-ENC:arrayType="xsd:string[5]" SOAP-ENC:offset="[2]"><item>c</item></tags>"#,
        r#"<tags SOAP-ENC:arrayType="xsd:string[5]"><item SOAP-ENC:position="[4]">e</item></tags>"#,
    ] {
        let xml = envelope(&format!(
            r#"<ns1:getSitesResponse><sites SOAP-ENC:arrayType="ns2:Site[1]"><item><id>1</id><name>A</name>{array}</item></sites><total>1</total></ns1:getSitesResponse>"#
        ));
        let e = decode::<enc::GetSitesResponse>(&xml).expect_err("refused");
        assert!(
            matches!(e.kind(), DecodeErrorKind::Unsupported(w) if w.contains("sparse")),
            "{e}"
        );
    }
}

#[test]
fn a_wrapper_of_another_name_is_an_unexpected_body() {
    let xml = envelope(r#"<ns1:pong><ok>true</ok></ns1:pong>"#);
    let e = decode::<enc::PingResponse>(&xml).expect_err("wrong wrapper");
    assert!(
        matches!(e.kind(), DecodeErrorKind::UnexpectedBody { .. }),
        "{e}"
    );
}

/// The TradeTracker affiliate WSDL (rpc/encoded, PHP SoapServer) through its client.
#[cfg(salesforce_stubs)]
mod tradetracker {
    use runtime::__private as rt;
    use runtime::Blocking;

    use crate::fault_detail::{Canned, client};
    use crate::salesforce::tradetracker as tt;

    const RESPONSE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://ws.tradetracker.com/soap/affiliate" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:getCampaignCategoriesResponse><campaignCategories SOAP-ENC:arrayType="ns1:CampaignCategory[2]" xsi:type="ns1:CampaignCategories"><item xsi:type="ns1:CampaignCategory"><ID xsi:type="xsd:nonNegativeInteger">1</ID><name xsi:type="xsd:string">Fashion</name><categories SOAP-ENC:arrayType="ns1:CampaignCategory[1]" xsi:type="ns1:CampaignCategories"><item xsi:type="ns1:CampaignCategory"><ID xsi:type="xsd:nonNegativeInteger">11</ID><name xsi:type="xsd:string">Shoes</name><categories xsi:nil="true"/></item></categories></item><item xsi:type="ns1:CampaignCategory"><ID xsi:type="xsd:nonNegativeInteger">2</ID><name xsi:type="xsd:string">Travel &amp; Holidays</name><categories xsi:nil="true"/></item></campaignCategories></ns1:getCampaignCategoriesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;

    fn category(
        id: u64,
        name: &str,
        sub: Option<Vec<tt::CampaignCategory>>,
    ) -> tt::CampaignCategory {
        tt::CampaignCategory {
            id,
            name: name.into(),
            categories: sub.map_or(rt::Nillable::Nil, |v| {
                rt::Nillable::Value(tt::CampaignCategories(v))
            }),
        }
    }

    #[test]
    fn a_call_encodes_the_request_and_decodes_nested_arrays() {
        let transport = Canned::new(200, RESPONSE);
        let affiliate = tt::AffiliateClient::new(client(transport.clone()));
        let r = Blocking::new()
            .expect("runtime")
            .block_on(affiliate.get_campaign_categories(&tt::GetCampaignCategories {}))
            .expect("not inside a runtime")
            .expect("decodes");
        assert_eq!(
            r.campaign_categories.0,
            vec![
                category(1, "Fashion", Some(vec![category(11, "Shoes", None)])),
                category(2, "Travel & Holidays", None),
            ]
        );
        let sent = transport.seen.lock().expect("lock");
        let text = String::from_utf8_lossy(&sent[0]);
        assert!(
            text.contains(r#":getCampaignCategories soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>"#),
            "{text}"
        );
    }

    #[test]
    fn requests_carry_xsi_types_and_unqualified_accessors() {
        let body = tt::GetCampaigns {
            affiliate_site_id: 12345,
            options: tt::CampaignFilter {
                assignment_status: rt::Nillable::Value(tt::CampaignAssignmentStatus::Accepted),
                limit: rt::Nillable::Value(10),
                ..Default::default()
            },
        };
        let xml = runtime::soap::encode_envelope(
            runtime::soap::SoapVersion::Soap11,
            &tt::AffiliateHeaders::default(),
            &body,
        )
        .expect("encodes");
        let text = String::from_utf8(xml).expect("utf-8");
        for piece in [
            r#"<affiliateSiteID xsi:type="xsd:nonNegativeInteger">12345</affiliateSiteID>"#,
            r#"<options xsi:type="ns1:CampaignFilter"><ID xsi:nil="true"/>"#,
            "<assignmentStatus>accepted</assignmentStatus>",
            "<limit>10</limit>",
        ] {
            assert!(text.contains(piece), "{piece} in {text}");
        }
        let back = runtime::soap::decode_envelope::<tt::AffiliateHeaders, tt::AffiliateBody>(
            text.as_bytes(),
        )
        .expect("decodes");
        assert_eq!(
            back.body,
            runtime::soap::Message::Body(tt::AffiliateBody::GetCampaigns(body))
        );
    }
}
