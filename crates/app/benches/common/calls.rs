//! Every single call's time, kept beside criterion's means: each group ends by printing
//! their distribution (min, p50, p95, p99, max, warm-up included), which BENCHMARKS.md
//! quotes for the median and the tail.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// Every call's own time, by benchmark.
static CALLS: Mutex<BTreeMap<String, Vec<Duration>>> = Mutex::new(BTreeMap::new());

/// Keeps one call's time under the benchmark's name.
pub fn record(name: &str, took: Duration) {
    CALLS
        .lock()
        .expect("calls")
        .entry(name.to_string())
        .or_default()
        .push(took);
}

/// Prints, for each benchmark whose name starts with `group`, the distribution of its
/// single calls.
pub fn report(group: &str) {
    let mut calls = CALLS.lock().expect("calls");
    for (name, samples) in calls.iter_mut() {
        if name.starts_with(group) {
            percentiles(name, samples);
        }
    }
}

fn percentiles(label: &str, samples: &mut [Duration]) {
    if samples.is_empty() {
        return;
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    eprintln!(
        "{label}: {} calls, per call: min {:.3} ms, p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        samples.len(),
        samples[0].as_secs_f64() * 1e3,
        at(0.50).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3,
    );
}
