//! gzip for request bodies and bounded gunzip for response bodies.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;

/// gzip-compresses `body` (fast level: the win is on the wire, not in ratio).
pub(crate) fn compress(body: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::with_capacity(body.len() / 4 + 64), Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(body);
    enc.finish().unwrap_or_default()
}

/// Why a gunzip failed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum GunzipError {
    /// The decompressed data is larger than the limit (a gzip bomb, or just too big).
    TooLarge,
    /// The data is not valid gzip.
    Corrupt(String),
}

/// Decompresses `data`, failing as soon as the output would exceed `limit` bytes, so a
/// gzip bomb costs at most `limit` bytes of memory.
pub(crate) fn decompress_bounded(data: &[u8], limit: usize) -> Result<Vec<u8>, GunzipError> {
    let mut out = Vec::with_capacity(data.len().saturating_mul(4).min(limit));
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    MultiGzDecoder::new(data)
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| GunzipError::Corrupt(e.to_string()))?;
    if out.len() > limit {
        return Err(GunzipError::TooLarge);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_limits() {
        let body = b"<x>hello</x>".repeat(1000);
        let packed = compress(&body);
        assert!(packed.len() < body.len() / 10);
        assert_eq!(decompress_bounded(&packed, body.len()).unwrap(), body);
        assert_eq!(
            decompress_bounded(&packed, body.len() - 1),
            Err(GunzipError::TooLarge)
        );
        assert!(matches!(
            decompress_bounded(b"not gzip at all", 100),
            Err(GunzipError::Corrupt(_))
        ));
        let truncated = &packed[..packed.len() / 2];
        assert!(matches!(
            decompress_bounded(truncated, body.len()),
            Err(GunzipError::Corrupt(_))
        ));
    }
}
