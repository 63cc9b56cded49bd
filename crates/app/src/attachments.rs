//! Files people attach (signed offers, the SOW, the HLD…): read, size-limited, recognised
//! by their content, and named by their SHA-256.

use std::io::Read;
use std::path::Path;

use nimbo_domain::order::AttachmentRef;
use sha2::{Digest, Sha256};

use crate::AppError;
use crate::error::FileProblem;

/// The largest file Nimbo keeps: 25 MB.
pub const MAX_FILE_BYTES: u64 = 25_000_000;

/// A file read into memory, ready to be stored with the change that refers to it.
#[derive(Debug, Clone)]
pub struct FileUpload {
    /// What it is named.
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl FileUpload {
    /// Reads a file, refusing one that is missing, empty or too large.
    pub fn from_path(path: &Path) -> Result<FileUpload, AppError> {
        let unreadable = |reason: FileProblem| AppError::FileUnreadable {
            path: path.to_path_buf(),
            reason,
        };
        let io = |e: std::io::Error| unreadable(FileProblem::from_io(&e));
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(unreadable(FileProblem::Folder));
        }
        let size = meta.len();
        if size > MAX_FILE_BYTES {
            return Err(AppError::FileTooLarge {
                path: path.to_path_buf(),
                size,
                max: MAX_FILE_BYTES,
            });
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.is_empty() {
            return Err(unreadable(FileProblem::Empty));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "archivo".into());
        Ok(FileUpload { name, bytes })
    }

    /// Takes a file's content as the user interface read it, refusing one that is empty
    /// or too large.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<FileUpload, AppError> {
        let name = Path::new(name.trim())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "archivo".into());
        let size = bytes.len() as u64;
        if size > MAX_FILE_BYTES {
            return Err(AppError::FileTooLarge {
                path: name.into(),
                size,
                max: MAX_FILE_BYTES,
            });
        }
        if bytes.is_empty() {
            return Err(AppError::FileUnreadable {
                path: name.into(),
                reason: FileProblem::Empty,
            });
        }
        Ok(FileUpload { name, bytes })
    }

    /// The reference a step records: hash, name, size and media type.
    pub fn reference(&self) -> AttachmentRef {
        AttachmentRef {
            sha256: hex::encode(Sha256::digest(&self.bytes)),
            name: self.name.clone(),
            size: self.bytes.len() as u64,
            media_type: media_type(&self.bytes).to_string(),
        }
    }
}

/// Recognises a file by its first bytes, not its name.
pub fn media_type(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "application/zip"
    } else if std::str::from_utf8(bytes).is_ok() {
        "text/plain"
    } else {
        "application/octet-stream"
    }
}
