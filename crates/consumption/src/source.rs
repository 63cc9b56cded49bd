//! The file's bytes on their way to the CSV parser: the first stage of the import's
//! pipeline (see [`crate::records`]). Its thread reads the file, hashes and counts its raw
//! bytes (compressed or not), gunzips them when they start with gzip's magic bytes
//! (whatever the file's name), and hands the text over in chunks through a channel
//! bounded at [`CHUNKS_IN_FLIGHT`] chunks, whose buffers come back to be reused: memory
//! stays the same whatever the file's size. The parser reads the chunks as [`Text`],
//! without a UTF-8 byte-order mark.

use std::io::{self, Cursor, Read};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

use flate2::read::MultiGzDecoder;
use sha2::{Digest, Sha256};

/// The size of a chunk of a plain file's text handed from the reader thread. Small
/// enough that the buffers in flight stay in the processors' caches: the kernel's copy
/// of the file into them took four times longer with chunks of 256 KiB (BENCHMARKS.md
/// §7).
const CHUNK: usize = 64 << 10;

/// The size of a chunk of a gzip file's text: inflating writes it, not the kernel, and
/// larger chunks mean fewer calls into the decoder and fewer batches.
const GZIP_CHUNK: usize = 256 << 10;

/// How many chunks may wait in the channel.
const CHUNKS_IN_FLIGHT: usize = 4;

/// The room left in front of each chunk, where the parser puts the record carried from
/// the chunk before (a record of an export is a few hundred bytes).
const ROOM: usize = 16 << 10;

/// The file's raw bytes, counted and hashed by the reader thread.
pub(crate) struct Raw {
    /// How many.
    pub(crate) bytes: u64,
    /// Their SHA-256, hex.
    pub(crate) sha256: String,
}

/// A buffer of text and where its text ends (it starts at [`ROOM`]), or why reading
/// stopped.
type Chunk = io::Result<(Vec<u8>, usize)>;

/// Starts the reader thread on `input`; returns the text to parse, the count of raw bytes
/// read so far (for progress) and the thread, whose result is the raw bytes' count and
/// hash (`None` if the text's reader went away first).
pub(crate) fn start<'scope, R: Read + Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    input: R,
) -> (Text, Arc<AtomicU64>, ScopedJoinHandle<'scope, Option<Raw>>) {
    let counted = Arc::new(AtomicU64::new(0));
    let (full, chunks) = sync_channel(CHUNKS_IN_FLIGHT);
    let (recycle, empty) = channel();
    let thread_counted = Arc::clone(&counted);
    let thread = scope.spawn(move || produce(input, thread_counted, full, empty));
    let text = Text {
        chunks,
        recycle,
        first: true,
    };
    (text, counted, thread)
}

/// The reader thread: raw bytes in, text chunks out.
fn produce<R: Read>(
    input: R,
    counted: Arc<AtomicU64>,
    full: SyncSender<Chunk>,
    empty: Receiver<Vec<u8>>,
) -> Option<Raw> {
    let hashing = Hashing {
        inner: input,
        hasher: Sha256::new(),
        bytes: 0,
        counted,
    };
    let (head, raw) = match peek(hashing, 2) {
        Ok(peeked) => peeked,
        Err(e) => {
            let _ = full.send(Err(e));
            return None;
        }
    };
    let (mut text, size) = if head == [0x1f, 0x8b] {
        (Decoded::Gzip(MultiGzDecoder::new(raw)), GZIP_CHUNK)
    } else {
        (Decoded::Plain(raw), CHUNK)
    };
    loop {
        let mut chunk = empty.try_recv().unwrap_or_default();
        chunk.resize(ROOM + size, 0);
        let mut filled = ROOM;
        while filled < ROOM + size {
            match text.read(&mut chunk[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = full.send(Err(e));
                    return None;
                }
            }
        }
        if filled == ROOM {
            break;
        }
        if full.send(Ok((chunk, filled))).is_err() {
            // The import stopped reading (a wrong header, say): nothing more to do.
            return None;
        }
    }
    // The text ends where the file ends: gzip's decoder reads to the end to look for
    // another member, so every raw byte has been hashed.
    let hashing = text.into_hashing().1;
    Some(Raw {
        bytes: hashing.bytes,
        sha256: hex::encode(hashing.hasher.finalize()),
    })
}

/// The raw bytes, hashed and counted as they pass.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
    /// The count, shared with the import's thread for progress.
    counted: Arc<AtomicU64>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        self.counted.store(self.bytes, Ordering::Relaxed);
        Ok(n)
    }
}

/// A reader with bytes already taken from it put back in front.
type PutBack<R> = io::Chain<Cursor<Vec<u8>>, R>;

/// The text of the raw bytes: themselves, or gunzipped.
enum Decoded<R> {
    Plain(PutBack<R>),
    Gzip(MultiGzDecoder<PutBack<R>>),
}

impl<R: Read> Decoded<R> {
    fn into_hashing(self) -> (Cursor<Vec<u8>>, R) {
        match self {
            Decoded::Plain(raw) => raw.into_inner(),
            Decoded::Gzip(gz) => gz.into_inner().into_inner(),
        }
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Plain(raw) => raw.read(buf),
            Decoded::Gzip(gz) => gz.read(buf),
        }
    }
}

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

/// The text as the parser reads it: chunks from the reader thread, without a leading BOM.
pub(crate) struct Text {
    chunks: Receiver<Chunk>,
    recycle: Sender<Vec<u8>>,
    first: bool,
}

impl Text {
    /// The next chunk of text: a buffer and where in it the text is, with room in front;
    /// `None` at the text's end.
    pub(crate) fn next_chunk(&mut self) -> io::Result<Option<(Vec<u8>, Range<usize>)>> {
        match self.chunks.recv() {
            Ok(Ok((chunk, end))) => {
                let mut from = ROOM;
                if self.first {
                    self.first = false;
                    if chunk
                        .get(ROOM..end)
                        .is_some_and(|t| t.starts_with(b"\xEF\xBB\xBF"))
                    {
                        from += 3;
                    }
                }
                Ok(Some((chunk, from..end)))
            }
            Ok(Err(e)) => Err(e),
            // The reader thread finished: the end of the text.
            Err(_) => Ok(None),
        }
    }

    /// Hands a buffer back to the reader thread for reuse.
    pub(crate) fn recycle(&self, buffer: Vec<u8>) {
        if buffer.capacity() > 0 {
            // The reader thread may have finished: then the buffer is not needed.
            let _ = self.recycle.send(buffer);
        }
    }
}
