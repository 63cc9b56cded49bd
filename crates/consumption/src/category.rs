//! How each format's charge categories map to Nimbo's five ([`ChargeCategory`]). The
//! mapping is a table, not a guess: a value not in it is a problem of the row.
//!
//! | FOCUS `ChargeCategory` | CUR 2.0 `line_item_line_item_type` | Nimbo |
//! |---|---|---|
//! | `Usage` | `Usage`, `DiscountedUsage`, `SavingsPlanCoveredUsage`, `SavingsPlanNegation` | usage |
//! | `Purchase` | `Fee`, `RIFee`, `SavingsPlanRecurringFee`, `SavingsPlanUpfrontFee` | purchase |
//! | `Credit` | `Credit`, `BundledDiscount`, `Discount`, `EdpDiscount`, `PrivateRateDiscount`, `DistributorDiscount`, `SppDiscount`, `RiVolumeDiscount` | credit |
//! | `Adjustment` | `Refund` | refund |
//! | `Tax` | `Tax` | tax |
//!
//! `SavingsPlanNegation` is usage because it cancels the on-demand cost of usage a Savings
//! Plan covered (the plan's own fee is the purchase); AWS's discounts are credits, kept
//! apart from usage as DOMAIN §5 asks. FOCUS's `Adjustment` (amounts that correct earlier
//! charges, such as refunds) is Nimbo's refund. FOCUS's `ChargeClass` may be empty or
//! `Correction`: a correction keeps its category and lands, like every charge, in the
//! period of its `ChargePeriodStart` — a locked one, usually, where it is compared with
//! what was billed. Values are compared without regard to ASCII case.

use nimbo_domain::billing::{ChargeCategory, ExportFormat};

/// The category of a row's category value, or `None` when the format has no such value.
pub(crate) fn category(format: ExportFormat, value: &[u8]) -> Option<ChargeCategory> {
    let value = value.trim_ascii();
    let table: &[(&str, ChargeCategory)] = match format {
        ExportFormat::Focus => &FOCUS,
        ExportFormat::Cur2 => &CUR2,
    };
    table
        .iter()
        .find(|(name, _)| name.as_bytes().eq_ignore_ascii_case(value))
        .map(|&(_, category)| category)
}

/// Whether a FOCUS `ChargeClass` is one Nimbo knows (empty or `Correction`).
pub(crate) fn known_charge_class(value: &[u8]) -> bool {
    let value = value.trim_ascii();
    value.is_empty() || value.eq_ignore_ascii_case(b"Correction")
}

const FOCUS: [(&str, ChargeCategory); 5] = [
    ("Usage", ChargeCategory::Usage),
    ("Purchase", ChargeCategory::Purchase),
    ("Credit", ChargeCategory::Credit),
    ("Adjustment", ChargeCategory::Refund),
    ("Tax", ChargeCategory::Tax),
];

const CUR2: [(&str, ChargeCategory); 18] = [
    ("Usage", ChargeCategory::Usage),
    ("DiscountedUsage", ChargeCategory::Usage),
    ("SavingsPlanCoveredUsage", ChargeCategory::Usage),
    ("SavingsPlanNegation", ChargeCategory::Usage),
    ("Fee", ChargeCategory::Purchase),
    ("RIFee", ChargeCategory::Purchase),
    ("SavingsPlanRecurringFee", ChargeCategory::Purchase),
    ("SavingsPlanUpfrontFee", ChargeCategory::Purchase),
    ("Credit", ChargeCategory::Credit),
    ("BundledDiscount", ChargeCategory::Credit),
    ("Discount", ChargeCategory::Credit),
    ("EdpDiscount", ChargeCategory::Credit),
    ("PrivateRateDiscount", ChargeCategory::Credit),
    ("DistributorDiscount", ChargeCategory::Credit),
    ("SppDiscount", ChargeCategory::Credit),
    ("RiVolumeDiscount", ChargeCategory::Credit),
    ("Refund", ChargeCategory::Refund),
    ("Tax", ChargeCategory::Tax),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_maps_its_own_words_and_nothing_else() {
        let f = ExportFormat::Focus;
        let c = ExportFormat::Cur2;
        assert_eq!(category(f, b"Usage"), Some(ChargeCategory::Usage));
        assert_eq!(category(f, b"Adjustment"), Some(ChargeCategory::Refund));
        assert_eq!(category(f, b"tax"), Some(ChargeCategory::Tax));
        assert_eq!(category(f, b"Refund"), None);
        assert_eq!(category(c, b"Refund"), Some(ChargeCategory::Refund));
        assert_eq!(category(c, b"EdpDiscount"), Some(ChargeCategory::Credit));
        assert_eq!(
            category(c, b"SavingsPlanNegation"),
            Some(ChargeCategory::Usage)
        );
        assert_eq!(category(c, b"RIFee"), Some(ChargeCategory::Purchase));
        assert_eq!(category(c, b"Adjustment"), None);
        assert_eq!(category(c, b""), None);
        assert!(known_charge_class(b"Correction"));
        assert!(known_charge_class(b""));
        assert!(!known_charge_class(b"Rebill"));
    }
}
