//! The shapes a file comes in: quoted commas, a BOM, CRLF, scientific notation, credits,
//! gzip, and its hash.

use nimbo_consumption::generate::handmade::{self, Charge, Shape};
use nimbo_consumption::{ImportError, ProblemKind, import_id};
use nimbo_domain::billing::{ChargeCategory, ExportFormat};
use sha2::{Digest, Sha256};

use crate::support::*;

fn november() -> Vec<Charge> {
    vec![
        Charge::usage(BOSCO, "2026-11-20T10:00:00Z", "12.3456789"),
        Charge::usage(BOSCO, "2026-11-20T11:00:00.000Z", "1.5E-7"),
        Charge::usage(BOSCO, "2026-11-21 08:00:00", "0.25").service("AWS Lambda"),
        Charge::usage(BOSCO, "2026-11-21T05:00:00-03:00", "-5.00").category("Credit"),
        Charge::usage(FERRETERIA, "2026-11-22T12:00:00Z", "100").category("Tax"),
    ]
}

#[test]
fn sums_per_subscription_service_and_category_are_what_a_hand_adds() -> Outcome {
    let summary = import(&handmade::focus(&november(), Shape::default())?)?;
    assert_eq!(summary.format, ExportFormat::Focus);
    assert_eq!(
        (
            summary.rows,
            summary.rows_billed,
            summary.rows_with_problems
        ),
        (5, 5, 0)
    );
    assert!(summary.problems.is_empty());
    // EC2 usage: 12.3456789 + 0.00000015 = 12.34567905; Lambda 0.25.
    assert_eq!(total(&summary, ChargeCategory::Usage), d("12.59567905"));
    assert_eq!(total(&summary, ChargeCategory::Credit), d("-5.00"));
    assert_eq!(total(&summary, ChargeCategory::Tax), d("100"));
    assert_eq!(summary.total(), d("107.59567905"));
    let rows: Vec<_> = summary
        .aggregates
        .iter()
        .map(|a| {
            (
                a.subscription_id,
                a.service.as_str(),
                a.category,
                a.amount,
                a.rows,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (bosco(), "AWS Lambda", ChargeCategory::Usage, d("0.25"), 1),
            (
                bosco(),
                "Amazon Elastic Compute Cloud",
                ChargeCategory::Usage,
                d("12.34567905"),
                2
            ),
            (
                bosco(),
                "Amazon Elastic Compute Cloud",
                ChargeCategory::Credit,
                d("-5.00"),
                1
            ),
            (
                ferreteria(),
                "Amazon Elastic Compute Cloud",
                ChargeCategory::Tax,
                d("100"),
                1
            ),
        ]
    );
    assert!(
        summary
            .aggregates
            .iter()
            .all(|a| a.period == period("2026-11"))
    );
    assert_eq!(summary.months, vec!["2026-11".to_string()]);
    Ok(())
}

#[test]
fn a_bom_and_crlf_line_ends_are_read_as_a_plain_file() -> Outcome {
    let plain = import(&handmade::focus(&november(), Shape::default())?)?;
    let shaped = Shape {
        bom: true,
        crlf: true,
        ..Shape::default()
    };
    let bytes = handmade::focus(&november(), shaped)?;
    assert!(bytes.starts_with(b"\xEF\xBB\xBFSubAccountId"));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    let summary = import(&bytes)?;
    assert_eq!(summary.aggregates, plain.aggregates);
    assert!(summary.problems.is_empty());
    Ok(())
}

#[test]
fn a_quoted_description_with_commas_and_a_line_break_keeps_lines_counted() -> Outcome {
    let mut charges = november();
    charges[1].description = "first line, with a comma\nsecond line, \"quoted\"".to_string();
    charges[3].account = "999988887777".to_string();
    let summary = import(&handmade::focus(&charges, Shape::default())?)?;
    // Header line 1; rows on lines 2, 3–4 (the break), 5, 6.
    assert_eq!(
        seen(&summary),
        vec![problem(
            6,
            "SubAccountId",
            ProblemKind::UnknownAccount,
            "999988887777"
        )]
    );
    assert_eq!(summary.rows_billed, 4);
    Ok(())
}

#[test]
fn a_gzip_file_is_recognised_by_its_bytes_and_hashed_compressed() -> Outcome {
    let plain = import(&handmade::focus(&november(), Shape::default())?)?;
    let gzip = Shape {
        gzip: true,
        bom: true,
        ..Shape::default()
    };
    let bytes = handmade::focus(&november(), gzip)?;
    assert_eq!(&bytes[..2], &[0x1f, 0x8b]);
    let summary = import(&bytes)?;
    assert_eq!(summary.aggregates, plain.aggregates);
    assert_eq!(summary.sha256, hex::encode(Sha256::digest(&bytes)));
    assert_eq!(summary.bytes, bytes.len() as u64);
    assert_ne!(summary.sha256, plain.sha256);
    Ok(())
}

#[test]
fn the_same_file_has_the_same_hash_and_import_id_every_time() -> Outcome {
    let bytes = handmade::focus(&november(), Shape::default())?;
    let first = import(&bytes)?;
    let second = import(&bytes)?;
    assert_eq!(first.sha256, hex::encode(Sha256::digest(&bytes)));
    assert_eq!(first.sha256, second.sha256);
    assert_eq!(first.import_id(), import_id(&first.sha256));
    let at = chrono::DateTime::UNIX_EPOCH;
    let record = first.to_import("focus-2026-11.csv", "liz.benitez", at);
    assert_eq!(record.id, second.to_import("otro-nombre.csv", "x", at).id);
    assert_eq!(
        (record.rows, record.rows_billed, record.rows_with_problems),
        (5, 5, 0)
    );
    assert_eq!(record.aggregates, first.aggregates);
    assert_eq!(record.months, vec!["2026-11".to_string()]);
    let mut other = november();
    other[0].cost = "12.3456780".to_string();
    assert_ne!(
        import(&handmade::focus(&other, Shape::default())?)?.sha256,
        first.sha256
    );
    Ok(())
}

#[test]
fn a_cur_file_gives_the_same_sums_as_its_focus_twin() -> Outcome {
    let mut charges = november();
    charges[3].category = "EdpDiscount".to_string();
    charges[4].service = String::new(); // a CUR tax row without a service name…
    let focus = import(&handmade::focus(&november(), Shape::default())?)?;
    let bytes = handmade::file(
        &[
            "line_item_usage_account_id",
            "line_item_usage_start_date",
            "line_item_usage_end_date",
            "line_item_line_item_type",
            "line_item_product_code",
            "product_servicename",
            "line_item_unblended_cost",
            "line_item_currency_code",
        ],
        &charges
            .iter()
            .cloned()
            .map(|mut c| {
                // …names its service by the product code.
                c.description = "AmazonEC2".to_string();
                c
            })
            .collect::<Vec<_>>(),
        Shape::default(),
    )?;
    let cur = import(&bytes)?;
    assert_eq!(cur.format, ExportFormat::Cur2);
    assert_eq!(cur.totals, focus.totals);
    assert!(
        cur.aggregates
            .iter()
            .any(|a| a.service == "AmazonEC2" && a.category == ChargeCategory::Tax)
    );
    Ok(())
}

#[test]
fn a_wrong_header_is_one_problem_naming_the_missing_columns_and_nothing_is_imported() -> Outcome {
    let header = [
        "SubAccountId",
        "ChargePeriodStart",
        "ChargeCategory",
        "ServiceName",
        "Cost",
        "BillingCurrency",
        "X",
        "Y",
    ];
    let bytes = handmade::file(&header, &november(), Shape::default())?;
    let (outcome, report) = import_reporting(&bytes, &[]);
    let Err(ImportError::WrongHeader { problem: p }) = outcome else {
        panic!("imported a wrong header: {outcome:?}");
    };
    assert_eq!((p.line, p.kind), (1, ProblemKind::MissingColumn));
    assert_eq!(p.column, "BilledCost, ChargePeriodEnd");
    assert!(
        p.message_es
            .contains("le faltan estas columnas: BilledCost, ChargePeriodEnd"),
        "{}",
        p.message_es
    );
    assert!(
        p.message_en
            .contains("lacks these columns: BilledCost, ChargePeriodEnd"),
        "{}",
        p.message_en
    );
    assert_eq!(report.lines().count(), 2, "{report}");

    let Err(ImportError::WrongHeader { problem: p }) = import(b"fecha,monto\n2026-11-01,3\n")
    else {
        panic!("imported a file that is no export");
    };
    assert!(
        p.message_es
            .contains("no es de FOCUS 1.x ni de AWS CUR 2.0"),
        "{}",
        p.message_es
    );
    assert!(matches!(import(b""), Err(ImportError::Empty)));
    Ok(())
}

#[test]
fn a_cut_gzip_file_is_refused_whole() -> Outcome {
    let gzip = Shape {
        gzip: true,
        ..Shape::default()
    };
    let bytes = handmade::focus(&november(), gzip)?;
    let cut = &bytes[..bytes.len() - 12];
    let outcome = import(cut);
    assert!(matches!(outcome, Err(ImportError::Read(_))), "{outcome:?}");
    Ok(())
}

#[test]
fn a_description_longer_than_a_chunk_is_read_whole_and_later_lines_keep_their_numbers() -> Outcome {
    // The reader hands the text over in chunks of 64 KiB; a record cut by a chunk's end is
    // carried into the next one. These descriptions span several chunks, with commas,
    // quotes and line breaks, one of them on every 1,000th byte.
    let mut charges = november();
    let long = |fill: char| {
        (0..150_000)
            .map(|i| match i % 1000 {
                0 => '\n',
                500 => ',',
                700 => '"',
                _ => fill,
            })
            .collect::<String>()
    };
    charges[0].description = long('a');
    charges[2].description = long('b');
    charges[4].account = "999988887777".to_string();
    let bytes = handmade::focus(&charges, Shape::default())?;
    assert!(bytes.len() > 300_000);
    let summary = import(&bytes)?;
    // 150 line breaks in each long description: the last row starts on line 2 + 150 + 1
    // + 1 + 150 + 1 + 1.
    assert_eq!(
        seen(&summary),
        vec![problem(
            306,
            "SubAccountId",
            ProblemKind::UnknownAccount,
            "999988887777"
        )]
    );
    assert_eq!(summary.rows, 5);
    assert_eq!(total(&summary, ChargeCategory::Usage), d("12.59567905"));
    Ok(())
}
