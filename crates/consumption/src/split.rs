//! Splitting CSV text into records and fields, in place: a field is a range of the text
//! (a quoted one unescaped where it lies, `""` becoming `"`), so no byte is copied twice.
//! It reads RFC 4180 as AWS writes it, the way the `csv` crate does: fields separated by
//! commas, records by `\n` or `\r\n`; a field that starts with a quote runs to the closing
//! quote and may hold commas and line breaks; a quote inside an unquoted field is a
//! character like any other; empty lines are skipped.
//!
//! The text arrives in chunks: a record cut by a chunk's end is carried over to the next
//! chunk. Each record keeps the physical line it starts on (the first line is 1).

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
}

impl Splitter {
    /// A splitter at the start of a file.
    pub(crate) fn new() -> Splitter {
        Splitter {
            carry: Vec::new(),
            line: 1,
        }
    }

    /// Splits what was carried plus `chunk` into `out` (cleared first). With `last`, the
    /// text ends here: a record without a line end is complete.
    pub(crate) fn split(&mut self, chunk: &[u8], last: bool, out: &mut Split) {
        out.text.clear();
        out.fields.clear();
        out.records.clear();
        // A record longer than this is no export's: it is cut here, so memory stays
        // bounded, and its pieces are reported as lines without the header's columns.
        let last = last || self.carry.len() > LONGEST_RECORD;
        out.text.extend_from_slice(&self.carry);
        out.text.extend_from_slice(chunk);
        self.carry.clear();
        let n = out.text.len();
        let mut i = 0;
        let mut quoted = Vec::new();
        while i < n {
            let first = out.fields.len();
            quoted.clear();
            // Scanned before anything is unescaped, so that a record cut by the chunk's
            // end is carried over as it was written.
            let Some((next, lines)) = scan_record(&out.text, i, last, &mut out.fields, &mut quoted)
            else {
                out.fields.truncate(first);
                self.carry.extend_from_slice(&out.text[i..]);
                break;
            };
            for &f in &quoted {
                if let Some(field) = out.fields.get_mut(f) {
                    field.1 = unescape(&mut out.text, field.0 as usize, field.1 as usize);
                }
            }
            let line = self.line;
            self.line += lines;
            let raw = &out.text[i..next.min(n)];
            i = next;
            if matches!(raw, b"\n" | b"\r\n" | b"\r") {
                // An empty line.
                out.fields.truncate(first);
                continue;
            }
            out.records.push(RecordAt {
                first: position(first),
                count: position(out.fields.len() - first),
                line,
            });
        }
    }
}

/// Scans the record that starts at `i`: pushes its fields' ranges (a quoted field's from
/// after its opening quote, still escaped, its index noted in `quoted`) and returns where
/// the next record starts and how many line breaks this one spans, its own end included;
/// `None` when the text ends inside it and more text is to come.
fn scan_record(
    text: &[u8],
    mut i: usize,
    last: bool,
    fields: &mut Vec<(u32, u32)>,
    quoted: &mut Vec<usize>,
) -> Option<(usize, u64)> {
    let n = text.len();
    let mut lines = 0;
    loop {
        let start = i;
        if text.get(i) == Some(&b'"') {
            // To the closing quote, stepping over doubled quotes.
            let mut j = i + 1;
            loop {
                match text[j..].iter().position(|&b| b == b'"') {
                    None if last => {
                        lines += count_lines(&text[j..]);
                        j = n;
                        break;
                    }
                    None => return None,
                    Some(p) => {
                        let q = j + p;
                        lines += count_lines(&text[j..q]);
                        match text.get(q + 1) {
                            Some(b'"') => j = q + 2,
                            None if !last => return None,
                            _ => {
                                j = q + 1;
                                break;
                            }
                        }
                    }
                }
            }
            i = j;
            quoted.push(fields.len());
        }
        let stop = match delimiter(&text[i..]) {
            Some(p) => i + p,
            None if last => n,
            None => return None,
        };
        let content = if start < i { start + 1 } else { start };
        fields.push((position(content), position(trim_cr(text, content, stop))));
        match text.get(stop) {
            None => return Some((n, lines)),
            Some(b',') => i = stop + 1,
            Some(_) => return Some((stop + 1, lines + 1)),
        }
        if i == n && !last {
            // A comma ends the chunk: the record's next field is in the next one.
            return None;
        }
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

/// Where the first comma or line feed is, eight bytes at a time: a word's bytes equal
/// to either become zero under XOR, and the classic has-a-zero-byte test finds the first.
#[inline]
fn delimiter(hay: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const COMMAS: u64 = ONES * b',' as u64;
    const FEEDS: u64 = ONES * b'\n' as u64;
    let words = hay.chunks_exact(8);
    let rest = words.remainder();
    for (k, word) in words.enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let w = u64::from_le_bytes(bytes);
        let (c, f) = (w ^ COMMAS, w ^ FEEDS);
        // A zero byte's high bit is set; borrows only mark bytes above the first zero,
        // so the lowest mark is exact.
        let found = (c.wrapping_sub(ONES) & !c | f.wrapping_sub(ONES) & !f) & HIGHS;
        if found != 0 {
            return Some(k * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    let base = hay.len() - rest.len();
    rest.iter()
        .position(|&b| b == b',' || b == b'\n')
        .map(|p| base + p)
}

/// Line breaks in a piece of a quoted field.
fn count_lines(piece: &[u8]) -> u64 {
    piece.iter().filter(|&&b| b == b'\n').count() as u64
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
            }
        }
    }

    #[test]
    fn the_first_delimiter_is_found_at_any_offset() {
        for len in 0..40 {
            for at in 0..len {
                for d in [b',', b'\n'] {
                    let mut hay = vec![b'a'; len];
                    hay[at] = d;
                    if at + 1 < len {
                        hay[at + 1] = b',';
                    }
                    assert_eq!(delimiter(&hay), Some(at), "{len} {at}");
                }
            }
            // Bytes next to the delimiters' values are not delimiters.
            assert_eq!(delimiter(&vec![b'-'; len]), None);
            assert_eq!(delimiter(&vec![0x0b; len]), None);
            assert_eq!(delimiter(&vec![0xac; len]), None);
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
