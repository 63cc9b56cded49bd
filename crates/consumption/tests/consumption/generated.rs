//! Real-shaped generated exports import to exactly the sums the generator wrote, and the
//! progress callback follows the bytes.

use nimbo_consumption::generate::{self, Spec};
use nimbo_consumption::{Importer, Progress};
use nimbo_domain::billing::ExportFormat;
use uuid::Uuid;

use crate::support::Outcome;

/// Every generated account belongs to a subscription of its own.
fn generated_subscription(account: &str) -> Option<Uuid> {
    account.parse::<u128>().ok().map(Uuid::from_u128)
}

#[test]
fn a_generated_focus_file_sums_to_what_was_written() -> Outcome {
    let spec = Spec::focus(5_000, 12);
    let mut bytes = Vec::new();
    let written = generate::write(&spec, &mut bytes)?;
    let summary = Importer::new(&generated_subscription).read(&bytes[..])?;
    assert_eq!(summary.format, ExportFormat::Focus);
    assert_eq!((summary.rows, summary.rows_billed), (5_000, 5_000));
    assert!(
        summary.problems.is_empty(),
        "{:?}",
        summary.problems.first()
    );
    assert_eq!(summary.total(), written.total);
    for (category, amount) in &written.by_category {
        assert_eq!(
            summary.totals.get(category).copied().unwrap_or_default(),
            *amount
        );
    }
    // A November export feeds periods 2026-10 and 2026-11.
    let mut periods: Vec<_> = summary
        .aggregates
        .iter()
        .map(|a| a.period.to_string())
        .collect();
    periods.dedup();
    assert_eq!(periods.first().map(String::as_str), Some("2026-10"));
    assert!(periods.iter().any(|p| p == "2026-11"));
    // The same spec writes the same bytes.
    let mut again = Vec::new();
    generate::write(&spec, &mut again)?;
    assert_eq!(again, bytes);
    Ok(())
}

#[test]
fn a_generated_gzip_cur_file_sums_to_what_was_written() -> Outcome {
    let spec = Spec::cur2(5_000, 12);
    let mut bytes = Vec::new();
    let written = generate::write(&spec, &mut bytes)?;
    assert_eq!(&bytes[..2], &[0x1f, 0x8b]);
    let summary = Importer::new(&generated_subscription).read(&bytes[..])?;
    assert_eq!(summary.format, ExportFormat::Cur2);
    assert!(
        summary.problems.is_empty(),
        "{:?}",
        summary.problems.first()
    );
    assert_eq!(summary.rows_billed, 5_000);
    assert_eq!(summary.total(), written.total);
    assert_eq!(summary.months, vec!["2026-11".to_string()]);
    Ok(())
}

#[test]
fn progress_is_reported_at_most_every_mebibyte_and_at_the_end() -> Outcome {
    let mut bytes = Vec::new();
    generate::write(&Spec::focus(20_000, 3), &mut bytes)?;
    let size = bytes.len() as u64;
    assert!(size > 3 << 20, "{size}");
    let mut seen: Vec<Progress> = Vec::new();
    let mut on_progress = |p: Progress| seen.push(p);
    Importer::new(&generated_subscription)
        .total_bytes(size)
        .on_progress(&mut on_progress)
        .read(&bytes[..])?;
    assert!(
        seen.len() >= 3 && seen.len() as u64 <= size / (1 << 20) + 1,
        "{}",
        seen.len()
    );
    assert!(
        seen.windows(2)
            .all(|w| w[1].bytes_read >= w[0].bytes_read + (1 << 20) || w[1].bytes_read == size)
    );
    assert_eq!(
        seen.last().map(|p| (p.bytes_read, p.total_bytes)),
        Some((size, Some(size)))
    );
    Ok(())
}
