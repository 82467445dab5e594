//! Salesforce-looking identifiers, tokens and timestamps.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

const ALPHANUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A small xorshift generator seeded from the process's random hash keys: tokens must not be
/// guessable from each other, but this is a test server, not a vault.
#[derive(Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new() -> Self {
        let mut h = RandomState::new().build_hasher();
        h.write_u128(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        Self(h.finish() | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// `n` characters of `[0-9A-Za-z]`.
    pub fn alphanum(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| ALPHANUM[(self.next_u64() % ALPHANUM.len() as u64) as usize] as char)
            .collect()
    }
}

/// An 18-character Salesforce-style id: a 3-character key prefix, a counter, a suffix.
pub(crate) fn record_id(prefix: &str, n: u64) -> String {
    let mut body = String::with_capacity(18);
    body.push_str(&prefix[..prefix.len().min(3)]);
    while body.len() < 3 {
        body.push('0');
    }
    body.push_str("LS");
    body.push_str(&format!("{n:010}"));
    body.push_str("AAA");
    body
}

/// Key prefixes of the common component types (others get `000`), so ids look familiar.
pub(crate) fn key_prefix(type_name: &str) -> &'static str {
    match type_name {
        "ApexClass" => "01p",
        "ApexTrigger" => "01q",
        "ApexPage" => "066",
        "CustomObject" => "01I",
        "CustomField" => "00N",
        "Layout" => "00h",
        "Profile" => "00e",
        "PermissionSet" => "0PS",
        "Flow" => "301",
        "StaticResource" => "081",
        "CustomLabel" => "101",
        _ => "000",
    }
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_millis() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

/// The current time as an XSD dateTime in UTC with milliseconds, as Salesforce writes it.
pub(crate) fn now_iso() -> String {
    iso_from_millis(now_millis())
}

fn iso_from_millis(ms: u128) -> String {
    let secs = (ms / 1000) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms % 1000
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day): Howard Hinnant's
/// well-known algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The current time as the runtime's DateTime value.
pub(crate) fn now_datetime() -> runtime::xml::DateTime {
    now_iso().parse().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso_from_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_from_millis(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(
            iso_from_millis(1_767_225_599_000),
            "2025-12-31T23:59:59.000Z"
        );
        assert!(now_iso().parse::<runtime::xml::DateTime>().is_ok());
    }

    #[test]
    fn ids_and_tokens() {
        assert_eq!(record_id("01p", 7), "01pLS0000000007AAA");
        assert_eq!(record_id("01p", 7).len(), 18);
        let mut r = Rng::new();
        let (a, b) = (r.alphanum(40), r.alphanum(40));
        assert_eq!(a.len(), 40);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()));
    }
}
