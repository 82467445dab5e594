//! Metadata API zip files: built from a directory (or from a map of files) and unpacked,
//! with every file's bytes kept exactly.
//!
//! Files are stored under their path relative to the zipped directory, `/`-separated and
//! in sorted order, so the same directory always gives the same archive. Directories are
//! implied by the paths (no directory entries are written; those read are ignored).

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Component, Path, PathBuf};

use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::HelperError;

/// The files of an archive: `/`-separated relative path -> content.
pub type Files = BTreeMap<String, Vec<u8>>;

/// The most an archive may unpack to (the Metadata API's own limit is about 400 MB
/// uncompressed): a guard against zip bombs from a misbehaving server.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;

/// How deep [`read_dir`] descends (a guard against symlink cycles).
const MAX_DEPTH: usize = 64;

/// Zips the files under `dir` (paths relative to it, so `dir/package.xml` becomes
/// `package.xml` at the archive's root).
pub fn zip_dir(dir: impl AsRef<Path>) -> Result<Vec<u8>, HelperError> {
    zip_files(&read_dir(dir)?)
}

/// Zips `files` (deflated, deterministic: sorted, fixed timestamps).
pub fn zip_files(files: &Files) -> Result<Vec<u8>, HelperError> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        check_name(name)?;
        let options = options.large_file(bytes.len() as u64 >= u64::from(u32::MAX));
        w.start_file(name.as_str(), options).map_err(zip_err)?;
        w.write_all(bytes)
            .map_err(|e| HelperError::Zip(format!("{name}: {e}")))?;
    }
    Ok(w.finish().map_err(zip_err)?.into_inner())
}

/// Unpacks an archive into memory. Entries with absolute paths or `..` are refused, as
/// are duplicate names and archives unpacking to more than [`MAX_UNPACKED_BYTES`].
pub fn unzip(bytes: &[u8]) -> Result<Files, HelperError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
    let mut files = Files::new();
    let mut budget = MAX_UNPACKED_BYTES;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(zip_err)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(zip_err)?.into_owned();
        check_name(&name)?;
        let mut content = Vec::new();
        let read = (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut content)
            .map_err(|e| HelperError::Zip(format!("{name}: {e}")))?;
        budget = budget.checked_sub(read as u64).ok_or_else(|| {
            HelperError::Zip(format!(
                "unpacks to more than {MAX_UNPACKED_BYTES} bytes (at {name})"
            ))
        })?;
        if files.insert(name.clone(), content).is_some() {
            return Err(HelperError::Zip(format!("{name} occurs twice")));
        }
    }
    Ok(files)
}

/// Unpacks an archive under `dir` (created if missing); returns the paths written.
pub fn unzip_to(bytes: &[u8], dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, HelperError> {
    let dir = dir.as_ref();
    let files = unzip(bytes)?;
    write_files(&files, dir)
}

/// Writes `files` under `dir`, creating directories as needed; returns the paths written.
pub fn write_files(files: &Files, dir: &Path) -> Result<Vec<PathBuf>, HelperError> {
    let mut written = Vec::with_capacity(files.len());
    for (name, content) in files {
        check_name(name)?;
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| HelperError::io(parent, e))?;
        }
        std::fs::write(&path, content).map_err(|e| HelperError::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// Reads every file under `dir` into memory, keyed by `/`-separated relative path.
pub fn read_dir(dir: impl AsRef<Path>) -> Result<Files, HelperError> {
    let dir = dir.as_ref();
    let mut files = Files::new();
    walk(dir, "", 0, &mut files)?;
    Ok(files)
}

fn walk(dir: &Path, prefix: &str, depth: usize, files: &mut Files) -> Result<(), HelperError> {
    if depth > MAX_DEPTH {
        return Err(HelperError::io(
            dir,
            std::io::Error::other(format!("nested more than {MAX_DEPTH} levels deep")),
        ));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| HelperError::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| HelperError::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name().into_string().map_err(|n| {
            HelperError::io(
                &path,
                std::io::Error::other(format!("file name {n:?} is not UTF-8")),
            )
        })?;
        let rel = format!("{prefix}{name}");
        // Follows symlinks, as a zip of the directory by hand would.
        let meta = std::fs::metadata(&path).map_err(|e| HelperError::io(&path, e))?;
        if meta.is_dir() {
            walk(&path, &format!("{rel}/"), depth + 1, files)?;
        } else {
            let bytes = std::fs::read(&path).map_err(|e| HelperError::io(&path, e))?;
            files.insert(rel, bytes);
        }
    }
    Ok(())
}

/// Refuses names that would escape the directory they are unpacked into.
fn check_name(name: &str) -> Result<(), HelperError> {
    let path = Path::new(name);
    let safe = !name.is_empty()
        && !name.contains('\\')
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if safe {
        Ok(())
    } else {
        Err(HelperError::Zip(format!(
            "unsafe entry name `{}`",
            name.escape_debug()
        )))
    }
}

fn zip_err(e: ::zip::result::ZipError) -> HelperError {
    HelperError::Zip(e.to_string())
}
