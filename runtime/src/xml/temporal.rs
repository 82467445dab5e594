//! `xsd:dateTime`, `xsd:date`, `xsd:time` and `xsd:decimal`: validated, kept exactly as
//! written (no time-zone arithmetic, no float rounding), with their parts readable.

use std::fmt;
use std::str::FromStr;

use super::error::{ParseError, WriteResult};
use super::scalar::xml_trim;
use super::traits::Simple;
use super::writer::TextSink;

/// Date parts of a lexical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct DateParts {
    year: i64,
    month: u8,
    day: u8,
}

/// Time parts of a lexical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TimeParts {
    hour: u8,
    minute: u8,
    second: u8,
    nanos: u32,
}

fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    let d = s.get(..n)?;
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((d.parse().ok()?, &s[n..]))
}

fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `-?YYYY-MM-DD` (four or more year digits, no leading zero beyond four).
fn parse_date(s: &str) -> Option<(DateParts, &str)> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let ylen = s.bytes().take_while(u8::is_ascii_digit).count();
    if ylen < 4 || (ylen > 4 && s.starts_with('0')) || ylen > 12 {
        return None;
    }
    let year: i64 = s[..ylen].parse().ok()?;
    let s = s[ylen..].strip_prefix('-')?;
    let (month, s) = digits(s, 2)?;
    let s = s.strip_prefix('-')?;
    let (day, s) = digits(s, 2)?;
    let year = if neg { -year } else { year };
    let (month, day) = (month as u8, day as u8);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((DateParts { year, month, day }, s))
}

/// `hh:mm:ss(.fff)?`; `24:00:00` is allowed (end of day).
fn parse_time(s: &str) -> Option<(TimeParts, &str)> {
    let (hour, s) = digits(s, 2)?;
    let (minute, s) = digits(s.strip_prefix(':')?, 2)?;
    let (second, mut s) = digits(s.strip_prefix(':')?, 2)?;
    let mut nanos = 0u32;
    if let Some(frac) = s.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        for (i, b) in frac.bytes().take(9).take(n).enumerate() {
            nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
        }
        s = &frac[n..];
    }
    let end_of_day = hour == 24 && minute == 0 && second == 0 && nanos == 0;
    if !(hour < 24 || end_of_day) || minute > 59 || second > 59 {
        return None;
    }
    Some((
        TimeParts {
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            nanos,
        },
        s,
    ))
}

/// `` | `Z` | `(+|-)hh:mm` -> offset in minutes.
fn parse_tz(s: &str) -> Option<Option<i16>> {
    match s {
        "" => Some(None),
        "Z" => Some(Some(0)),
        _ => {
            let sign = match s.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, rest) = digits(&s[1..], 2)?;
            let (m, rest) = digits(rest.strip_prefix(':')?, 2)?;
            if !rest.is_empty() || m > 59 || h > 14 || (h == 14 && m > 0) {
                return None;
            }
            Some(Some(sign * (h * 60 + m) as i16))
        }
    }
}

macro_rules! lexical_type {
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $default:literal, $parse:expr, { $($field:ident : $fty:ty),* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name {
            text: String,
            $($field: $fty,)*
        }

        impl $name {
            /// The lexical form of `Default::default()`.
            pub const DEFAULT_LEXICAL: &'static str = $default;

            /// The lexical form exactly as read or parsed (surrounding whitespace removed).
            pub fn as_str(&self) -> &str {
                &self.text
            }
        }

        impl Default for $name {
            /// The default value's lexical form, [`DEFAULT_LEXICAL`](Self::DEFAULT_LEXICAL).
            fn default() -> Self {
                Self::DEFAULT_LEXICAL.parse().unwrap_or_else(|_| unreachable!("valid default"))
            }
        }

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                let text = xml_trim(s);
                #[allow(clippy::redundant_closure_call)]
                let ($($field),*) = ($parse)(text).ok_or(ParseError::new($xsd))?;
                Ok(Self { text: text.to_owned(), $($field),* })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl Simple for $name {
            fn parse_text(text: &str) -> Result<Self, ParseError> {
                text.parse()
            }
            fn write_text(&self, out: &mut TextSink) -> WriteResult {
                out.push_str(&self.text)
            }
        }

        crate::simple_xml_value!($name);
    };
}

lexical_type!(
    /// An `xsd:dateTime`, e.g. `2024-05-01T12:30:00.123Z`: kept exactly, parts readable.
    DateTime, "dateTime", "0001-01-01T00:00:00Z",
    |s: &str| {
        let (d, rest) = parse_date(s)?;
        let (t, rest) = parse_time(rest.strip_prefix('T')?)?;
        Some((d, t, parse_tz(rest)?))
    },
    { date: DateParts, time: TimeParts, tz: Option<i16> }
);

lexical_type!(
    /// An `xsd:date`, e.g. `2024-05-01` or `2024-05-01+02:00`.
    Date, "date", "0001-01-01",
    |s: &str| {
        let (d, rest) = parse_date(s)?;
        Some((d, parse_tz(rest)?))
    },
    { date: DateParts, tz: Option<i16> }
);

lexical_type!(
    /// An `xsd:time`, e.g. `12:30:00.5Z`.
    Time, "time", "00:00:00",
    |s: &str| {
        let (t, rest) = parse_time(s)?;
        Some((t, parse_tz(rest)?))
    },
    { time: TimeParts, tz: Option<i16> }
);

/// Accessors shared by the types with a date part.
macro_rules! date_accessors {
    ($($t:ty),*) => {$(
        impl $t {
            /// Year (negative before year 1).
            pub fn year(&self) -> i64 { self.date.year }
            /// Month, 1-12.
            pub fn month(&self) -> u8 { self.date.month }
            /// Day of the month, 1-31.
            pub fn day(&self) -> u8 { self.date.day }
            /// Time-zone offset in minutes east of UTC; `None` when the form has none.
            pub fn tz_offset_minutes(&self) -> Option<i16> { self.tz }
        }
    )*};
}

/// Accessors shared by the types with a time part.
macro_rules! time_accessors {
    ($($t:ty),*) => {$(
        impl $t {
            /// Hour, 0-24 (24 only in `24:00:00`).
            pub fn hour(&self) -> u8 { self.time.hour }
            /// Minute.
            pub fn minute(&self) -> u8 { self.time.minute }
            /// Whole seconds.
            pub fn second(&self) -> u8 { self.time.second }
            /// Fractional seconds in nanoseconds (digits beyond nine are kept in the text only).
            pub fn nanosecond(&self) -> u32 { self.time.nanos }
        }
    )*};
}

date_accessors!(DateTime, Date);
time_accessors!(DateTime, Time);

impl Time {
    /// Time-zone offset in minutes east of UTC; `None` when the form has none.
    pub fn tz_offset_minutes(&self) -> Option<i16> {
        self.tz
    }
}

/// Validates `[+-]?(d+(.d*)?|.d+)`.
fn decimal_ok(s: &str) -> Option<()> {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    (all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty())).then_some(())
}

lexical_type!(
    /// An `xsd:decimal`, kept exactly as written (no binary float rounding).
    Decimal, "decimal", "0",
    |s: &str| decimal_ok(s),
    { }
);

impl Decimal {
    /// The value as `f64` (may round).
    pub fn to_f64(&self) -> f64 {
        self.text.parse().unwrap_or(f64::NAN)
    }
}

impl From<i64> for Decimal {
    fn from(v: i64) -> Self {
        Self {
            text: v.to_string(),
        }
    }
}
