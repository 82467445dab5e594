//! Zip files and package.xml manifests: reading deploy zips (bounded), writing retrieve zips.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;

use crate::dom;

/// Salesforce's limits: 10,000 files per retrieve, about 400 MB uncompressed per deploy.
pub(crate) const MAX_FILES: usize = 10_000;
pub(crate) const MAX_UNCOMPRESSED: u64 = 400 * 1024 * 1024;

/// The files of a zip in archive order (directories left out), with their exact bytes.
pub(crate) fn read_zip(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a valid zip file: {e}"))?;
    if archive.len() > MAX_FILES {
        return Err(format!(
            "the zip holds {} entries; at most {MAX_FILES} are allowed",
            archive.len()
        ));
    }
    let mut out = Vec::with_capacity(archive.len());
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut f = archive
            .by_index(i)
            .map_err(|e| format!("zip entry {i}: {e}"))?;
        if f.is_dir() {
            continue;
        }
        let name = f
            .name()
            .map_err(|e| format!("zip entry {i}: {e}"))?
            .replace('\\', "/");
        if f.enclosed_name().is_none() || name.split('/').any(|s| s == "..") {
            return Err(format!("zip entry {name:?} points outside the package"));
        }
        let budget = MAX_UNCOMPRESSED - total;
        let mut data = Vec::with_capacity(f.size().min(budget) as usize);
        (&mut f)
            .take(budget + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("zip entry {name}: {e}"))?;
        total += data.len() as u64;
        if total > MAX_UNCOMPRESSED {
            return Err(format!("the zip expands past {MAX_UNCOMPRESSED} bytes"));
        }
        out.push((name, data));
    }
    Ok(out)
}

/// A zip of `files` (deflated), in the order given.
pub(crate) fn write_zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        w.start_file(name.as_str(), opts)
            .map_err(|e| e.to_string())?;
        w.write_all(data).map_err(|e| e.to_string())?;
    }
    Ok(w.finish().map_err(|e| e.to_string())?.into_inner())
}

/// A package manifest: members by type, and the API version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Manifest {
    pub types: BTreeMap<String, BTreeSet<String>>,
    pub version: Option<String>,
}

impl Manifest {
    pub fn parse(xml: &[u8]) -> Result<Self, String> {
        let root = dom::parse(xml).map_err(|e| format!("package.xml: {e}"))?;
        if root.local() != "Package" {
            return Err(format!(
                "package.xml: the root element is {}, not Package",
                root.local()
            ));
        }
        let mut m = Self {
            version: root.child("version").map(|v| v.text().trim().to_owned()),
            ..Self::default()
        };
        for t in root.elements().filter(|e| e.local() == "types") {
            let name = t
                .child("name")
                .map(|n| n.text().trim().to_owned())
                .unwrap_or_default();
            if name.is_empty() {
                return Err("package.xml: a <types> entry has no <name>".to_owned());
            }
            let members = t
                .elements()
                .filter(|e| e.local() == "members")
                .map(|e| e.text().trim().to_owned());
            m.types.entry(name).or_default().extend(members);
        }
        Ok(m)
    }

    /// The manifest as Salesforce writes it (types sorted, members sorted).
    pub fn to_xml(&self) -> Vec<u8> {
        let mut root = dom::Element::new("Package");
        root.attrs
            .push(("xmlns".to_owned(), metadata::NS.to_owned()));
        for (name, members) in &self.types {
            let mut t = dom::Element::new("types");
            for m in members {
                t.push(dom::Element::with_text("members", m));
            }
            t.push(dom::Element::with_text("name", name));
            root.push(t);
        }
        if let Some(v) = &self.version {
            root.push(dom::Element::with_text("version", v));
        }
        root.to_document()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_round_trip_is_exact() {
        let files = vec![
            ("package.xml".to_owned(), b"<Package/>".to_vec()),
            (
                "classes/A.cls".to_owned(),
                (0..=255u8).cycle().take(70_000).collect(),
            ),
            ("empty.txt".to_owned(), Vec::new()),
        ];
        let z = write_zip(&files).unwrap();
        assert_eq!(read_zip(&z).unwrap(), files);
        assert!(read_zip(b"PK\x03\x04 not really").is_err());
        assert!(read_zip(&z[..z.len() / 2]).is_err());
    }

    #[test]
    fn zip_slip_is_refused() {
        let z = write_zip(&[("../evil".to_owned(), b"x".to_vec())]).unwrap();
        assert!(read_zip(&z).unwrap_err().contains("outside"));
    }

    #[test]
    fn manifest() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
  <types><members>B</members><members>A</members><name>ApexClass</name></types>
  <types><members>*</members><name>CustomObject</name></types>
  <version>66.0</version>
</Package>"#;
        let m = Manifest::parse(xml).unwrap();
        assert_eq!(m.version.as_deref(), Some("66.0"));
        assert_eq!(m.types.values().map(BTreeSet::len).sum::<usize>(), 3);
        assert_eq!(Manifest::parse(&m.to_xml()).unwrap(), m);
        assert!(Manifest::parse(b"<Other/>").is_err());
        assert!(
            Manifest::parse(b"<Package><types><members>x</members></types></Package>").is_err()
        );
    }
}
