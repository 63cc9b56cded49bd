//! The consumption import benchmark (BENCHMARKS.md §7), side by side with DuckDB in one
//! run: generates a 1,000,000-row FOCUS CSV (≈ 200 MB) and a 1,000,000-row gzip CUR 2.0
//! CSV into a scratch folder (not the repository; kept between runs), then imports each
//! several times, each import in a fresh process of this same binary so that its peak
//! memory (`VmHWM`) is the import's alone, and runs `scripts/bench-duckdb.py` on the same
//! file as many times, one of each in turn. Prints wall time, CPU time and peak memory of
//! both, their medians, and a digest of everything the import returned (the same digest
//! means the same sums, counts, problems and file hash).
//!
//! ```sh
//! pip install duckdb
//! cargo bench -p nimbo-consumption --bench import
//! NIMBO_BENCH_DIR=/tmp/x NIMBO_BENCH_RUNS=5 cargo bench -p nimbo-consumption --bench import
//! ```
//!
//! Not a timed test: CI never runs it.

use std::error::Error;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use nimbo_consumption::Importer;
use nimbo_consumption::generate::{self, Spec};
use uuid::Uuid;

type Outcome = Result<(), Box<dyn Error>>;

const ROWS: u64 = 1_000_000;
const ACCOUNTS: u32 = 300;

fn main() -> Outcome {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [flag, file] = &args[..]
        && flag == "--import"
    {
        return import_once(Path::new(file));
    }
    let dir = PathBuf::from(
        std::env::var("NIMBO_BENCH_DIR").unwrap_or_else(|_| "/tmp/nimbo-bench-import".into()),
    );
    let runs: usize = std::env::var("NIMBO_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    std::fs::create_dir_all(&dir)?;
    let files = [
        (
            dir.join(format!("focus-{ROWS}.csv")),
            Spec::focus(ROWS, ACCOUNTS),
        ),
        (
            dir.join(format!("cur2-{ROWS}.csv.gz")),
            Spec::cur2(ROWS, ACCOUNTS),
        ),
    ];
    for (path, spec) in &files {
        if !path.exists() {
            let started = Instant::now();
            let partial = path.with_extension("partial");
            let written = generate::write(spec, std::io::BufWriter::new(File::create(&partial)?))?;
            std::fs::rename(&partial, path)?;
            println!(
                "generated {} ({} rows, {:.1} MB, total {}) in {:.1} s",
                path.display(),
                written.rows,
                mb(path)?,
                written.total.round_dp(2),
                started.elapsed().as_secs_f64()
            );
        }
    }
    let me = std::env::current_exe()?;
    let duckdb = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/bench-duckdb.py");
    println!(
        "load average at start: {}",
        std::fs::read_to_string("/proc/loadavg")?.trim()
    );
    for (path, _) in &files {
        println!("\n== {} ({:.1} MB)", path.display(), mb(path)?);
        // Alternately, so that both sides see the same load on a shared machine.
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for run in 1..=runs {
            let out = Command::new(&me).arg("--import").arg(path).output()?;
            let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
            println!("nimbo  run {run}: {line}");
            if !out.status.success() {
                println!("{}", String::from_utf8_lossy(&out.stderr));
            }
            ours.push(line);
            match Command::new("python3").arg(&duckdb).arg(path).output() {
                Ok(out) if out.status.success() => {
                    let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
                    println!("duckdb run {run}: {line}");
                    theirs.push(line);
                }
                Ok(out) => println!(
                    "duckdb run {run} failed (pip install duckdb?): {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
                Err(e) => println!("duckdb run {run}: python3 did not start: {e}"),
            }
        }
        for (side, lines) in [("nimbo ", &ours), ("duckdb", &theirs)] {
            println!(
                "{side} median: seconds={} cpu={}",
                median(lines, "seconds="),
                median(lines, "cpu=")
            );
        }
    }
    println!(
        "load average at end: {}",
        std::fs::read_to_string("/proc/loadavg")?.trim()
    );
    Ok(())
}

/// Imports one file in this process and prints one line: time, peak memory, counts.
fn import_once(path: &Path) -> Outcome {
    // Every generated account belongs to a subscription: the import's whole work.
    let subscription_of = |account: &str| account.parse::<u128>().ok().map(Uuid::from_u128);
    let size = std::fs::metadata(path)?.len();
    let mut progress_calls = 0u64;
    let mut on_progress = |_: nimbo_consumption::Progress| progress_calls += 1;
    let cpu_before = cpu_seconds()?;
    let started = Instant::now();
    let summary = Importer::new(&subscription_of)
        .total_bytes(size)
        .on_progress(&mut on_progress)
        .read(File::open(path)?)?;
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds()? - cpu_before;
    let hwm = std::fs::read_to_string("/proc/self/status")?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_string()))
        .unwrap_or_default();
    let groups: std::collections::BTreeSet<_> = summary
        .aggregates
        .iter()
        .map(|a| (a.aws_account.as_str(), a.service.as_str()))
        .collect();
    // Everything the import returns, hashed: two builds that print the same digest
    // computed the same sums (amounts with their scale), counts, problems and file hash.
    let digest = {
        use sha2::{Digest, Sha256};
        hex::encode(&Sha256::digest(format!("{summary:?}").as_bytes())[..8])
    };
    println!(
        "seconds={seconds:.3} cpu={cpu:.2} vmhwm={} rows={} billed={} problems={} aggregates={} \
         account_service_groups={} total={} progress_calls={progress_calls} summary={digest}",
        hwm.replace(' ', ""),
        summary.rows,
        summary.rows_billed,
        summary.problems_total(),
        summary.aggregates.len(),
        groups.len(),
        summary.total().round_dp(2),
    );
    Ok(())
}

/// This process's user + system time so far, all threads, from /proc/self/stat (in clock
/// ticks of 1/100 s, Linux's USER_HZ).
fn cpu_seconds() -> Result<f64, Box<dyn Error>> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // The fields after the command's closing parenthesis; utime and stime are the 12th
    // and 13th of them (14th and 15th of the line).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    Ok((ticks(11) + ticks(12)) / 100.0)
}

/// The median of a figure (`seconds=`, `cpu=`) over result lines, as printed.
fn median(lines: &[String], figure: &str) -> String {
    let mut values: Vec<f64> = lines
        .iter()
        .filter_map(|line| {
            line.split_whitespace()
                .find_map(|word| word.strip_prefix(figure))
                .and_then(|v| v.parse().ok())
        })
        .collect();
    values.sort_by(f64::total_cmp);
    values
        .get(values.len() / 2)
        .map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn mb(path: &Path) -> std::io::Result<f64> {
    Ok(std::fs::metadata(path)?.len() as f64 / 1e6)
}
