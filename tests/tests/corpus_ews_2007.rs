//! corpus/ews-2007 (Services.wsdl importing messages.xsd importing types.xsd): FindItem,
//! GetItem and CreateItem requests with the EWS headers (RequestServerVersion,
//! ExchangeImpersonation, MailboxCulture), a substitution-group restriction (`t:IsEqualTo`
//! for `t:SearchExpression`, `t:FieldURI` for `t:Path`), a paging choice and simple content
//! (`t:Body`), validated by xmllint against the service's own .xsd files; responses as
//! Exchange 2007 SP1 writes them (`m:`/`t:` prefixes, ServerVersionInfo output header,
//! items of several kinds in one choice list, an error response message) decoded,
//! re-encoded, decoded; an ErrorSchemaValidation fault; broken responses that must fail
//! naming the element.

#[cfg(not(salesforce_stubs))]
#[test]
fn skipped() {
    eprintln!("corpus_ews_2007: skipped, ../shared/wsdl is missing (no stubs generated)");
}

#[cfg(salesforce_stubs)]
mod common;

#[cfg(salesforce_stubs)]
mod ews {
    use runtime::soap::SoapVersion;
    use runtime::xml::DecodeErrorKind;
    use stub_tests::salesforce::ews_2007::*;

    use crate::common::xmllint::{Validator, envelope_xsd, main_xsd};
    use crate::common::{self, fixture};

    const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
    const DIR: &str = "ews-2007";
    type Headers = ExchangeServiceHeaders;
    type Body = ExchangeServiceBody;

    /// types.xsd imports the `xml:` namespace without a schemaLocation (for `xml:lang`),
    /// which libxml2 cannot resolve by itself ("does not resolve to a(n) attribute
    /// declaration"): the root schema imports this small one of ours for it first.
    const XML_XSD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:language"/>
</xs:schema>
"#;

    /// Services.wsdl's own schema only imports messages.xsd (which imports types.xsd), so
    /// the root schema imports messages.xsd where it lies.
    fn validator(test: &str) -> Option<Validator> {
        let dir = common::corpus_dir(test, DIR)?;
        let messages = dir.join("messages.xsd").display().to_string();
        let main = main_xsd(&[
            (SOAP11, "envelope.xsd"),
            ("http://www.w3.org/XML/1998/namespace", "xml.xsd"),
            (NS, &messages),
        ]);
        let files = [
            ("envelope.xsd", envelope_xsd(SOAP11)),
            ("xml.xsd", XML_XSD.to_owned()),
            ("main.xsd", main),
        ];
        Validator::new(test, common::temp_dir(test), &files)
    }

    fn headers() -> Headers {
        Headers {
            exchange_impersonation: Some(ExchangeImpersonationType {
                connecting_sid: ConnectingSidType {
                    primary_smtp_address: Some("dana.whitfield@contoso.com".into()),
                    ..Default::default()
                },
            }),
            mailbox_culture: Some(MailboxCulture("en-US".into())),
            request_server_version: Some(RequestServerVersion {
                version: ExchangeVersionType::Exchange2007Sp1,
                other_attributes: Vec::new(),
            }),
            ..Default::default()
        }
    }

    fn field(uri: UnindexedFieldUriType) -> PathChoice {
        PathChoice::FieldUri(Box::new(PathToUnindexedFieldType { field_uri: uri }))
    }

    /// Unread messages of the inbox of a delegated mailbox, newest first, 2 to 11.
    fn find_item() -> FindItemType {
        let is_unread = IsEqualToType {
            choice: field(UnindexedFieldUriType::MessageIsRead),
            field_uri_or_constant: FieldUriOrConstantType {
                choice: FieldUriOrConstantTypeChoice::Constant(Box::new(ConstantValueType {
                    value: "false".into(),
                })),
            },
        };
        // Two fields compared: `t:FieldURIOrConstant` holds a member of the `t:Path`
        // substitution group here (it used to be written as the abstract `t:Path`).
        let resent = IsNotEqualToType {
            choice: field(UnindexedFieldUriType::ItemDateTimeSent),
            field_uri_or_constant: FieldUriOrConstantType {
                choice: FieldUriOrConstantTypeChoice::FieldUri(Box::new(
                    PathToUnindexedFieldType {
                        field_uri: UnindexedFieldUriType::ItemDateTimeCreated,
                    },
                )),
            },
        };
        FindItemType {
            traversal: ItemQueryTraversalType::Shallow,
            item_shape: ItemResponseShapeType {
                base_shape: DefaultShapeNamesType::IdOnly,
                additional_properties: Some(Box::new(NonEmptyArrayOfPathsToElementType {
                    choice: vec![
                        field(UnindexedFieldUriType::ItemSubject),
                        field(UnindexedFieldUriType::ItemDateTimeReceived),
                    ],
                })),
                ..Default::default()
            },
            choice: Some(FindItemTypeChoice::IndexedPageItemView(Box::new(
                IndexedPageViewType {
                    max_entries_returned: Some(10),
                    offset: 2,
                    base_point: IndexBasePointType::Beginning,
                },
            ))),
            restriction: Some(Box::new(RestrictionType {
                choice: SearchExpressionChoice::And(Box::new(AndType {
                    choice: vec![
                        SearchExpressionChoice::IsEqualTo(Box::new(is_unread)),
                        SearchExpressionChoice::IsNotEqualTo(Box::new(resent)),
                    ],
                })),
            })),
            sort_order: Some(Box::new(NonEmptyArrayOfFieldOrdersType {
                field_order: vec![FieldOrderType {
                    order: SortDirectionType::Descending,
                    choice: field(UnindexedFieldUriType::ItemDateTimeReceived),
                }],
            })),
            parent_folder_ids: NonEmptyArrayOfBaseFolderIdsType {
                choice: vec![
                    NonEmptyArrayOfBaseFolderIdsTypeChoice::DistinguishedFolderId(Box::new(
                        DistinguishedFolderIdType {
                            id: DistinguishedFolderIdNameType::Inbox,
                            mailbox: Some(Box::new(EmailAddressType {
                                email_address: Some("finance@contoso.com".into()),
                                ..Default::default()
                            })),
                            ..Default::default()
                        },
                    )),
                ],
            },
            ..Default::default()
        }
    }

    fn get_item() -> GetItemType {
        GetItemType {
            item_shape: ItemResponseShapeType {
                base_shape: DefaultShapeNamesType::AllProperties,
                body_type: Some(BodyTypeResponseType::Text),
                ..Default::default()
            },
            item_ids: NonEmptyArrayOfBaseItemIdsType {
                choice: vec![NonEmptyArrayOfBaseItemIdsTypeChoice::ItemId(Box::new(
                    ItemIdType {
                        id: "AAMkADk0N2E4ZjY5LTQ5MzQtNGRkYS1hMmRmLWZkOWQ5ZTcxYTE5NABGAAAAAAC3"
                            .into(),
                        change_key: Some("CQAAABYAAAB0x6Ro0tuyT5nMv+Ia5QAAAAAADg==".into()),
                    },
                ))],
            },
        }
    }

    /// A message sent with a copy saved to Sent Items: a write, with simple content
    /// (`t:Body` text plus its BodyType attribute) and a substitution-free choice list.
    fn create_item() -> CreateItemType {
        let mailbox = |name: &str, address: &str| EmailAddressType {
            name: Some(name.into()),
            email_address: Some(address.into()),
            ..Default::default()
        };
        let message = MessageType {
            subject: Some("Q4 budget: revised numbers <draft>".into()),
            body: Some(Box::new(BodyType {
                value: "Hi all,\nthe revised numbers are attached & final.".into(),
                body_type: BodyTypeType::Text,
            })),
            categories: Some(Box::new(ArrayOfStringsType {
                string: vec!["Finance".into(), "Q4".into()],
            })),
            importance: Some(ImportanceChoicesType::High),
            to_recipients: Some(Box::new(ArrayOfRecipientsType {
                mailbox: vec![
                    mailbox("Finance Team", "finance@contoso.com"),
                    mailbox("Ravi Patel", "ravi.patel@contoso.com"),
                ],
            })),
            is_read_receipt_requested: Some(false),
            ..Default::default()
        };
        CreateItemType {
            message_disposition: Some(MessageDispositionType::SendAndSaveCopy),
            saved_item_folder_id: Some(Box::new(TargetFolderIdType {
                choice: TargetFolderIdTypeChoice::DistinguishedFolderId(Box::new(
                    DistinguishedFolderIdType {
                        id: DistinguishedFolderIdNameType::Sentitems,
                        ..Default::default()
                    },
                )),
            })),
            items: NonEmptyArrayOfAllItemsType {
                choice: vec![NonEmptyArrayOfAllItemsTypeChoice::Message(
                    AnyMessageType::MessageType(Box::new(message)),
                )],
            },
            ..Default::default()
        }
    }

    #[test]
    fn requests_with_headers_validate() {
        let docs = [
            (
                "FindItem",
                common::request(SoapVersion::Soap11, &headers(), &find_item()),
            ),
            (
                "GetItem",
                common::request(SoapVersion::Soap11, &headers(), &get_item()),
            ),
            (
                "CreateItem",
                common::request(SoapVersion::Soap11, &headers(), &create_item()),
            ),
            (
                "GetItem-no-headers",
                common::request(SoapVersion::Soap11, &Headers::default(), &get_item()),
            ),
        ];
        let find = common::text(&docs[0].1);
        for needle in [
            "RequestServerVersion",
            "Version=\"Exchange2007_SP1\"",
            "<PrimarySmtpAddress>dana.whitfield@contoso.com</PrimarySmtpAddress>",
            "Traversal=\"Shallow\"",
            "FieldURI=\"message:IsRead\"",
            "<FieldURIOrConstant><FieldURI FieldURI=\"item:DateTimeCreated\"/>",
            "Id=\"inbox\"",
        ] {
            assert!(find.contains(needle), "{needle} in {find}");
        }
        assert_eq!(
            ops::FIND_ITEM.soap_action,
            "http://schemas.microsoft.com/exchange/services/2006/messages/FindItem"
        );
        let create = common::text(&docs[2].1);
        assert!(
            create.contains("<Body BodyType=\"Text\">Hi all,\nthe revised numbers are attached &amp; final.</Body>"),
            "{create}"
        );
        const { assert!(!ops::CREATE_ITEM.retry_safe) };
        if let Some(v) = validator("ews_requests") {
            v.assert_valid(&docs);
        }
    }

    #[test]
    fn the_validator_has_teeth() {
        let Some(v) = validator("ews_teeth") else {
            return;
        };
        // FieldURI is abstract `t:Path` in disguise; the abstract head itself is invalid.
        let bad = format!(
            r#"<e:Envelope xmlns:e="{SOAP11}"><e:Body><m:GetItem xmlns:m="{NS}" xmlns:t="{NS1}"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:Path/></t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="A"/></m:ItemIds></m:GetItem></e:Body></e:Envelope>"#
        );
        assert_eq!(v.rejected(&[("abstract-path", bad.into_bytes())]).len(), 1);
    }

    #[test]
    fn find_item_response_decodes_mixed_items() {
        let xml = fixture(DIR, "FindItemResponse.xml");
        let (h, body) = common::body_round_trip::<Headers, Body>(&xml);
        let info = h.server_version_info.expect("ServerVersionInfo");
        assert_eq!(
            (
                info.major_version,
                info.minor_version,
                info.major_build_number
            ),
            (Some(8), Some(1), Some(240))
        );
        let Body::FindItemResponse(r) = body else {
            panic!("{body:?}")
        };
        let [ArrayOfResponseMessagesTypeChoice::FindItemResponseMessage(m)] =
            &r.response_messages.choice[..]
        else {
            panic!("{r:?}")
        };
        assert_eq!(m.response_class, ResponseClassType::Success);
        assert_eq!(m.response_code, Some(ResponseCodeType::NoError));
        let root = m.root_folder.as_ref().expect("RootFolder");
        assert_eq!(root.total_items_in_view, Some(27));
        assert_eq!(root.includes_last_item_in_range, Some(false));
        let FindItemParentTypeChoice::Items(items) = &root.choice else {
            panic!("{root:?}")
        };
        let [
            ArrayOfRealItemsTypeChoice::Message(AnyMessageType::MessageType(msg)),
            ArrayOfRealItemsTypeChoice::CalendarItem(cal),
        ] = &items.choice[..]
        else {
            panic!("{items:?}")
        };
        assert_eq!(msg.subject.as_deref(), Some("Q4 budget review & staffing"));
        assert_eq!(msg.size, Some(10842));
        assert_eq!(msg.is_read, Some(false));
        let from = &msg.from.as_ref().expect("From").mailbox;
        assert_eq!(from.name.as_deref(), Some("Dana Whitfield"));
        assert_eq!(
            msg.date_time_received.as_ref().map(|d| d.as_str()),
            Some("2026-11-27T16:42:07Z")
        );
        assert_eq!(cal.subject.as_deref(), Some("Budget sync"));
        let id = cal.item_id.as_ref().expect("ItemId");
        assert!(id.id.ends_with("AAAAAAC4"), "{id:?}");
    }

    #[test]
    fn get_item_response_decodes_success_and_error_messages() {
        let xml = fixture(DIR, "GetItemResponse.xml");
        let (_, body) = common::body_round_trip::<Headers, Body>(&xml);
        let Body::GetItemResponse(r) = body else {
            panic!("{body:?}")
        };
        use AnyItemInfoResponseMessageType::ItemInfoResponseMessageType as Info;
        use ArrayOfResponseMessagesTypeChoice::GetItemResponseMessage as Get;
        let [Get(Info(ok)), Get(Info(err))] = &r.response_messages.choice[..] else {
            panic!("{r:?}")
        };
        let [ArrayOfRealItemsTypeChoice::Message(AnyMessageType::MessageType(msg))] =
            &ok.items.choice[..]
        else {
            panic!("{ok:?}")
        };
        let body = msg.body.as_ref().expect("Body");
        assert_eq!(body.body_type, BodyTypeType::Html);
        assert_eq!(
            body.value,
            "<html><body><p>Numbers attached.</p></body></html>"
        );
        assert_eq!(msg.importance, Some(ImportanceChoicesType::High));
        let to = &msg.to_recipients.as_ref().expect("ToRecipients").mailbox;
        assert_eq!(to.len(), 2);
        assert_eq!(
            to[1].email_address.as_deref(),
            Some("ravi.patel@contoso.com")
        );
        assert_eq!(err.response_class, ResponseClassType::Error);
        assert_eq!(err.response_code, Some(ResponseCodeType::ErrorItemNotFound));
        assert_eq!(err.descriptive_link_key, Some(0));
        assert!(err.items.choice.is_empty());
    }

    #[test]
    fn schema_validation_fault_keeps_its_detail() {
        let f =
            common::fault_round_trip::<Headers, Body>(&fixture(DIR, "fault-schema-validation.xml"));
        assert_eq!(f.code.local, "ErrorSchemaValidation");
        assert_eq!(f.code.ns, NS1);
        assert!(f.string.starts_with("The request failed schema validation"));
        let detail = f.detail.as_ref().expect("detail");
        let raw = detail.inner_xml();
        assert!(
            raw.contains("<e:ResponseCode xmlns:e=") || raw.contains("ResponseCode"),
            "{raw}"
        );
        assert!(
            raw.contains("The 'Traversal' attribute is not declared."),
            "{raw}"
        );
    }

    #[test]
    fn a_non_integer_size_names_its_element() {
        let e =
            common::decode_error::<Headers, Body>(&fixture(DIR, "FindItemResponse-bad-size.xml"));
        assert_eq!(
            e.path(),
            "/Envelope/Body/FindItemResponse/ResponseMessages/FindItemResponseMessage/RootFolder/Items/Message/Size",
            "{e}"
        );
        assert!(
            matches!(e.kind(), DecodeErrorKind::InvalidValue { text, .. } if text == "10 KB"),
            "{e}"
        );
    }

    #[test]
    fn a_bad_attribute_names_its_element() {
        let e =
            common::decode_error::<Headers, Body>(&fixture(DIR, "FindItemResponse-bad-attr.xml"));
        assert!(
            e.path().ends_with("/FindItemResponseMessage/RootFolder"),
            "{e}"
        );
        assert!(
            matches!(e.kind(), DecodeErrorKind::InvalidValue { text, .. } if text == "many"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_required_element_is_named() {
        let e =
            common::decode_error::<Headers, Body>(&fixture(DIR, "GetItemResponse-no-messages.xml"));
        assert_eq!(
            e.kind(),
            &DecodeErrorKind::MissingElement {
                name: "ResponseMessages"
            },
            "{e}"
        );
        assert!(
            e.path().starts_with("/Envelope/Body/GetItemResponse"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_required_attribute_is_named() {
        // ResponseClass is `use="required"`: without it the message must not read as Success.
        let xml = String::from_utf8(fixture(DIR, "FindItemResponse.xml")).expect("utf-8");
        assert_eq!(xml.matches(r#" ResponseClass="Success""#).count(), 1);
        let xml = xml.replace(r#" ResponseClass="Success""#, "");
        let e = common::decode_error::<Headers, Body>(xml.as_bytes());
        assert_eq!(
            e.kind(),
            &DecodeErrorKind::MissingAttribute {
                name: "ResponseClass"
            },
            "{e}"
        );
        assert_eq!(
            e.path(),
            "/Envelope/Body/FindItemResponse/ResponseMessages/FindItemResponseMessage",
            "{e}"
        );
    }

    #[test]
    fn rewritten_responses_validate() {
        let docs: Vec<(&str, Vec<u8>)> = ["FindItemResponse.xml", "GetItemResponse.xml"]
            .into_iter()
            .map(|name| {
                (
                    name,
                    common::rewritten::<Headers, Body>(&fixture(DIR, name)),
                )
            })
            .collect();
        if let Some(v) = validator("ews_responses") {
            v.assert_valid(&docs);
        }
    }
}
