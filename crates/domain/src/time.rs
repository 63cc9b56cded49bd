//! Time as the users live it: instants are UTC; days are days in Asunción.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::America::Asuncion;

/// The calendar day in Asunción at an instant.
pub fn today_in_asuncion(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Asuncion).date_naive()
}

/// An instant shown in Asunción's time, `dd/mm/aaaa hh:mm`.
pub fn local_display(at: DateTime<Utc>) -> String {
    at.with_timezone(&Asuncion)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// The symbols of order and document numbers: Crockford's base 32 without its 0 and 1, so
/// that no symbol can be read as another (no 0/O, 1/I/L) when a number is read on the
/// phone. In ASCII order, so that numbers of one width sort as their sequence does.
pub const NUMBER_ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many symbols a number's sequence takes at least (30⁴ = 810,000 orders per device).
const SEQUENCE_WIDTH: usize = 4;

/// `value` written in [`NUMBER_ALPHABET`], at least `width` symbols (padded with its zero).
fn in_alphabet(mut value: u64, width: usize) -> String {
    let base = NUMBER_ALPHABET.len() as u64;
    let mut symbols = Vec::new();
    while value > 0 || symbols.len() < width {
        symbols.push(NUMBER_ALPHABET[(value % base) as usize]);
        value /= base;
    }
    symbols.iter().rev().map(|&b| char::from(b)).collect()
}

/// A device's short code, 4 symbols of [`NUMBER_ALPHABET`] from its id, used in order
/// numbers.
pub fn device_code(device: uuid::Uuid) -> String {
    let b = device.as_bytes();
    let bits = (u64::from(b[13]) << 16) | (u64::from(b[14]) << 8) | u64::from(b[15]);
    let base = NUMBER_ALPHABET.len() as u64;
    in_alphabet(bits % base.pow(4), 4)
}

/// A new order's number: its device's code and the device's own sequence, both in
/// [`NUMBER_ALPHABET`], e.g. `K3F7-224X` (the 87th order of device `K3F7`). The code is
/// derived from the device's id each time, not read from the device's stored code, which
/// older versions wrote with 0 and 1. Numbers given before (`3K19-000087`) stay as they
/// were: a number is only ever compared whole, never parsed.
pub fn order_number(device: uuid::Uuid, seq: i64) -> String {
    format!(
        "{}-{}",
        device_code(device),
        in_alphabet(u64::try_from(seq).unwrap_or(0), SEQUENCE_WIDTH)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn asuncion_is_three_hours_behind_utc_all_year() {
        let january = Utc.with_ymd_and_hms(2026, 1, 15, 2, 0, 0).unwrap();
        assert_eq!(
            today_in_asuncion(january),
            NaiveDate::from_ymd_opt(2026, 1, 14).unwrap()
        );
        let july = Utc.with_ymd_and_hms(2026, 7, 15, 2, 59, 0).unwrap();
        assert_eq!(local_display(july), "14/07/2026 23:59");
    }

    fn readable(text: &str) -> bool {
        text.bytes()
            .all(|b| b == b'-' || NUMBER_ALPHABET.contains(&b))
    }

    #[test]
    fn numbers_have_no_look_alike_symbols() {
        for forbidden in *b"01OIL" {
            assert!(
                !NUMBER_ALPHABET.contains(&forbidden),
                "{}",
                char::from(forbidden)
            );
        }
        let mut previous = String::new();
        for seq in 1..5_000 {
            let device = uuid::Uuid::from_u128(u128::from(seq as u64) * 7_919);
            let number = order_number(device, seq);
            assert!(readable(&number), "{number}");
            assert_eq!(number.len(), 9, "{number}");
            // One device's numbers sort as its sequence does.
            let own = order_number(uuid::Uuid::nil(), seq);
            assert!(own > previous, "{own} after {previous}");
            previous = own;
        }
    }

    #[test]
    fn the_sequence_is_written_in_base_30() {
        let device = uuid::Uuid::nil();
        assert_eq!(order_number(device, 1), "2222-2223");
        assert_eq!(order_number(device, 87), "2222-224X");
        assert_eq!(order_number(device, 30), "2222-2232");
        assert_eq!(order_number(device, 810_000), "2222-32222");
    }
}
