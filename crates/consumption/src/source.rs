//! The file's bytes on their way to the CSV reader: hashed and counted exactly as read
//! (compressed or not), reported to a progress callback at most every mebibyte,
//! decompressed when they start with gzip's magic bytes (whatever the file's name), and
//! rid of a UTF-8 byte-order mark.

use std::cell::RefCell;
use std::io::{self, Cursor, Read};
use std::rc::Rc;

use flate2::read::MultiGzDecoder;
use sha2::{Digest, Sha256};

/// How far an import has read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the file read so far (compressed bytes for a gzip file).
    pub bytes_read: u64,
    /// The file's size, when the caller said it.
    pub total_bytes: Option<u64>,
}

/// How often progress is reported, in bytes read.
const PROGRESS_EVERY: u64 = 1 << 20;

/// The hash, count and progress of the raw bytes, shared by the reader that feeds them
/// and the import that asks for the result once the reader is gone.
pub(crate) struct Meter<'a> {
    hasher: Sha256,
    bytes: u64,
    next_report: u64,
    total: Option<u64>,
    progress: Option<&'a mut dyn FnMut(Progress)>,
}

impl<'a> Meter<'a> {
    /// A meter reporting to `progress`.
    pub(crate) fn new(
        total: Option<u64>,
        progress: Option<&'a mut dyn FnMut(Progress)>,
    ) -> Rc<RefCell<Meter<'a>>> {
        Rc::new(RefCell::new(Meter {
            hasher: Sha256::new(),
            bytes: 0,
            next_report: PROGRESS_EVERY,
            total,
            progress,
        }))
    }

    fn saw(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.bytes += bytes.len() as u64;
        if self.bytes >= self.next_report {
            self.next_report = self.bytes + PROGRESS_EVERY;
            self.report();
        }
    }

    fn report(&mut self) {
        let progress = Progress {
            bytes_read: self.bytes,
            total_bytes: self.total,
        };
        if let Some(callback) = self.progress.as_mut() {
            callback(progress);
        }
    }

    /// The bytes read and their SHA-256 in hex, reporting the final progress.
    pub(crate) fn finish(&mut self) -> (u64, String) {
        self.report();
        let hash = std::mem::take(&mut self.hasher).finalize();
        (self.bytes, hex::encode(hash))
    }
}

/// A reader that shows every byte it passes to a [`Meter`].
struct Metered<'a, R> {
    inner: R,
    meter: Rc<RefCell<Meter<'a>>>,
}

impl<R: Read> Read for Metered<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.borrow_mut().saw(&buf[..n]);
        Ok(n)
    }
}

/// The text of a file: its raw bytes metered, gunzipped if they are gzip, without a BOM.
pub(crate) fn text<'a, R: Read + 'a>(
    input: R,
    meter: Rc<RefCell<Meter<'a>>>,
) -> io::Result<Box<dyn Read + 'a>> {
    let raw = Metered {
        inner: input,
        meter,
    };
    let (head, raw) = peek(raw, 2)?;
    let decoded: Box<dyn Read + 'a> = if head == [0x1f, 0x8b] {
        Box::new(MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let (head, decoded) = peek(decoded, 3)?;
    if head == b"\xEF\xBB\xBF" {
        Ok(Box::new(decoded.into_inner().1))
    } else {
        Ok(Box::new(decoded))
    }
}

/// A reader with bytes already taken from it put back in front.
type PutBack<R> = io::Chain<Cursor<Vec<u8>>, R>;

/// Up to `n` first bytes of a reader, and the reader with them put back in front.
fn peek<R: Read>(mut reader: R, n: usize) -> io::Result<(Vec<u8>, PutBack<R>)> {
    let mut head = vec![0; n];
    let mut filled = 0;
    while filled < n {
        match reader.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(k) => filled += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(filled);
    Ok((head.clone(), Cursor::new(head).chain(reader)))
}
