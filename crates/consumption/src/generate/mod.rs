//! Real-shaped AWS exports for tests and benchmarks: FOCUS 1.x and CUR 2.0 files of N rows
//! over M accounts, hourly charges of a calendar month on the services a Paraguayan
//! customer uses, with credits, discounts, refunds, taxes, amounts in scientific notation
//! and descriptions with commas (so quoted), plain or gzip, the same bytes for the same
//! seed. [`write()`] returns the sum it wrote, so a test or a bench can check the import
//! against it. [`handmade`] writes small files row by row, malformed on purpose.

pub mod handmade;

mod cur;
mod focus;

use std::io::{self, Write};

use flate2::Compression;
use flate2::write::GzEncoder;
use nimbo_domain::billing::{ChargeCategory, ExportFormat};
use rust_decimal::Decimal;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// FOCUS or CUR 2.0.
    pub format: ExportFormat,
    /// How many rows (header excluded).
    pub rows: u64,
    /// How many AWS accounts ([`account`] 0 to M − 1).
    pub accounts: u32,
    /// The calendar month the charges start in: (year, month).
    pub month: (i32, u32),
    /// The random seed: the same spec gives the same bytes.
    pub seed: u64,
    /// Gzip the file (as AWS delivers CUR 2.0).
    pub gzip: bool,
}

impl Spec {
    /// A FOCUS file of November 2026, plain.
    pub fn focus(rows: u64, accounts: u32) -> Spec {
        Spec {
            format: ExportFormat::Focus,
            rows,
            accounts,
            month: (2026, 11),
            seed: 15,
            gzip: false,
        }
    }

    /// A CUR 2.0 file of November 2026, gzip.
    pub fn cur2(rows: u64, accounts: u32) -> Spec {
        Spec {
            format: ExportFormat::Cur2,
            gzip: true,
            ..Spec::focus(rows, accounts)
        }
    }
}

/// What a generated file holds, for checking an import of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Rows written.
    pub rows: u64,
    /// The sum of every cost written, exactly.
    pub total: Decimal,
    /// The sum per category.
    pub by_category: Vec<(ChargeCategory, Decimal)>,
}

/// The AWS account id number `i` of generated files (12 digits).
pub fn account(i: u32) -> String {
    format!("{:012}", 310_000_000_000u64 + u64::from(i) * 7_919)
}

/// Writes a generated export to `out`.
pub fn write<W: Write>(spec: &Spec, out: W) -> io::Result<Generated> {
    if spec.gzip {
        let mut gz = GzEncoder::new(out, Compression::default());
        let generated = write_text(spec, &mut gz)?;
        gz.finish()?;
        Ok(generated)
    } else {
        write_text(spec, out)
    }
}

fn write_text<W: Write>(spec: &Spec, out: W) -> io::Result<Generated> {
    let buffered = io::BufWriter::with_capacity(1 << 16, out);
    match spec.format {
        ExportFormat::Focus => focus::write(spec, buffered),
        ExportFormat::Cur2 => cur::write(spec, buffered),
    }
}

/// A small deterministic generator (SplitMix64): no dependency, the same numbers on every
/// machine.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// A service as the exports name it: FOCUS's and CUR's `ServiceName`/`product_servicename`,
/// CUR's product code, a usage type and the unit and rate its description quotes.
pub(crate) struct Service {
    pub(crate) name: &'static str,
    pub(crate) code: &'static str,
    pub(crate) usage_type: &'static str,
    pub(crate) unit: &'static str,
    pub(crate) description: &'static str,
}

/// The services of generated files, the first ones most used.
pub(crate) const SERVICES: [Service; 14] = [
    Service {
        name: "Amazon Elastic Compute Cloud",
        code: "AmazonEC2",
        usage_type: "SAE1-BoxUsage:t3.medium",
        unit: "Hrs",
        description: "$0.0544 per On Demand Linux t3.medium Instance Hour",
    },
    Service {
        name: "Amazon Simple Storage Service",
        code: "AmazonS3",
        usage_type: "SAE1-TimedStorage-ByteHrs",
        unit: "GB-Mo",
        description: "$0.0405 per GB - first 50 TB / month of storage used, sa-east-1",
    },
    Service {
        name: "Amazon Relational Database Service",
        code: "AmazonRDS",
        usage_type: "SAE1-InstanceUsage:db.t3.medium",
        unit: "Hrs",
        description: "$0.142 per RDS db.t3.medium instance hour (or partial hour) running PostgreSQL",
    },
    Service {
        name: "AWS Lambda",
        code: "AWSLambda",
        usage_type: "SAE1-Lambda-GB-Second",
        unit: "Lambda-GB-Second",
        description: "AWS Lambda - Total Compute - South America (Sao Paulo)",
    },
    Service {
        name: "Amazon CloudFront",
        code: "AmazonCloudFront",
        usage_type: "SA-DataTransfer-Out-Bytes",
        unit: "GB",
        description: "$0.110 per GB - first 10 TB / month data transfer out, South America",
    },
    Service {
        name: "Amazon Virtual Private Cloud",
        code: "AmazonVPC",
        usage_type: "SAE1-PublicIPv4:InUseAddress",
        unit: "Hrs",
        description: "$0.005 per In-use public IPv4 address per hour",
    },
    Service {
        name: "AmazonCloudWatch",
        code: "AmazonCloudWatch",
        usage_type: "SAE1-CW:MetricMonitorUsage",
        unit: "Metrics",
        description: "$0.00 per metric-month - first 10,000 metrics",
    },
    Service {
        name: "Amazon DynamoDB",
        code: "AmazonDynamoDB",
        usage_type: "SAE1-ReadRequestUnits",
        unit: "ReadRequestUnits",
        description: "$0.0000002 per ReadRequestUnit, on-demand",
    },
    Service {
        name: "Elastic Load Balancing",
        code: "AWSELB",
        usage_type: "SAE1-LoadBalancerUsage",
        unit: "Hrs",
        description: "$0.034 per Application LoadBalancer-hour (or partial hour)",
    },
    Service {
        name: "AWS Key Management Service",
        code: "awskms",
        usage_type: "sa-east-1-KMS-Requests",
        unit: "Requests",
        description: "$0.03 per 10,000 requests",
    },
    Service {
        name: "Amazon Elastic Container Service",
        code: "AmazonECS",
        usage_type: "SAE1-Fargate-vCPU-Hours:perCPU",
        unit: "hours",
        description: "AWS Fargate - vCPU - South America (Sao Paulo)",
    },
    Service {
        name: "Amazon Route 53",
        code: "AmazonRoute53",
        usage_type: "HostedZone",
        unit: "HostedZone",
        description: "$0.50 per Hosted Zone for the first 25 Hosted Zones",
    },
    Service {
        name: "AWS Backup",
        code: "AWSBackup",
        usage_type: "SAE1-WarmStorage-ByteHrs-EBS",
        unit: "GB-Mo",
        description: "$0.05 per GB-Month of EBS snapshot backup storage, warm",
    },
    Service {
        name: "AWS Support (Business)",
        code: "AWSSupportBusiness",
        usage_type: "Dollar",
        unit: "Dollar",
        description: "AWS Support (Business), 10% of monthly usage, minimum $100",
    },
];

/// One generated charge, before either format writes it.
pub(crate) struct Draw {
    pub(crate) account: u32,
    pub(crate) service: usize,
    pub(crate) category: ChargeCategory,
    /// Hours since the month's start.
    pub(crate) hour: u32,
    /// The cost as written and as summed.
    pub(crate) cost: Decimal,
    pub(crate) cost_text: String,
    /// Usage quantity (thousandths).
    pub(crate) quantity: u64,
}

/// Days in a calendar month.
pub(crate) fn days_in(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The next charge: mostly usage, some purchases, credits, refunds and taxes; one amount
/// in fifty written in scientific notation, as AWS writes tiny amounts.
pub(crate) fn draw(rng: &mut Rng, spec: &Spec) -> Draw {
    let hours = days_in(spec.month.0, spec.month.1) * 24;
    let account = rng.below(u64::from(spec.accounts.max(1))) as u32;
    // Skewed towards the first services, as real bills are.
    let service = (rng.below(SERVICES.len() as u64) * rng.below(SERVICES.len() as u64)
        / SERVICES.len() as u64) as usize;
    let roll = rng.below(1000);
    let category = match roll {
        0..=939 => ChargeCategory::Usage,
        940..=949 => ChargeCategory::Purchase,
        950..=979 => ChargeCategory::Credit,
        980..=984 => ChargeCategory::Refund,
        _ => ChargeCategory::Tax,
    };
    let hour = rng.below(u64::from(hours)) as u32;
    let (cost, cost_text) = if category == ChargeCategory::Usage && rng.below(50) == 0 {
        // 1.5E-7 style: one digit, a point, one digit, a negative exponent.
        let mantissa = 10 + rng.below(90) as i64;
        let exponent = 5 + rng.below(4) as u32;
        (
            Decimal::new(mantissa, exponent + 1),
            format!("{}.{}E-{}", mantissa / 10, mantissa % 10, exponent),
        )
    } else {
        let magnitude = match category {
            ChargeCategory::Usage => rng.below(2_000_000_000),
            ChargeCategory::Purchase => rng.below(500_000_000_000),
            ChargeCategory::Tax => rng.below(50_000_000_000),
            ChargeCategory::Credit | ChargeCategory::Refund => rng.below(20_000_000_000),
        } as i64;
        let signed = match category {
            ChargeCategory::Credit | ChargeCategory::Refund => -magnitude,
            _ => magnitude,
        };
        let cost = Decimal::new(signed, 10);
        (cost, cost.to_string())
    };
    Draw {
        account,
        service,
        category,
        hour,
        cost,
        cost_text,
        quantity: rng.below(10_000_000),
    }
}

/// Running sums of what was written.
pub(crate) struct Sums {
    rows: u64,
    by_category: [Decimal; 5],
}

impl Sums {
    pub(crate) fn new() -> Sums {
        Sums {
            rows: 0,
            by_category: [Decimal::ZERO; 5],
        }
    }

    pub(crate) fn add(&mut self, draw: &Draw) {
        self.rows += 1;
        self.by_category[category_index(draw.category)] += draw.cost;
    }

    pub(crate) fn generated(self) -> Generated {
        let categories = [
            ChargeCategory::Usage,
            ChargeCategory::Purchase,
            ChargeCategory::Credit,
            ChargeCategory::Refund,
            ChargeCategory::Tax,
        ];
        Generated {
            rows: self.rows,
            total: self.by_category.iter().copied().sum(),
            by_category: categories
                .iter()
                .map(|&c| (c, self.by_category[category_index(c)]))
                .collect(),
        }
    }
}

fn category_index(category: ChargeCategory) -> usize {
    match category {
        ChargeCategory::Usage => 0,
        ChargeCategory::Purchase => 1,
        ChargeCategory::Credit => 2,
        ChargeCategory::Refund => 3,
        ChargeCategory::Tax => 4,
    }
}

/// `2026-11-03T07:00:00Z` (`millis`: `2026-11-03T07:00:00.000Z`), `hour` hours after the
/// month's start.
pub(crate) fn timestamp(spec: &Spec, hour: u32, millis: bool) -> String {
    let (year, month) = spec.month;
    let (day, hour) = (hour / 24 + 1, hour % 24);
    let (year, month, day) = if day > days_in(year, month) {
        // The hour after the month's last: the next month's first day.
        if month == 12 {
            (year + 1, 1, 1)
        } else {
            (year, month + 1, 1)
        }
    } else {
        (year, month, day)
    };
    if millis {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:00:00.000Z")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:00:00Z")
    }
}
