//! Decode and encode errors: where (element path, byte offset) and what (a kind enum).

use std::fmt;

/// What went wrong while reading a document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Not well-formed XML (quick-xml's description).
    Syntax(String),
    /// The document is not UTF-8.
    InvalidUtf8,
    /// A `<!DOCTYPE>`: SOAP forbids DTDs, so entity tricks are refused outright.
    Doctype,
    /// Elements nested deeper than the reader's limit.
    TooDeep {
        /// The limit in force.
        limit: usize,
    },
    /// An entity reference other than the five predefined ones, or a bad character reference.
    UnknownEntity(String),
    /// Text that does not parse as the element's type.
    InvalidValue {
        /// The expected XSD or Rust type.
        ty: &'static str,
        /// The text (cut to 64 characters).
        text: String,
    },
    /// An item of an `xsd:list` value that does not parse as the list's item type.
    InvalidListItem {
        /// The expected XSD or Rust type of the items.
        ty: &'static str,
        /// The item's position in the list (0-based).
        index: usize,
        /// The item's text (cut to 64 characters).
        text: String,
    },
    /// A required element (`minOccurs >= 1`) is missing.
    MissingElement {
        /// Local name of the missing element.
        name: &'static str,
    },
    /// A required attribute (`use="required"`) is missing from the element the path ends at.
    MissingAttribute {
        /// Local name of the missing attribute.
        name: &'static str,
    },
    /// A singular element occurs twice.
    DuplicateElement {
        /// Local name of the repeated element.
        name: &'static str,
    },
    /// An element where only text may stand.
    UnexpectedElement {
        /// The element's qualified name as written.
        name: String,
    },
    /// Text content where no text may stand (e.g. after the document element).
    UnexpectedText,
    /// The SOAP body (or document root) holds an element the stubs do not know.
    UnexpectedBody {
        /// `{namespace}local` of that element.
        name: String,
    },
    /// An `xsi:type` naming a known type that is not a subtype of the slot's type.
    NotASubtype {
        /// `{namespace}local` of the named type.
        ty: String,
    },
    /// A slot typed with an abstract type holds an element without `xsi:type`.
    MissingXsiType,
    /// A namespace prefix with no in-scope declaration.
    UndefinedPrefix {
        /// The prefix.
        prefix: String,
    },
    /// The document is not a SOAP envelope (wrong root, no Body, ...).
    NotAnEnvelope(String),
    /// The document ended early.
    UnexpectedEof,
    /// The values read would take more memory than the reader's decode budget allows
    /// ([`ReaderLimits`](crate::xml::ReaderLimits)).
    BudgetExceeded {
        /// The budget in force, in bytes.
        limit: u64,
    },
    /// A SOAP-encoded multi-reference accessor (`href="#id"`) naming no element of the
    /// document (or not a local `#id`).
    MultiRef {
        /// The `href` value (cut to 64 characters).
        href: String,
    },
    /// A construct these stubs do not read (rather than read it wrongly).
    Unsupported(String),
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax(m) => write!(f, "malformed XML: {m}"),
            Self::InvalidUtf8 => f.write_str("the document is not valid UTF-8"),
            Self::Doctype => f.write_str("a DOCTYPE is not allowed in SOAP messages"),
            Self::TooDeep { limit } => write!(f, "elements nested deeper than {limit} levels"),
            Self::UnknownEntity(e) => write!(f, "unknown or invalid entity reference `&{e};`"),
            Self::InvalidValue { ty, text } => write!(f, "`{text}` is not a valid {ty}"),
            Self::InvalidListItem { ty, index, text } => {
                write!(f, "list item {index} `{text}` is not a valid {ty}")
            }
            Self::MissingElement { name } => write!(f, "required element `{name}` is missing"),
            Self::MissingAttribute { name } => {
                write!(f, "required attribute `{name}` is missing")
            }
            Self::DuplicateElement { name } => write!(f, "element `{name}` occurs more than once"),
            Self::UnexpectedElement { name } => write!(f, "unexpected element `{name}` in text"),
            Self::UnexpectedText => f.write_str("unexpected text content"),
            Self::UnexpectedBody { name } => write!(f, "unexpected element `{name}`"),
            Self::NotASubtype { ty } => {
                write!(f, "xsi:type `{ty}` is not a subtype of this slot's type")
            }
            Self::MissingXsiType => f.write_str("element of an abstract type carries no xsi:type"),
            Self::UndefinedPrefix { prefix } => {
                write!(f, "namespace prefix `{prefix}` is not declared")
            }
            Self::NotAnEnvelope(m) => write!(f, "not a SOAP envelope: {m}"),
            Self::UnexpectedEof => f.write_str("unexpected end of document"),
            Self::BudgetExceeded { limit } => write!(f, "decode budget of {limit} bytes exceeded"),
            Self::MultiRef { href } => write!(
                f,
                "multi-reference `href=\"{href}\"` names no element of the document"
            ),
            Self::Unsupported(what) => write!(f, "{what} is not supported"),
        }
    }
}

/// An error reading XML: the kind, the element path (`/Envelope/Body/x/y`) and the byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: Box<DecodeErrorKind>,
    path: String,
    offset: u64,
}

impl DecodeError {
    /// An error of `kind` at `path` and byte `offset`.
    pub fn new(kind: DecodeErrorKind, path: String, offset: u64) -> Self {
        Self {
            kind: Box::new(kind),
            path,
            offset,
        }
    }
    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }
    /// The element path, e.g. `/Envelope/Body/readMetadataResponse/result/records/type`.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// Byte offset in the document (of the element or event where the error was noticed).
    pub fn offset(&self) -> u64 {
        self.offset
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{} at {} (byte {})", self.kind, path, self.offset)
    }
}

impl std::error::Error for DecodeError {}

/// A simple value's text did not parse; the reader adds path and offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    ty: &'static str,
    /// For an `xsd:list`: the position of the item that did not parse.
    item: Option<usize>,
}

impl ParseError {
    /// The text is not a valid `ty` (an XSD type name such as `dateTime`).
    pub const fn new(ty: &'static str) -> Self {
        Self { ty, item: None }
    }
    /// The same error, for item `i` (0-based) of an `xsd:list`.
    pub const fn at_item(self, i: usize) -> Self {
        Self {
            ty: self.ty,
            item: Some(i),
        }
    }
    /// The type that was expected.
    pub fn expected(&self) -> &'static str {
        self.ty
    }
    /// For a list value: the position (0-based) of the item that did not parse.
    pub fn item(&self) -> Option<usize> {
        self.item
    }
    /// The decode error kind for `text` (the element's or attribute's whole text).
    pub(crate) fn kind(&self, text: &str) -> DecodeErrorKind {
        let cut = |t: &str| super::reader::truncate(t, 64);
        match self.item {
            Some(index) => DecodeErrorKind::InvalidListItem {
                ty: self.ty,
                index,
                text: cut(list_item(text, index)),
            },
            None => DecodeErrorKind::InvalidValue {
                ty: self.ty,
                text: cut(text),
            },
        }
    }
}

/// Item `i` of a list's text (as `parse_list` splits it).
fn list_item(text: &str, i: usize) -> &str {
    text.split([' ', '\t', '\n', '\r'])
        .filter(|t| !t.is_empty())
        .nth(i)
        .unwrap_or_default()
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.item {
            Some(i) => write!(f, "list item {i} is not a valid {}", self.ty),
            None => write!(f, "not a valid {}", self.ty),
        }
    }
}

impl std::error::Error for ParseError {}

/// What went wrong while writing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// A character XML 1.0 cannot carry (a control character, U+FFFE, U+FFFF).
    InvalidChar {
        /// The character's code point.
        code: u32,
        /// Its byte offset inside the value.
        at: usize,
    },
    /// A name that is not usable (e.g. an empty local name).
    InvalidName(String),
    /// A value that cannot be written (e.g. a malformed lexical form).
    InvalidValue(&'static str),
}

impl fmt::Display for EncodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidChar { code, at } => {
                write!(
                    f,
                    "character U+{code:04X} (at byte {at} of the value) cannot be written in XML 1.0"
                )
            }
            Self::InvalidName(n) => write!(f, "`{n}` is not a valid XML name"),
            Self::InvalidValue(t) => write!(f, "value is not a valid {t}"),
        }
    }
}

/// An error writing XML: the kind and the path of the element being written. The value
/// itself is never included (it may be a secret such as a session id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    kind: EncodeErrorKind,
    /// Path segments, innermost first (pushed while the error unwinds).
    rev_path: Vec<String>,
}

impl EncodeError {
    /// An error of `kind`; the writer adds the path while unwinding.
    pub fn new(kind: EncodeErrorKind) -> Self {
        Self {
            kind,
            rev_path: Vec::new(),
        }
    }
    /// What went wrong.
    pub fn kind(&self) -> &EncodeErrorKind {
        &self.kind
    }
    /// The element path, e.g. `/Envelope/Header/SessionHeader/sessionId`.
    pub fn path(&self) -> String {
        let mut p = String::new();
        for seg in self.rev_path.iter().rev() {
            p.push('/');
            p.push_str(seg);
        }
        p
    }
    /// Prepends an enclosing element's name (called once per level while unwinding).
    pub(crate) fn within(mut self, local: &str) -> Self {
        self.rev_path.push(local.to_owned());
        self
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.kind, self.path())
    }
}

impl std::error::Error for EncodeError {}

/// Result of reading a value.
pub type Result<T> = std::result::Result<T, DecodeError>;
/// Result of reading into a slot.
pub type ReadResult = std::result::Result<(), DecodeError>;
/// Result of writing.
pub type WriteResult = std::result::Result<(), EncodeError>;
