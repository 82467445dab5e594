//! Decoding captured Metadata API envelopes: what `cargo run -p metadata --example decode`
//! runs, usable from logs, proxies and servers too.
//!
//! Any request or response envelope of any Metadata API operation decodes: the body's root
//! element picks the variant of [`MetadataBody`], known headers land in
//! [`MetadataHeaders`], and a SOAP fault decodes as [`Message::Fault`].

use std::fmt;
use std::path::{Path, PathBuf};

use runtime::soap::{self, Envelope, Message};
use runtime::xml::{DecodeError, EncodeError};

use crate::{MetadataBody, MetadataHeaders};

/// A decoded Metadata API envelope.
pub type MetadataEnvelope = Envelope<MetadataHeaders, MetadataBody>;

/// Decodes a SOAP envelope of any Metadata API operation.
pub fn decode_envelope(xml: &[u8]) -> Result<MetadataEnvelope, DecodeError> {
    soap::decode_envelope(xml)
}

/// Encodes `env` again: the same headers and body (or fault), prefixes of our choosing.
///
/// A fault is written without headers: SOAP faults carry none in practice, and
/// `runtime::soap::encode_fault` writes only the fault.
pub fn encode_envelope(env: &MetadataEnvelope) -> Result<Vec<u8>, EncodeError> {
    match &env.body {
        Message::Body(body) => soap::encode_envelope(env.version, &env.headers, body),
        Message::Fault(fault) => soap::encode_fault(env.version, fault),
    }
}

/// What the decode example does with the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Print the decoded value with `{:#?}`.
    Dump,
    /// Re-encode, decode again, and fail unless both values are equal.
    RoundTrip,
    /// Print the re-encoded envelope.
    Reencode,
}

/// A parsed command line of the decode example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// What to do.
    pub mode: Mode,
    /// The envelope file.
    pub path: PathBuf,
}

/// The decode example's usage text.
pub const USAGE: &str = "usage: decode [--roundtrip | --reencode] FILE.xml\n\
    Decodes a captured SOAP envelope (request or response) of any Metadata API operation\n\
    and prints it; --roundtrip re-encodes it and checks that it decodes to the same value;\n\
    --reencode prints the re-encoded envelope.";

impl Command {
    /// Parses the arguments after the program name.
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Self, UsageError> {
        let mut mode = None;
        let mut path = None;
        for arg in args {
            let new_mode = match arg.as_str() {
                "--roundtrip" => Mode::RoundTrip,
                "--reencode" => Mode::Reencode,
                "-h" | "--help" => return Err(UsageError::Help),
                s if s.starts_with('-') && s.len() > 1 => return Err(UsageError::UnknownFlag(arg)),
                _ => {
                    if path.replace(PathBuf::from(&arg)).is_some() {
                        return Err(UsageError::TooManyFiles);
                    }
                    continue;
                }
            };
            if mode.replace(new_mode).is_some() {
                return Err(UsageError::TwoModes);
            }
        }
        let path = path.ok_or(UsageError::NoFile)?;
        Ok(Self {
            mode: mode.unwrap_or(Mode::Dump),
            path,
        })
    }

    /// Runs the command, returning what to print.
    pub fn run(&self) -> Result<String, DecodeFileError> {
        let xml = std::fs::read(&self.path).map_err(|source| DecodeFileError::Read {
            path: self.path.clone(),
            source,
        })?;
        let env = decode_envelope(&xml).map_err(|source| DecodeFileError::Decode {
            path: self.path.clone(),
            source,
        })?;
        match self.mode {
            Mode::Dump => Ok(format!("{env:#?}\n")),
            Mode::Reencode => {
                let bytes = self.encode(&env)?;
                Ok(String::from_utf8_lossy(&bytes).into_owned() + "\n")
            }
            Mode::RoundTrip => {
                let bytes = self.check_round_trip(&env)?;
                Ok(format!(
                    "{}: round trip OK ({} bytes read, {bytes} bytes re-encoded, equal after decoding again)\n",
                    self.path.display(),
                    xml.len(),
                ))
            }
        }
    }

    fn encode(&self, env: &MetadataEnvelope) -> Result<Vec<u8>, DecodeFileError> {
        encode_envelope(env).map_err(|source| DecodeFileError::Encode {
            path: self.path.clone(),
            source,
        })
    }

    /// Re-encodes and decodes again; returns the re-encoded size.
    fn check_round_trip(&self, env: &MetadataEnvelope) -> Result<usize, DecodeFileError> {
        let bytes = self.encode(env)?;
        let again = decode_envelope(&bytes).map_err(|source| DecodeFileError::Redecode {
            path: self.path.clone(),
            source,
        })?;
        if &again != env {
            let (first, second) = (format!("{env:#?}"), format!("{again:#?}"));
            return Err(DecodeFileError::Mismatch {
                path: self.path.clone(),
                difference: first_difference(&first, &second),
            });
        }
        Ok(bytes.len())
    }
}

/// Where two Debug dumps first differ: the line number and both lines.
fn first_difference(a: &str, b: &str) -> String {
    let (mut la, mut lb) = (a.lines(), b.lines());
    let mut n = 0;
    loop {
        n += 1;
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => {}
            (x, y) => {
                let show = |l: Option<&str>| l.map_or("<end>".to_owned(), |s| s.trim().to_owned());
                return format!("line {n}: `{}` became `{}`", show(x), show(y));
            }
        }
    }
}

/// A bad command line of the decode example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// `--help` was asked for.
    Help,
    /// No file was named.
    NoFile,
    /// More than one file was named.
    TooManyFiles,
    /// Both `--roundtrip` and `--reencode` (or one twice).
    TwoModes,
    /// An option the example does not know.
    UnknownFlag(String),
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Help => f.write_str(USAGE),
            Self::NoFile => write!(f, "no envelope file given\n{USAGE}"),
            Self::TooManyFiles => write!(f, "give exactly one envelope file\n{USAGE}"),
            Self::TwoModes => write!(f, "give at most one of --roundtrip, --reencode\n{USAGE}"),
            Self::UnknownFlag(s) => write!(f, "unknown option `{s}`\n{USAGE}"),
        }
    }
}

impl std::error::Error for UsageError {}

/// Why a file could not be decoded (or did not round-trip).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeFileError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a Metadata API envelope the stubs can read (the error names the
    /// element path and byte offset).
    #[error("{}: {source}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// What and where.
        source: DecodeError,
    },
    /// The decoded value could not be written again.
    #[error("{}: re-encoding failed: {source}", path.display())]
    Encode {
        /// The file.
        path: PathBuf,
        /// What and where.
        source: EncodeError,
    },
    /// The re-encoded envelope did not decode: a bug of the stubs or the runtime.
    #[error("{}: the re-encoded envelope does not decode: {source}", path.display())]
    Redecode {
        /// The file.
        path: PathBuf,
        /// What and where.
        source: DecodeError,
    },
    /// The value decoded from the re-encoded envelope differs from the first one.
    #[error("{}: round trip changed the value at {difference}", path.display())]
    Mismatch {
        /// The file.
        path: PathBuf,
        /// The first differing line of the two `{:#?}` dumps.
        difference: String,
    },
}

impl DecodeFileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Read { path, .. }
            | Self::Decode { path, .. }
            | Self::Encode { path, .. }
            | Self::Redecode { path, .. }
            | Self::Mismatch { path, .. } => path,
        }
    }
}
