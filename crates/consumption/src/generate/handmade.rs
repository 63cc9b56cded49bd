//! Small exports written row by row, for tests: any value may be malformed on purpose,
//! and the file's shape chosen (a BOM, CRLF line ends, a last line cut short, gzip).

use std::io::{self, Write};

use flate2::Compression;
use flate2::write::GzEncoder;

/// One row of a hand-made export, each value written as given (so it can be wrong).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// The AWS account (`SubAccountId` / `line_item_usage_account_id`).
    pub account: String,
    /// The charge's start.
    pub start: String,
    /// The charge's end.
    pub end: String,
    /// FOCUS `ChargeCategory` / CUR `line_item_line_item_type`.
    pub category: String,
    /// The service.
    pub service: String,
    /// The cost as written.
    pub cost: String,
    /// The currency.
    pub currency: String,
    /// A description, often with commas (so quoted).
    pub description: String,
}

impl Charge {
    /// An hour of EC2 usage of `account` from `start`, costing `cost` USD.
    pub fn usage(account: &str, start: &str, cost: &str) -> Charge {
        Charge {
            account: account.to_string(),
            start: start.to_string(),
            end: start.to_string(),
            category: "Usage".to_string(),
            service: "Amazon Elastic Compute Cloud".to_string(),
            cost: cost.to_string(),
            currency: "USD".to_string(),
            description: "$0.0544 per On Demand Linux t3.medium Instance Hour, sa-east-1"
                .to_string(),
        }
    }

    /// The same charge in another category.
    pub fn category(mut self, category: &str) -> Charge {
        self.category = category.to_string();
        self
    }

    /// The same charge of another service.
    pub fn service(mut self, service: &str) -> Charge {
        self.service = service.to_string();
        self
    }

    /// The same charge in another currency.
    pub fn currency(mut self, currency: &str) -> Charge {
        self.currency = currency.to_string();
        self
    }

    /// The same charge with another end.
    pub fn end(mut self, end: &str) -> Charge {
        self.end = end.to_string();
        self
    }
}

/// How a hand-made file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    /// Starts with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Lines end with CRLF.
    pub crlf: bool,
    /// The last line keeps only its first four fields and has no line end, as a cut download.
    pub truncate_last: bool,
    /// Gzip.
    pub gzip: bool,
}

/// The FOCUS columns of hand-made files.
pub const FOCUS_HEADER: [&str; 8] = [
    "SubAccountId",
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "ChargeCategory",
    "ChargeDescription",
    "ServiceName",
    "BilledCost",
    "BillingCurrency",
];

/// The CUR 2.0 columns of hand-made files.
pub const CUR_HEADER: [&str; 8] = [
    "line_item_usage_account_id",
    "line_item_usage_start_date",
    "line_item_usage_end_date",
    "line_item_line_item_type",
    "line_item_line_item_description",
    "product_servicename",
    "line_item_unblended_cost",
    "line_item_currency_code",
];

/// A FOCUS file of these charges.
pub fn focus(charges: &[Charge], shape: Shape) -> io::Result<Vec<u8>> {
    file(&FOCUS_HEADER, charges, shape)
}

/// A CUR 2.0 file of these charges.
pub fn cur2(charges: &[Charge], shape: Shape) -> io::Result<Vec<u8>> {
    file(&CUR_HEADER, charges, shape)
}

/// A file with any header (a wrong one, for instance) and these charges in the columns'
/// order of [`FOCUS_HEADER`].
pub fn file(header: &[&str], charges: &[Charge], shape: Shape) -> io::Result<Vec<u8>> {
    let mut text = Vec::new();
    if shape.bom {
        text.extend_from_slice(b"\xEF\xBB\xBF");
    }
    {
        let terminator = if shape.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let mut csv = csv::WriterBuilder::new()
            .terminator(terminator)
            .from_writer(&mut text);
        csv.write_record(header)?;
        for (i, c) in charges.iter().enumerate() {
            let fields = [
                c.account.as_str(),
                c.start.as_str(),
                c.end.as_str(),
                c.category.as_str(),
                c.description.as_str(),
                c.service.as_str(),
                c.cost.as_str(),
                c.currency.as_str(),
            ];
            if shape.truncate_last && i + 1 == charges.len() {
                csv.flush()?;
                drop(csv);
                let cut = fields[..4].join(",");
                text.extend_from_slice(cut.as_bytes());
                break;
            }
            csv.write_record(fields)?;
        }
    }
    if shape.gzip {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&text)?;
        gz.finish()
    } else {
        Ok(text)
    }
}
