//! corpus/eu-vies (checkVatService.wsdl): requests for checkVat and checkVatApprox encoded
//! with the generated types and validated by xmllint against the WSDL's own schema; sample
//! responses written in the style the VIES service really answers (`env:` envelope,
//! `ns2:` body, a `date` with a zone offset, nil `address`) decoded, re-encoded, decoded;
//! its INVALID_INPUT fault; and broken responses that must fail with the element's path.

#[cfg(not(salesforce_stubs))]
#[test]
fn skipped() {
    eprintln!("corpus_eu_vies: skipped, ../shared/wsdl is missing (no stubs generated)");
}

#[cfg(salesforce_stubs)]
mod common;

#[cfg(salesforce_stubs)]
mod vies {
    use runtime::__private as rt;
    use runtime::soap::SoapVersion;
    use runtime::xml::DecodeErrorKind;
    use stub_tests::salesforce::eu_vies::*;

    use crate::common::xmllint::{Validator, envelope_xsd, extract_schemas, main_xsd};
    use crate::common::{self, fixture};

    const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

    fn validator(test: &str) -> Option<Validator> {
        let dir = common::corpus_dir(test, "eu-vies")?;
        let wsdl = std::fs::read_to_string(dir.join("checkVatService.wsdl")).expect("read");
        let schemas = extract_schemas(&wsdl);
        assert_eq!(schemas.len(), 1, "checkVatService.wsdl has one schema");
        let files = [
            ("vies.xsd", schemas[0].clone()),
            ("envelope.xsd", envelope_xsd(SOAP11)),
            (
                "main.xsd",
                main_xsd(&[(SOAP11, "envelope.xsd"), (NS, "vies.xsd")]),
            ),
        ];
        Validator::new(test, common::temp_dir(test), &files)
    }

    fn check_vat() -> CheckVat {
        CheckVat {
            country_code: "NL".into(),
            vat_number: "004495445B01".into(),
        }
    }

    fn check_vat_approx() -> CheckVatApprox {
        CheckVatApprox {
            country_code: "ES".into(),
            vat_number: "B12345678".into(),
            trader_name: Some("Ejemplo Distribuciones & Cía".into()),
            trader_company_type: Some("ES-1".into()),
            trader_street: Some("Calle Mayor 1".into()),
            trader_postcode: Some("28013".into()),
            trader_city: Some("Madrid".into()),
            requester_country_code: Some("NL".into()),
            requester_vat_number: Some("004495445B01".into()),
        }
    }

    #[test]
    fn requests_round_trip_and_validate() {
        let h = CheckVatHeaders {};
        let docs = [
            (
                "checkVat",
                common::request(SoapVersion::Soap11, &h, &check_vat()),
            ),
            (
                "checkVatApprox",
                common::request(SoapVersion::Soap11, &h, &check_vat_approx()),
            ),
            (
                "checkVatApprox-minimal",
                common::request(
                    SoapVersion::Soap11,
                    &h,
                    &CheckVatApprox {
                        country_code: "DE".into(),
                        vat_number: "123456789".into(),
                        ..Default::default()
                    },
                ),
            ),
        ];
        let text = common::text(&docs[0].1);
        assert!(
            text.contains("<checkVat xmlns=\"urn:ec.europa.eu:taxud:vies:services:checkVat:types\"><countryCode>NL</countryCode>"),
            "{text}"
        );
        assert_eq!(ops::CHECK_VAT.version, SoapVersion::Soap11);
        assert_eq!(ops::CHECK_VAT_APPROX.soap_action, "");
        if let Some(v) = validator("vies_requests") {
            v.assert_valid(&docs);
        }
    }

    #[test]
    fn the_validator_has_teeth() {
        let Some(v) = validator("vies_teeth") else {
            return;
        };
        // vatNumber before countryCode: the sequence forbids it.
        let bad = format!(
            r#"<e:Envelope xmlns:e="{SOAP11}"><e:Body><checkVat xmlns="{NS}"><vatNumber>1</vatNumber><countryCode>NL</countryCode></checkVat></e:Body></e:Envelope>"#
        );
        assert_eq!(v.rejected(&[("out-of-order", bad.into_bytes())]).len(), 1);
    }

    #[test]
    fn check_vat_response_decodes_and_round_trips() {
        let xml = fixture("eu-vies", "checkVatResponse.xml");
        let (_, body) = common::body_round_trip::<CheckVatHeaders, CheckVatBody>(&xml);
        let CheckVatBody::CheckVatResponse(r) = body else {
            panic!("{body:?}")
        };
        assert_eq!(r.country_code, "NL");
        assert_eq!(r.vat_number, "004495445B01");
        assert_eq!(r.request_date.as_str(), "2026-11-27+01:00");
        assert_eq!(
            (
                r.request_date.year(),
                r.request_date.month(),
                r.request_date.day()
            ),
            (2026, 11, 27)
        );
        assert_eq!(r.request_date.tz_offset_minutes(), Some(60));
        assert!(r.valid);
        assert_eq!(
            r.name,
            Some(rt::Nillable::Value("KONINKLIJKE PHILIPS N.V.".into()))
        );
        assert_eq!(
            r.address,
            Some(rt::Nillable::Value(
                "\nHIGH TECH CAMPUS 00052\n5656AG EINDHOVEN\n".into()
            ))
        );
    }

    #[test]
    fn an_invalid_number_keeps_the_nil_address() {
        let xml = fixture("eu-vies", "checkVatResponse-invalid.xml");
        let (_, body) = common::body_round_trip::<CheckVatHeaders, CheckVatBody>(&xml);
        let CheckVatBody::CheckVatResponse(r) = body else {
            panic!("{body:?}")
        };
        assert!(!r.valid);
        assert_eq!(r.name, Some(rt::Nillable::Value("---".into())));
        assert_eq!(r.address, Some(rt::Nillable::Nil));
    }

    #[test]
    fn check_vat_approx_response_decodes_match_codes() {
        let xml = fixture("eu-vies", "checkVatApproxResponse.xml");
        let (_, body) = common::body_round_trip::<CheckVatHeaders, CheckVatBody>(&xml);
        let CheckVatBody::CheckVatApproxResponse(r) = body else {
            panic!("{body:?}")
        };
        assert_eq!(r.country_code, "ES");
        assert_eq!(
            r.trader_name,
            Some(rt::Nillable::Value("EJEMPLO DISTRIBUCIONES SL".into()))
        );
        assert_eq!(r.trader_company_type, Some(rt::Nillable::Nil));
        assert_eq!(
            r.trader_address.as_deref(),
            Some("CALLE MAYOR 1, 28013 MADRID")
        );
        assert_eq!(r.trader_name_match, Some(MatchCode::V1));
        assert_eq!(r.trader_street_match, Some(MatchCode::V2));
        assert_eq!(r.trader_postcode_match, Some(MatchCode::V1));
        assert_eq!(r.trader_city_match, Some(MatchCode::V3));
        assert_eq!(r.trader_company_type_match, None);
        assert_eq!(r.request_identifier, "WAPIAAAAZ1xYz0aB");
    }

    #[test]
    fn invalid_input_fault_decodes_and_round_trips() {
        let xml = fixture("eu-vies", "fault-invalid-input.xml");
        let f = common::fault_round_trip::<CheckVatHeaders, CheckVatBody>(&xml);
        assert_eq!(f.string, "INVALID_INPUT");
        assert_eq!(
            (f.code.ns.as_str(), f.code.local.as_str()),
            (SOAP11, "Server")
        );
        assert!(f.subcodes.is_empty());
        assert_eq!(f.detail, None);
    }

    #[test]
    fn a_malformed_date_names_its_element() {
        let xml = fixture("eu-vies", "checkVatResponse-bad-date.xml");
        let e = common::decode_error::<CheckVatHeaders, CheckVatBody>(&xml);
        assert_eq!(
            e.path(),
            "/Envelope/Body/checkVatResponse/requestDate",
            "{e}"
        );
        assert!(
            matches!(e.kind(), DecodeErrorKind::InvalidValue { text, .. } if text == "27/11/2026"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_required_element_is_named() {
        let xml = fixture("eu-vies", "checkVatResponse-no-valid.xml");
        let e = common::decode_error::<CheckVatHeaders, CheckVatBody>(&xml);
        assert_eq!(
            e.kind(),
            &DecodeErrorKind::MissingElement { name: "valid" },
            "{e}"
        );
        assert!(
            e.path().starts_with("/Envelope/Body/checkVatResponse"),
            "{e}"
        );
    }

    #[test]
    fn rewritten_responses_validate() {
        let docs: Vec<(&str, Vec<u8>)> = [
            "checkVatResponse.xml",
            "checkVatResponse-invalid.xml",
            "checkVatApproxResponse.xml",
        ]
        .into_iter()
        .map(|name| {
            (
                name,
                common::rewritten::<CheckVatHeaders, CheckVatBody>(&fixture("eu-vies", name)),
            )
        })
        .collect();
        if let Some(v) = validator("vies_responses") {
            v.assert_valid(&docs);
        }
    }
}
