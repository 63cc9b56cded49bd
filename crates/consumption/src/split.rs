//! Splitting CSV text into records and fields, in place: a field is a range of the text
//! (a quoted one unescaped where it lies, `""` becoming `"`), so no byte is copied twice.
//! It reads RFC 4180 as AWS writes it, the way the `csv` crate does: fields separated by
//! commas, records by `\n` or `\r\n`; a field that starts with a quote runs to the closing
//! quote and may hold commas and line breaks; a quote inside an unquoted field is a
//! character like any other; empty lines are skipped.
//!
//! The text arrives in chunks: a record cut by a chunk's end is carried over to the next
//! chunk. Each record keeps the physical line it starts on (the first line is 1).
//!
//! Speed: the text is not searched field by field; a 64-bit mask per 64 bytes marks
//! every comma, line feed and quote, and the splitter steps from mark to mark, so a field
//! costs a few instructions and no mispredicted loop exit.

use std::ops::Range;

/// The longest record carried from one chunk to the next, in bytes.
const LONGEST_RECORD: usize = 16 << 20;

/// One record: where its fields are in [`Split::fields`] and the line it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordAt {
    first: u32,
    count: u32,
    /// The physical line the record starts on.
    pub(crate) line: u64,
}

/// A piece of text split into records.
#[derive(Debug, Default)]
pub(crate) struct Split {
    /// The text: what was carried from the previous piece, then the chunk.
    pub(crate) text: Vec<u8>,
    /// Each field's start and end in `text`.
    fields: Vec<(u32, u32)>,
    /// The records, in order.
    pub(crate) records: Vec<RecordAt>,
    /// What the parser's thread read ahead of each record for the tally, once the
    /// header is known (empty before; see [`crate::ahead::Ahead`]).
    pub(crate) ahead: Vec<crate::ahead::Ahead>,
}

/// A record's fields, as the tally reads them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'s> {
    text: &'s [u8],
    fields: &'s [(u32, u32)],
    /// The physical line the record starts on.
    pub(crate) line: u64,
}

impl<'s> Fields<'s> {
    /// How many fields.
    pub(crate) fn len(&self) -> usize {
        self.fields.len()
    }

    /// Field `i`, unescaped; `None` past the last.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&'s [u8]> {
        let &(start, end) = self.fields.get(i)?;
        self.text.get(start as usize..end as usize)
    }

    /// Every field.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'s [u8]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl Split {
    /// Record `r`'s fields.
    pub(crate) fn record(&self, r: &RecordAt) -> Fields<'_> {
        let first = r.first as usize;
        Fields {
            text: &self.text,
            fields: self
                .fields
                .get(first..first + r.count as usize)
                .unwrap_or_default(),
            line: r.line,
        }
    }
}

/// Splits text chunk by chunk, carrying a cut record over.
#[derive(Debug)]
pub(crate) struct Splitter {
    carry: Vec<u8>,
    /// The line the carried (or next) record starts on.
    line: u64,
    /// The quoted fields of the record being split (their indexes in `Split::fields`),
    /// unescaped once the record is whole.
    quoted: Vec<usize>,
}

/// Where the splitter stands inside the record being split.
struct Cursor {
    /// Where the record starts in the text.
    record: usize,
    /// Its first field's index in `Split::fields`.
    first: usize,
    /// Where the field being read starts (its opening quote, if quoted).
    field: usize,
    /// Whether that field opened with a quote.
    field_quoted: bool,
    /// Whether the scan is between a quoted field's quotes.
    in_quotes: bool,
    /// The second quote of a doubled one, to step over.
    skip: usize,
    /// Whether the field holds a doubled quote.
    doubled: bool,
    /// Where the field's closing quote is, once found.
    closed: Option<usize>,
    /// Line feeds inside the record's quoted fields so far.
    lines: u64,
}

impl Cursor {
    fn at(record: usize, first: usize) -> Cursor {
        Cursor {
            record,
            first,
            field: record,
            field_quoted: false,
            in_quotes: false,
            skip: usize::MAX,
            doubled: false,
            closed: None,
            lines: 0,
        }
    }
}

impl Splitter {
    /// A splitter at the start of a file.
    pub(crate) fn new() -> Splitter {
        Splitter {
            carry: Vec::new(),
            line: 1,
            quoted: Vec::new(),
        }
    }

    /// Splits what was carried plus `chunk` into `out` (cleared first). With `last`, the
    /// text ends here: a record without a line end is complete.
    #[cfg(test)]
    pub(crate) fn split(&mut self, chunk: &[u8], last: bool, out: &mut Split) {
        let _ = self.split_in(chunk.to_vec(), 0..chunk.len(), last, out);
    }

    /// Splits what was carried plus `buffer[chunk]` into `out` (cleared first), which
    /// takes `buffer` as its text: the carried record is copied into the room in front of
    /// the chunk (or, longer than that room, the two into a new buffer), so the chunk
    /// itself is not copied. Returns the buffer `out` held before, for reuse. With `last`,
    /// the text ends here: a record without a line end is complete.
    ///
    /// The text is read 64 bytes at a time: a mask of where its commas, line feeds and
    /// quotes are, then only those places, in order — one step per field instead of one
    /// search per field (BENCHMARKS.md §7).
    pub(crate) fn split_in(
        &mut self,
        mut buffer: Vec<u8>,
        chunk: Range<usize>,
        last: bool,
        out: &mut Split,
    ) -> Vec<u8> {
        out.fields.clear();
        out.records.clear();
        out.ahead.clear();
        // A record longer than this is no export's: it is cut here, so memory stays
        // bounded, and its pieces are reported as lines without the header's columns.
        let last = last || self.carry.len() > LONGEST_RECORD;
        buffer.truncate(chunk.end);
        let begin = match chunk.start.checked_sub(self.carry.len()) {
            Some(begin) if chunk.end <= buffer.len() => {
                buffer[begin..chunk.start].copy_from_slice(&self.carry);
                begin
            }
            _ => {
                let mut joined = Vec::with_capacity(self.carry.len() + chunk.len());
                joined.extend_from_slice(&self.carry);
                joined.extend_from_slice(buffer.get(chunk).unwrap_or_default());
                buffer = joined;
                0
            }
        };
        let previous = std::mem::replace(&mut out.text, buffer);
        self.carry.clear();
        self.quoted.clear();
        let n = out.text.len();
        let mut at = Cursor::at(begin, 0);
        let mut base = begin;
        while base < n {
            let mut mask = specials(&out.text[base..n.min(base + 64)]);
            while mask != 0 {
                let p = base + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let b = out.text[p];
                if at.in_quotes {
                    if b == b'"' && p != at.skip {
                        // A doubled quote is a quote; quoted fields are unescaped once
                        // their record is whole, so a record cut by the chunk's end is
                        // carried over as it was written.
                        if out.text.get(p + 1) == Some(&b'"') {
                            at.skip = p + 1;
                            at.doubled = true;
                        } else {
                            at.in_quotes = false;
                            at.closed = Some(p);
                        }
                    } else if b == b'\n' {
                        at.lines += 1;
                    }
                    continue;
                }
                match b {
                    b'"' => {
                        // A quote opens a quoted field only as its first character.
                        if p == at.field {
                            at.in_quotes = true;
                            at.field_quoted = true;
                        }
                    }
                    b',' => {
                        if at.field_quoted {
                            self.push_field(out, &at, p);
                        } else {
                            // Before a comma there is no `\r\n` to trim.
                            out.fields.push((position(at.field), position(p)));
                        }
                        at.field = p + 1;
                        at.field_quoted = false;
                        at.doubled = false;
                        at.closed = None;
                    }
                    _ => {
                        self.push_field(out, &at, p);
                        self.end_record(out, &at, p + 1, at.lines + 1);
                        at = Cursor::at(p + 1, out.fields.len());
                    }
                }
            }
            base += 64;
        }
        if at.record < n {
            if last {
                self.push_field(out, &at, n);
                self.end_record(out, &at, n, at.lines);
            } else {
                out.fields.truncate(at.first);
                self.carry.extend_from_slice(&out.text[at.record..]);
            }
        }
        previous
    }

    /// Pushes the field `at` stands in, which stops at `stop` (a comma, a line feed or the
    /// text's end): without its opening quote nor the `\r` of a `\r\n`. A quoted field
    /// without doubled quotes whose closing quote is its last byte is only cut short; any
    /// other is unescaped with its record.
    #[inline]
    fn push_field(&mut self, out: &mut Split, at: &Cursor, stop: usize) {
        if !at.field_quoted {
            let end = trim_cr(&out.text, at.field, stop);
            out.fields.push((position(at.field), position(end)));
            return;
        }
        let content = at.field + 1;
        let mut end = trim_cr(&out.text, content, stop);
        if !at.doubled && at.in_quotes {
            // Open to the text's end, with no quote inside: nothing to unescape.
        } else if !at.doubled && at.closed.is_some() && at.closed == end.checked_sub(1) {
            end -= 1;
        } else {
            self.quoted.push(out.fields.len());
        }
        out.fields.push((position(content), position(end)));
    }

    /// Ends the record `at` stands in, whose last field is pushed, at `end` (after its line
    /// feed, if any): keeps it unless it is an empty line, unescapes its quoted fields,
    /// and counts the `lines` it spans.
    #[inline]
    fn end_record(&mut self, out: &mut Split, at: &Cursor, end: usize, lines: u64) {
        let line = self.line;
        self.line += lines;
        // An empty line has one field.
        if out.fields.len() == at.first + 1
            && matches!(&out.text[at.record..end], b"\n" | b"\r\n" | b"\r")
        {
            // An empty line.
            out.fields.truncate(at.first);
            self.quoted.clear();
            return;
        }
        for &f in &self.quoted {
            if let Some(field) = out.fields.get_mut(f) {
                field.1 = unescape(&mut out.text, field.0 as usize, field.1 as usize);
            }
        }
        self.quoted.clear();
        out.records.push(RecordAt {
            first: position(at.first),
            count: position(out.fields.len() - at.first),
            line,
        });
    }
}

/// Unescapes a quoted field in place — `""` inside the quotes is `"`, the closing quote
/// goes, anything after it stays — and returns its new end.
fn unescape(text: &mut [u8], start: usize, end: usize) -> u32 {
    let (mut read, mut write, mut inside) = (start, start, true);
    while read < end {
        let b = text[read];
        if b == b'"' && inside {
            if read + 1 < end && text[read + 1] == b'"' {
                text[write] = b'"';
                write += 1;
                read += 2;
            } else {
                inside = false;
                read += 1;
            }
            continue;
        }
        text[write] = b;
        write += 1;
        read += 1;
    }
    position(write)
}

/// The end of a field that stops at `stop`, without the `\r` of a `\r\n` (or of the
/// text's end).
fn trim_cr(text: &[u8], start: usize, stop: usize) -> usize {
    if stop > start
        && text.get(stop - 1) == Some(&b'\r')
        && (stop == text.len() || text.get(stop) == Some(&b'\n'))
    {
        stop - 1
    } else {
        stop
    }
}

/// Which bytes of a block of up to 64 are commas, line feeds or quotes, one bit each
/// (bit `i` for byte `i`). The comparisons are written so that the compiler makes them
/// vector instructions (16 bytes at a time, without `unsafe`); each 8 bytes of 0 or 1
/// are then gathered into 8 bits by one multiplication, whose partial products land on
/// distinct bits (no carries), the eight wanted ones in the top byte.
#[inline]
fn specials(block: &[u8]) -> u64 {
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut bytes = [0u8; 64];
    let bytes: &[u8; 64] = match block.try_into() {
        Ok(full) => full,
        Err(_) => {
            let len = block.len().min(64);
            bytes[..len].copy_from_slice(&block[..len]);
            &bytes
        }
    };
    let mut hits = [0u8; 64];
    for (hit, &b) in hits.iter_mut().zip(bytes) {
        *hit = u8::from(b == b',') | u8::from(b == b'\n') | u8::from(b == b'"');
    }
    let mut mask = 0;
    for (k, word) in hits.chunks_exact(8).enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        mask |= (u64::from_le_bytes(eight).wrapping_mul(GATHER) >> 56) << (8 * k);
    }
    mask
}

/// An offset in a piece of text (pieces are far below 4 GiB).
fn position(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of a text cut into chunks of `size` bytes, with their lines.
    fn split(text: &[u8], size: usize) -> Vec<(u64, Vec<String>)> {
        let mut splitter = Splitter::new();
        let mut out = Split::default();
        let mut records = Vec::new();
        let chunks: Vec<&[u8]> = text.chunks(size.max(1)).collect();
        for (k, chunk) in chunks.iter().enumerate() {
            splitter.split(chunk, k + 1 == chunks.len(), &mut out);
            for r in &out.records {
                let fields = out.record(r);
                records.push((
                    fields.line,
                    fields
                        .iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect(),
                ));
            }
        }
        if chunks.is_empty() {
            splitter.split(b"", true, &mut out);
        }
        records
    }

    /// The records of a text cut into chunks of `size` bytes, each handed over in a
    /// buffer with `room` bytes in front, as the reader thread hands them, the buffers
    /// reused as the parser's thread reuses them.
    fn split_in_buffers(text: &[u8], size: usize, room: usize) -> Vec<(u64, Vec<String>)> {
        let mut splitter = Splitter::new();
        let mut out = Split::default();
        let mut records = Vec::new();
        let mut spare: Vec<Vec<u8>> = Vec::new();
        let chunks: Vec<&[u8]> = text.chunks(size.max(1)).collect();
        for (k, chunk) in chunks.iter().enumerate() {
            let mut buffer = spare.pop().unwrap_or_default();
            buffer.clear();
            buffer.resize(room, b'#');
            buffer.extend_from_slice(chunk);
            let end = buffer.len();
            spare.push(splitter.split_in(buffer, room..end, k + 1 == chunks.len(), &mut out));
            for r in &out.records {
                let fields = out.record(r);
                records.push((
                    fields.line,
                    fields
                        .iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect(),
                ));
            }
        }
        records
    }

    #[test]
    fn a_carried_record_is_put_in_the_room_before_the_chunk_or_joined_when_longer() {
        let text = b"a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",3\n\n\"two\nlines\",,\"\"\nlast,\"q\"x,z";
        for size in [1, 2, 3, 5, 7, 64] {
            for room in [0, 4, 16, 100] {
                assert_eq!(
                    split_in_buffers(text, size, room),
                    split(text, size),
                    "chunks of {size}, room {room}"
                );
            }
        }
    }

    fn rec(line: u64, fields: &[&str]) -> (u64, Vec<String>) {
        (line, fields.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn fields_quotes_line_breaks_and_crlf_split_alike_whatever_the_chunks() {
        let text = b"a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",3\n\n\"two\nlines\",,\"\"\nlast,\"q\"x,z";
        let expected = vec![
            rec(1, &["a", "b", "c"]),
            rec(2, &["x, y", "say \"hi\"", "3"]),
            rec(4, &["two\nlines", "", ""]),
            rec(6, &["last", "qx", "z"]),
        ];
        for size in [1, 2, 3, 5, 7, 64] {
            assert_eq!(split(text, size), expected, "chunks of {size}");
        }
    }

    #[test]
    fn records_are_those_the_csv_crate_reads_with_the_same_lines() {
        // Well-formed files of every shape: plain and quoted fields with commas, doubled
        // quotes and line breaks, LF and CRLF, empty fields, cut at every chunk size.
        let mut seed = 0x1234_5678_9abc_def0u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200 {
            let mut text = String::new();
            for _ in 0..(next() % 6 + 1) {
                let fields: Vec<String> = (0..(next() % 4 + 1))
                    .map(|_| match next() % 5 {
                        0 => String::new(),
                        1 => "\"a, \"\"b\"\"\nc\"".to_string(),
                        2 => "\"\"".to_string(),
                        3 => "x\"y".to_string(),
                        _ => "12.5".to_string(),
                    })
                    .collect();
                text.push_str(&fields.join(","));
                text.push_str(if next() % 2 == 0 { "\n" } else { "\r\n" });
            }
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let expected: Vec<(u64, Vec<String>)> = reader
                .byte_records()
                .filter_map(Result::ok)
                .map(|r| {
                    (
                        r.position().map_or(0, |p| p.line()),
                        r.iter()
                            .map(|f| String::from_utf8_lossy(f).into_owned())
                            .collect(),
                    )
                })
                .collect();
            // The csv crate places a record that follows a CRLF on the line before (it
            // ends the record at the \r): compare lines on LF-only files.
            let lines_comparable = !text.contains('\r');
            let strip = |records: Vec<(u64, Vec<String>)>| -> Vec<(u64, Vec<String>)> {
                records
                    .into_iter()
                    .map(|(line, fields)| (if lines_comparable { line } else { 0 }, fields))
                    .collect()
            };
            for size in [1, 2, 3, 7, 16, 4096] {
                assert_eq!(
                    strip(split(text.as_bytes(), size)),
                    strip(expected.clone()),
                    "{text:?} in chunks of {size}"
                );
                assert_eq!(
                    strip(split_in_buffers(text.as_bytes(), size, 24)),
                    strip(expected.clone()),
                    "{text:?} in chunks of {size} with room"
                );
            }
        }
    }

    #[test]
    fn every_comma_line_feed_and_quote_is_marked_at_any_offset() {
        for len in 0..=64 {
            for at in 0..len {
                for d in [b',', b'\n', b'"'] {
                    let mut block = vec![b'a'; len];
                    block[at] = d;
                    assert_eq!(specials(&block), 1 << at, "{len} {at}");
                }
            }
            let all: Vec<u8> = (0..len).map(|i| [b',', b'"', b'\n'][i % 3]).collect();
            let expected = if len == 64 { u64::MAX } else { (1 << len) - 1 };
            assert_eq!(specials(&all), expected, "{len}");
            // Bytes next to the specials' values are not specials.
            for other in [b'-', b'!', b'#', 0x0b, 0x09, 0xac, 0xa2, 0x8a, 0] {
                assert_eq!(specials(&vec![other; len]), 0, "{len} {other}");
            }
        }
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_a_character_and_a_last_line_may_be_cut() {
        let text = b"h1,h2\nab\"c,d\nshort";
        for size in [1, 4, 100] {
            assert_eq!(
                split(text, size),
                vec![
                    rec(1, &["h1", "h2"]),
                    rec(2, &["ab\"c", "d"]),
                    rec(3, &["short"])
                ]
            );
        }
        assert_eq!(
            split(b"x,\"open\nto the end", 3),
            vec![rec(1, &["x", "open\nto the end"])]
        );
        assert_eq!(split(b"", 8), vec![]);
        assert_eq!(split(b"a,b\r\n", 2), vec![rec(1, &["a", "b"])]);
    }
}
