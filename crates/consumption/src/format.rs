//! Which export a header is, and where the columns Nimbo reads sit in it. Column names
//! are compared trimmed and without regard to ASCII case; the order does not matter and
//! other columns are ignored.

use nimbo_domain::billing::ExportFormat;

/// A column the format needs, with the names it may have (the first one preferred).
struct Needed {
    names: &'static [&'static str],
}

/// The FOCUS 1.x columns Nimbo reads, in [`Columns`]' order.
const FOCUS: [Needed; 7] = [
    Needed {
        names: &["BilledCost"],
    },
    Needed {
        names: &["BillingCurrency"],
    },
    Needed {
        names: &["ChargePeriodStart"],
    },
    Needed {
        names: &["ChargePeriodEnd"],
    },
    Needed {
        names: &["ChargeCategory"],
    },
    Needed {
        names: &["ServiceName"],
    },
    // The member account that used the service; the payer account when the export has
    // no sub-accounts.
    Needed {
        names: &["SubAccountId", "BillingAccountId"],
    },
];

/// The AWS CUR 2.0 columns Nimbo reads, in [`Columns`]' order.
const CUR2: [Needed; 7] = [
    Needed {
        names: &["line_item_unblended_cost"],
    },
    Needed {
        names: &["line_item_currency_code"],
    },
    Needed {
        names: &["line_item_usage_start_date"],
    },
    Needed {
        names: &["line_item_usage_end_date"],
    },
    Needed {
        names: &["line_item_line_item_type"],
    },
    Needed {
        names: &["product_servicename", "line_item_product_code"],
    },
    Needed {
        names: &["line_item_usage_account_id"],
    },
];

/// Where the columns Nimbo reads are in a recognised header.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub(crate) format: ExportFormat,
    /// The header's names, as written (trimmed).
    pub(crate) names: Vec<String>,
    pub(crate) cost: usize,
    pub(crate) currency: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) category: usize,
    pub(crate) service: usize,
    /// CUR's product code, read when `product_servicename` is empty on a row.
    pub(crate) service_fallback: Option<usize>,
    pub(crate) account: usize,
    /// FOCUS `BillingPeriodStart` or CUR `bill_billing_period_start_date`: the month the
    /// row was billed in, when the export says it.
    pub(crate) billing_period_start: Option<usize>,
    /// FOCUS `ChargeClass` (empty or `Correction`).
    pub(crate) charge_class: Option<usize>,
}

/// A header that is neither format: the format it came closest to (if any) and the
/// columns it lacks, each written with its alternatives (`SubAccountId o BillingAccountId`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unrecognised {
    pub(crate) closest: Option<ExportFormat>,
    pub(crate) missing: Vec<String>,
}

/// Recognises a header.
pub(crate) fn recognise(header: Vec<String>) -> Result<Columns, Unrecognised> {
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let locate = |needed: &[Needed]| -> Vec<Option<usize>> {
        needed
            .iter()
            .map(|n| n.names.iter().find_map(|name| find(name)))
            .collect()
    };
    let focus = locate(&FOCUS);
    let cur = locate(&CUR2);
    let present = |found: &[Option<usize>]| found.iter().filter(|f| f.is_some()).count();
    let (format, needed, found) = if present(&focus) == 0 && present(&cur) == 0 {
        return Err(Unrecognised {
            closest: None,
            missing: Vec::new(),
        });
    } else if present(&focus) >= present(&cur) {
        (ExportFormat::Focus, &FOCUS, focus)
    } else {
        (ExportFormat::Cur2, &CUR2, cur)
    };
    let missing: Vec<String> = needed
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(n, _)| n.names.join(" o "))
        .collect();
    let [
        Some(cost),
        Some(currency),
        Some(start),
        Some(end),
        Some(category),
        Some(service),
        Some(account),
    ] = found[..]
    else {
        return Err(Unrecognised {
            closest: Some(format),
            missing,
        });
    };
    let (service_fallback, billing_period_start, charge_class) = match format {
        ExportFormat::Focus => (None, find("BillingPeriodStart"), find("ChargeClass")),
        ExportFormat::Cur2 => (
            find("line_item_product_code").filter(|&i| i != service),
            find("bill_billing_period_start_date"),
            None,
        ),
    };
    // FOCUS: when both account columns exist, SubAccountId is the one that used the
    // service (the `names` order already prefers it).
    Ok(Columns {
        format,
        names: header.into_iter().map(|h| h.trim().to_string()).collect(),
        cost,
        currency,
        start,
        end,
        category,
        service,
        service_fallback,
        account,
        billing_period_start,
        charge_class,
    })
}

/// The columns a format needs, for messages: `BilledCost, BillingCurrency, …`.
pub(crate) fn needed_columns(format: ExportFormat) -> String {
    let needed: &[Needed] = match format {
        ExportFormat::Focus => &FOCUS,
        ExportFormat::Cur2 => &CUR2,
    };
    needed
        .iter()
        .map(|n| n.names.join(" o "))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Vec<String> {
        text.split(',').map(str::to_string).collect()
    }

    #[test]
    fn a_focus_header_is_recognised_whatever_its_order_and_extra_columns() {
        let columns = recognise(header(
            "BillingAccountId,SubAccountId,ServiceName,ChargeCategory,Tags,BilledCost,\
             BillingCurrency,ChargePeriodEnd,ChargePeriodStart,BillingPeriodStart",
        ));
        let Ok(c) = columns else {
            panic!("not recognised: {columns:?}");
        };
        assert_eq!(c.format, ExportFormat::Focus);
        assert_eq!((c.account, c.service, c.cost, c.start), (1, 2, 5, 8));
        assert_eq!(c.billing_period_start, Some(9));
    }

    #[test]
    fn a_cur_header_without_servicename_reads_the_product_code() {
        let columns = recognise(header(
            "line_item_usage_account_id,line_item_usage_start_date,line_item_usage_end_date,\
             line_item_line_item_type,line_item_unblended_cost,line_item_currency_code,\
             line_item_product_code",
        ));
        let Ok(c) = columns else {
            panic!("not recognised: {columns:?}");
        };
        assert_eq!(c.format, ExportFormat::Cur2);
        assert_eq!((c.service, c.service_fallback), (6, None));
    }

    #[test]
    fn a_header_missing_columns_names_them() {
        let missing = recognise(header(
            "BilledCost,BillingCurrency,ChargePeriodStart,ChargeCategory,ServiceName",
        ))
        .err();
        assert_eq!(
            missing,
            Some(Unrecognised {
                closest: Some(ExportFormat::Focus),
                missing: vec![
                    "ChargePeriodEnd".to_string(),
                    "SubAccountId o BillingAccountId".to_string()
                ],
            })
        );
    }
}
