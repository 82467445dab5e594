//! XSD scalar lexical forms: accepted, refused, and written back.

use runtime::__private::{self as rt, Simple};
use runtime::xml::{Date, DateTime, Decimal, Time};

fn write<T: Simple>(v: &T) -> String {
    let mut w = rt::Writer::new();
    w.start_element("", "v").unwrap();
    v.write_text(w.begin_content()).unwrap();
    w.end_element();
    let s = String::from_utf8(w.into_bytes()).unwrap();
    s.trim_start_matches("<v>")
        .trim_end_matches("</v>")
        .to_owned()
}

#[test]
fn date_time_forms() {
    for ok in [
        "2024-02-29T00:00:00",
        "1999-12-31T23:59:59.5+14:00",
        "-0044-03-15T12:00:00Z",
        "12345-01-01T24:00:00-05:30",
    ] {
        let d: DateTime = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(d.to_string(), ok);
        assert_eq!(write(&d), ok);
    }
    let d: DateTime = " 2024-05-01T12:30:45.123456789123-02:00\n".parse().unwrap();
    assert_eq!(
        (
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        ),
        (2024, 5, 1, 12, 30, 45)
    );
    assert_eq!(d.nanosecond(), 123_456_789);
    assert_eq!(d.tz_offset_minutes(), Some(-120));
    assert_eq!(
        d.as_str(),
        "2024-05-01T12:30:45.123456789123-02:00",
        "kept exactly"
    );
    for bad in [
        "2023-02-29T00:00:00",
        "2024-13-01T00:00:00",
        "2024-01-01",
        "2024-01-01T25:00:00",
        "2024-01-01T24:00:01",
        "2024-01-01T00:60:00",
        "2024-01-01T00:00:00.",
        "2024-01-01T00:00:00+15:00",
        "024-01-01T00:00:00",
        "02024-01-01T00:00:00",
        "2024-1-01T00:00:00",
        "2024-01-01T00:00:00 Z",
        "",
    ] {
        assert!(bad.parse::<DateTime>().is_err(), "{bad}");
    }
}

#[test]
fn date_and_time_forms() {
    assert_eq!(
        "2024-05-01Z".parse::<Date>().unwrap().tz_offset_minutes(),
        Some(0)
    );
    assert!("2024-04-31".parse::<Date>().is_err());
    assert!("2024-05-01T00:00:00".parse::<Date>().is_err());
    let t: Time = "13:20:00.25+01:00".parse().unwrap();
    assert_eq!(
        (t.hour(), t.nanosecond(), t.tz_offset_minutes()),
        (13, 250_000_000, Some(60))
    );
    assert!("13:20".parse::<Time>().is_err());
}

#[test]
fn decimals_kept_exactly() {
    for ok in [
        "0",
        "-1.50",
        "+.5",
        "5.",
        "000123456789012345678901234567890.000",
    ] {
        assert_eq!(ok.parse::<Decimal>().unwrap().as_str(), ok);
    }
    for bad in ["", ".", "1e5", "1.2.3", "--1", "NaN"] {
        assert!(bad.parse::<Decimal>().is_err(), "{bad}");
    }
}

#[test]
fn floats_booleans_integers() {
    assert_eq!(f64::parse_text(" -INF ").unwrap(), f64::NEG_INFINITY);
    assert!(f64::parse_text("NaN").unwrap().is_nan());
    assert_eq!(f64::parse_text("1E-7").unwrap(), 1e-7);
    for bad in ["inf", "nan", "Infinity", "", "1,5", "0x10"] {
        assert!(f64::parse_text(bad).is_err(), "{bad}");
    }
    assert_eq!(write(&f64::INFINITY), "INF");
    assert_eq!(write(&f32::NAN), "NaN");
    assert_eq!(write(&1e300f64), "1e300");
    assert_eq!(write(&0.1f64), "0.1");
    assert_eq!(
        f64::parse_text(&write(&std::f64::consts::PI)).unwrap(),
        std::f64::consts::PI
    );
    assert!(bool::parse_text("1").unwrap() && !bool::parse_text(" false").unwrap());
    assert!(bool::parse_text("TRUE").is_err());
    assert_eq!(u8::parse_text("+255").unwrap(), 255);
    assert!(u8::parse_text("256").is_err() && u32::parse_text("-1").is_err());
    assert_eq!(write(&i64::MIN), "-9223372036854775808");
}

#[test]
fn hex_binary() {
    assert_eq!(
        rt::HexBinary::parse_text("0aFf").unwrap(),
        rt::HexBinary(vec![10, 255])
    );
    assert!(rt::HexBinary::parse_text("0g").is_err());
    assert_eq!(write(&rt::HexBinary(vec![0xDE, 0xAD])), "DEAD");
}

#[test]
fn defaults_are_valid_values() {
    assert_eq!(DateTime::default().as_str(), DateTime::DEFAULT_LEXICAL);
    assert_eq!(Date::default().year(), 1);
    assert_eq!(Time::default().hour(), 0);
    assert_eq!(Decimal::default().as_str(), "0");
}
