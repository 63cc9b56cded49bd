//! What names a charge line and what seals a run (DOMAIN §5: the same inputs give the same
//! charges, and a run hash shows it): a line's id is a UUIDv5 of what the line is, and the
//! run's hash is a SHA-256 of a canonical text of the period and its lines' money.

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::line::{ChargeLine, LineKind};
use super::period::Period;

/// The namespace line ids are derived in (a fixed, random UUID).
const LINE_IDS: Uuid = Uuid::from_u128(0x21bd_c0b8_6ef4_4035_a4f6_38e4_59f1_a57c);

/// The id of a line: UUIDv5 of `subscription/period/kind/plan/ordinal`, where the ordinal
/// counts lines of the same kind and plan (adjustments, in their order) from 0.
pub fn line_id(
    subscription: Uuid,
    period: Period,
    kind: LineKind,
    plan_code: &str,
    ordinal: usize,
) -> Uuid {
    let name = format!(
        "{subscription}/{period}/{}/{plan_code}/{ordinal}",
        kind_id(kind)
    );
    Uuid::new_v5(&LINE_IDS, name.as_bytes())
}

/// The snake_case id of a line's kind, as in storage and the hash.
pub fn kind_id(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Consumption => "consumption",
        LineKind::VipFee => "vip_fee",
        LineKind::BusinessHours => "business_hours",
        LineKind::AfterHours => "after_hours",
        LineKind::Adjustment => "adjustment",
        LineKind::TerminationDebt => "termination_debt",
    }
}

/// What the run's hash is taken of: the compact JSON array
/// `["nimbo-billing-run/1", "<period>", [[id, subscription_id, kind, plan_code, net, iva,
/// total], …]]`, one inner array per line in the run's order, ids as hyphenated lowercase
/// UUIDs, kind as [`kind_id`], amounts with exactly two decimals and a `.` (`-65.43`, zero
/// as `0.00`). Names and explanations are left out: their wording may improve without the
/// charges changing, and a lock freezes what is charged.
pub fn canonical<'a>(period: Period, lines: impl IntoIterator<Item = &'a ChargeLine>) -> String {
    let amount = |d: Decimal| {
        if d.is_zero() {
            "0.00".to_string()
        } else {
            format!("{d:.2}")
        }
    };
    let rows: Vec<[String; 7]> = lines
        .into_iter()
        .map(|l| {
            [
                l.id.to_string(),
                l.subscription_id.to_string(),
                kind_id(l.kind).to_string(),
                l.plan_code.clone(),
                amount(l.net),
                amount(l.iva),
                amount(l.total),
            ]
        })
        .collect();
    serde_json::to_string(&("nimbo-billing-run/1", period.to_string(), rows)).unwrap_or_default()
}

/// The run's hash: SHA-256, hex, of [`canonical`].
pub fn run_hash<'a>(period: Period, lines: impl IntoIterator<Item = &'a ChargeLine>) -> String {
    hex::encode(Sha256::digest(canonical(period, lines).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn the_canonical_text_is_the_period_and_each_line_s_money_with_two_decimals() {
        let period: Period = "2026-11"
            .parse()
            .unwrap_or(Period::of_day(Default::default()));
        let subscription = Uuid::from_u128(1);
        let amount = |s: &str| Decimal::from_str(s).unwrap_or_default();
        let line = ChargeLine {
            id: line_id(subscription, period, LineKind::VipFee, "aws-vip", 0),
            subscription_id: subscription,
            period,
            kind: LineKind::VipFee,
            plan_code: "aws-vip".into(),
            plan_name: "Tigo Cloud AWS Serv. Adm. VIP".into(),
            net: amount("75"),
            iva: amount("7.5"),
            total: amount("82.50"),
            explanation_es: "…".into(),
            explanation_en: "…".into(),
        };
        let id = line.id;
        assert_eq!(
            canonical(period, [&line]),
            format!(
                r#"["nimbo-billing-run/1","2026-11",[["{id}","00000000-0000-0000-0000-000000000001","vip_fee","aws-vip","75.00","7.50","82.50"]]]"#
            )
        );
        // The id is the same on every machine: UUIDv5 of what the line is.
        assert_eq!(
            id,
            line_id(subscription, period, LineKind::VipFee, "aws-vip", 0)
        );
        assert_ne!(
            id,
            line_id(subscription, period, LineKind::VipFee, "aws-vip", 1)
        );
        assert_eq!(run_hash(period, [&line]).len(), 64);
        assert_eq!(
            canonical(period, []),
            r#"["nimbo-billing-run/1","2026-11",[]]"#
        );
    }
}
