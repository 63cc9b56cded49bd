//! A generated FOCUS 1.x export: the columns of AWS's FOCUS 1.0 export a bill is read
//! from (14 of its 50-odd, about 200 bytes a row), in its order.

use std::io::{self, Write};

use nimbo_domain::billing::ChargeCategory;

use super::{Generated, Rng, SERVICES, Spec, Sums, account, draw, timestamp};

const HEADER: [&str; 14] = [
    "BillingAccountId",
    "BillingPeriodStart",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "ChargePeriodEnd",
    "ChargePeriodStart",
    "ConsumedQuantity",
    "RegionId",
    "ResourceId",
    "ServiceName",
    "SubAccountId",
    "BilledCost",
    "BillingCurrency",
];

/// Writes `spec.rows` rows of FOCUS.
pub(super) fn write<W: Write>(spec: &Spec, out: W) -> io::Result<Generated> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HEADER)?;
    let mut rng = Rng::new(spec.seed);
    let mut sums = Sums::new();
    let (year, month) = spec.month;
    let period_start = format!("{year:04}-{month:02}-01T00:00:00Z");
    let payer = account(999_999);
    let accounts: Vec<String> = (0..spec.accounts).map(account).collect();
    for _ in 0..spec.rows {
        let d = draw(&mut rng, spec);
        let service = &SERVICES[d.service];
        let (category, description) = match d.category {
            ChargeCategory::Usage => ("Usage", service.description),
            ChargeCategory::Purchase => ("Purchase", "Savings Plan, 1 year, No Upfront, Compute"),
            ChargeCategory::Credit => ("Credit", "AWS Activate credit, Paraguay, 2026"),
            ChargeCategory::Refund => ("Adjustment", "Refund of duplicated charge, case 17345"),
            ChargeCategory::Tax => ("Tax", "Tax for product code, South America"),
        };
        let resource = if d.category == ChargeCategory::Usage {
            format!("i-0{:012x}", rng.next() & 0xffff_ffff_ffff)
        } else {
            String::new()
        };
        let quantity = format!("{}.{:03}", d.quantity / 1000, d.quantity % 1000);
        let account_index = d.account as usize;
        csv.write_record([
            payer.as_str(),
            period_start.as_str(),
            category,
            "",
            description,
            timestamp(spec, d.hour + 1, false).as_str(),
            timestamp(spec, d.hour, false).as_str(),
            quantity.as_str(),
            "sa-east-1",
            resource.as_str(),
            service.name,
            accounts.get(account_index).map_or("", String::as_str),
            d.cost_text.as_str(),
            "USD",
        ])?;
        sums.add(&d);
    }
    csv.flush()?;
    Ok(sums.generated())
}
