//! corpus/wsdot-ferries (ferry.wsdl, an ASP.NET .asmx service): requests with the custom
//! `APIAccessHeader` through both SOAP bindings (1.1 `WSF_x0020_ScheduleSoap` and 1.2
//! `WSF_x0020_ScheduleSoap12`) validated by xmllint against the WSDL's schema; responses in
//! the style ASP.NET writes them (`soap:` prefix, default namespace on the body, `xsi:nil`
//! array items, empty elements) decoded, re-encoded, decoded; faults of both versions; and
//! broken responses that must fail naming the element.

#[cfg(not(salesforce_stubs))]
#[test]
fn skipped() {
    eprintln!("corpus_wsdot_ferries: skipped, ../shared/wsdl is missing (no stubs generated)");
}

#[cfg(salesforce_stubs)]
mod common;

#[cfg(salesforce_stubs)]
mod ferries {
    use runtime::__private as rt;
    use runtime::soap::SoapVersion;
    use runtime::xml::DecodeErrorKind;
    use stub_tests::salesforce::wsdot_ferries::*;

    use crate::common::xmllint::{Validator, envelope_xsd, extract_schemas, main_xsd};
    use crate::common::{self, fixture};

    const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
    const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
    const DIR: &str = "wsdot-ferries";

    type Headers11 = WsfX0020ScheduleHeaders;
    type Body11 = WsfX0020ScheduleBody;
    type Headers12 = WsfX0020ScheduleSoap12Headers;
    type Body12 = WsfX0020ScheduleSoap12Body;

    fn validator(test: &str) -> Option<Validator> {
        let dir = common::corpus_dir(test, DIR)?;
        let wsdl = std::fs::read_to_string(dir.join("ferry.wsdl")).expect("read ferry.wsdl");
        let schemas = extract_schemas(&wsdl);
        assert_eq!(schemas.len(), 1, "ferry.wsdl has one schema");
        let main = main_xsd(&[
            (SOAP11, "envelope11.xsd"),
            (SOAP12, "envelope12.xsd"),
            (NS, "ferry.xsd"),
        ]);
        let files = [
            ("ferry.xsd", schemas[0].clone()),
            ("envelope11.xsd", envelope_xsd(SOAP11)),
            ("envelope12.xsd", envelope_xsd(SOAP12)),
            ("main.xsd", main),
        ];
        Validator::new(test, common::temp_dir(test), &files)
    }

    fn date_time(s: &str) -> rt::DateTime {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    fn access(code: &str) -> Option<ApiAccessHeader> {
        Some(ApiAccessHeader {
            api_access_code: Some(code.into()),
            ..Default::default()
        })
    }

    fn schedule_by_route() -> GetScheduleByRoute {
        GetScheduleByRoute {
            request: Some(RouteMsg {
                trip_date: date_time("2026-11-28T00:00:00"),
                route_id: 9,
            }),
        }
    }

    #[test]
    fn requests_through_both_bindings_validate() {
        let h11 = Headers11 {
            api_access_header: access("0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
        };
        let h12 = Headers12 {
            api_access_header: access("0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
        };
        let by_route = schedule_by_route();
        let combo = GetScheduleByTerminalCombo {
            request: Some(TerminalComboMsg {
                trip_date: date_time("2026-11-28T00:00:00"),
                departing_terminal_id: 1,
                arriving_terminal_id: 10,
            }),
        };
        let docs = [
            (
                "GetScheduleByRoute-1.1",
                common::request(SoapVersion::Soap11, &h11, &by_route),
            ),
            (
                "GetScheduleByRoute-1.2",
                common::request(SoapVersion::Soap12, &h12, &by_route),
            ),
            (
                "GetScheduleByTerminalCombo-1.1",
                common::request(SoapVersion::Soap11, &h11, &combo),
            ),
            (
                "GetValidDateRange-1.2",
                common::request(SoapVersion::Soap12, &h12, &GetValidDateRange {}),
            ),
            // GetCacheFlushDate declares no header: none is written.
            (
                "GetCacheFlushDate-1.1",
                common::request(
                    SoapVersion::Soap11,
                    &Headers11::default(),
                    &GetCacheFlushDate {},
                ),
            ),
        ];
        let soap12 = common::text(&docs[1].1);
        assert!(
            soap12.contains(SOAP12) && !soap12.contains(SOAP11),
            "{soap12}"
        );
        assert!(
            soap12.contains("<APIAccessHeader xmlns=\"http://www.wsdot.wa.gov/ferries/schedule/\"><APIAccessCode>"),
            "{soap12}"
        );
        assert!(!common::text(&docs[4].1).contains("Header"));
        if let Some(v) = validator("ferries_requests") {
            v.assert_valid(&docs);
        }
    }

    #[test]
    fn operations_carry_each_bindings_version_and_action() {
        let o11 = wsf_x0020_schedule_ops::GET_SCHEDULE_BY_ROUTE;
        let o12 = wsf_x0020_schedule_soap12_ops::GET_SCHEDULE_BY_ROUTE;
        assert_eq!(o11.version, SoapVersion::Soap11);
        assert_eq!(o12.version, SoapVersion::Soap12);
        for o in [o11, o12] {
            assert_eq!(
                o.soap_action,
                "http://www.wsdot.wa.gov/ferries/schedule/GetScheduleByRoute"
            );
            assert!(o.retry_safe && o.session.is_none());
        }
    }

    #[test]
    fn the_validator_has_teeth() {
        let Some(v) = validator("ferries_teeth") else {
            return;
        };
        // RouteID is an s:int.
        let bad = format!(
            r#"<e:Envelope xmlns:e="{SOAP12}"><e:Body><GetScheduleByRoute xmlns="{NS}"><request><TripDate>2026-11-28T00:00:00</TripDate><RouteID>nine</RouteID></request></GetScheduleByRoute></e:Body></e:Envelope>"#
        );
        assert_eq!(v.rejected(&[("bad-int", bad.into_bytes())]).len(), 1);
    }

    #[test]
    fn schedule_by_route_response_decodes_and_round_trips() {
        let xml = fixture(DIR, "GetScheduleByRouteResponse.soap11.xml");
        let (_, body) = common::body_round_trip::<Headers11, Body11>(&xml);
        let Body11::GetScheduleByRouteResponse(r) = body else {
            panic!("{body:?}")
        };
        let s = r.get_schedule_by_route_result.expect("a result");
        assert_eq!((s.schedule_id, s.schedule_season), (193, Season::Fall));
        assert_eq!(s.schedule_end.as_str(), "2026-12-26T23:59:59-08:00");
        assert_eq!(s.all_routes.map(|a| a.int), Some(vec![9]));
        let combos = s.terminal_combos.expect("combos").sched_terminal_combo;
        let rt::Nillable::Value(c) = &combos[0] else {
            panic!("{combos:?}")
        };
        assert_eq!(c.arriving_terminal_name.as_deref(), Some("Friday Harbor"));
        assert_eq!(c.sailing_notes.as_deref(), Some(""));
        let notes = &c.annotations.as_ref().expect("annotations").string;
        assert_eq!(
            notes,
            &[
                rt::Nillable::Value("Vehicle reservations recommended".into()),
                rt::Nillable::Nil
            ]
        );
        let times = &c.times.as_ref().expect("times").sched_time;
        let [rt::Nillable::Value(first), rt::Nillable::Value(second)] = &times[..] else {
            panic!("{times:?}")
        };
        assert_eq!(first.loading_rule, LoadIndicator::Both);
        assert_eq!(first.vessel_name.as_deref(), Some("Samish"));
        assert!(first.vessel_handicap_accessible);
        assert_eq!(second.arriving_time, rt::Nillable::Nil);
        assert_eq!(
            second.routes.as_ref().map(|a| a.int.clone()),
            Some(vec![9, 10])
        );
        assert_eq!(second.annotation_indexes, Some(ArrayOfInt { int: vec![] }));
    }

    #[test]
    fn soap12_responses_decode_and_round_trip() {
        let xml = fixture(DIR, "GetValidDateRangeResponse.soap12.xml");
        let (_, body) = common::body_round_trip::<Headers12, Body12>(&xml);
        let Body12::GetValidDateRangeResponse(r) = body else {
            panic!("{body:?}")
        };
        let range = r.get_valid_date_range_result.expect("a range");
        assert_eq!(range.date_from.as_str(), "2026-11-28T00:00:00-08:00");
        assert_eq!(range.date_thru.tz_offset_minutes(), Some(-7 * 60));

        let xml = fixture(DIR, "GetAllAlertsResponse.soap12.xml");
        let (_, body) = common::body_round_trip::<Headers12, Body12>(&xml);
        let Body12::GetAllAlertsResponse(r) = body else {
            panic!("{body:?}")
        };
        let alerts = r.get_all_alerts_result.expect("alerts").alert_response;
        assert_eq!(alerts.len(), 3);
        let rt::Nillable::Value(a) = &alerts[0] else {
            panic!("{alerts:?}")
        };
        assert_eq!(a.bulletin_id, 48211);
        assert_eq!(
            a.bulletin_text.as_deref(),
            Some(
                "<p>The 6:15 a.m. sailing from Anacortes is cancelled & will not be replaced.</p>"
            )
        );
        assert_eq!(
            a.publish_date.clone().into_option().map(|d| d.nanosecond()),
            Some(517_000_000)
        );
        assert_eq!(a.affected_route_i_ds, Some(ArrayOfInt { int: vec![9, 10] }));
        assert_eq!(alerts[1], rt::Nillable::Nil);
        let rt::Nillable::Value(c) = &alerts[2] else {
            panic!("{alerts:?}")
        };
        assert_eq!(c.publish_date, rt::Nillable::Nil);
        assert!(c.all_routes_flag && c.communication_flag);
    }

    #[test]
    fn faults_of_both_versions_decode_and_round_trip() {
        let f = common::fault_round_trip::<Headers11, Body11>(&fixture(
            DIR,
            "fault-bad-api-key.soap11.xml",
        ));
        assert_eq!(
            (f.code.ns.as_str(), f.code.local.as_str()),
            (SOAP11, "Server")
        );
        assert!(
            f.string.ends_with("has not been activated."),
            "{}",
            f.string
        );
        assert!(f.string.contains("---> The API"), "{}", f.string);

        let f = common::fault_round_trip::<Headers12, Body12>(&fixture(
            DIR,
            "fault-bad-api-key.soap12.xml",
        ));
        assert_eq!(
            (f.code.ns.as_str(), f.code.local.as_str()),
            (SOAP12, "Receiver")
        );
        assert!(f.subcodes.is_empty());
        assert!(f.string.starts_with("Server was unable"), "{}", f.string);
    }

    #[test]
    fn a_non_integer_names_its_element() {
        let xml = fixture(DIR, "GetScheduleByRouteResponse-bad-int.soap11.xml");
        let e = common::decode_error::<Headers11, Body11>(&xml);
        assert_eq!(
            e.path(),
            "/Envelope/Body/GetScheduleByRouteResponse/GetScheduleByRouteResult/TerminalCombos/SchedTerminalCombo/DepartingTerminalID",
            "{e}"
        );
        assert!(
            matches!(e.kind(), DecodeErrorKind::InvalidValue { text, .. } if text == "one"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_required_element_is_named() {
        let xml = fixture(DIR, "GetValidDateRangeResponse-missing.soap12.xml");
        let e = common::decode_error::<Headers12, Body12>(&xml);
        assert_eq!(
            e.kind(),
            &DecodeErrorKind::MissingElement { name: "DateThru" },
            "{e}"
        );
        assert!(
            e.path()
                .starts_with("/Envelope/Body/GetValidDateRangeResponse/GetValidDateRangeResult"),
            "{e}"
        );
    }

    #[test]
    fn rewritten_responses_validate() {
        let soap11 = "GetScheduleByRouteResponse.soap11.xml";
        let mut docs = vec![(
            soap11,
            common::rewritten::<Headers11, Body11>(&fixture(DIR, soap11)),
        )];
        for name in [
            "GetValidDateRangeResponse.soap12.xml",
            "GetAllAlertsResponse.soap12.xml",
        ] {
            docs.push((
                name,
                common::rewritten::<Headers12, Body12>(&fixture(DIR, name)),
            ));
        }
        if let Some(v) = validator("ferries_responses") {
            v.assert_valid(&docs);
        }
    }
}
