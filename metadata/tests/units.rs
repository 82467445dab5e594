//! The helpers' pure parts: zip building and unpacking, chunking, backoff.

mod common;

use std::io::Write;
use std::time::Duration;

use metadata::zip::{self, Files};
use metadata::{HelperError, PollOptions, call_limit, chunk_by_type};

fn sample() -> Files {
    Files::from([
        ("package.xml".into(), b"<Package/>\n".to_vec()),
        ("classes/A.cls".into(), b"public class A {}\r\n".to_vec()),
        ("empty.txt".into(), Vec::new()),
        (
            "deep/er/and/deeper/b.bin".into(),
            (0..=255u8).cycle().take(100_003).collect(),
        ),
        (
            "unicode/caf\u{e9} \u{1f600}.txt".into(),
            "\u{feff}bom kept".as_bytes().to_vec(),
        ),
    ])
}

#[test]
fn a_directory_zips_and_unpacks_byte_for_byte() {
    let src = common::temp_dir("zip-src");
    let files = sample();
    zip::write_files(&files, &src).expect("write");
    assert_eq!(zip::read_dir(&src).expect("read"), files);

    let archive = zip::zip_dir(&src).expect("zip");
    assert_eq!(zip::unzip(&archive).expect("unzip"), files);
    // Deterministic: the same tree gives the same bytes.
    assert_eq!(zip::zip_dir(&src).expect("zip again"), archive);

    let dst = common::temp_dir("zip-dst");
    let written = zip::unzip_to(&archive, &dst).expect("unzip to");
    assert_eq!(written.len(), files.len());
    assert_eq!(zip::read_dir(&dst).expect("read back"), files);
}

#[test]
fn archives_from_other_tools_unpack_and_directory_entries_are_ignored() {
    use ::zip::write::SimpleFileOptions;
    let mut w = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(::zip::CompressionMethod::Stored);
    w.add_directory("unpackaged/", stored).expect("dir");
    w.start_file("unpackaged/package.xml", stored)
        .expect("file");
    w.write_all(b"<Package/>").expect("write");
    let bytes = w.finish().expect("finish").into_inner();
    let files = zip::unzip(&bytes).expect("unzip");
    assert_eq!(
        files,
        Files::from([("unpackaged/package.xml".into(), b"<Package/>".to_vec())])
    );
}

#[test]
fn unsafe_or_broken_archives_are_errors() {
    for name in ["../evil.txt", "/etc/passwd", "a/../../b", "c:\\windows\\x"] {
        let e = zip::zip_files(&Files::from([(name.to_owned(), vec![1])])).expect_err(name);
        assert!(
            matches!(e, HelperError::Zip(ref m) if m.contains("unsafe")),
            "{name}: {e:?}"
        );
    }
    // Written by hand so that the refusal on reading is tested too.
    use ::zip::write::SimpleFileOptions;
    let mut w = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("../../escape.txt", SimpleFileOptions::default())
        .expect("file");
    w.write_all(b"x").expect("write");
    let evil = w.finish().expect("finish").into_inner();
    assert!(matches!(zip::unzip(&evil), Err(HelperError::Zip(_))));
    let dst = common::temp_dir("zip-evil");
    assert!(zip::unzip_to(&evil, &dst).is_err());
    assert!(!dst.join("../../escape.txt").exists());

    assert!(matches!(
        zip::unzip(b"PK\x03\x04 truncated"),
        Err(HelperError::Zip(_))
    ));
    assert!(matches!(zip::unzip(b""), Err(HelperError::Zip(_))));
    let e = zip::zip_dir("/nonexistent/dir").expect_err("missing dir");
    assert!(e.to_string().contains("/nonexistent/dir"), "{e}");
}

#[test]
fn chunks_hold_one_type_within_its_limit_in_order() {
    assert_eq!(
        (
            call_limit("CustomObject"),
            call_limit("CustomMetadata"),
            call_limit("CustomApplication")
        ),
        (10, 200, 200)
    );
    let sizes = |items: Vec<(&'static str, usize)>| -> Vec<(String, usize)> {
        chunk_by_type(items, |(t, _)| t)
            .into_iter()
            .map(|c| (c[0].0.to_owned(), c.len()))
            .collect()
    };
    let of = |t: &'static str, n: usize| (0..n).map(move |i| (t, i));
    assert_eq!(
        sizes(of("CustomObject", 25).collect()),
        [
            ("CustomObject".into(), 10),
            ("CustomObject".into(), 10),
            ("CustomObject".into(), 5)
        ]
    );
    assert_eq!(
        sizes(of("CustomMetadata", 250).collect()),
        [
            ("CustomMetadata".into(), 200),
            ("CustomMetadata".into(), 50)
        ]
    );
    let mixed: Vec<_> = of("ApexClass", 3)
        .chain(of("CustomApplication", 201))
        .chain(of("ApexClass", 1))
        .collect();
    assert_eq!(
        sizes(mixed.clone()),
        [
            ("ApexClass".into(), 3),
            ("CustomApplication".into(), 200),
            ("CustomApplication".into(), 1),
            ("ApexClass".into(), 1)
        ]
    );
    let flat: Vec<_> = chunk_by_type(mixed.clone(), |(t, _)| t)
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(flat, mixed, "order is kept");
    assert!(chunk_by_type(Vec::<(&str, usize)>::new(), |(t, _)| t).is_empty());
}

#[test]
fn backoff_doubles_up_to_the_cap() {
    let p = PollOptions {
        initial_interval: Duration::from_millis(100),
        max_interval: Duration::from_millis(700),
        timeout: None,
    };
    let waits: Vec<u128> = (1..=6).map(|n| p.interval(n).as_millis()).collect();
    assert_eq!(waits, [100, 200, 400, 700, 700, 700]);
    assert_eq!(p.interval(u32::MAX), Duration::from_millis(700));
    let d = PollOptions::default();
    assert_eq!(
        (d.interval(1), d.interval(10)),
        (Duration::from_secs(1), Duration::from_secs(10))
    );
}

#[test]
fn package_xml_parses_into_the_generated_package_type() {
    let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types>
        <members>Account</members>
        <members>Invoice__c</members>
        <name>CustomObject</name>
    </types>
    <version>66.0</version>
</Package>"#;
    let p = metadata::parse_package_xml(xml, "package.xml").expect("parse");
    assert_eq!(
        p,
        metadata::package_of([("CustomObject", ["Account", "Invoice__c"])], "66.0")
    );
    let e = metadata::parse_package_xml(b"<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"><version>1</version><types><name>X</name><bad", "p.xml")
        .expect_err("truncated");
    assert!(
        e.to_string().starts_with("p.xml: not a valid package.xml"),
        "{e}"
    );
}
