//! Every problem names its line, column, kind and value; nothing is dropped or guessed,
//! and the report the specialist opens in Excel lists them all.

use nimbo_consumption::generate::handmade::{self, Charge, Shape};
use nimbo_consumption::{Importer, ProblemKind};
use nimbo_domain::Lang;
use nimbo_domain::billing::ChargeCategory;

use crate::support::*;

fn ok(start: &str, cost: &str) -> Charge {
    Charge::usage(BOSCO, start, cost)
}

#[test]
fn each_malformed_value_is_reported_at_its_line_and_column() -> Outcome {
    let charges = vec![
        ok("2026-11-20T10:00:00Z", "10"),                 // line 2: fine
        ok("2026-11-20T10:00:00Z", "").category("Usage"), // 3: empty cost
        ok("2026-11-20T10:00:00Z", "1,50"),               // 4: malformed number
        ok("20/11/2026 10:00", "1").end("2026-11-20T11:00:00Z"), // 5: malformed date
        ok("2026-11-20T10:00:00Z", "1").currency("PYG"),  // 6: other currency
        Charge::usage("999988887777", "2026-11-20T10:00:00Z", "1"), // 7: unknown account
        ok("2026-11-20T10:00:00Z", "1").category("Rebate"), // 8: unknown category
        ok("2026-11-20T10:00:00Z", "1").service(""),      // 9: empty service
        ok("2026-11-20T10:00:00Z", "1").end("mañana"),    // 10: malformed end
        ok("2026-11-20T10:00:00Z", "2"),                  // 11: fine
        ok("2026-11-20T10:00:00Z", "7"),                  // 12: cut short
    ];
    let bytes = handmade::focus(
        &charges,
        Shape {
            truncate_last: true,
            ..Shape::default()
        },
    )?;
    assert!(!bytes.ends_with(b"\n"));
    let (outcome, report) = import_reporting(&bytes, &[]);
    let summary = outcome?;
    assert_eq!(
        seen(&summary),
        vec![
            problem(3, "BilledCost", ProblemKind::EmptyCost, ""),
            problem(4, "BilledCost", ProblemKind::MalformedNumber, "1,50"),
            problem(
                5,
                "ChargePeriodStart",
                ProblemKind::MalformedDate,
                "20/11/2026 10:00"
            ),
            problem(6, "BillingCurrency", ProblemKind::OtherCurrency, "PYG"),
            problem(
                7,
                "SubAccountId",
                ProblemKind::UnknownAccount,
                "999988887777"
            ),
            problem(8, "ChargeCategory", ProblemKind::UnknownCategory, "Rebate"),
            problem(9, "ServiceName", ProblemKind::EmptyValue, ""),
            problem(10, "ChargePeriodEnd", ProblemKind::MalformedDate, "mañana"),
            problem(12, "ChargeDescription", ProblemKind::TruncatedLine, "Usage"),
        ]
    );
    assert_eq!(
        (
            summary.rows,
            summary.rows_billed,
            summary.rows_with_problems
        ),
        (11, 2, 9)
    );
    assert_eq!(total(&summary, ChargeCategory::Usage), d("12"));
    assert_eq!(summary.problems_total(), 9);
    assert_eq!(
        summary.problem_counts.get(&ProblemKind::MalformedDate),
        Some(&2)
    );

    // The report: a BOM for Excel, a header, one line per problem, Spanish words.
    assert!(
        report.starts_with("\u{feff}linea,columna,problema,valor,detalle\n"),
        "{report}"
    );
    assert_eq!(report.lines().count(), 10);
    assert!(
        report.contains("7,SubAccountId,Cuenta AWS sin suscripción,999988887777,La cuenta AWS «999988887777» no pertenece a ninguna suscripción"),
        "{report}"
    );
    assert!(
        report.contains("4,BilledCost,Importe mal escrito,\"1,50\","),
        "{report}"
    );
    Ok(())
}

#[test]
fn a_row_with_several_problems_reports_each_and_counts_once() -> Outcome {
    let charges = vec![Charge::usage("999988887777", "ayer", "x").currency("EUR")];
    let summary = import(&handmade::focus(&charges, Shape::default())?)?;
    let kinds: Vec<_> = summary.problems.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ProblemKind::UnknownAccount,
            ProblemKind::OtherCurrency,
            ProblemKind::MalformedNumber,
            ProblemKind::MalformedDate, // the start…
            ProblemKind::MalformedDate, // …and the end (the same «ayer»)
        ]
    );
    assert!(summary.problems.iter().all(|p| p.line == 2));
    assert_eq!(summary.rows_with_problems, 1);
    assert!(summary.aggregates.is_empty());
    Ok(())
}

#[test]
fn every_message_says_how_to_fix_it_in_both_languages() -> Outcome {
    let charges = vec![
        Charge::usage("999988887777", "ayer", "")
            .currency("EUR")
            .category("?")
            .service(""),
    ];
    let summary = import(&handmade::focus(&charges, Shape::default())?)?;
    assert!(summary.problems.len() >= 5);
    for p in &summary.problems {
        assert!(p.message(Lang::Es).ends_with('.'), "{}", p.message_es);
        assert!(p.message(Lang::En).ends_with('.'), "{}", p.message_en);
        assert!(p.message_es.contains(':'), "no fix said: {}", p.message_es);
        assert_ne!(p.message_es, p.message_en);
        assert!(!p.kind.label(Lang::Es).is_empty() && !p.kind.id().is_empty());
    }
    Ok(())
}

#[test]
fn the_first_problems_are_kept_and_all_are_counted_and_reported() -> Outcome {
    let charges: Vec<Charge> = (0..50)
        .map(|_| Charge::usage("999988887777", "2026-11-20T10:00:00Z", "1"))
        .collect();
    let bytes = handmade::focus(&charges, Shape::default())?;
    let mut report = Vec::new();
    let summary = Importer::new(&subscription_of)
        .keep_problems(5)
        .problem_report(&mut report, Lang::En)
        .read(&bytes[..])?;
    assert_eq!(summary.problems.len(), 5);
    assert_eq!(summary.problems[4].line, 6);
    assert_eq!(
        summary.problem_counts.get(&ProblemKind::UnknownAccount),
        Some(&50)
    );
    let report = String::from_utf8_lossy(&report);
    assert_eq!(report.lines().count(), 51);
    assert!(report.contains("51,SubAccountId,Unknown AWS account,999988887777,AWS account"));
    Ok(())
}

#[test]
fn problems_of_a_crlf_file_name_the_physical_line() -> Outcome {
    let charges = vec![
        ok("2026-11-20T10:00:00Z", "1"),
        ok("2026-11-20T10:00:00Z", "2"),
        Charge::usage("999988887777", "2026-11-20T10:00:00Z", "3"),
    ];
    let shape = Shape {
        crlf: true,
        bom: true,
        ..Shape::default()
    };
    let summary = import(&handmade::focus(&charges, shape)?)?;
    assert_eq!(
        seen(&summary),
        vec![problem(
            4,
            "SubAccountId",
            ProblemKind::UnknownAccount,
            "999988887777"
        )]
    );
    Ok(())
}

#[test]
fn a_download_cut_inside_a_quoted_description_is_a_truncated_line() -> Outcome {
    let mut bytes = handmade::focus(&[ok("2026-11-20T10:00:00Z", "1")], Shape::default())?;
    bytes.extend_from_slice(
        b"111122223333,2026-11-20T10:00:00Z,2026-11-20T10:00:00Z,Usage,\"$0.05 per hour, sa-ea",
    );
    let summary = import(&bytes)?;
    assert_eq!(
        seen(&summary),
        vec![problem(
            3,
            "ServiceName",
            ProblemKind::TruncatedLine,
            "$0.05 per hour, sa-ea"
        )]
    );
    assert_eq!((summary.rows, summary.rows_billed), (2, 1));
    Ok(())
}

#[test]
fn a_sum_too_large_to_hold_is_reported_at_the_row_that_overflows_it() -> Outcome {
    // Decimal holds magnitudes below 2⁹⁶ (about 7.9 × 10²⁸): a damaged file's third row
    // would carry the sum past it. Rows before and after it are summed as usual.
    let huge = "79228162514264337593543950000";
    let charges = vec![
        ok("2026-11-20T10:00:00Z", "1.25"),                       // line 2
        ok("2026-11-20T10:00:00Z", huge),                         // 3: the sum is now huge + 1.25
        ok("2026-11-20T10:00:00Z", "400"),                        // 4: past Decimal's largest
        ok("2026-11-20T10:00:00Z", "-2"),                         // 5: fine again
        Charge::usage(FERRETERIA, "2026-11-20T10:00:00Z", "3.5"), // 6: another sum
    ];
    let bytes = handmade::focus(&charges, Shape::default())?;
    let summary = import(&bytes)?;
    assert_eq!(
        seen(&summary),
        vec![problem(
            4,
            "BilledCost",
            ProblemKind::MalformedNumber,
            "400"
        )]
    );
    let amounts: Vec<_> = summary
        .aggregates
        .iter()
        .map(|a| (a.aws_account.as_str(), a.amount, a.rows))
        .collect();
    assert_eq!(
        amounts,
        vec![
            (BOSCO, d(huge) + d("1.25") - d("2"), 3),
            (FERRETERIA, d("3.5"), 1)
        ]
    );
    assert_eq!(summary.rows_billed, 4);
    Ok(())
}

#[test]
fn problems_deep_in_a_large_file_are_found_as_near_its_start() -> Outcome {
    // Past the first chunks the parser's thread reads amounts, timestamps and names ahead
    // of the tally: the same problems must come out, at the same lines, as in the first.
    let bad = vec![
        ok("2026-11-20T10:00:00Z", "").category("Usage"), // empty cost
        ok("2026-11-20T10:00:00Z", "1,50"),               // malformed number
        ok("20/11/2026 10:00", "1").end("2026-11-20T11:00:00Z"), // malformed date
        Charge::usage("999988887777", "2026-11-20T10:00:00Z", "1"), // unknown account
        ok("2026-11-20T10:00:00Z", "1").service(""),      // empty service
        ok("2026-11-20T10:00:00Z", "1").end("mañana"),    // malformed end
        ok("2026-11-20T10:00:00Z", "1.5E-7"),             // fine, scientific
    ];
    let filler = 3_000;
    let mut charges: Vec<Charge> = (0..filler)
        .map(|i| {
            ok(
                "2026-11-21T08:00:00Z",
                if i % 2 == 0 { "0.25" } else { "-0.25" },
            )
        })
        .collect();
    charges.extend(bad.iter().cloned());
    let deep = import(&handmade::focus(&charges, Shape::default())?)?;
    let near = import(&handmade::focus(&bad, Shape::default())?)?;
    let shifted: Vec<_> = seen(&near)
        .into_iter()
        .map(|(line, column, kind, value)| (line + filler, column, kind, value))
        .collect();
    assert_eq!(seen(&deep), shifted);
    assert_eq!(seen(&deep).len(), 6);
    assert_eq!(deep.rows_billed, near.rows_billed + filler);
    assert_eq!(deep.total(), near.total());
    assert_eq!(deep.total(), d("0.00000015"));
    Ok(())
}
