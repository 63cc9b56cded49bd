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

/// A device's short code, 4 characters of Crockford base32 from its id, used in order numbers.
pub fn device_code(device: uuid::Uuid) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let b = device.as_bytes();
    let bits = (u32::from(b[13]) << 16) | (u32::from(b[14]) << 8) | u32::from(b[15]);
    (0..4)
        .map(|i| char::from(ALPHABET[((bits >> (15 - 5 * i)) & 31) as usize]))
        .collect()
}

/// An order's number: the device's code and its own sequence, e.g. `7K3F-000123`.
pub fn order_number(device_code: &str, seq: i64) -> String {
    format!("{device_code}-{seq:06}")
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
}
