//! Files: reading, parsing, following imports and includes, loading each file once.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use roxmltree::Node;

use crate::error::Error;
use crate::model::{Definitions, Location, WSDL_NS, XSD_NS};
use crate::sink::{Directive, DirectiveKind, Sink};
use crate::xml::Src;
use crate::{builtin, definitions, resolve, schema};

const WSDL20_NS: &str = "http://www.w3.org/ns/wsdl";

/// Loads WSDL documents, with options. [`crate::load`] is `Loader::new().load(path)`.
///
/// Nothing is ever fetched over the network: an import whose location is a URL is
/// looked up in the locations given with [`Loader::map_location`]; when it isn't there
/// the import is treated like one without a location (its namespace must then come from
/// another loaded file), and a warning says so.
///
/// ```no_run
/// let defs = wsdl::Loader::new()
///     .map_location("http://www.w3.org/2001/xml.xsd", "schemas/xml.xsd")
///     .load("service.wsdl")?;
/// # Ok::<(), wsdl::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Loader {
    locations: BTreeMap<String, PathBuf>,
}

/// Why a file is read, which decides what its root may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JobKind {
    Main,
    Directive(DirectiveKind),
}

#[derive(Debug)]
struct Job {
    path: PathBuf,
    kind: JobKind,
    /// The files that led here through `xsd:include` only, this one last: (key, path).
    chain: Vec<(PathBuf, PathBuf)>,
    includer_ns: Option<String>,
    from: Option<Location>,
}

impl Loader {
    pub fn new() -> Self {
        Loader::default()
    }

    /// Reads `path` wherever an import or include names `url` as its location (an XML
    /// catalog of one entry). A relative `path` is taken relative to the working directory.
    pub fn map_location(mut self, url: impl Into<String>, path: impl Into<PathBuf>) -> Self {
        self.locations.insert(url.into(), path.into());
        self
    }

    /// Loads the WSDL (or bare XML Schema) at `path` and everything it imports.
    pub fn load(&self, path: impl AsRef<Path>) -> Result<Definitions, Error> {
        self.run(path.as_ref(), None)
    }

    /// Loads a WSDL given as text; `path` names it in positions and is where relative
    /// imports are resolved from.
    pub fn load_str(&self, text: &str, path: &Path) -> Result<Definitions, Error> {
        self.run(path, Some(text))
    }

    fn run(&self, path: &Path, text: Option<&str>) -> Result<Definitions, Error> {
        let path = normalize(path);
        let key = file_key(&path);
        let chain = vec![(key, path.clone())];
        let main = Job {
            path,
            kind: JobKind::Main,
            chain,
            includer_ns: None,
            from: None,
        };
        let mut queue = VecDeque::from([main]);
        let mut sink = Sink::default();
        let mut seen = HashSet::new();
        while let Some(job) = queue.pop_front() {
            let text = match (job.kind, text) {
                (JobKind::Main, Some(t)) => Cow::Borrowed(t),
                _ => Cow::Owned(read(&job)?),
            };
            self.process(&job, &text, &mut sink, &mut seen)?;
            for directive in std::mem::take(&mut sink.directives) {
                if let Some(next) = self.follow(&job, directive, &mut sink)? {
                    queue.push_back(next);
                }
            }
        }
        warn_unfetched(&mut sink);
        builtin::add_xml_namespace(&mut sink.defs.schemas);
        resolve::check(&mut sink)?;
        Ok(sink.defs)
    }

    /// Parses one file and reads its root, unless the same file was already read into
    /// the same target namespace.
    fn process(
        &self,
        job: &Job,
        text: &str,
        sink: &mut Sink,
        seen: &mut HashSet<(PathBuf, String)>,
    ) -> Result<(), Error> {
        let file: Arc<Path> = Arc::from(job.path.as_path());
        let doc = roxmltree::Document::parse(text).map_err(|e| not_xml(&file, text, &e))?;
        let src = Src::new(file, text);
        let root = doc.root_element();
        let tns = schema::effective_tns(root, job.includer_ns.as_deref());
        let key = job.chain.last().map(|(k, _)| k.clone()).unwrap_or_default();
        if !seen.insert((key, tns)) {
            return Ok(());
        }
        sink.defs.files.push(src.file.clone());
        let is_wsdl = is(root, WSDL_NS, "definitions");
        let is_schema = is(root, XSD_NS, "schema");
        match job.kind {
            JobKind::Main if is_wsdl => definitions::read_definitions(&src, sink, root, true),
            JobKind::Main if is_schema => {
                sink.defs.target_ns = tns_of(root);
                schema::read_schema(&src, sink, root, None)
            }
            JobKind::Main if is(root, WSDL20_NS, "description") => Err(Error::unsupported(
                src.at(root),
                "WSDL 2.0 (wsdl:description)",
            )),
            JobKind::Main => Err(not_wsdl(&src, root, "wsdl:definitions or xsd:schema")),
            JobKind::Directive(DirectiveKind::WsdlImport) if is_wsdl => {
                definitions::read_definitions(&src, sink, root, false)
            }
            JobKind::Directive(DirectiveKind::WsdlImport) if is_schema => {
                schema::read_schema(&src, sink, root, None)
            }
            JobKind::Directive(DirectiveKind::WsdlImport) => {
                Err(not_wsdl(&src, root, "wsdl:definitions or xsd:schema"))
            }
            JobKind::Directive(_) if !is_schema => Err(not_wsdl(&src, root, "xsd:schema")),
            JobKind::Directive(DirectiveKind::SchemaInclude) => {
                schema::read_schema(&src, sink, root, job.includer_ns.as_deref())
            }
            JobKind::Directive(DirectiveKind::SchemaImport) => {
                schema::read_schema(&src, sink, root, None)
            }
        }
    }

    /// Turns an import / include met in `job`'s file into the job that reads its target.
    fn follow(&self, job: &Job, d: Directive, sink: &mut Sink) -> Result<Option<Job>, Error> {
        let Some(path) = self.locate(&job.path, &d.location) else {
            sink.unfetched.push(d);
            return Ok(None);
        };
        let key = file_key(&path);
        let chain = if d.kind == DirectiveKind::SchemaInclude {
            if job.chain.iter().any(|(k, _)| *k == key) {
                let mut chain: Vec<PathBuf> = job.chain.iter().map(|(_, p)| p.clone()).collect();
                chain.push(path);
                return Err(Error::IncludeCycle { at: d.at, chain });
            }
            let mut chain = job.chain.clone();
            chain.push((key, path.clone()));
            chain
        } else {
            vec![(key, path.clone())]
        };
        let includer_ns = (d.kind == DirectiveKind::SchemaInclude).then_some(d.includer_ns);
        Ok(Some(Job {
            path,
            kind: JobKind::Directive(d.kind),
            chain,
            includer_ns,
            from: Some(d.at),
        }))
    }

    /// The file a location names: mapped, relative to the importing file, or absolute.
    /// `None` for a URL that isn't mapped.
    fn locate(&self, importer: &Path, location: &str) -> Option<PathBuf> {
        if let Some(mapped) = self.locations.get(location) {
            return Some(normalize(mapped));
        }
        if let Some(path) = location.strip_prefix("file://") {
            return Some(normalize(Path::new(path)));
        }
        if has_url_scheme(location) {
            return None;
        }
        let base = importer.parent().unwrap_or(Path::new(""));
        Some(normalize(&base.join(location)))
    }
}

/// Warns about URLs not fetched whose namespace no other file supplied (the others are
/// harmless: another import or a Loader mapping brought the schema).
fn warn_unfetched(sink: &mut Sink) {
    for d in std::mem::take(&mut sink.unfetched) {
        let loaded = d
            .namespace
            .as_ref()
            .is_some_and(|ns| sink.defs.schemas.namespaces.contains_key(ns));
        if loaded {
            continue;
        }
        let msg = format!(
            "{} not fetched (no network access): map it to a file with Loader::map_location",
            d.location
        );
        sink.warn(d.at.clone(), msg);
        sink.unfetched.push(d);
    }
}

/// The largest file the loader reads (the Metadata WSDL is 2.2 MB). An import naming a
/// device or a runaway file (`/dev/zero`) is then an error instead of unbounded memory.
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

fn read(job: &Job) -> Result<String, Error> {
    use std::io::Read;
    let io = |source| Error::Io {
        at: job.from.clone(),
        path: job.path.clone(),
        source,
    };
    let file = std::fs::File::open(&job.path).map_err(io)?;
    let mut text = String::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_FILE_BYTES {
        let why = format!("larger than {MAX_FILE_BYTES} bytes");
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            why,
        )));
    }
    Ok(text)
}

fn is(node: Node<'_, '_>, ns: &str, local: &str) -> bool {
    crate::xml::is(node, ns, local)
}

fn tns_of(root: Node<'_, '_>) -> String {
    crate::xml::attr(root, "targetNamespace")
        .unwrap_or("")
        .to_string()
}

fn not_wsdl(src: &Src<'_>, root: Node<'_, '_>, expected: &'static str) -> Error {
    let tag = root.tag_name();
    let found = match tag.namespace() {
        Some(ns) => format!("{{{ns}}}{}", tag.name()),
        None => tag.name().to_string(),
    };
    Error::NotWsdl {
        at: src.at(root),
        expected,
        found,
    }
}

fn not_xml(file: &Arc<Path>, text: &str, e: &roxmltree::Error) -> Error {
    let pos = e.pos();
    let message = e.to_string().replace(&format!(" at {pos}"), "");
    // roxmltree gives 1:1 for errors without a place; find a better one where we can.
    let offset = match e {
        roxmltree::Error::DtdDetected => text.find("<!DOCTYPE"),
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            Some(text.len())
        }
        _ => None,
    };
    let at = match offset {
        Some(offset) => Src::new(file.clone(), text).at_pos(offset),
        None => Location {
            file: file.clone(),
            line: pos.row,
            col: pos.col,
        },
    };
    Error::NotXml { at, message }
}

/// `scheme:` with a scheme of two or more letters (one letter is a Windows drive).
fn has_url_scheme(location: &str) -> bool {
    match location.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Removes `.` and folds `..` lexically, so that positions show `schema/a.xsd` rather
/// than `wsdl/../schema/./a.xsd`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for comp in path.components() {
        match comp {
            Component::CurDir => {}
            Component::ParentDir => {
                let can_pop = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if can_pop {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// What identifies a file for loading it once: its canonical path when it exists.
fn file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
