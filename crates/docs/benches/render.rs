//! Speed of rendering a Welcome KIT (the demonstration one: 4 pages, a logo, five
//! tables, a QR code on every page).
//!
//! Run: `cargo bench -p nimbo-docs --bench render` (figures go to BENCHMARKS.md).
//!
//! Groups:
//! - `welcome_kit`: `render` (snapshot → PDF bytes, fonts already parsed), and its two
//!   halves, `layout` (positions only) and `write` (printpdf, font subsetting, lopdf).
//! - `welcome_kit_x1000`: 1,000 renders spread over two threads, as a batch of a month's
//!   documents would run on the two cores of a laptop.
//! - `statement`: the demonstration statement (3 pages: five charge lines with their
//!   explanations, seven AWS services, the twelve periods' bar chart and table), `render`,
//!   `layout` and `write` as above. Run it alone with `-- statement`.
//! - `service_status`: `render` of each demonstration document of a service's life after
//!   onboarding — the penalty table (2 pages, two services with their explanations,
//!   unpaid instalments, signature blocks), the termination confirmation (2 pages, the
//!   three authorisations), the suspension notice (2 pages, two overdue invoices) and the
//!   reconnection notice (1 page). Run it alone with `-- service_status`.
//!
//! After criterion's figures (mean per call with its confidence interval), the median of
//! 300 single renders is printed: BENCHMARKS.md quotes both.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use nimbo_docs::{Document, Rendered, fonts, samples};

/// The time this thread has spent on a CPU, in nanoseconds (Linux's
/// `/proc/thread-self/schedstat`): unlike the wall clock, it leaves out the time the thread
/// waited for a core while other programs ran.
fn on_cpu() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Prints the min, median, p95 and max of 300 single calls of `render` by the wall clock
/// and, where Linux tells it, their mean time spent on a CPU.
fn single_calls(name: &str, bytes: usize, render: impl Fn()) {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..300 {
        let cpu_start = on_cpu();
        let start = Instant::now();
        render();
        wall.push(start.elapsed());
        if let (Some(a), Some(b)) = (cpu_start, on_cpu()) {
            cpu.push(Duration::from_nanos(b.saturating_sub(a)));
        }
    }
    let summary = |times: &mut Vec<Duration>| {
        times.sort();
        format!(
            "min {:?}, p50 {:?}, p95 {:?}, max {:?}",
            times[0],
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            times[times.len() - 1]
        )
    };
    println!(
        "{name} single calls: {} ({bytes} bytes)",
        summary(&mut wall)
    );
    // The kernel accounts CPU time in scheduler ticks here (4 ms steps on these VMs), so
    // a single call's figure is coarse; the mean over the calls is not.
    if cpu.len() == wall.len() {
        let mean = cpu.iter().sum::<Duration>() / cpu.len() as u32;
        println!("{name} on a CPU: mean {mean:?} per call");
    }
}

fn welcome_kit(c: &mut Criterion) {
    let fonts = fonts().unwrap();
    let doc = Document::WelcomeKit(samples::welcome_kit());
    let mut group = c.benchmark_group("welcome_kit");
    group.bench_function("render", |b| {
        b.iter(|| black_box(doc.render_with(fonts).unwrap()))
    });
    group.bench_function("layout", |b| {
        b.iter(|| black_box(doc.layout(fonts).unwrap()))
    });
    group.bench_function("write", |b| {
        b.iter_batched(
            || doc.layout(fonts).unwrap(),
            |layout| black_box(layout.write(fonts).unwrap()),
            BatchSize::SmallInput,
        )
    });
    group.finish();

    let mut times: Vec<Duration> = (0..300)
        .map(|_| {
            let start = Instant::now();
            black_box(doc.render_with(fonts).unwrap());
            start.elapsed()
        })
        .collect();
    times.sort();
    let bytes = doc.render_with(fonts).unwrap().pdf.len();
    println!(
        "welcome_kit/render single calls: min {:?}, p50 {:?}, p95 {:?}, max {:?} ({bytes} bytes)",
        times[0],
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        times[times.len() - 1]
    );
}

fn welcome_kit_x1000(c: &mut Criterion) {
    let fonts = fonts().unwrap();
    let doc = Document::WelcomeKit(samples::welcome_kit());
    let mut group = c.benchmark_group("welcome_kit_x1000");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("two_threads", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for _ in 0..2 {
                    s.spawn(|| {
                        for _ in 0..500 {
                            black_box(doc.render_with(fonts).unwrap());
                        }
                    });
                }
            })
        })
    });
    group.finish();
}

fn statement(c: &mut Criterion) {
    let fonts = fonts().unwrap();
    let s = samples::statement();
    let mut group = c.benchmark_group("statement");
    group.bench_function("render", |b| {
        b.iter(|| black_box(s.render_with(fonts).unwrap()))
    });
    group.bench_function("layout", |b| b.iter(|| black_box(s.layout(fonts).unwrap())));
    group.bench_function("write", |b| {
        b.iter_batched(
            || s.layout(fonts).unwrap(),
            |layout| black_box(layout.write(fonts).unwrap()),
            BatchSize::SmallInput,
        )
    });
    group.finish();
    let rendered = s.render_with(fonts).unwrap();
    single_calls(
        &format!("statement/render ({} pages)", rendered.pages),
        rendered.pdf.len(),
        || {
            black_box(s.render_with(fonts).unwrap());
        },
    );
}

/// A document's render, by name.
type Render<'a> = (&'static str, Box<dyn Fn() -> Rendered + 'a>);

fn service_status(c: &mut Criterion) {
    let fonts = fonts().unwrap();
    let penalty = samples::penalty_table(false);
    let confirmation = samples::termination_confirmation();
    let suspension = samples::suspension_notice();
    let reconnection = samples::reconnection_notice();
    let documents: [Render; 4] = [
        (
            "penalty_table",
            Box::new(|| penalty.render_with(fonts).unwrap()),
        ),
        (
            "termination_confirmation",
            Box::new(|| confirmation.render_with(fonts).unwrap()),
        ),
        (
            "suspension_notice",
            Box::new(|| suspension.render_with(fonts).unwrap()),
        ),
        (
            "reconnection_notice",
            Box::new(|| reconnection.render_with(fonts).unwrap()),
        ),
    ];
    let mut group = c.benchmark_group("service_status");
    for (name, render) in &documents {
        group.bench_function(format!("{name}/render"), |b| b.iter(|| black_box(render())));
    }
    group.finish();
    for (name, render) in &documents {
        let rendered = render();
        single_calls(
            &format!("service_status/{name}/render ({} pages)", rendered.pages),
            rendered.pdf.len(),
            || {
                black_box(render());
            },
        );
    }
}

criterion_group!(
    benches,
    welcome_kit,
    welcome_kit_x1000,
    statement,
    service_status
);
criterion_main!(benches);
