//! A generated AWS CUR 2.0 export (Data Exports, CSV): a subset of its columns in its
//! order, including the `product` map written as JSON (quoted, with doubled quotes) and
//! tax rows whose `product_servicename` is empty, as AWS writes them.

use std::io::{self, Write};

use nimbo_domain::billing::ChargeCategory;

use super::{Generated, Rng, SERVICES, Spec, Sums, account, days_in, draw, timestamp};

const HEADER: [&str; 25] = [
    "identity_line_item_id",
    "identity_time_interval",
    "bill_bill_type",
    "bill_billing_entity",
    "bill_billing_period_end_date",
    "bill_billing_period_start_date",
    "bill_invoice_id",
    "bill_payer_account_id",
    "line_item_availability_zone",
    "line_item_currency_code",
    "line_item_line_item_description",
    "line_item_line_item_type",
    "line_item_product_code",
    "line_item_resource_id",
    "line_item_unblended_cost",
    "line_item_unblended_rate",
    "line_item_usage_account_id",
    "line_item_usage_amount",
    "line_item_usage_end_date",
    "line_item_usage_start_date",
    "line_item_usage_type",
    "pricing_unit",
    "product",
    "product_region_code",
    "product_servicename",
];

/// Writes `spec.rows` rows of CUR 2.0.
pub(super) fn write<W: Write>(spec: &Spec, out: W) -> io::Result<Generated> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HEADER)?;
    let mut rng = Rng::new(spec.seed);
    let mut sums = Sums::new();
    let (year, month) = spec.month;
    let period_start = format!("{year:04}-{month:02}-01T00:00:00.000Z");
    let period_end = timestamp(spec, days_in(year, month) * 24, true);
    let payer = account(999_999);
    let accounts: Vec<String> = (0..spec.accounts).map(account).collect();
    let products: Vec<String> = SERVICES
        .iter()
        .map(|s| {
            format!(
                "{{\"product_name\":\"{}\",\"region\":\"sa-east-1\",\"servicecode\":\"{}\"}}",
                s.name, s.code
            )
        })
        .collect();
    for _ in 0..spec.rows {
        let d = draw(&mut rng, spec);
        let service = &SERVICES[d.service];
        let kind = match d.category {
            ChargeCategory::Usage if rng.below(20) == 0 => "DiscountedUsage",
            ChargeCategory::Usage => "Usage",
            ChargeCategory::Purchase => "SavingsPlanRecurringFee",
            ChargeCategory::Credit if rng.below(2) == 0 => "EdpDiscount",
            ChargeCategory::Credit => "Credit",
            ChargeCategory::Refund => "Refund",
            ChargeCategory::Tax => "Tax",
        };
        let usage = d.category == ChargeCategory::Usage;
        let id = format!("{:016x}{:016x}", rng.next(), rng.next());
        let start = timestamp(spec, d.hour, true);
        let end = timestamp(spec, d.hour + 1, true);
        let interval = format!("{start}/{end}");
        let resource = if usage {
            format!(
                "arn:aws:ec2:sa-east-1:{}:instance/i-0{:012x}",
                account(d.account),
                rng.next() & 0xffff_ffff_ffff
            )
        } else {
            String::new()
        };
        let quantity = format!("{}.{:03}", d.quantity / 1000, d.quantity % 1000);
        let description = if usage { service.description } else { kind };
        csv.write_record([
            id.as_str(),
            interval.as_str(),
            "Anniversary",
            "AWS",
            period_end.as_str(),
            period_start.as_str(),
            "2026311415",
            payer.as_str(),
            if usage { "sa-east-1a" } else { "" },
            "USD",
            description,
            kind,
            service.code,
            resource.as_str(),
            d.cost_text.as_str(),
            if usage { "0.0544" } else { "" },
            accounts.get(d.account as usize).map_or("", String::as_str),
            quantity.as_str(),
            end.as_str(),
            start.as_str(),
            service.usage_type,
            service.unit,
            products.get(d.service).map_or("", String::as_str),
            "sa-east-1",
            // AWS leaves the service name of tax rows empty: the product code names it.
            if d.category == ChargeCategory::Tax {
                ""
            } else {
                service.name
            },
        ])?;
        sums.add(&d);
    }
    csv.flush()?;
    Ok(sums.generated())
}
