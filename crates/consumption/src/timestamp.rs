//! Timestamps as AWS writes them in its exports, read without allocating:
//! `2026-11-01T00:00:00Z`, `2026-11-01T00:00:00.000Z`, ISO 8601 with an offset
//! (`2026-11-01T00:00:00-03:00`, `+0000`, `+00`), and `2026-11-01 00:00:00[.fff]` read as
//! UTC (Athena's and CUR 2.0's CSV form). A `T` form without a zone is refused: which
//! zone it meant would be a guess. Anything else is not a timestamp.

/// Seconds since 1970-01-01T00:00:00Z of a timestamp, or `None` when it is not one of
/// the forms above or names a day that does not exist.
pub(crate) fn epoch_seconds(text: &[u8]) -> Option<i64> {
    let b = text.trim_ascii();
    if b.len() < 19 {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let hour = digits(&b[11..13])?;
    let minute = digits(&b[14..16])?;
    let second = digits(&b[17..19])?;
    if b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let spaced = match b[10] {
        b'T' => false,
        b' ' => true,
        _ => return None,
    };
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut rest = &b[19..];
    if let Some((b'.', fraction)) = rest.split_first() {
        let n = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &fraction[n..];
    }
    let offset = match rest {
        [] if spaced => 0,
        [] => return None,
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), zone @ ..] => {
            let (h, m) = match zone {
                [h1, h2] => (digits(&[*h1, *h2])?, 0),
                [h1, h2, m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
                [h1, h2, b':', m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = i64::from(h * 3600 + m * 60);
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let days = days_from_civil(i64::from(year), month, day);
    Some(days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset)
}

/// A run of ASCII digits as a number.
#[inline]
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Days in a month of the proleptic Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
#[inline]
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn chrono_secs(text: &str) -> Option<i64> {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&Utc).timestamp())
    }

    #[test]
    fn the_forms_aws_writes_are_read_to_the_second() {
        let base = chrono_secs("2026-11-01T00:00:00Z");
        assert!(base.is_some());
        for text in [
            "2026-11-01T00:00:00Z",
            "2026-11-01T00:00:00.000Z",
            "2026-11-01 00:00:00",
            "2026-11-01 00:00:00.000",
            "2026-10-31T21:00:00-03:00",
            "2026-10-31T21:00:00-0300",
            "2026-11-01T05:30:00+05:30",
            "2026-11-01T00:00:00+00",
            " 2026-11-01T00:00:00Z ",
        ] {
            assert_eq!(epoch_seconds(text.as_bytes()), base, "{text}");
        }
        assert_eq!(
            epoch_seconds(b"2028-02-29T23:59:59Z"),
            chrono_secs("2028-02-29T23:59:59Z")
        );
        assert_eq!(
            epoch_seconds(b"1969-12-31T23:00:00Z"),
            chrono_secs("1969-12-31T23:00:00Z")
        );
    }

    #[test]
    fn anything_else_is_not_a_timestamp() {
        for text in [
            "",
            "2026-11-01",
            "2026-11-01T00:00:00",
            "01/11/2026 00:00",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-11-31T00:00:00Z",
            "2026-11-01T24:00:00Z",
            "2026-11-01T00:00:00.Z",
            "2026-11-01T00:00:00+5",
            "2026-11-01T00:00:00Zjunk",
            "2026-11-01X00:00:00Z",
            "２026-11-01T00:00:00Z",
        ] {
            assert_eq!(epoch_seconds(text.as_bytes()), None, "{text}");
        }
    }
}
