//! The import's pipeline, three stages on three threads so that a file is read, hashed,
//! gunzipped, parsed and summed at once on as many cores as there are:
//!
//! 1. the reader ([`crate::source`]): file → raw bytes hashed → text chunks;
//! 2. the parser (here, with [`crate::split`]): text → CSV records, a batch per chunk;
//! 3. the caller's thread: records → sums and problems ([`crate::tally`]), progress.
//!
//! Every hand-over is a channel bounded to a few chunks or batches whose buffers come back
//! to be reused, so memory stays the same whatever the file's size, and order is kept: the
//! records arrive in file order with their line numbers, as a single thread would see them.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

use std::sync::OnceLock;

use crate::ahead::{Ahead, Reading};
use crate::source::{self, Raw, Text};
use crate::split::{Split, Splitter};

/// How far an import has read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the file read so far (compressed bytes for a gzip file).
    pub bytes_read: u64,
    /// The file's size, when the caller said it.
    pub total_bytes: Option<u64>,
}

/// How often progress is reported, in bytes of the file.
const PROGRESS_EVERY: u64 = 1 << 20;

/// How many batches may wait in the channel.
const BATCHES_IN_FLIGHT: usize = 4;

/// A chunk of text split into records, in file order.
pub(crate) type Batch = Split;

/// The records of a file as the caller's thread takes them, with progress reported as
/// they arrive.
pub(crate) struct Records<'a, 'scope> {
    batches: Receiver<io::Result<Batch>>,
    recycle: Sender<Batch>,
    counted: Arc<AtomicU64>,
    reader: ScopedJoinHandle<'scope, Option<Raw>>,
    next_report: u64,
    total: Option<u64>,
    progress: Option<&'a mut dyn FnMut(Progress)>,
}

/// Starts the reader and the parser on `input`.
pub(crate) fn start<'a, 'scope, R: std::io::Read + Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    input: R,
    total: Option<u64>,
    progress: Option<&'a mut dyn FnMut(Progress)>,
    reading: &'scope OnceLock<Reading>,
) -> Records<'a, 'scope> {
    let (text, counted, reader) = source::start(scope, input);
    let (full, batches) = sync_channel(BATCHES_IN_FLIGHT);
    let (recycle, empty) = channel();
    scope.spawn(move || parse(text, full, empty, reading));
    Records {
        batches,
        recycle,
        counted,
        reader,
        next_report: PROGRESS_EVERY,
        total,
        progress,
    }
}

/// The parser's thread: text in, batches of records out, until the text ends, reading
/// fails or the caller stops taking batches. Once the caller has recognised the header
/// (`reading` is set), it also reads each record's amount, timestamps and the hashes of
/// its account and service ahead, work taken off the caller's thread, the pipeline's
/// longest.
fn parse(
    mut text: Text,
    full: SyncSender<io::Result<Batch>>,
    empty: Receiver<Batch>,
    reading: &OnceLock<Reading>,
) {
    let mut splitter = Splitter::new();
    loop {
        let mut batch = empty.try_recv().unwrap_or_default();
        let ended = match text.next_chunk() {
            Ok(Some((buffer, chunk))) => {
                text.recycle(splitter.split_in(buffer, chunk, false, &mut batch));
                false
            }
            Ok(None) => {
                text.recycle(splitter.split_in(Vec::new(), 0..0, true, &mut batch));
                true
            }
            Err(e) => {
                let _ = full.send(Err(e));
                return;
            }
        };
        if let Some(reading) = reading.get() {
            let mut ahead = std::mem::take(&mut batch.ahead);
            ahead.extend(
                batch
                    .records
                    .iter()
                    .map(|r| Ahead::of(reading, batch.record(r))),
            );
            batch.ahead = ahead;
        }
        if !batch.records.is_empty() && full.send(Ok(batch)).is_err() {
            return;
        }
        if ended {
            return;
        }
    }
}

impl<'a> Records<'a, '_> {
    /// The next batch, `None` at the end of the file.
    pub(crate) fn next(&mut self) -> io::Result<Option<Batch>> {
        match self.batches.recv() {
            Ok(Ok(batch)) => {
                let bytes = self.counted.load(Ordering::Relaxed);
                if bytes >= self.next_report {
                    self.next_report = bytes + PROGRESS_EVERY;
                    self.report(bytes);
                }
                Ok(Some(batch))
            }
            Ok(Err(e)) => Err(e),
            Err(_) => Ok(None),
        }
    }

    /// Hands a batch back for reuse.
    pub(crate) fn done(&self, batch: Batch) {
        // The parser may have finished: then the batch is not needed.
        let _ = self.recycle.send(batch);
    }

    /// At the end of the file: the raw bytes' count and hash, progress reported at 100 %.
    pub(crate) fn finish(mut self) -> io::Result<Raw> {
        drop(self.batches);
        let raw = self
            .reader
            .join()
            .ok()
            .flatten()
            .ok_or_else(|| io::Error::other("el lector del archivo se detuvo"))?;
        if let Some(callback) = self.progress.as_mut() {
            callback(Progress {
                bytes_read: raw.bytes,
                total_bytes: self.total,
            });
        }
        Ok(raw)
    }

    fn report(&mut self, bytes: u64) {
        if let Some(callback) = self.progress.as_mut() {
            callback(Progress {
                bytes_read: bytes,
                total_bytes: self.total,
            });
        }
    }
}
